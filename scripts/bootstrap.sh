#!/usr/bin/env bash
# Set up a fresh machine that has only python3 (and apt): a virtualenv in .venv with exactly the
# locked packages (requirements.txt); with --test also the test packages (requirements-dev.txt)
# and Debian's chromium and nginx for the browser and proxy tests.
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PIP_VERSION=26.3  # the installer itself, pinned too
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv || {
    echo "python3 -m venv failed; installing Debian's python3-venv" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv .venv
  }
fi

# The locks (written by scripts/lock.sh) name every package, its exact version and the hashes of
# its files: pip installs exactly those, checks every download against them, resolves nothing.
reqs=requirements.txt
[ $want_test = 1 ] && reqs=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)-$want_test"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$reqs"
  touch "$stamp"
fi

# For the tests: Debian's chromium (browser tests) and nginx with its brotli module
# (tests/test_serve.py, through deploy/serve.sh), each installed only if missing.
debs=()
if [ $want_test = 1 ]; then
  [ -x /usr/bin/chromium ] || debs+=(chromium)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || debs+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] || debs+=(brotli)
fi
if [ ${#debs[@]} -gt 0 ]; then
  echo "installing Debian's ${debs[*]} for the tests" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  pkgs=("${debs[@]/brotli/}")
  # The brotli module is a bonus (gzip works without it): only where Debian has the package.
  if [[ " ${debs[*]} " == *" brotli "* ]] && apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then
    pkgs+=(libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static)
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ${pkgs[*]} >/dev/null
fi

# axe-core for the accessibility browser tests, from the npm registry at the version and integrity
# hash of tests/axe/package-lock.json (npm ci checks it), installed under .venv/axe (not committed).
if [ $want_test = 1 ] && ! cmp -s tests/axe/package-lock.json .venv/axe/package-lock.json; then
  if ! command -v npm >/dev/null; then
    echo "installing Debian's nodejs and npm for axe-core" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  fi
  mkdir -p .venv/axe && cp tests/axe/package.json tests/axe/package-lock.json .venv/axe/
  npm ci --prefix .venv/axe --no-audit --no-fund --silent
fi
