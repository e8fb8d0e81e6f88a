#!/usr/bin/env bash
# Regenerates the golden JSON of every input under tests/data/ (seeds and fixtures) with the
# given build's kpproc. Tests never run this: review the diff by hand against the source text
# (git diff tests/golden) before committing new goldens.
# Usage: tests/golden/regenerate.sh [BUILD_DIR]   (default: build/dev)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/dev}
cd "$root"
rm -rf tests/golden/seeds tests/golden/fixtures
# Every input file (not the scripts that make fixtures), golden path mirroring its data path.
find tests/data/seeds tests/data/fixtures -type f \( -name '*.txt' -o -name '*.html' \) | sort |
while read -r input; do
    relative=${input#tests/data/}
    golden="tests/golden/${relative%.*}.json"
    mkdir -p "$(dirname "$golden")"
    # Through standard input with --name, so that source.identity is the relative path and
    # the goldens do not depend on where the checkout is.
    "$build/bin/kpproc" run -q --chain 'auto ! json(pretty=true, indent=2)' -o "$golden" \
        --name "$input" - <"$input"
done
# The PDFs are made at test time (tests/data/pdf/make_pdfs.py): their goldens leave out the
# bytes and digest, which depend on reportlab's version, not on kpproc.
pdfs=$(mktemp -d)
trap 'rm -rf "$pdfs"' EXIT
/usr/bin/python3 tests/data/pdf/make_pdfs.py "$pdfs"
mkdir -p tests/golden/pdf
for name in council-minutes; do
    "$build/bin/kpproc" run -q --chain 'pdf ! json(pretty=true, indent=2)' \
        --name "tests/data/pdf/$name.pdf" - <"$pdfs/$name.pdf" |
        python3 -c 'import json, sys
d = json.load(sys.stdin)
d["source"]["sha256"] = None
d["source"]["bytes"] = 0
print(json.dumps(d, indent=2, ensure_ascii=False))' >"tests/golden/pdf/$name.json"
done
git status --short tests/golden
