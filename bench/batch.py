#!/usr/bin/env python3
"""Measures `kpproc run` on whole batches, each measure as a ratio against a floor measured in
the same run on the same files (a shared machine's absolute timings mean little on their own).

    python3 bench/batch.py [--kpproc PATH] [--corpus DIR] [--runs N] [--quick] [--only WHICH]
    bench/run.sh batch [--quick ...]          (the same)

Measures (one core, -j 1, unless stated; each timing the best of --runs, the two sides of a
ratio interleaved so that a machine whose speed drifts moves both alike; the one-core ratios
are measured a second way too, "at once": both sides running at the same time on cores 0 and 1,
the ratio the median of --runs rounds, which holds up better on a machine whose speed changes
from second to second):
  * `auto ! entities ! sqlite -o F.sqlite` (a fresh database each run) against
    `auto ! entities ! json -o /dev/null`: target <= 1.5x; and the sqlite export run again over
    the database it made, nothing changed, against the same floor (shown, no target);
  * -j 2 on two cores (taskset -c 0,1) against -j 1 on one (taskset -c 0), for
    `auto ! entities ! json` (target >= 1.8x) and `auto ! entities ! sqlite` (>= 1.7x); and,
    against the same -j 1, the machine's ceiling: two -j 1 processes at once, one on each core,
    each on half of the files (every other one), which share nothing but the machine (shown);
  * `--isolate` against without, `auto ! entities ! json` (target <= 1.15x, i.e. 15 % overhead);
    "n/a (no --isolate)" when `kpproc run --help` does not offer it;
  * peak RSS (ru_maxrss) of `auto ! json -o /dev/null` and `auto ! entities ! sqlite` over 1k,
    10k and 100k small documents (a few KB each) in nested council/committee/year directories of
    at most 1,000 files; the growth from 1k to 100k against the 1k floor (target flat, <= 10 %);
    and one flat directory of 10k files against the same 10k nested (time and RSS, shown).
The timed ratios are measured on two sets: the 1k set of small records, where what a document
costs the batch machinery weighs most, and 600 documents of bench/make_corpus.py's corpus (150
of each of its four formats, 30 MB: the set the issue's targets were first measured on, made
once into bench-600/). --sets small|corpus measures one of them. --quick leaves out the 100k
set (growth is then 1k to 10k); --only timings|memory runs one half.

The corpus is made once, into build/release/bench-batch/ by default, and reused: a pool of small
records cut from bench/make_corpus.py's generators (each one checked to be read by `auto`), then
written out with a line of its own per file, so that no two files are the same bytes.
Standard library only. Exit status 1 when a measure is below its target.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_corpus  # noqa: E402  (the generators of the adapters' bench)

POOL_SIZE = 300  # distinct records the sets are made from
FILES_PER_DIR = 100
SETS = [("nested-1k", 1_000, True), ("nested-10k", 10_000, True),
        ("nested-100k", 100_000, True), ("flat-10k", 10_000, False)]


# ---- The corpus ----------------------------------------------------------------------------

def cut(text, low, high):
    """The record's start, cut at a paragraph break between `low` and `high` bytes: a small
    record with its heading, attendance and first items, as a short meeting's minutes are."""
    if len(text.encode()) <= high:
        return text
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text) if low <= m.start() <= high]
    return text[:breaks[-1] if breaks else high].rstrip() + "\n"


