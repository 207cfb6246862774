#!/usr/bin/env bash
# Set up (first time only), check the code (ruff; mypy over dashboard/, as pyproject.toml configures
# them) and run every test: data, name resolution, charts, AppTest, real-browser, hostile input and
# load. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
.venv/bin/ruff check .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
