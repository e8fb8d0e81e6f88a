#!/usr/bin/env bash
# GNU parallel on one machine (or several, with --sshloginfile): 8 shards, 4 at a time, into
# one PostgreSQL database, then the people of all of them linked (kpproc link). `parallel --joblog` keeps each shard's exit status; run the same
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
    kpproc run -q --shard "{}/$shards" --chain 'auto ! entities(link_batch=false) ! postgres' \
    -o "$KPPROC_DATABASE" "$KPPROC_ARCHIVE" ::: $(seq 0 $((shards - 1)))

# Each shard linked only its own documents' people (not at all, with link_batch=false): link
# them across the whole database, once every shard is in.
kpproc link -q "$KPPROC_DATABASE"
