#!/usr/bin/env python3
"""Writes kpproc's man page and its bash completion from the help the built kpproc prints, so
that neither can drift from the command line they describe.

    make_cli_docs.py KPPROC OUTPUT_DIR      -> OUTPUT_DIR/kpproc.1, OUTPUT_DIR/kpproc.bash

Standard library only.
"""
import os
import re
import subprocess
import sys

COMMANDS = ["run", "plugins", "inspect", "detect", "search", "link", "show", "serve"]
OPTION_LINE = re.compile(r"^(-\S+(?:, --\S+)?)\s{2,}(.*)$")


def help_text(kpproc, *args):
    out = subprocess.run([kpproc, *args], capture_output=True, text=True, check=True)
    return out.stdout


def parse_command_help(text):
    """(usage, description, [(option, text)], footer) of `kpproc CMD --help`."""
    lines = text.rstrip("\n").split("\n")
    usage = lines[0].removeprefix("usage: ")
    description, options, footer, part = [], [], [], "description"
    for line in lines[1:]:
        match = OPTION_LINE.match(line)
        if match:
            part = "options"
            options.append([match.group(1), match.group(2).strip()])
        elif part == "options" and line.startswith(" ") and options:
            options[-1][1] += " " + line.strip()
        elif part == "options" and not line.strip():
            part = "footer"
        elif part == "description":
            description.append(line)
        elif line.strip() or footer:
            footer.append(line)
    return usage, " ".join(l.strip() for l in description if l.strip()), options, footer


def roff(text):
    """Text safe in a man page: backslashes doubled, no line starting with a dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + l if l[:1] in (".", "'") else l) for l in text.split("\n"))


def option_names(spec):
    """'-cCHAIN, --chain=CHAIN' -> ['-c', '--chain']."""
    names = []
    for part in spec.split(", "):
        match = re.match(r"(--[\w-]+|-\w)", part)
        if match:
            names.append(match.group(1))
    return names


def man_page(kpproc, overview, helps):
    version = help_text(kpproc, "--version").split()[-1]
    out = [f'.TH KPPROC 1 "" "kpproc {version}" "kpproc manual"',
           ".SH NAME", "kpproc \\- " + roff(overview.split("\n")[0].split("— ", 1)[-1]),
           ".SH SYNOPSIS", ".nf"]
    usage_block = overview.split("Usage:\n", 1)[1].split("\n\n", 1)[0]
    out += [roff(l.strip()) for l in usage_block.split("\n")]
    out += [".fi", ".SH DESCRIPTION", roff(overview.split("\n\n", 2)[2].strip()), ".SH COMMANDS"]
    for command, (usage, description, options, footer) in helps.items():
        out += [f".SS {command}", ".B " + roff(usage), ".PP", roff(description)]
        for spec, text in options:
            out += [".TP", ".B " + roff(spec), roff(text)]
        if footer:
            out += [".PP", ".nf", roff("\n".join(footer)), ".fi"]
    out += [".SH ENVIRONMENT", ".TP", ".B KPPROC_PLUGIN_PATH",
            "Directories of plugins, ':'\\-separated, searched after \\-\\-plugin\\-path.",
            ".TP", ".B NO_COLOR", "Turns the progress meter's colour off.",
            ".TP", ".B PGPASSWORD",
            "The password of a postgresql:// database (or ~/.pgpass), rather than in the URL.",
            ".SH SEE ALSO", "The README of kpproc, and 'kpproc inspect ID' for each plugin."]
    return "\n".join(out) + "\n"


def completion(helps):
    cases = []
    for command, (_, _, options, _) in helps.items():
        names = " ".join(n for spec, _ in options for n in option_names(spec))
        cases.append(f'        {command}) options="{names}" ;;')
    return f"""# bash completion for kpproc (generated from its help by make_cli_docs.py)
_kpproc() {{
    local current=${{COMP_WORDS[COMP_CWORD]}} command="" i options=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${{COMP_WORDS[i]}} in
            -p | --plugin-path) ((i++)) ;;
            -*) ;;
            *) command=${{COMP_WORDS[i]}}; break ;;
        esac
    done
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "{' '.join(helps)} help --help --version --plugin-path" -- "$current"))
        return
    fi
    case $command in
{chr(10).join(cases)}
        help) COMPREPLY=($(compgen -W "{' '.join(helps)}" -- "$current")); return ;;
    esac
    if [[ $current == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$current"))
    else
        COMPREPLY=($(compgen -f -- "$current"))
    fi
}}
complete -o filenames -F _kpproc kpproc
"""


def main():
    kpproc, output = sys.argv[1], sys.argv[2]
    os.makedirs(output, exist_ok=True)
    overview = help_text(kpproc, "--help")
    helps = {c: parse_command_help(help_text(kpproc, c, "--help")) for c in COMMANDS}
    with open(os.path.join(output, "kpproc.1"), "w") as f:
        f.write(man_page(kpproc, overview, helps))
    with open(os.path.join(output, "kpproc.bash"), "w") as f:
        f.write(completion(helps))


if __name__ == "__main__":
    main()
