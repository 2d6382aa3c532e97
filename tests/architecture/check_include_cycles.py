#!/usr/bin/env python3
"""Fails when two files of lib/ include each other, directly or through others.

A unit is a header and the source of the same name (qda/csv.hpp and csv.cpp): unit A depends on B
when A's header or source includes B's header. The modules' link order (lib/CMakeLists.txt) keeps
modules from depending on each other both ways; this keeps the files inside a module in one
direction too, so each can be read, tested and moved on its own.
Usage: check_include_cycles.py LIB_DIR
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:qda/)?([A-Za-z0-9_]+)\.hpp"', re.M)


def include_graph(lib):
    graph = {}
    for path in sorted(lib.glob("*/*/**/*.[ch]pp")):
        unit = path.stem
        graph.setdefault(unit, set()).update(
            name for name in INCLUDE.findall(path.read_text(encoding="utf-8")) if name != unit)
    return graph


def cycles(graph):
    """Tarjan's strongly connected components of more than one unit."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(unit):
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        on_stack.add(unit)
        for other in sorted(graph.get(unit, ())):
            if other not in index:
                visit(other)
                low[unit] = min(low[unit], low[other])
            elif other in on_stack:
                low[unit] = min(low[unit], index[other])
        if low[unit] == index[unit]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == unit:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for unit in sorted(graph):
        if unit not in index:
            visit(unit)
    return found


def main():
    lib = pathlib.Path(sys.argv[1])
    graph = include_graph(lib)
    if not graph:
        print(f"check_include_cycles: no sources under {lib}", file=sys.stderr)
        return 2
    loops = cycles(graph)
    for loop in loops:
        print("include cycle between: " + ", ".join(loop))
    print(f"check_include_cycles: {len(graph)} units, {len(loops)} cycles")
    return 1 if loops else 0


if __name__ == "__main__":
    sys.exit(main())
