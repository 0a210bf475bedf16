#!/usr/bin/env python3
"""Checks the GUI's translations: every .ts file holds exactly the strings of
today's sources (lupdate run on a copy finds nothing new), and the complete
languages translate every one of them, with the same placeholders and
keyboard accelerators as the English text.

Usage: translations_check.py --lupdate-project-in FILE --generate-script FILE
                             --lupdate LUPDATE --complete LANG [--complete LANG ...]
The project file is the one qt_add_translations writes for `update_translations`
(.lupdate/<target>_project.cmake); the script turns it into lupdate's JSON.
Prints one line per problem and exits 1 if there is any.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

PLACEHOLDER = re.compile(r"%(?:L?\d+|n)")
# German, like English, has one singular and one plural form.
NUMERUS_FORMS = {"de": 2}


def messages(path):
    """{(context, source, comment): translation element} of a .ts file."""
    found = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            found[key] = message
    return found


def accelerators(text):
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def check_complete(path, language):
    problems = []
    forms_wanted = NUMERUS_FORMS.get(language, 2)
    for (context, source, _), message in messages(path).items():
        translation = message.find("translation")
        where = f"{os.path.basename(path)}: {context}: “{source}”"
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is not translated")
            continue
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if len(forms) != forms_wanted:
                problems.append(f"{where} has {len(forms)} plural forms, not {forms_wanted}")
        else:
            forms = [translation.text or ""]
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in forms:
            if not form.strip():
                problems.append(f"{where} has an empty translation")
            elif sorted(PLACEHOLDER.findall(form)) != wanted and not (
                # A singular form may say "one" instead of %n.
                message.get("numerus") == "yes" and sorted(PLACEHOLDER.findall(form) + ["%n"]) == wanted
            ):
                problems.append(f"{where}: the translation “{form}” has other placeholders")
            elif accelerators(form) != accelerators(source):
                problems.append(f"{where}: the translation “{form}” has another keyboard accelerator count")
    return problems


def check_up_to_date(args, scratch):
    """Runs lupdate on copies of the .ts files and compares the strings."""
    project = os.path.join(scratch, "project.json")
    subprocess.run(["cmake", f"-DIN_FILE={args.lupdate_project_in}", f"-DOUT_FILE={project}",
                    "-P", args.generate_script], check=True, stdout=subprocess.DEVNULL)
    with open(project, encoding="utf-8") as f:
        settings = json.load(f)
    originals = settings["translations"]
    copies = []
    for original in originals:
        copy = os.path.join(scratch, os.path.basename(original))
        shutil.copyfile(original, copy)
        copies.append(copy)
    settings["translations"] = copies
    with open(project, "w", encoding="utf-8") as f:
        json.dump(settings, f)
    subprocess.run([args.lupdate, "-project", project, "-no-obsolete", "-locations", "none", "-silent"],
                   check=True, stdout=subprocess.DEVNULL)
    problems = []
    for original, copy in zip(originals, copies):
        have, want = set(messages(original)), set(messages(copy))
        name = os.path.basename(original)
        for context, source, _ in sorted(want - have)[:10]:
            problems.append(f"{name} lacks {context}: “{source}” (run: cmake --build BUILD --target "
                            "update_translations, then translate it)")
        for context, source, _ in sorted(have - want)[:10]:
            problems.append(f"{name} still has {context}: “{source}”, which the GUI no longer says "
                            "(run: cmake --build BUILD --target update_translations)")
    return problems, originals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate-project-in", required=True)
    parser.add_argument("--generate-script", required=True)
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--complete", action="append", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        problems, files = check_up_to_date(args, scratch)
    for language in args.complete:
        matching = [f for f in files if os.path.basename(f) == f"confab_{language}.ts"]
        if not matching:
            problems.append(f"there is no translations/confab_{language}.ts")
            continue
        problems += check_complete(matching[0], language)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"translations: {len(files)} files hold every string of the GUI; "
          f"{', '.join(args.complete)} translate all of them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
