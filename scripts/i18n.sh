#!/usr/bin/env bash
# Message catalogs of the page (Spanish, French), managed with Babel's pybabel.
#   bash scripts/i18n.sh extract   collect every _("...") of dashboard/ into dashboard/locales/messages.pot
#   bash scripts/i18n.sh update    merge the template into es and fr messages.po (new messages empty)
#   bash scripts/i18n.sh check     compile each messages.po to a scratch .mo and report untranslated
#                                  or fuzzy messages (exit 1 on any); the page compiles the .po in
#                                  memory at start (dashboard/core/i18n.py), so no .mo is committed
#   bash scripts/i18n.sh all       extract, update, check
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
LOCALES=dashboard/locales
POT=$LOCALES/messages.pot

extract() {
  mkdir -p "$LOCALES"
  "$PYBABEL" -q extract -F babel.cfg --project="Lima Declaration dashboard" --no-location \
    --sort-output -o "$POT" dashboard
}

update() {
  for lang in es fr; do
    po=$LOCALES/$lang/LC_MESSAGES/messages.po
    if [[ -f $po ]]; then
      "$PYBABEL" update -i "$POT" -d "$LOCALES" -l "$lang" --no-wrap --ignore-obsolete
    else
      "$PYBABEL" init -i "$POT" -d "$LOCALES" -l "$lang" --no-wrap
    fi
  done
}

check() {
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  status=0
  for lang in es fr; do
    po=$LOCALES/$lang/LC_MESSAGES/messages.po
    "$PYBABEL" compile -i "$po" -o "$scratch/$lang.mo" -l "$lang" --statistics
    .venv/bin/python - "$po" <<'PY' || status=1
import sys
from babel.messages.pofile import read_po
with open(sys.argv[1], "rb") as handle:
    catalog = read_po(handle)
todo = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
for message in todo:
    print(f"{sys.argv[1]}: untranslated or fuzzy: {message!r}")
sys.exit(1 if todo else 0)
PY
  done
  return $status
}

case "${1:-}" in
  extract) extract ;;
  update) update ;;
  check) check ;;
  all) extract; update; check ;;
  *) echo "usage: bash scripts/i18n.sh extract|update|check|all" >&2; exit 2 ;;
esac
