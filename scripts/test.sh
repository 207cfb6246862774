#!/usr/bin/env bash
# Set up (first time only) and run every test: data, name resolution, charts, AppTest,
# real-browser, hostile input and load. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
exec .venv/bin/python -m pytest "$@"
