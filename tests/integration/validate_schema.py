#!/usr/bin/env python3
"""Validates documents against the published JSON Schema (sdk/schema/kpproc-document-v1.schema.json).

Usage: validate_schema.py SOURCE_DIR KPPROC
  * the schema is itself a valid JSON Schema (draft 2020-12);
  * every golden file under tests/golden/ is valid;
  * every seed and fixture run through `auto ! entities ! json` (entities, speakers) is valid;
  * documents broken on purpose are not (so this test can fail).
Exits 1 and names the file and the path inside it on the first problem of each document.
"""
import copy
import json
import pathlib
import subprocess
import sys

import jsonschema


def main() -> int:
    source, kpproc = pathlib.Path(sys.argv[1]), sys.argv[2]
    schema = json.loads((source / "sdk/schema/kpproc-document-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []

    def check(name, document):
        error = jsonschema.exceptions.best_match(validator.iter_errors(document))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{name}: at /{where}: {error.message}")

    goldens = sorted((source / "tests/golden").rglob("*.json"))
    for path in goldens:
        check(str(path.relative_to(source)), json.loads(path.read_text()))

    inputs = [str(source / "tests/data/seeds"), str(source / "tests/data/fixtures")]
    run = subprocess.run([kpproc, "run", "-q", "--chain", "auto ! entities ! json", *inputs],
                         capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f"kpproc run failed ({run.returncode}): {run.stderr.strip()}")
    processed = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    for document in processed:
        check(document["source"]["path"] + " (with entities)", document)
    if not any(d["entities"] for d in processed):
        problems.append("no entities in the processed documents: the entities part went unchecked")

    # Broken on purpose: each must be refused.
    base = processed[0] if processed else json.loads(goldens[0].read_text())
    broken = {
        "a span of one number": lambda d: d["items"][0].__setitem__("title_span", [3]),
        "a date in words": lambda d: d["meeting"].__setitem__("date", "17 October 2023"),
        "text that is not a string": lambda d: d.__setitem__("text", 42),
        "a missing field": lambda d: d.pop("diagnostics"),
        "a model version 2": lambda d: d.__setitem__("kpproc", "2"),
        "a DATE without a value": lambda d: d["entities"].append(
            {"id": "date:x", "type": "DATE", "name": "x", "attributes": {}, "mentions": []}),
    }
    for what, damage in broken.items():
        document = copy.deepcopy(base)
        damage(document)
        if validator.is_valid(document):
            problems.append(f"the schema accepted a document with {what}")

    for p in problems:
        print(p)
    print(f"{len(goldens)} goldens and {len(processed)} processed documents checked, "
          f"{len(broken)} broken ones refused; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
