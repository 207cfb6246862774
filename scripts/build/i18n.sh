#!/usr/bin/env bash
# Message catalogs of the page (Spanish, French), managed with Babel's pybabel, one catalog per area
# of the page, so that work on one area never edits another's file. The page merges them
# (dashboard/core/i18n.py); tests/test_i18n.py checks that every message is in its area's catalog.
#   bash scripts/build/i18n.sh extract [AREA]   collect every _("...")/N_("...") of the area's files into
#                                         dashboard/locales/AREA.pot
#   bash scripts/build/i18n.sh update [AREA]    merge the template into es and fr AREA.po (new messages empty)
#   bash scripts/build/i18n.sh check [AREA]     report untranslated or fuzzy messages (exit 1 on any)
#   bash scripts/build/i18n.sh all [AREA]       extract, update, check
#   bash scripts/build/i18n.sh files AREA       list the area's source files
# AREA defaults to every area. The page compiles the .po files in memory at start: no .mo is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYBABEL=.venv/bin/pybabel
LOCALES=dashboard/locales

# area -> its source files (every file that marks messages belongs to exactly one area)
declare -A AREAS=(
  [messages]="dashboard/core/i18n.py"
  [frame]="dashboard/app.py dashboard/config.py dashboard/page/frame.py dashboard/page/urlstate.py dashboard/page/filters.py dashboard/figures/world.py dashboard/figures/style.py dashboard/core/summary.py dashboard/page/light.py"
  [map]="dashboard/page/tabs/map.py dashboard/page/profile.py dashboard/figures/map.py dashboard/figures/modes.py"
  [regions]="dashboard/page/tabs/regions.py dashboard/figures/regions.py"
  [timeline]="dashboard/page/tabs/timeline.py dashboard/figures/timeline.py dashboard/core/events.py dashboard/core/votes.py"
  [migration]="dashboard/page/tabs/migration.py dashboard/figures/migration.py dashboard/figures/remittances.py dashboard/figures/formats.py dashboard/core/migration.py"
  [treaties]="dashboard/page/tabs/treaties.py dashboard/figures/treaties.py dashboard/core/treaties.py dashboard/core/treaty_record.py"
  [processes]="dashboard/page/tabs/processes.py dashboard/figures/processes.py dashboard/core/processes.py"
  [population]="dashboard/page/tabs/population.py dashboard/figures/population.py dashboard/core/population.py"
  [costs]="dashboard/page/costs.py dashboard/figures/costs.py"
  [ranking]="dashboard/page/ranking.py dashboard/figures/ranking.py dashboard/figures/breaks.py"
  [compare]="dashboard/page/tabs/compare.py dashboard/figures/compare.py dashboard/core/compare.py"
  [sources]="dashboard/page/tabs/sources.py dashboard/core/sources.py"
  [cite]="dashboard/page/cite.py dashboard/page/credits.py dashboard/page/embed.py dashboard/core/cite.py dashboard/core/package.py dashboard/figures/export.py dashboard/figures/chart.py dashboard/figures/catalog.py"
)

areas() { if [[ -n "${1:-}" ]]; then echo "$1"; else echo "${!AREAS[@]}" | tr ' ' '\n' | sort; fi; }

extract() {
  for area in $(areas "${1:-}"); do
    files=()
    for f in ${AREAS[$area]}; do [[ -f $f ]] && files+=("$f"); done
    "$PYBABEL" -q extract --project="Lima Declaration dashboard" --no-location --sort-output \
      -k N_ -o "$LOCALES/$area.pot" "${files[@]}"
  done
}

update() {
  for area in $(areas "${1:-}"); do
    for lang in es fr; do
      po=$LOCALES/$lang/LC_MESSAGES/$area.po
      if [[ -f $po ]]; then
        "$PYBABEL" -q update -i "$LOCALES/$area.pot" -o "$po" -l "$lang" --no-wrap --ignore-obsolete
      else
        "$PYBABEL" -q init -i "$LOCALES/$area.pot" -o "$po" -l "$lang" --no-wrap
      fi
    done
  done
}

check() {
  status=0
  for area in $(areas "${1:-}"); do
    for lang in es fr; do
      .venv/bin/python - "$LOCALES/$lang/LC_MESSAGES/$area.po" <<'PY' || status=1
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
  done
  return $status
}

case "${1:-}" in
  extract) extract "${2:-}" ;;
  update) update "${2:-}" ;;
  check) check "${2:-}" ;;
  all) extract "${2:-}"; update "${2:-}"; check "${2:-}" ;;
  files) echo "${AREAS[$2]}" ;;
  *) echo "usage: bash scripts/build/i18n.sh extract|update|check|all [AREA] | files AREA" >&2; exit 2 ;;
esac
