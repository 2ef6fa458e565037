#!/usr/bin/env python3
"""Fails when a source file includes a header from a module it may not use.

Modules and their allowed dependencies are read from src/CMakeLists.txt
(dagbok_library(NAME ... DEPS ...)); dependencies are transitive. The CLI
(src/cli) may use everything.
"""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# src/CMakeLists.txt, and each kind's src/connectors/<kind>/connector.cmake
# (the registry's DEPS name them all as ${DAGBOK_CONNECTOR_KINDS}).
connectors_dir = os.path.join(root, "src", "connectors")
kind_files = sorted(os.path.join(connectors_dir, k, "connector.cmake") for k in os.listdir(connectors_dir)
                    if os.path.isfile(os.path.join(connectors_dir, k, "connector.cmake")))
cmake = "\n".join(open(f).read() for f in [os.path.join(root, "src", "CMakeLists.txt")] + kind_files)
kinds = ["connectors_" + os.path.basename(os.path.dirname(f)) for f in kind_files]
deps = {}
for m in re.finditer(r"dagbok_library\((\w+)(.*?)\)", cmake, re.S):
    name, body = m.group(1), m.group(2)
    d = re.search(r"DEPS\s+([^\n]*?)(?:\s+LIBS|\n|$)", body)
    names = d.group(1).split() if d else []
    deps[name] = set(k for n in names for k in (kinds if n == "${DAGBOK_CONNECTOR_KINDS}" else [n]))


def closure(name, seen=None):
    seen = seen if seen is not None else set()
    for d in deps.get(name, ()):
        if d not in seen:
            seen.add(d)
            closure(d, seen)
    return seen


def module_of(rel):  # "formats/sie/x.h" -> "formats_sie"
    parts = rel.split("/")
    if parts[0] in ("formats", "connectors") and len(parts) > 2:
        return parts[0] + "_" + parts[1]
    return parts[0]


problems = []
src = os.path.join(root, "src")
for dirpath, _, files in os.walk(src):
    for f in files:
        if not f.endswith((".h", ".cc")):
            continue
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, src)
        mod = module_of(rel)
        if mod == "cli":
            continue
        if mod not in deps:
            problems.append(f"{rel}: module '{mod}' is not declared in src/CMakeLists.txt")
            continue
        allowed = closure(mod) | {mod}
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            inc = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not inc:
                continue
            target = module_of(inc.group(1))
            if target in deps and target not in allowed:
                problems.append(f"{rel}:{n}: includes {inc.group(1)}, but module '{mod}' "
                                f"does not depend on '{target}'")
for p in problems:
    print(p)
print(f"{len(deps)} modules checked: {'ok' if not problems else str(len(problems)) + ' layering problem(s)'}")
sys.exit(1 if problems else 0)
