#!/usr/bin/env bash
# Runs kpproc's libFuzzer targets (tests/fuzz/README.md) from the fuzz preset's build.
#
#   tests/fuzz/run.sh [--seconds N] [--jobs J] [--seed S] [TARGET...]
#
# Each target runs N seconds (default 30) on its corpus, build/fuzz/corpus/TARGET/, seeded on
# first use from the fixtures of its format and kept between runs, so that long runs build on
# short ones. A finding (a crash, a sanitizer's report, a broken rule of the document model, a
# timeout or runaway memory) is saved in build/fuzz/findings/TARGET/ and makes the exit status 1;
# replay one with build/fuzz/bin/fuzz-TARGET FILE. The last lines are a table: runs, coverage,
# corpus size and findings for each target. --jobs runs that many targets at a time. --seed
# fixes libFuzzer's random choices, so that a short run from the same corpus (CI's) goes the
# same way every time.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build/fuzz
bin=$build/bin
seconds=30
jobs=1
seed=()
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --seed) seed=("-seed=$2"); shift 2 ;;
        -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for f in "$bin"/fuzz-*; do
        [ -x "$f" ] && targets+=("${f##*/fuzz-}")
    done
fi
if [ ${#targets[@]} -eq 0 ]; then
    echo "run.sh: no fuzz targets in $bin; build them first:" >&2
    echo "  cmake --preset fuzz && cmake --build --preset fuzz" >&2
    exit 2
fi

# The fixtures each target's corpus starts from (files and directories under the source tree).
seeds_of() {
    local d=tests/data
    case "$1" in
        adapter-text) echo "$d/seeds examples/data $d/not-records" ;;
        adapter-plaintext-minutes) echo "$d/structure/plaintext $d/fixtures/plaintext-minutes-cp1252-crlf.txt $d/seeds/001_*" ;;
        adapter-governance-notes) echo "$d/structure/governance $d/fixtures/governance-notes-bom-crlf.txt $d/seeds/002_*" ;;
        adapter-moderngov-text) echo "$d/structure/moderngov $d/fixtures/moderngov-*.txt $d/seeds/000_* $d/seeds/003_* $d/seeds/004_*" ;;
        adapter-moderngov-html) echo "$d/fixtures/html $d/fixtures/moderngov-item-windows-1252.html" ;;
        adapter-pdf) echo "$build/pdf-seeds" ;;
        detect) echo "$d/seeds $d/fixtures $d/structure $d/not-records examples/data" ;;
        entities) echo "$d/fixtures/entities-*.txt $d/seeds examples/data" ;;
        json) echo "tests/golden" ;;
        chain-parser) echo "tests/fuzz/chains" ;;
    esac
}

# The PDF seeds are made by the PDF tests' generator (python3-reportlab), once.
make_pdf_seeds() {
    [ -d "$build/pdf-seeds" ] && return 0
    mkdir -p "$build/pdf-seeds.tmp"
    /usr/bin/python3 "$root/tests/data/pdf/make_pdfs.py" "$build/pdf-seeds.tmp" >/dev/null
    find "$build/pdf-seeds.tmp" -size +512k -delete  # the 2,000-page one would only slow it
    mv "$build/pdf-seeds.tmp" "$build/pdf-seeds"
}

