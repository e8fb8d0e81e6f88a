#!/usr/bin/env bash
# Installs kpproc into a temporary prefix, builds examples/hello-adapter and examples/embed out of
# tree against the *installed* package, and runs them the way a third party would.
# Usage: install_and_examples.sh BUILD_DIR SOURCE_DIR CXX BUILD_TYPE [SANITIZE]
set -euo pipefail
build_dir=$1 source_dir=$2 cxx=$3 build_type=${4:-Release} sanitize=${5:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/kpproc-install-XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "install into $prefix"
cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install"; }
for f in bin/kpproc libexec/kpproc/kpproc-search libexec/kpproc/kpproc-link libexec/kpproc/kpproc-show libexec/kpproc/kpproc-serve lib/libkpproc-sdk.so lib/libkpproc-framework.so include/kpproc/plugin.hpp \
         include/kpproc/framework/pipeline.hpp lib/cmake/kpproc/kpprocConfig.cmake \
         lib/kpproc/plugins/kp-adapter-text.so lib/kpproc/plugins/kp-exporter-json.so \
         lib/kpproc/plugins/kp-adapter-plaintext-minutes.so \
         lib/kpproc/plugins/kp-processor-entities.so share/kpproc/entities/organisations.tsv \
         include/kpproc/testing.hpp include/kpproc/invariants.hpp lib/libkpproc-testing.so \
         lib/libkpproc-minutes.so include/kpproc/minutes.hpp include/kpproc/structure/record.hpp \
         share/kpproc/schema/kpproc-document-v1.schema.json share/man/man1/kpproc.1 \
         share/bash-completion/completions/kpproc; do
    [ -e "$prefix/$f" ] || fail "the install lacks $f"
done

flags=()
if [ -n "$sanitize" ]; then
    flags+=("-DCMAKE_CXX_FLAGS=-fsanitize=$sanitize -fno-omit-frame-pointer"
            "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=$sanitize")
fi
for example in hello-adapter interests-processor markdown-exporter embed; do
    step "build examples/$example against the installed SDK"
    cmake -S "$source_dir/examples/$example" -B "$work/build-$example" -G Ninja \
        -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE="$build_type" \
        -DCMAKE_PREFIX_PATH="$prefix" "${flags[@]}" >"$work/$example.log" 2>&1 \
        || { cat "$work/$example.log"; fail "configure $example"; }
    cmake --build "$work/build-$example" >>"$work/$example.log" 2>&1 \
        || { cat "$work/$example.log"; fail "build $example"; }
done

step "configure-time toolchain check: silent with kpproc's compiler, a warning with another"
if grep -q "toolchain-mismatch" "$work/hello-adapter.log"; then
    cat "$work/hello-adapter.log"; fail "warned about the toolchain kpproc itself was built with"
fi
case "$cxx" in
    *clang*) other=$(command -v g++ || true) ;;
    *) other=$(command -v clang++ || true) ;;
esac
if [ -n "$other" ]; then
    cmake -S "$source_dir/examples/hello-adapter" -B "$work/build-other" -G Ninja \
        -DCMAKE_CXX_COMPILER="$other" -DCMAKE_PREFIX_PATH="$prefix" >"$work/other.log" 2>&1 \
        || { cat "$work/other.log"; fail "configure with $other"; }
    grep -q "(toolchain-mismatch)" "$work/other.log" \
        || { cat "$work/other.log"; fail "no toolchain warning with $other"; }
else
    echo "(only one C++ compiler here: the warning for another is not tried)"
fi

plugin_dir=$work/build-hello-adapter/plugins
kpproc=$prefix/bin/kpproc
sample=$source_dir/examples/hello-adapter/sample.hello

step "the installed host lists its own plugins and the example adapter"
listing=$("$kpproc" plugins --plugin-path "$plugin_dir")
grep -q "kp.adapter.text" <<<"$listing" || fail "installed kpproc does not list kp.adapter.text"
grep -q "org.example.adapter.hello" <<<"$listing" || { echo "$listing"; fail "hello adapter not listed"; }
if grep -q "Refused:" <<<"$listing"; then echo "$listing"; fail "a plugin was refused"; fi

step "the example adapter is detected and parses its sample"
"$kpproc" detect --plugin-path "$plugin_dir" "$sample" | grep -q "org.example.adapter.hello" \
    || fail "auto-detection did not choose the hello adapter"
out=$("$kpproc" run -q --plugin-path "$plugin_dir" --chain 'auto ! json(pretty=false)' "$sample")
grep -q '"adapter":"org.example.adapter.hello"' <<<"$out" || fail "wrong adapter: $out"
grep -q '"title":"Welcome"' <<<"$out" || fail "item title missing: $out"

step "the example adapter's own tests pass through the installed plugin author's kit"
"$work/build-hello-adapter/hello-adapter-tests" \
    "$plugin_dir/org-example-adapter-hello.so" "$source_dir/examples/hello-adapter" \
    >"$work/hello-tests.log" 2>&1 || { cat "$work/hello-tests.log"; fail "hello-adapter-tests"; }

step "the example processor and exporter run in a chain, keeping the model's rules (--check)"
example_plugins=(--plugin-path "$work/build-interests-processor/plugins"
                 --plugin-path "$work/build-markdown-exporter/plugins")
