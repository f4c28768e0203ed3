#!/usr/bin/env bash
# `gongkai annual-report --format json` for an agency with N applications and 2N records,
# against a raw SQL aggregate over the same tables in the same run (docs/benchmarks.md).
#
#   bench/reports/run.sh [APPLICATIONS]     (default 100000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GONGKAI_VAR_DIR=$work GONGKAI_DEBUG=1 GONGKAI_SECRET_KEY=bench PYTHONPATH=$PWD
.venv/bin/gongkai migrate -v0
gen_start=$EPOCHREALTIME
.venv/bin/python -m bench.reports.generate "$N"
awk -v a="$gen_start" -v b="$EPOCHREALTIME" 'BEGIN {printf "generated in %.0fs\n", b - a}'
seconds() {
    local start=$EPOCHREALTIME
    "$@" >"$work/out.log" 2>&1 || { tail -5 "$work/out.log"; exit 1; }
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}'
}
noop=$(seconds .venv/bin/gongkai check)
report=$(seconds .venv/bin/gongkai annual-report --agency BENCH --year 2024 --format json -o "$work/r.json")
.venv/bin/python - "$work" <<'PY'
import os, sqlite3, sys, time, json
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
import django
django.setup()
from gongkai.accounts.models import Agency
from gongkai.core import annual_report as ar
from gongkai.reports import selectors

db = sqlite3.connect(os.path.join(sys.argv[1], "gongkai.sqlite3"))
agency = Agency.objects.get(code="BENCH")
RAW = """
SELECT a.applicant_kind, a.outcome, strftime('%Y', a.received_on), strftime('%Y', e.day), COUNT(*)
FROM applications_application a
LEFT JOIN (SELECT application_id, MAX(day) AS day FROM applications_caseevent
           WHERE step IN ('decide', 'correction_lapsed', 'fee_lapsed', 'withdraw')
           GROUP BY application_id) e ON e.application_id = a.id
WHERE a.agency_id = ? AND a.received_on <= '2024-12-31'
GROUP BY 1, 2, 3, 4;
"""
RECORDS = """
SELECT genre = '命令（令）', is_normative, strftime('%Y', written_on), validity,
       strftime('%Y', validity_changed_on), COUNT(*)
FROM documents_record WHERE agency_id = ? AND status IN ('published', 'archived')
  AND (genre = '命令（令）' OR is_normative) GROUP BY 1, 2, 3, 4, 5;
"""
REMEDIES = "SELECT kind, result, COUNT(*) FROM applications_remedy WHERE agency_id = ? AND year IN (2023, 2024) GROUP BY 1, 2;"
best_raw = best_build = 1e9
for _ in range(3):
    t = time.perf_counter()
    for sql in (RAW, RECORDS, REMEDIES):
        db.execute(sql, (agency.pk,)).fetchall()
    best_raw = min(best_raw, time.perf_counter() - t)
    t = time.perf_counter()
    facts = selectors.report_facts(agency, 2024)
    report = selectors.build(facts, agency=agency.name, year=2024)
    last = selectors.build(facts, agency=agency.name, year=2023, strict=False)
    json.dumps(ar.report_json(report, agency_code="BENCH", findings=ar.check_report(report, last)), ensure_ascii=False)
    best_build = min(best_build, time.perf_counter() - t)
print(f"raw SQL aggregate: {best_raw:.2f}s; report built in-process (queries+tables+checks+json): {best_build:.2f}s = {best_build / best_raw:.1f} x raw")
PY
echo "applications: $N; records: $((2 * N)); gongkai annual-report --format json: ${report}s (process; a bare 'gongkai check' takes ${noop}s)"
