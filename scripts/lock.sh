#!/usr/bin/env bash
# Regenerate the locks from the direct pins, with every transitive dependency and its hashes:
#   requirements.in     -> requirements.txt      (runtime; what Streamlit Community Cloud installs)
#   requirements-dev.in -> requirements-dev.txt  (runtime + tests; what scripts/bootstrap.sh --test installs)
# Needs PyPI. uv (pinned below) is installed into a tool venv of its own, outside the project's.
# Versions already in a lock are kept unless a pin in a .in file changes them; to move the rest
# to the newest allowed: bash scripts/lock.sh --upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
tools=${LOCK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/lima-lock-tools}
if [ ! -x "$tools/bin/uv" ] || [ "$("$tools/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
# --universal: one lock for every platform (markers where they differ); Python as deployed (3.11).
common=(--universal --python-version 3.11 --generate-hashes --quiet
        --custom-compile-command "bash scripts/lock.sh" "$@")
"$tools/bin/uv" pip compile requirements.in -o requirements.txt "${common[@]}"
"$tools/bin/uv" pip compile requirements-dev.in -o requirements-dev.txt "${common[@]}"
echo "lock.sh: $(grep -c '==' requirements.txt) runtime and $(grep -c '==' requirements-dev.txt) runtime + test packages locked"
