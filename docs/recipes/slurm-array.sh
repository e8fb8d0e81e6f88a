#!/usr/bin/env bash
# A Slurm job array over an archive: task K of N reads the inputs of shard K/N, and all N write
# into one PostgreSQL database. Submit with
#
#   KPPROC_ARCHIVE=/data/minutes KPPROC_DATABASE=postgresql://kpproc@db/minutes \
#       sbatch --export=ALL docs/recipes/slurm-array.sh
#
# Give the password through ~/.pgpass (or PGPASSWORD) rather than in the URL. A task that
# fails can be run again on its own (sbatch --array=K ...): it leaves out what is stored.
# Once every task is done, link the people across the shards:
#
#   sbatch --dependency=afterok:JOBID --wrap 'kpproc link "$KPPROC_DATABASE"'

#SBATCH --job-name=kpproc
#SBATCH --array=0-63
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=02:00:00
set -euo pipefail

: "${KPPROC_ARCHIVE:?set KPPROC_ARCHIVE to the directory of records}"
: "${KPPROC_DATABASE:?set KPPROC_DATABASE to a postgresql:// URL}"

exec kpproc run -q -j "${SLURM_CPUS_PER_TASK:-1}" \
    --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
    --chain 'auto ! entities(link_batch=false) ! postgres' -o "$KPPROC_DATABASE" "$KPPROC_ARCHIVE"
