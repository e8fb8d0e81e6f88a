#!/usr/bin/env python3
"""Validates the entity gold files against GUIDELINES.md and the documents' text.

Usage: check_gold.py [--kpproc PATH] [GOLD.tsv ...]
       (default: every tests/data/gold/*/*.tsv and tests/data/gold/structure/*/*.tsv)
Each gold file tests/data/gold/<set>/<doc>.tsv is checked against the `text` of
tests/golden/<set>/<doc>.json. The structure set has no goldens: the text of
tests/data/gold/structure/<folder>/<doc>.tsv is what `kpproc run --chain 'auto ! json'` gives
for tests/data/structure/<folder>/<doc>.txt (or .html), with the kpproc named by --kpproc
(default build/release/bin/kpproc). Offsets are UTF-8 byte offsets, the surface must match,
mentions must not overlap, and values must have the documented form. Exits 1 on any problem.
"""
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
TYPES = {"PERSON", "ROLE", "ORGANISATION", "COUNCIL", "PLACE", "OPERATION", "LEGISLATION",
         "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "DECISION_REF", "ACRONYM", "EMAIL",
         "PHONE", "POSTCODE"}
VALUE_FORMS = {
    "DATE": re.compile(r"^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|\d{4}/\d{4})$"),
    "TIME": re.compile(r"^\d{2}:\d{2}$"),
    "MONEY": re.compile(r"^\d+(\.\d{2})?(-\d+(\.\d{2})?)?$"),
    "PERCENT": re.compile(r"^\d+(\.\d+)?(-\d+(\.\d+)?)?$"),
}
NO_VALUE = {"PERSON", "ORGANISATION", "COUNCIL", "PLACE", "OPERATION", "LEGISLATION", "QUANTITY",
            "DECISION_REF", "EMAIL", "PHONE", "POSTCODE"}


def structure_text(path: pathlib.Path, kpproc: pathlib.Path) -> str | None:
    """The adapter's text of the structure fixture a structure gold file annotates."""
    folder = REPO / "tests" / "data" / "structure" / path.parent.name
    for ext in (".txt", ".html"):
        source = folder / (path.stem + ext)
        if source.exists():
            out = subprocess.run([str(kpproc), "run", "--chain", "auto ! json", str(source)],
                                 check=True, capture_output=True)
            return json.loads(out.stdout.decode("utf-8"))["text"]
    return None


def document_text(path: pathlib.Path, kpproc: pathlib.Path) -> tuple[str | None, str]:
    """The text a gold file's offsets point into, or None and why not."""
    if path.parent.parent.name == "structure":
        if not kpproc.exists():
            return None, f"{path}: no kpproc at {kpproc} to read the structure fixture's text"
        text = structure_text(path, kpproc)
        return text, f"{path}: no structure fixture {path.parent.name}/{path.stem}.txt or .html"
    golden = REPO / "tests" / "golden" / path.parent.name / (path.stem + ".json")
    if not golden.exists():
        return None, f"{path}: no golden document {golden}"
    return json.loads(golden.read_text(encoding="utf-8"))["text"], ""


def check(path: pathlib.Path, kpproc: pathlib.Path) -> list[str]:
    problems = []
    text_or_none, why = document_text(path, kpproc)
    if text_or_none is None:
        return [why]
    text = text_or_none.encode("utf-8")
    last_end = -1
    last_begin = -1
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        fields = line.split("\t")
        if len(fields) != 5:
            problems.append(f"{where}: expected 5 tab-separated fields, got {len(fields)}")
            continue
        begin_s, end_s, kind, surface, value = fields
        try:
            begin, end = int(begin_s), int(end_s)
        except ValueError:
            problems.append(f"{where}: begin/end are not integers")
            continue
        if kind not in TYPES:
            problems.append(f"{where}: unknown type {kind}")
        if not 0 <= begin < end <= len(text):
            problems.append(f"{where}: span [{begin},{end}) outside the text")
            continue
        actual = text[begin:end].decode("utf-8", errors="replace")
        if actual != surface:
            problems.append(f"{where}: text[{begin}:{end}] is {actual!r}, not {surface!r}")
        if begin < last_begin:
            problems.append(f"{where}: not sorted by begin")
        if begin < last_end:
            problems.append(f"{where}: overlaps the mention before it")
        last_begin, last_end = begin, max(end, last_end)
        form = VALUE_FORMS.get(kind)
        if value and form is not None and not form.match(value):
            problems.append(f"{where}: {kind} value {value!r} is not in the documented form")
        if value and kind in NO_VALUE:
            problems.append(f"{where}: {kind} takes no value")
    return problems


def main() -> int:
    args = sys.argv[1:]
    kpproc = REPO / "build" / "release" / "bin" / "kpproc"
    if len(args) >= 2 and args[0] == "--kpproc":
        kpproc = pathlib.Path(args[1])
        args = args[2:]
    paths = [pathlib.Path(p) for p in args] or sorted(
        [*HERE.glob("*/*.tsv"), *HERE.glob("structure/*/*.tsv")])
    problems = [p for path in paths for p in check(path.resolve(), kpproc)]
    for p in problems:
        print(p)
    print(f"{len(paths)} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
