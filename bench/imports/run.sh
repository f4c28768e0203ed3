#!/usr/bin/env bash
# `gongkai documents import` of N rows into a fresh SQLite database, then the same file
# again (which must change nothing). Baseline in the same run: `gongkai migrate` of the
# same fresh database, so the ratio survives a noisy machine. Results: docs/benchmarks.md.
#
#   bench/imports/run.sh [ROWS]     (default 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROWS=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GONGKAI_VAR_DIR=$work GONGKAI_DEBUG=1 GONGKAI_SECRET_KEY=bench PYTHONPATH=$PWD
.venv/bin/python -m bench.imports.generate "$ROWS" "$work/rows.csv"
seconds() {
    local start=$EPOCHREALTIME
    "$@" >"$work/out.log" 2>&1 || { tail -5 "$work/out.log"; exit 1; }
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}'
}
migrate=$(seconds .venv/bin/gongkai migrate -v0)
.venv/bin/gongkai staff create bench --full-name 基准 --role sysadmin --password-stdin <<<"Bench-only-pass-2026" >/dev/null
.venv/bin/python - <<'PY'
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
django.setup()
from gongkai.accounts.models import Agency
from gongkai.documents.columns import columns_install_standard
agency, _ = Agency.objects.get_or_create(code="BENCH", defaults={"name": "基准测试市民政局"})
columns_install_standard(actor=None, agency=agency)
PY
first=$(seconds .venv/bin/gongkai documents import "$work/rows.csv" --agency BENCH --publish)
summary=$(tail -1 "$work/out.log")
again=$(seconds .venv/bin/gongkai documents import "$work/rows.csv" --agency BENCH --publish)
summary_again=$(tail -1 "$work/out.log")
echo "rows: $ROWS; migrate (baseline): ${migrate}s; first import: ${first}s; same file again: ${again}s"
awk -v m="$migrate" -v f="$first" -v a="$again" -v n="$ROWS" \
    'BEGIN {printf "first import = %.0f x migrate (%.1f ms a row); again = %.1f x migrate\n", f / m, 1000 * f / n, a / m}'
echo "first:  $summary"
echo "again:  $summary_again"
