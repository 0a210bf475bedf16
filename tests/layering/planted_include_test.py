#!/usr/bin/env python3
"""The layering check must catch an upward include: copies the tree, plants
one in a layer and one in the GUI, and expects the check to name both; the
unchanged copy must pass.

Usage: planted_include_test.py CHECKER LINK_GRAPH_JSON SOURCE_ROOT
"""

import os
import shutil
import subprocess
import sys
import tempfile


def run(checker, graph, root):
    result = subprocess.run([sys.executable, checker, graph, root], capture_output=True, text=True)
    return result.returncode, result.stdout


def plant(root, relative, include):
    path = os.path.join(root, relative)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'#include "{include}"\n' + text)


def main():
    checker, graph, source = sys.argv[1:4]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("core", "ui", "app"):
            shutil.copytree(os.path.join(source, folder), os.path.join(tmp, folder))

        status, output = run(checker, graph, tmp)
        if status != 0:
            failures.append(f"the unchanged tree fails:\n{output}")

        # proto sits below storage; the GUI sees core/api and core/base only.
        plant(tmp, "core/proto/frame.cpp", "storage/database.h")
        plant(tmp, "ui/widgets/composer.cpp", "calls/call_service.h")
        status, output = run(checker, graph, tmp)
        if status != 1:
            failures.append(f"exit status {status} with two upward includes planted")
        for expected in ('core/proto/frame.cpp:1: includes "storage/database.h"',
                         'ui/widgets/composer.cpp:1: includes "calls/call_service.h"'):
            if expected not in output:
                failures.append(f"not named: {expected}\n{output}")

    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("the layering check names both planted upward includes and passes the tree without them")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
