#!/usr/bin/env bash
# Portal throughput: record page and column page against a trivial Django view, all served
# by one gunicorn with 2 workers on SQLite, in the same run. Results: docs/benchmarks.md.
#
#   bench/portal/run.sh [RECORDS]        (default 100000; DURATION=20s CONNECTIONS=8)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RECORDS=${1:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x .venv/bin/gunicorn ] || .venv/bin/pip install -q -e ".[bench]"

export PYTHONPATH=$PWD DJANGO_SETTINGS_MODULE=bench.portal.settings
export GONGKAI_VAR_DIR=$PWD/var/bench GONGKAI_DEBUG=0 GONGKAI_SECRET_KEY=bench-only-secret
export GONGKAI_DATA_KEY=YmVuY2gtb25seS1kYXRhLWtleS0zMi1ieXRlcy0hISE=
export GONGKAI_HTTPS=0 GONGKAI_ALLOWED_HOSTS=127.0.0.1
.venv/bin/python -m bench.portal.generate --records "$RECORDS"
# Publication renders pages (静态化发布); for bulk-loaded records the command does it.
.venv/bin/gongkai portal render

read -r first_record first_column columns < <(.venv/bin/python - <<'PY'
import django; django.setup()
from gongkai.documents.models import Column, Record
records = Record.objects.filter(agency__code="BENCH").order_by("pk")
cols = Column.objects.filter(agency__code="BENCH", hidden=False).order_by("pk")
print(records.first().pk, cols.first().pk, cols.count())
PY
)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.venv/bin/gunicorn --workers 2 --bind "127.0.0.1:$port" --access-logfile /dev/null \
    --error-logfile var/bench/gunicorn.log bench.portal.wsgi &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/bench/trivial/" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
curl -fs -o /dev/null "$base/records/$first_record/" || { echo "record page failed"; exit 1; }
curl -fs -o /dev/null "$base/columns/$first_column/" || { echo "column page failed"; exit 1; }

rps() {  # URL [lua env...]
    local url=$1; shift
    env "$@" wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" ${LUA:+-s bench/portal/random_path.lua} "$url" \
        | awk '/Requests\/sec/ {print $2}'
}
trivial=$(rps "$base/bench/trivial/")
record=$(LUA=1 rps "$base" PREFIX=/records/ FIRST="$first_record" COUNT="$RECORDS")
column=$(LUA=1 rps "$base" PREFIX=/columns/ FIRST="$first_column" COUNT="$columns")
record_live=$(LUA=1 rps "$base" PREFIX=/records/ FIRST="$first_record" COUNT="$RECORDS" SUFFIX="?live=1")
column_live=$(LUA=1 rps "$base" PREFIX=/columns/ FIRST="$first_column" COUNT="$columns" SUFFIX="?live=1")
trivial_again=$(rps "$base/bench/trivial/")
python3 - "$trivial" "$record" "$column" "$trivial_again" "$RECORDS" "$record_live" "$column_live" <<'PY'
import sys
t1, rec, col, t2, n, rec_live, col_live = (float(x) for x in sys.argv[1:])
base = (t1 + t2) / 2
print(f"records: {int(n)}; trivial view: {t1:.0f} and {t2:.0f} req/s (mean {base:.0f})")
print(f"record page: {rec:.0f} req/s = {rec / base:.0%} of trivial (target >= 50%)")
print(f"column page: {col:.0f} req/s = {col / base:.0%} of trivial (target >= 30%)")
print(f"rendered live (no snapshot): record {rec_live:.0f} req/s = {rec_live / base:.0%}, "
      f"column {col_live:.0f} req/s = {col_live / base:.0%}")
PY