# Copies the target's seeds (not the golden JSON beside them, files up to 256 KB) into its
# corpus, the first time only.
seed_corpus() {
    local target=$1 corpus=$build/corpus/$1
    [ -d "$corpus" ] && return 0
    [ "$target" = adapter-pdf ] && make_pdf_seeds
    mkdir -p "$corpus.tmp"
    local source
    for source in $(cd "$root" && eval echo $(seeds_of "$target")); do
        [[ $source = /* ]] || source=$root/$source
        [ -e "$source" ] || continue
        find "$source" -type f -size -257k \
            $([ "$target" = json ] && echo "-name *.json" || echo "! -name *.json ! -name *.md ! -name *.py") \
            -exec cp -t "$corpus.tmp" {} + 2>/dev/null || true
    done
    mv "$corpus.tmp" "$corpus"
}

run_target() {
    local target=$1 corpus=$build/corpus/$1 findings=$build/findings/$1
    mkdir -p "$findings"
    seed_corpus "$target"
    "$bin/fuzz-$target" "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
        -max_len=262144 -print_final_stats=1 -artifact_prefix="$findings/" "${seed[@]}" \
        >"$build/logs/$target.log" 2>&1 || true
}

mkdir -p "$build/logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
running=0
for target in "${targets[@]}"; do
    [ -x "$bin/fuzz-$target" ] || { echo "run.sh: no target fuzz-$target in $bin" >&2; exit 2; }
    run_target "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

# libFuzzer saves an input whose run took over 10 s of wall time as slow-unit-*, and one past
# the 20 s timeout as timeout-* (and stops). On a shared machine the process can simply have
# been descheduled that long: local campaigns here saved inputs that replay in 23 ms as 14 to
# 29 s. So each such input is run again, alone, three times (a hang that comes now and then
# has three chances to show): if any run is slow (10 s) or fails, it stays a finding; if
# not, it is moved to stalls/, named under the table, and its timeout does not count.
slow_seconds=10
replay_slow_units() {
    local target=$1 findings=$build/findings/$1 unit start elapsed slowest round
    for unit in "$findings"/slow-unit-* "$findings"/timeout-*; do
        [ -f "$unit" ] || continue
        slowest=0
        for round in 1 2 3; do
            start=$(date +%s%N)
            "$bin/fuzz-$target" -timeout=20 -rss_limit_mb=3072 "$unit" >/dev/null 2>&1 ||
                continue 2
            elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
            [ "$elapsed" -lt $((slow_seconds * 1000)) ] || continue 2
            [ "$elapsed" -le "$slowest" ] || slowest=$elapsed
        done
        mkdir -p "$findings/stalls"
        mv "$unit" "$findings/stalls/"
        stalls+=("$target: ${unit##*/} was slow once, then ran in $slowest ms at most alone")
        [[ ${unit##*/} != timeout-* ]] || stalled_timeout[$target]=1
    done
}

# Whether the log reports a finding; a timeout judged a stall above is not one.
log_reports_finding() {
    local target=$1 log=$build/logs/$1.log
    if [ -n "${stalled_timeout[$target]:-}" ]; then
        grep -v -E 'libFuzzer: timeout' "$log"
    else
        cat "$log"
    fi | grep -qE 'ERROR: (libFuzzer|AddressSanitizer)|runtime error|fuzz: finding'
}

status=0
stalls=()
failed=()
declare -A stalled_timeout=()
printf '%-28s %12s %8s %8s %8s  %s\n' target runs cov ft corpus findings
for target in "${targets[@]}"; do
    replay_slow_units "$target"
    log=$build/logs/$target.log
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
    corpus=$(find "$build/corpus/$target" -type f | wc -l)
    found=$(find "$build/findings/$target" -maxdepth 1 -type f | wc -l)
    note=$found
    if [ "$found" -gt 0 ] || log_reports_finding "$target"; then
        note="$found (see $log)"
        status=1
        failed+=("$target")
    fi
    printf '%-28s %12s %8s %8s %8s  %s\n' "$target" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$note"
done
# What each finding was, in a few lines of its log: CI shows only this output.
for target in "${failed[@]}"; do
    echo "$target:"
    find "$build/findings/$target" -maxdepth 1 -type f -printf '  saved: %f (%s bytes)\n'
    grep -E 'ERROR:|SUMMARY:|fuzz: finding|Slowest unit|Test unit written|runtime error' \
        "$build/logs/$target.log" | head -8 | sed 's/^/  /'
done
for stall in "${stalls[@]}"; do
    echo "not a finding: $stall (the machine stalled)"
done
exit $status
