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

# kpproc serve's pages too, over a database of the same inputs.
"$kpproc" run -q --chain 'auto ! entities ! sqlite' -o "$work/minutes.sqlite" "${inputs[@]}"
"$kpproc" serve --port 0 "$work/minutes.sqlite" 2>"$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
    grep -q "at http://" "$work/serve.err" && break
    sleep 0.1
done
base=$(grep -o "http://[0-9.:]*" "$work/serve.err" | head -1)
[ -n "$base" ] || { echo "FAILED: kpproc serve did not start:"; cat "$work/serve.err"; exit 1; }
for target in "/" "/?q=Panel" "/?q=report&type=resolution" "/meetings/1" "/people" \
              "/people/person:scott.m" "/bodies" "/api" "/nowhere"; do
    python3 -c 'import sys, urllib.request, urllib.error
try:
    body = urllib.request.urlopen(sys.argv[1]).read()
except urllib.error.HTTPError as e:
    body = e.read()
sys.stdout.buffer.write(body)' "$base$target" >"$work/served.html"
    if ! tidy -q -e "$work/served.html" >"$work/tidy.log" 2>&1; then
        echo "FAILED: kpproc serve's $target:"; cat "$work/tidy.log"; exit 1
    fi
    pages=$((pages + 1))
done
echo "$pages pages pass HTML Tidy"
