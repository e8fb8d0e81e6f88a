#!/usr/bin/env bash
# Regenerates the golden JSON of every input under tests/data/ (seeds and fixtures) with the
# given build's kpproc. Tests never run this: review the diff by hand against the source text
# (git diff tests/golden) before committing new goldens.
# Usage: tests/golden/regenerate.sh [BUILD_DIR]   (default: build/dev)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/dev}
cd "$root"
for dir in tests/data/seeds tests/data/fixtures; do
    [ -d "$dir" ] || continue
    out="tests/golden/${dir#tests/data/}"
    rm -rf "$out"
    "$build/bin/kpproc" run -q --chain 'auto ! json(pretty=true, indent=2)' -o "$out/" "$dir"
done
git status --short tests/golden