def make_pool(kpproc, directory):
    """Writes POOL_SIZE small records of the three text formats that `auto` reads; keeps
    only those it reads without an error, so that every timing is of documents that succeed."""
    if os.path.exists(directory + ".complete"):
        return [open(os.path.join(directory, n), "rb").read() for n in sorted(os.listdir(directory))]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    generators = [make_corpus.gen_plaintext, make_corpus.gen_governance, make_corpus.gen_moderngov_text]
    for i in range(POOL_SIZE):
        name, text = generators[i % 3]("batch", i)
        low = 2_000 + (i * 37) % 3_000  # 2-5 KB, spread
        with open(os.path.join(directory, "%04d-%s" % (i, name)), "w", encoding="utf-8") as f:
            f.write(cut(text, low, low + 1_500))
    result = subprocess.run([kpproc, "run", "--chain", "auto ! json", "-o", "/dev/null", directory],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in result.stderr.splitlines():
        failed = re.match(r"kpproc: error: (\S+?):", line)
        if failed and os.path.exists(failed.group(1)):
            os.remove(failed.group(1))
    open(directory + ".complete", "w").close()
    return make_pool(kpproc, directory)


def make_bench_corpus(root, per_format=150):
    """bench/make_corpus.py's corpus, `per_format` documents of each of its formats."""
    directory = os.path.join(root, f"bench-{per_format * len(make_corpus.FOLDERS)}")
    if not os.path.exists(directory + ".complete"):
        shutil.rmtree(directory, ignore_errors=True)
        make_corpus.main([directory, "--documents", str(per_format)])
        open(directory + ".complete", "w").close()
    return directory


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def place(index, nested):
    """council/committee/year for the FILES_PER_DIR files of directory index // FILES_PER_DIR."""
    if not nested:
        return ""
    d = index // FILES_PER_DIR
    councils, committees = make_corpus.COUNCILS, make_corpus.COMMITTEES
    council = slug(councils[d % len(councils)][0])
    committee = slug(committees[d // len(councils) % len(committees)])
    return os.path.join(council, committee, str(2010 + d // (len(councils) * len(committees))))


def make_set(root, name, count, nested, pool):
    directory = os.path.join(root, name)
    marker = directory + ".complete"
    if os.path.exists(marker):
        return directory
    started = time.perf_counter()
    shutil.rmtree(directory, ignore_errors=True)
    made = set()
    for i in range(count):
        folder = os.path.join(directory, place(i, nested))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        # A line of its own, so that each file is a document of its own bytes.
        note = ("\n\nThe record was filed as %s/%06d.\n" % (place(i, nested) or "flat", i)).encode()
        with open(os.path.join(folder, "minutes-%06d.txt" % i), "wb") as f:
            f.write(pool[i % len(pool)] + note)
    open(marker, "w").close()
    print(f"bench: made {name} ({count} files) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return directory


# ---- Running kpproc ------------------------------------------------------------------------

def run(command):
    """Runs a command; returns (seconds, peak RSS in MB). A kpproc that fails ends the bench."""
    with tempfile.TemporaryFile() as errors:  # a pipe nobody reads could fill and block it
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    # The whole bench takes a while (100k documents into SQLite): say what has been done.
    print(f"bench: {elapsed:7.2f} s  {' '.join(command[:3])} kpproc {' '.join(command[4:])}",
          file=sys.stderr, flush=True)
    if code != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({code}):\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def paired(a, b, runs, before_a=lambda: None, before_b=lambda: None):
    """Best-of-`runs` seconds of commands a and b, run in turns (a b, b a, a b …) so that drift
    hits both sides alike; before_a and before_b prepare each run (e.g. remove a database)."""
    times = {"a": [], "b": []}
    for i in range(runs):
        for side in ("ab" if i % 2 == 0 else "ba"):
            (before_a if side == "a" else before_b)()
            times[side].append(run(a if side == "a" else b)[0])
    return min(times["a"]), min(times["b"])


def together(a, b):
    """Commands a and b started at the same moment; the seconds until each ended, as (a, b).
    A command that fails ends the bench."""
    started, processes = time.perf_counter(), []
    with tempfile.TemporaryFile() as errors:
        for command in (a, b):
            processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors))
        ended = {}
        while len(ended) < 2:
            pid, status = os.wait()
            ended[pid] = (time.perf_counter() - started, os.waitstatus_to_exitcode(status))
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    (a_seconds, a_code), (b_seconds, b_code) = (ended[p.pid] for p in processes)
    if a_code != 0 or b_code != 0:
        sys.exit(f"bench: two runs at once failed ({a_code}, {b_code}):\n{stderr[-2000:]}")
    print(f"bench: {a_seconds:7.2f} s and {b_seconds:7.2f} s at once", file=sys.stderr, flush=True)
    return a_seconds, b_seconds


def split_in_two(directory, into):
    """Every other file of `directory` (in sorted order, so each half has its share of every
    format) linked into into/a or into/b; returns the two directories."""
    halves = [os.path.join(into, "a"), os.path.join(into, "b")]
    for half in halves:
        shutil.rmtree(half, ignore_errors=True)
        os.makedirs(half)
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(directory) for name in names)
    for index, path in enumerate(files):
        os.symlink(path, os.path.join(halves[index % 2], f"{index:07d}-{os.path.basename(path)}"))
    return halves


def at_once(a, b, runs, before=lambda: None):
    """Commands a and b run at the same time, one on each of cores 0 and 1 (swapped from round
    to round): a machine whose speed drifts from second to second then moves both sides alike,
    which taking turns only does on average. a and b are functions of the core to use; before()
    prepares each round. Returns the median of the rounds' ratios a/b, and each side's median."""
    ratios, a_times, b_times = [], [], []
    for i in range(runs):
        before()
        cores = ("0", "1") if i % 2 == 0 else ("1", "0")
        a_seconds, b_seconds = together(a(cores[0]), b(cores[1]))
        ratios.append(a_seconds / b_seconds)
        a_times.append(a_seconds)
        b_times.append(b_seconds)
    return statistics.median(ratios), statistics.median(a_times), statistics.median(b_times)


class Bench:
    def __init__(self, args, corpus, scratch):
        self.kpproc, self.runs, self.corpus, self.scratch = args.kpproc, args.runs, corpus, scratch
        self.rows = []
        self.below = False

    def command(self, chain, directory, output="/dev/null", jobs=1, cores="0", extra=()):
        return ["taskset", "-c", cores, self.kpproc, "run", "-q", "-j", str(jobs), *extra,
                "--chain", chain, "-o", output, directory]

    def row(self, measure, value, floor, ratio, target=None, higher_is_better=False, percent=False):
        """A table row; `target` None for a measure shown without one. With `percent`, the
        ratio and target read as growth or overhead: 1.15 is "+15%"."""
        if target is None:
            status = ""
        else:
            ok = ratio >= target if higher_is_better else ratio <= target
            self.below = self.below or not ok
            status = "OK" if ok else "BELOW"
        show = (lambda r: f"{(r - 1) * 100:+.1f}%") if percent else (lambda r: f"{r:.2f}x")
        target_text = "" if target is None else (">=" if higher_is_better else "<=") + \
            (f"{(target - 1) * 100:+.0f}%" if percent else f"{target:g}x")
        self.rows.append((measure, value, floor, show(ratio), target_text, status))

    def note(self, measure, text):
        self.rows.append((measure, text, "", "", "", ""))

    def print_table(self):
        header = ("measure", "value", "floor", "ratio", "target", "")
        widths = [max(len(str(r[c])) for r in self.rows + [header]) for c in range(6)]
        for r in [header] + self.rows:
            print("  ".join(str(v).ljust(w) if c in (0, 5) else str(v).rjust(w)
                            for c, (v, w) in enumerate(zip(r, widths))).rstrip())

    # ---- The measures ---------------------------------------------------------------------

    def sqlite_against_json(self, directory, label):
        database = os.path.join(self.scratch, "minutes.sqlite")
        sqlite = self.command("auto ! entities ! sqlite", directory, database)
        json = self.command("auto ! entities ! json", directory)
        fresh, floor = paired(sqlite, json, self.runs, lambda: remove_database(database))
        self.row(f"entities ! sqlite (fresh db) / entities ! json, {label}", f"{fresh:.2f} s",
                 f"{floor:.2f} s", fresh / floor, 1.5)
        ratio, fresh, floor = at_once(
            lambda core: self.command("auto ! entities ! sqlite", directory, database, cores=core),
            lambda core: self.command("auto ! entities ! json", directory, cores=core),
            self.runs, lambda: remove_database(database))
        self.row(f"  the same, at once (median of {self.runs})", f"{fresh:.2f} s", f"{floor:.2f} s",
                 ratio, 1.5)
        # Over a whole database of the same inputs, which a re-run changes nothing in.
        remove_database(database)
        run(sqlite)
        again, floor = paired(sqlite, json, self.runs)
        self.row(f"entities ! sqlite again, unchanged / entities ! json, {label}", f"{again:.2f} s",
                 f"{floor:.2f} s", again / floor)
        remove_database(database)

    def parallel(self, directory, label):
        database = os.path.join(self.scratch, "parallel.sqlite")
        halves = split_in_two(directory, os.path.join(self.scratch, "halves"))
        half_databases = [os.path.join(self.scratch, f"half-{i}.sqlite") for i in (0, 1)]

        def reset():  # each run from no database
            for path in [database, *half_databases]:
                remove_database(path)

        for chain, output, target in (("auto ! entities ! json", "/dev/null", 1.8),
                                      ("auto ! entities ! sqlite", database, 1.7)):
            two, one = paired(self.command(chain, directory, output, jobs=2, cores="0,1"),
                              self.command(chain, directory, output, jobs=1, cores="0"),
                              self.runs, reset, reset)
            self.row(f"-j2 (2 cores) speed-up over -j1, {chain}, {label}", f"{two:.2f} s",
                     f"{one:.2f} s", one / two, target, higher_is_better=True)
            # What two cores of this machine give at best: two -j1 processes, one a core, each
            # on half the inputs, which share nothing but the machine: below 2x where the cores
            # contend for caches, memory or a host's time.
            outputs = half_databases if output == database else ["/dev/null", "/dev/null"]
            halves_at_once = []
            for _ in range(self.runs):
                reset()
                halves_at_once.append(max(together(
                    self.command(chain, halves[0], outputs[0], cores="0"),
                    self.command(chain, halves[1], outputs[1], cores="1"))))
            both = min(halves_at_once)
            self.row("  the machine's ceiling: two -j1 processes at once, each on half",
                     f"{both:.2f} s", f"{one:.2f} s", one / both)
        reset()

    def isolate(self, directory, label):
        measure = f"--isolate overhead, auto ! entities ! json, {label}"
        help_text = subprocess.run([self.kpproc, "run", "--help"], capture_output=True, text=True).stdout
        if "--isolate" not in help_text:
            self.note(measure, "n/a (no --isolate)")
            return
        chain = "auto ! entities ! json"
        isolated, plain = paired(self.command(chain, directory, extra=("--isolate",)),
                                 self.command(chain, directory), self.runs)
        self.row(measure, f"{isolated:.2f} s", f"{plain:.2f} s", isolated / plain, 1.15, percent=True)
        ratio, isolated, plain = at_once(
            lambda core: self.command(chain, directory, cores=core, extra=("--isolate",)),
            lambda core: self.command(chain, directory, cores=core), self.runs)
        self.row(f"  the same, at once (median of {self.runs})", f"{isolated:.2f} s", f"{plain:.2f} s",
                 ratio, 1.15, percent=True)

    def memory(self, sets):
        """Peak RSS over the nested sets; growth from the smallest to the largest."""
        database = os.path.join(self.scratch, "memory.sqlite")
        for chain, output in (("auto ! json", "/dev/null"), ("auto ! entities ! sqlite", database)):
            peaks = []
            for name, files, directory in sets:
                remove_database(database)
                seconds, rss = run(self.command(chain, directory, output))
                peaks.append((name, rss))
                self.note(f"peak RSS, {chain}, {name}", f"{rss:.0f} MB ({files / seconds:.0f} docs/s)")
            (first, low), (last, high) = peaks[0], peaks[-1]
            self.row(f"peak RSS growth {first} -> {last}, {chain}", f"{high:.0f} MB", f"{low:.0f} MB",
                     high / low, 1.10, percent=True)
            remove_database(database)

    def flat_directory(self, nested, flat):
        chain = "auto ! json"
        nested_s, nested_rss = run(self.command(chain, nested))
        flat_s, flat_rss = run(self.command(chain, flat))
        self.row(f"one flat dir / nested, 10k, {chain}: time", f"{flat_s:.2f} s", f"{nested_s:.2f} s",
                 flat_s / nested_s)
        self.row(f"one flat dir / nested, 10k, {chain}: peak RSS", f"{flat_rss:.0f} MB",
                 f"{nested_rss:.0f} MB", flat_rss / nested_rss)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_kpproc = os.path.join(HERE, "..", "build", "release", "bin", "kpproc")
    parser.add_argument("--kpproc", default=default_kpproc)
    parser.add_argument("--corpus", help="where the sets are made once and reused "
                                         "(default: bench-batch/ in the build directory)")
    parser.add_argument("--runs", type=int, default=3, help="best of N for each timing (default 3)")
    parser.add_argument("--quick", action="store_true", help="leave out the 100k set")
    parser.add_argument("--only", choices=("timings", "memory"),
                        help="only the timed ratios, or only the memory measures")
    parser.add_argument("--sets", choices=("small", "corpus", "both"), default="both",
                        help="which sets the timed ratios are measured on: the 1k small records, "
                             "600 bench-corpus documents, or both (default)")
    args = parser.parse_args()
    if shutil.which("taskset") is None:
        sys.exit("bench: taskset is not installed (apt-get install util-linux)")
    args.kpproc = os.path.abspath(args.kpproc)
    corpus = os.path.abspath(args.corpus or os.path.join(os.path.dirname(args.kpproc), "..", "bench-batch"))
    os.makedirs(corpus, exist_ok=True)
    pool = make_pool(args.kpproc, os.path.join(corpus, "pool"))
    chosen = [(name, count, nested) for name, count, nested in SETS if not (args.quick and count > 10_000)]
    sets = {name: make_set(corpus, name, count, nested, pool) for name, count, nested in chosen}
    with tempfile.TemporaryDirectory(dir=corpus) as scratch:
        bench = Bench(args, corpus, scratch)
        if args.only != "memory":
            timed = [(sets["nested-1k"], "1k")] if args.sets != "corpus" else []
            if args.sets != "small":
                timed.append((make_bench_corpus(corpus), "bench 600"))
            for directory, label in timed:
                bench.sqlite_against_json(directory, label)
                bench.parallel(directory, label)
                bench.isolate(directory, label)
        if args.only != "timings":
            bench.memory([(name.split("-")[1], count, sets[name]) for name, count, nested in chosen if nested])
            bench.flat_directory(sets["nested-10k"], sets["flat-10k"])
    print(f"kpproc run, {len(pool)} distinct records of {sum(map(len, pool)) / len(pool) / 1000:.1f} KB "
          f"on average; timings best of {args.runs}, one run each for peak RSS")
    bench.print_table()
    sys.exit(1 if bench.below else 0)


if __name__ == "__main__":
    main()
