#!/usr/bin/env python3
"""Checks that every file of core/, ui/ and app/ includes only headers of the
layers its target links (docs/ARCHITECTURE.md, "Layers").

A target may include the headers of its own layer, of every target it links,
and of what those targets pass on to their users (their public links, and so
on). A static library's private dependency is linked but not passed on: the
GUI links core/api, which links storage privately, so the GUI may not
include storage headers.

Usage: check_layering.py LINK_GRAPH_JSON [SOURCE_ROOT]
LINK_GRAPH_JSON is written by CMake (cmake/LinkGraph.cmake); SOURCE_ROOT is
the tree to check (default: this script's repository). Prints one line per
offending include and exits 1 if there is any.
"""

import json
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def visible_targets(name, targets):
    """The targets whose headers `name` may include."""
    seen = set()
    stack = [name] + list(targets[name]["links"])
    while stack:
        current = stack.pop()
        if current in seen or current not in targets:
            continue
        seen.add(current)
        stack.extend(targets[current]["passes_on"])
    return seen


def files_of(target, root):
    """The sources a target compiles, and the headers beside them: a layer's
    whole folder, or a program's files and their headers."""
    info = target
    folder = os.path.join(root, info["dir"])
    files = set()
    for source in info["sources"]:
        path = os.path.join(folder, source)
        files.add(path)
        header = os.path.splitext(path)[0] + ".h"
        if os.path.exists(header):
            files.add(header)
    return files


def check(graph, root):
    layers = graph["layers"]
    targets = graph["targets"]
    layer_dirs = {layer: f"core/{layer}" for layer in layers}
    problems = []
    for name, info in sorted(targets.items()):
        allowed = {t for t in visible_targets(name, targets)}
        files = files_of(info, root)
        # A layer's folder is checked whole: a header nobody compiles yet
        # still must not reach upwards.
        own_layer = next((layer for layer, t in layers.items() if t == name), None)
        if own_layer:
            for dirpath, _, names in os.walk(os.path.join(root, layer_dirs[own_layer])):
                files.update(os.path.join(dirpath, n) for n in names if n.endswith((".h", ".cpp")))
        for path in sorted(files):
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as source:
                text = source.read()
            for match in INCLUDE.finditer(text):
                header = match.group(1)
                where = os.path.relpath(path, root)
                line = text.count("\n", 0, match.start()) + 1
                if header.startswith("../") or "/../" in header:
                    problems.append(f"{where}:{line}: includes \"{header}\": name a layer's header by "
                                    "its layer (\"storage/x.h\"), not by a relative path")
                    continue
                if os.path.exists(os.path.join(os.path.dirname(path), header)):
                    continue  # next to the file itself
                first = header.split("/", 1)[0]
                if "/" not in header or first not in layers:
                    continue
                owner = layers[first]
                if owner not in allowed:
                    problems.append(f"{where}:{line}: includes \"{header}\" of layer {first} "
                                    f"({owner}), which {name} does not link")
    return problems


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        graph = json.load(f)
    root = sys.argv[2] if len(sys.argv) == 3 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems = check(graph, root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"layering: {len(problems)} include(s) reach a layer their target does not link")
        return 1
    print(f"layering: {len(graph['targets'])} targets, every include within the layers they link")
    return 0


if __name__ == "__main__":
    sys.exit(main())
