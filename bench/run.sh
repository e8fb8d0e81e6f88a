#!/usr/bin/env bash
# Makes the synthetic corpus (once) and benchmarks every adapter against its floor.
# Usage: bench/run.sh [CORPUS_DIR] [KPPROC] [BENCH.PY OPTIONS...]
#   (defaults: build/release/bench-corpus, build/release/bin/kpproc; e.g. --only adapters)
#        bench/run.sh batch [BATCH.PY OPTIONS...]   whole batches: bench/batch.py (e.g. --quick)
#        bench/run.sh pdf [PDF.PY OPTIONS...]       kp.adapter.pdf against pdftotext: bench/pdf.py
#        bench/run.sh postgres [POSTGRES.PY OPTIONS...]  PostgreSQL against SQLite: bench/postgres.py
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "${1:-}" = batch ]; then
    shift
    exec python3 "$here/batch.py" "$@"
fi
if [ "${1:-}" = postgres ]; then
    shift
    exec python3 "$here/postgres.py" "$@"
fi
if [ "${1:-}" = pdf ]; then
    shift
    exec python3 "$here/pdf.py" "$@"
fi
corpus=${1:-$here/../build/release/bench-corpus}
kpproc=${2:-$here/../build/release/bin/kpproc}
if [ ! -d "$corpus" ]; then
    python3 "$here/make_corpus.py" "$corpus"
fi
shift $(($# < 2 ? $# : 2))
python3 "$here/bench.py" "$corpus" --kpproc "$kpproc" "$@"
