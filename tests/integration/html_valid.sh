#!/usr/bin/env bash
# Every page kp.exporter.html makes of the seeds and examples, one page each and all in one,
# passes HTML Tidy (HTML5) without a warning.
# Usage: html_valid.sh KPPROC SOURCE_DIR
set -euo pipefail
kpproc=$1 source_dir=$2
command -v tidy >/dev/null || { echo "tidy is not installed (apt-get install tidy)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/kpproc-html-XXXXXX")
trap 'rm -rf "$work"' EXIT
inputs=("$source_dir/tests/data/seeds" "$source_dir/examples/data")
"$kpproc" run -q --chain 'auto ! entities ! html' -o "$work/pages/" "${inputs[@]}"
"$kpproc" run -q --chain 'auto ! entities ! html' -o "$work/all.html" "${inputs[@]}"
pages=0
for page in "$work"/pages/*/*.html "$work"/pages/*.html "$work/all.html"; do
    [ -f "$page" ] || continue
    if ! tidy -q -e "$page" >"$work/tidy.log" 2>&1; then
        echo "FAILED: ${page#"$work"/}:"; cat "$work/tidy.log"; exit 1
    fi
    pages=$((pages + 1))
done
[ "$pages" -ge 11 ] || { echo "FAILED: only $pages pages were made"; exit 1; }
echo "$pages pages pass HTML Tidy"
