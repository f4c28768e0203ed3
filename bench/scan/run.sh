#!/usr/bin/env bash
# Privacy scanner throughput, precision and recall, memory and bad input, against ripgrep and
# Presidio in the same run (issue 4). Results: docs/benchmarks.md "Privacy scanner".
#
#   bench/scan/run.sh [MEGABYTES]     (default 100: the plain-text corpus; RUNS=3)
#
# The corpus is generated once per size and seed under var/bench/scan-$MEGABYTES/ (about
# 250 MB; a 300 MB copy is made and removed for the memory test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
MEGABYTES=${1:-100}
RUNS=${RUNS:-3}

command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
.venv/bin/python -c "import presidio_analyzer" 2>/dev/null || .venv/bin/pip install -q -e ".[bench]"

export PYTHONPATH=$PWD
corpus=var/bench/scan-$MEGABYTES
if [ ! -f "$corpus/notice.truth" ]; then
    mkdir -p "$corpus"
    .venv/bin/python -m bench.scan.generate "$corpus" --megabytes "$MEGABYTES"
elif [ ! -f "$corpus/sparse.truth" ]; then  # corpora made before the sparse text existed
    .venv/bin/python -m bench.scan.generate "$corpus" --megabytes "$MEGABYTES" --only sparse
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "Python $(.venv/bin/python -c 'import platform; print(platform.python_version())')," \
    "$(rg --version | head -1), presidio-analyzer" \
    "$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("presidio-analyzer"))')"
.venv/bin/python -m bench.scan.measure "$corpus" --runs "$RUNS"
