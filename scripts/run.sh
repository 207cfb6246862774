#!/usr/bin/env bash
# Set up (first time only) and run the dashboard: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m streamlit run dashboard/app.py "$@"
