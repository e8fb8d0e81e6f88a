#!/usr/bin/env python3
"""Measures kp.adapter.pdf in pages a second against `pdftotext -layout` on the same PDFs, in the
same run, on one core: the target is at least 0.7x pdftotext's rate for the whole of
`kpproc run --chain 'pdf ! json'` (text, structure and the JSON export).

    python3 bench/pdf.py [--kpproc PATH] [--corpus DIR] [--runs N]
    bench/run.sh pdf [...]                          (the same)

The corpus is made once (build/release/bench-pdf/ by default): the plain-text minutes of
bench/make_corpus.py, laid out as printed minutes are (A4, running header, "Page N of M"
footer) by tests/data/pdf/make_pdfs.py's Minutes, with Debian's python3-reportlab. pdftotext
runs once per file, as a user converting a folder would; kpproc runs once over the folder. A
second measure, one PDF of 2,000 short pages, compares the two per page, start-up aside.
Each timing is the best of --runs, the two sides taking turns. Standard library only, apart
from reportlab for making the corpus. Exit status 1 when the target is missed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "data", "pdf"))
import make_corpus  # noqa: E402

FILES = 60
TARGET = 0.7
DEBIAN_PYTHON = "/usr/bin/python3"  # python3-reportlab is a Debian package


def make_corpus_pdfs(directory):
    """Writes FILES PDFs, once. Runs under Debian's python3, which has reportlab."""
    marker = directory + ".complete"
    if os.path.exists(marker):
        return
    try:
        import make_pdfs  # noqa: F401  (reportlab)
    except ImportError:
        if sys.executable != DEBIAN_PYTHON and os.path.exists(DEBIAN_PYTHON):
            subprocess.run([DEBIAN_PYTHON, __file__, "--make-corpus", directory], check=True)
            return
        sys.exit("bench: reportlab is not installed (apt-get install python3-reportlab)")
    import make_pdfs
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for i in range(FILES):
        name, text = make_corpus.gen_plaintext("pdf", i)
        lines = []
        for paragraph in text.split("\n"):
            lines.extend(textwrap.wrap(paragraph, 95) or [""])
        pages = len(lines) // 50 + 1
        m = make_pdfs.Minutes(os.path.join(directory, name.replace(".txt", ".pdf")),
                              "Kent County Council - Minutes - document %d" % i, pages)
        for line in lines:
            if line:
                m.line(line, size=9)
            else:
                m.gap()
        m.save()
    make_pdfs.many_pages(directory + "-long.pdf", 2000)
    open(marker, "w").close()


def pages_of(directory):
    total = 0
    for name in os.listdir(directory):
        info = subprocess.run(["pdfinfo", os.path.join(directory, name)], capture_output=True,
                              text=True, check=True).stdout
        total += int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
    return total


def best_of(runs, floor, ours):
    """Best-of-`runs` seconds of the two command lists, taking turns."""
    best_floor = best_ours = float("inf")
    for i in range(runs):
        for side in ("fo" if i % 2 == 0 else "of"):
            if side == "f":
                best_floor = min(best_floor, timed(floor))
            else:
                best_ours = min(best_ours, timed(ours))
    return best_floor, best_ours


def timed(command_lists):
    start = time.perf_counter()
    for command in command_lists:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kpproc", default=os.path.join(HERE, "..", "build", "release", "bin", "kpproc"))
    parser.add_argument("--corpus", help="where the PDFs are made once (default: bench-pdf/ in the build directory)")
    parser.add_argument("--runs", type=int, default=3, help="best of N for each timing (default 3)")
    parser.add_argument("--make-corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_corpus:
        make_corpus_pdfs(args.make_corpus)
        return
    for tool in ("pdftotext", "pdfinfo", "taskset"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is not installed (apt-get install poppler-utils util-linux)")
    kpproc = os.path.abspath(args.kpproc)
    corpus = os.path.abspath(args.corpus or os.path.join(os.path.dirname(kpproc), "..", "bench-pdf"))
    make_corpus_pdfs(corpus)
    files = sorted(os.path.join(corpus, n) for n in os.listdir(corpus))
    pages = pages_of(corpus)
    def kpproc_over(target):
        return [["taskset", "-c", "0", kpproc, "run", "-q", "-j", "1", "--chain", "pdf ! json",
                 "-o", "/dev/null", target]]

    def pdftotext_over(paths):
        return [["taskset", "-c", "0", "pdftotext", "-layout", f, "/dev/null"] for f in paths]

    long_pdf = corpus + "-long.pdf"
    measures = [
        (f"{len(files)} PDFs of minutes ({pages} pages)", pages,
         best_of(args.runs, pdftotext_over(files), kpproc_over(corpus))),
        ("one PDF of 2,000 pages", 2000,
         best_of(args.runs, pdftotext_over([long_pdf]), kpproc_over(long_pdf))),
    ]
    print(f"best of {args.runs}, one core; pdftotext -layout runs once per file, kpproc once")
    print(f"{'':36} {'pdftotext':>16} {'kpproc pdf ! json':>20} {'ratio':>7}  target")
    below = False
    for label, count, (floor_s, ours_s) in measures:
        ratio = floor_s / ours_s
        below = below or ratio < TARGET
        print(f"{label:36} {count / floor_s:10.0f} pages/s {count / ours_s:12.0f} pages/s "
              f"{ratio:6.2f}x  >= {TARGET}x {'OK' if ratio >= TARGET else 'BELOW'}")
    sys.exit(1 if below else 0)


if __name__ == "__main__":
    main()
