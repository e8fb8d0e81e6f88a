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
git status --short tests/golden
