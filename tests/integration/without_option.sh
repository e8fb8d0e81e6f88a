#!/usr/bin/env bash
# An optional part left out leaves out that part and its library, and nothing else: configures
# the tree with OPTION=OFF in a temporary directory and lists the targets it would build.
#   without_option.sh SOURCE_DIR OPTION TARGET CACHE_PREFIX [OBJECT]
# e.g. KPPROC_WITH_PDF kp-adapter-pdf POPPLER_CPP: kp.adapter.pdf (the one GPL part, through
# poppler); KPPROC_WITH_POSTGRES kp-exporter-postgres LIBPQ without_postgres.cpp: the postgres
# exporter and libpq, the host then built with its stand-in (OBJECT, a source that must be
# compiled instead).
set -euo pipefail
source_dir=$1 option=$2 target=$3 cache_prefix=$4 object=${5:-}
build=$(mktemp -d "${TMPDIR:-/tmp}/kpproc-without-XXXXXX")
trap 'rm -rf "$build"' EXIT
cmake -S "$source_dir" -B "$build" -G Ninja "-D$option=OFF" -DKPPROC_BUILD_TESTS=OFF \
    >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
targets=$(ninja -C "$build" -t targets all)
if grep -q "$target" <<<"$targets"; then
    echo "$target is still built with -D$option=OFF" >&2
    exit 1
fi
for wanted in kp-adapter-plaintext-minutes kp-adapter-text kp-exporter-json kp-exporter-sqlite kpproc; do
    if ! grep -q "^$wanted:" <<<"$targets"; then
        echo "$wanted is missing from the build with -D$option=OFF" >&2
        exit 1
    fi
done
if [ -n "$object" ] && ! grep -q "$object" <<<"$(ninja -C "$build" -t targets all)"; then
    echo "$object is not built with -D$option=OFF" >&2
    exit 1
fi
if grep -qE "^[A-Z_]*${cache_prefix}_" "$build/CMakeCache.txt"; then
    echo "$cache_prefix is still looked for with -D$option=OFF" >&2
    exit 1
fi
echo "without $option: $target and $cache_prefix left out, the rest configured"
