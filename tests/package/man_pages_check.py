#!/usr/bin/env python3
"""Checks that the man pages document every option and command the programs list.

    python3 tests/package/man_pages_check.py --bin-dir build/app --man-dir packaging/man

For confab, confabd and confabctl it runs `PROGRAM --help`, takes every long
option (--name) and short option (-x) from the text and, for confabctl, every
command of its "Commands:" list, and looks for each in the rendered man page
(PROGRAM.1): an option anywhere in the page as a word of its own, a command at
the start of a line of the page's COMMANDS section. Prints one line per item
missing and exits 1 when any is; else prints a summary and exits 0.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

PROGRAMS = ("confab", "confabd", "confabctl")
HELP_TIMEOUT_S = 60

# A dash that is no part of a word before it: "--relay" in "with --relay off",
# not "-daemon" in "avahi-daemon".
LONG_OPTION = re.compile(r"(?<![\w-])--[A-Za-z0-9][A-Za-z0-9_-]*")
SHORT_OPTION = re.compile(r"(?<![\w-])-[A-Za-z](?![\w-])")
# "  send-file PEER PATH...   offer files ..." in confabctl's command list:
# two spaces, then the command (continuation lines are indented further).
COMMAND_LINE = re.compile(r"^  ([a-z][a-z0-9-]*)(?:\s|$)")

# What groff may print for a dash: hyphen, non-breaking hyphen, en dash, minus.
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2212": "-"})
SGR = re.compile(r"\x1b\[[0-9;]*m")
OVERSTRIKE = re.compile(r".\x08")


def run_help(bin_dir, program):
    env = dict(os.environ)
    # The help in English, whatever the caller's locale.
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    if program == "confab":
        env["QT_QPA_PLATFORM"] = "offscreen"
    path = os.path.join(bin_dir, program)
    try:
        done = subprocess.run([path, "--help"], env=env, capture_output=True, text=True,
                              timeout=HELP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{path} --help could not run: {error}"
    if done.returncode != 0 or not done.stdout.strip():
        detail = done.stderr.strip().splitlines()[:1]
        return None, f"{path} --help failed (exit status {done.returncode}){': ' + detail[0] if detail else ''}"
    return done.stdout, None


def options_in(help_text):
    found = []
    for pattern in (LONG_OPTION, SHORT_OPTION):
        for match in pattern.finditer(help_text):
            if match.group(0) not in found:
                found.append(match.group(0))
    return found


def commands_in(help_text):
    commands = []
    in_list = False
    for line in help_text.splitlines():
        if line.strip() == "Commands:":
            in_list = True
            continue
        if in_list:
            if not line.strip() or not line.startswith(" "):
                break
            match = COMMAND_LINE.match(line)
            if match and match.group(1) not in commands:
                commands.append(match.group(1))
    return commands


def man_environment(width):
    env = dict(os.environ)
    env.update({"LC_ALL": "C.UTF-8", "MANWIDTH": str(width), "MANROFFSEQ": ""})
    for name in ("MAN_KEEP_FORMATTING", "MANPAGER", "PAGER", "LANGUAGE"):
        env.pop(name, None)
    return env


def render_with_man(page):
    man = shutil.which("man")
    if not man:
        return None
    try:
        done = subprocess.run([man, "--nh", "--nj", "-E", "UTF-8", "-l", page], env=man_environment(200),
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return done.stdout


def man_warnings(page):
    """What `man --warnings` says about the page at 80 columns (nothing without man)."""
    man = shutil.which("man")
    if not man:
        return []
    try:
        done = subprocess.run([man, "--warnings", "-E", "UTF-8", "-l", page], env=man_environment(80),
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return [str(error)]
    return [line for line in done.stderr.splitlines() if line.strip()]


ROFF_ESCAPES = [
    (re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""),  # font changes
    (re.compile(r"\\\((aq)"), "'"),
    (re.compile(r"\\\((dq|lq|rq)"), '"'),
    (re.compile(r"\\\((em|en)"), "-"),
    (re.compile(r"\\\(.."), ""),
    (re.compile(r"\\[-]"), "-"),
    (re.compile(r"\\[&%]"), ""),
    (re.compile(r"\\ "), " "),
    (re.compile(r"\\e"), "\\\\"),
]


def roff_arguments(text):
    """The arguments of a macro line, with roff's double quotes."""
    arguments = []
    for match in re.finditer(r'"((?:[^"]|"")*)"|(\S+)', text):
        arguments.append(match.group(1).replace('""', '"') if match.group(1) is not None else match.group(2))
    return arguments


def render_roff(page):
    """A plain-text rendering of a man(7) page, good enough for finding words."""
    lines = []
    with open(page, encoding="utf-8") as source:
        for raw in source:
            line = raw.rstrip("\n")
            if line.startswith(('.\\"', "'\\\"")):
                continue
            if line.startswith((".", "'")):
                macro, _, rest = line[1:].partition(" ")
                arguments = roff_arguments(rest)
                if macro in ("SH", "SS"):
                    # As man shows them: sections at column 0, subsections indented.
                    lines.append(("" if macro == "SH" else "   ") + " ".join(arguments))
                    continue
                if macro in ("B", "I", "SM", "SB"):
                    line = " ".join(arguments)
                elif macro in ("BR", "RB", "BI", "IB", "IR", "RI"):
                    line = "".join(arguments)
                else:
                    continue  # .TP .PP .RS .EX .br .TH ...: no text of their own
            for pattern, replacement in ROFF_ESCAPES:
                line = pattern.sub(replacement, line)
            lines.append("       " + line)
    return "\n".join(lines) + "\n"


def render(page, force_roff):
    text = None if force_roff else render_with_man(page)
    if text is None:
        text = render_roff(page)
    text = OVERSTRIKE.sub("", SGR.sub("", text))
    return text.translate(DASHES)


def section(text, name):
    """The lines under the heading `name` (a line at column 0) up to the next heading."""
    body = []
    inside = False
    for line in text.splitlines():
        if line and not line[0].isspace():
            inside = line.strip() == name
            continue
        if inside:
            body.append(line)
    return "\n".join(body)


def mentions(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", required=True, help="folder with confab, confabd and confabctl")
    parser.add_argument("--man-dir", required=True, help="folder with confab.1, confabd.1 and confabctl.1")
    parser.add_argument("--roff", action="store_true",
                        help="read the pages' roff instead of rendering them with man")
    arguments = parser.parse_args()

    problems = []
    option_count = 0
    command_count = 0
    for program in PROGRAMS:
        page_name = f"{program}.1"
        page = os.path.join(arguments.man_dir, page_name)
        help_text, error = run_help(arguments.bin_dir, program)
        if error:
            problems.append(error)
            continue
        if not os.path.isfile(page):
            problems.append(f"{page_name} is missing ({page})")
            continue
        for warning in man_warnings(page):
            problems.append(f"{page_name} renders with a warning: {warning}")
        text = render(page, arguments.roff)
        options = options_in(help_text)
        if not options:
            problems.append(f"{program} --help lists no options: is it the right program?")
        for option in options:
            option_count += 1
            if not mentions(text, option):
                problems.append(f"{page_name} lacks {option}")
        if program == "confabctl":
            commands = commands_in(help_text)
            if not commands:
                problems.append("confabctl --help lists no commands (no 'Commands:' section found)")
            listed = section(text, "COMMANDS")
            for command in commands:
                command_count += 1
                if not re.search(r"^\s+" + re.escape(command) + r"(\s|$)", listed, re.M):
                    problems.append(f"{page_name} lacks the command {command}")

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"man pages: {option_count} options and {command_count} commands documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
