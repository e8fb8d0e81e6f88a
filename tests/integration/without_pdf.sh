#!/usr/bin/env bash
# -DKPPROC_WITH_PDF=OFF leaves kp.adapter.pdf (the one GPL part, through poppler) out of the
# build, and nothing else: configures the tree that way in a temporary directory and lists the
# targets it would build.
# Usage: without_pdf.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
build=$(mktemp -d "${TMPDIR:-/tmp}/kpproc-without-pdf-XXXXXX")
trap 'rm -rf "$build"' EXIT
cmake -S "$source_dir" -B "$build" -G Ninja -DKPPROC_WITH_PDF=OFF -DKPPROC_BUILD_TESTS=OFF \
    >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
targets=$(ninja -C "$build" -t targets all)
if grep -q 'kp-adapter-pdf' <<<"$targets"; then
    echo "kp-adapter-pdf is still built with -DKPPROC_WITH_PDF=OFF" >&2
    exit 1
fi
for wanted in kp-adapter-plaintext-minutes kp-adapter-text kp-exporter-json kpproc; do
    if ! grep -q "^$wanted:" <<<"$targets"; then
        echo "$wanted is missing from the build with -DKPPROC_WITH_PDF=OFF" >&2
        exit 1
    fi
done
if grep -q "^POPPLER_CPP" "$build/CMakeCache.txt"; then
    echo "poppler is still looked for with -DKPPROC_WITH_PDF=OFF" >&2
    exit 1
fi
echo "without PDF: kp.adapter.pdf and poppler left out, the rest configured"
