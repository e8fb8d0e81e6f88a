#!/usr/bin/env python3
"""Writes the files docs/plugin-guide.md shows, each the code block after a
`<!-- file: NAME -->` line, into a directory, so that the install test builds the guide's
adapter exactly as the guide gives it.

    guide_files.py GUIDE.md OUT_DIR
"""
import os
import re
import sys


def main():
    guide, out = sys.argv[1], sys.argv[2]
    text = open(guide, encoding="utf-8").read()
    blocks = re.findall(r"<!-- file: (\S+) -->\n```[a-z]*\n(.*?)\n```\n", text, re.S)
    if not blocks:
        sys.exit(f"{guide}: no '<!-- file: NAME -->' code blocks")
    os.makedirs(out, exist_ok=True)
    for name, body in blocks:
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(body + "\n")
        print(name)


if __name__ == "__main__":
    main()