minutes=$source_dir/examples/data/pcp-minutes-2023-10-17.txt
out=$("$kpproc" run -q --check "${example_plugins[@]}" --chain 'auto ! interests ! json(pretty=false)' "$minutes")
grep -q '"type":"DECLARATION","name":"Mr Meade declared that he was the Chairman of Gravesham Pastors Charity."' <<<"$out" \
    || fail "interests: no declaration of Mr Meade's"
page=$("$kpproc" run -q --check "${example_plugins[@]}" --chain 'auto ! interests ! markdown' "$minutes")
grep -q "^# Kent and Medway Police and Crime Panel$" <<<"$page" || { echo "$page"; fail "markdown: heading"; }
grep -q "^Date: 2023-10-17$" <<<"$page" || { echo "$page"; fail "markdown: date"; }
grep -q "^> \*\*Resolved:\*\* " <<<"$page" || { echo "$page"; fail "markdown: resolutions"; }
mkdir -p "$work/pages"
"$kpproc" run -q "${example_plugins[@]}" --chain 'auto ! markdown(paragraphs=false)' \
    -o "$work/pages/" "$source_dir/examples/data/" || fail "markdown into a directory"
[ -f "$work/pages/pcp-minutes-2023-10-17.md" ] || { ls -R "$work/pages"; fail "markdown: no .md per input"; }

step "docs/plugin-guide.md, followed as written: its adapter builds, loads, reads its sample"
guide=$work/guide
python3 "$source_dir/tests/integration/guide_files.py" "$source_dir/docs/plugin-guide.md" "$guide" \
    >"$work/guide.log" || { cat "$work/guide.log"; fail "the guide's files"; }
cmake -S "$guide" -B "$guide/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_PREFIX_PATH="$prefix" "${flags[@]}" \
    >>"$work/guide.log" 2>&1 && cmake --build "$guide/build" >>"$work/guide.log" 2>&1 \
    || { cat "$work/guide.log"; fail "build the guide's adapter"; }
(cd "$guide" && "$kpproc" detect --all --plugin-path build/plugins parish.txt) \
    | grep -q "parish.txt: org.example.adapter.parish (0.90)" || fail "the guide's adapter is not chosen"
out=$(cd "$guide" && "$kpproc" run -q --check --plugin-path build/plugins \
      --chain 'auto ! json(pretty=false)' parish.txt) || fail "the guide's adapter under --check"
for fact in '"body":"LITTLE SNORING PARISH COUNCIL"' '"date":"2024-05-01"' '"time":"19:30"' \
            '"title":"Footpaths"' '"text":"RESOLVED: to ask the county council to clear it."'; do
    grep -qF "$fact" <<<"$out" || { echo "$out"; fail "the guide's adapter: no $fact"; }
done
# The guide's test: the golden written (as a user would, then review), then compared.
(cd "$guide" && KPPROC_UPDATE_GOLDEN=1 ctest --test-dir build --output-on-failure >>"$work/guide.log" 2>&1 \
    && ctest --test-dir build --output-on-failure >>"$work/guide.log" 2>&1) \
    || { cat "$work/guide.log"; fail "the guide's test"; }
sed -i 's/footpath 7/footpath 8/' "$guide/parish.txt"
if (cd "$guide" && ctest --test-dir build >"$work/guide-changed.log" 2>&1); then
    fail "the guide's test passed though the sample changed"
fi

step "the installed kpproc links no database library, and runs kpproc-search for kpproc search"
if ldd "$prefix/bin/kpproc" | grep -E "libsqlite3|libpq|libPocoData"; then
    fail "kpproc links a database library"
fi
"$kpproc" run -q --chain 'auto ! sqlite' -o "$work/minutes.sqlite" "$source_dir/examples/data/" \
    || fail "sqlite export"
"$kpproc" search "$work/minutes.sqlite" 'Panel' --limit 1 | grep -q "Panel" || fail "kpproc search"

step "the installed entities processor finds its gazetteers beside the install"
out=$("$kpproc" run -q --chain 'auto ! entities ! json(pretty=false)' \
      "$source_dir/examples/data/pcp-minutes-2023-10-17.txt")
grep -q '"id":"person:scott.m"' <<<"$out" || fail "entities: no person:scott.m"
grep -q '"holder":"person:scott.m"' <<<"$out" || fail "entities: the Commissioner is not resolved"

step "the embedding tool runs a chain in-process through the installed framework"
embed_out=$("$work/build-embed/council-digest" "$source_dir/examples/data/pcp-minutes-2023-10-17.txt")
grep -q "adapter: kp.adapter.plaintext-minutes" <<<"$embed_out" || { echo "$embed_out"; fail "embed: adapter"; }
grep -q "^body: Kent and Medway Police and Crime Panel$" <<<"$embed_out" || { echo "$embed_out"; fail "embed: body"; }
grep -q "^items: 10$" <<<"$embed_out" || { echo "$embed_out"; fail "embed: items"; }
grep -q "^    Mr Meade declared that he was the Chairman of Gravesham Pastors Charity.$" <<<"$embed_out" \
    || { echo "$embed_out"; fail "embed: first paragraph"; }
echo "install test passed"
