#!/usr/bin/env bash
# GNU parallel on one machine (or several, with --sshloginfile): 8 shards, 4 at a time, into
# one PostgreSQL database. `parallel --joblog` keeps each shard's exit status; run the same
# line again with --resume-failed to redo only the shards that failed.
#
#   KPPROC_ARCHIVE=/data/minutes KPPROC_DATABASE=postgresql://kpproc@db/minutes \
#       bash docs/recipes/parallel.sh
set -euo pipefail
: "${KPPROC_ARCHIVE:?set KPPROC_ARCHIVE to the directory of records}"
: "${KPPROC_DATABASE:?set KPPROC_DATABASE to a postgresql:// URL}"
shards=${KPPROC_SHARDS:-8}

# -q: each argument reaches kpproc as it is written here, spaces and quotes included.
parallel -q --halt never --jobs 4 --joblog "${KPPROC_JOBLOG:-kpproc-shards.log}" \
    kpproc run -q --shard "{}/$shards" --chain 'auto ! entities ! postgres' \
    -o "$KPPROC_DATABASE" "$KPPROC_ARCHIVE" ::: $(seq 0 $((shards - 1)))
