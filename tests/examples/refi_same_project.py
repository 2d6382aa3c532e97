#!/usr/bin/env python3
"""Compares a qda project with its REFI-QDA round trip (qda-export, then qda-import).

Usage: refi_same_project.py CORPUS_DIR CODEBOOK CODINGS  ROUND_TRIP_CORPUS_DIR ROUND_TRIP_CODEBOOK ROUND_TRIP_CODINGS
Sources are matched by title (the REFI name); their texts must be the same bytes and their
attributes the same, in order. The code trees must have the same names, definitions, colours and
codability in the same places. The codings must be the same rows: source, coder, code (by name),
span and memo. Stances are not compared: REFI-QDA has no place for them (docs/refi-qda.md). The coder
"auto" comes back as "auto-imported", as qda-import renames it.
"""
import collections
import csv
import sys

import yaml


def corpus(folder):
    data = yaml.safe_load(open(f"{folder}/corpus.yaml", encoding="utf-8"))
    sources = {}
    for source in data["sources"]:
        with open(f"{folder}/{source['text']['path']}", "rb") as handle:
            sources[source["title"]] = (handle.read(), list(source["attributes"].items()), source["id"])
    return sources


def codes(path):
    tree, names = [], {}

    def walk(items, parent):
        for code in items:
            names[code["id"]] = code["name"]
            tree.append((parent, code["name"], code.get("definition", ""), code.get("colour", ""), code.get("codable", True)))
            walk(code.get("codes", []), code["name"])

    walk(yaml.safe_load(open(path, encoding="utf-8"))["codes"], None)
    return tree, names


def codings(path, names, titles):
    rows = collections.Counter()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            coder = "auto-imported" if row["coder"] == "auto" else row["coder"]
            rows[(titles[row["source"]], coder, names[row["code"]], int(row["start"]), int(row["end"]), row["memo"])] += 1
    return rows


def main():
    first_dir, first_codebook, first_codings, second_dir, second_codebook, second_codings = sys.argv[1:7]
    first, second = corpus(first_dir), corpus(second_dir)
    problems = []
    if sorted(first) != sorted(second):
        problems.append(f"source titles differ: {sorted(first)} / {sorted(second)}")
    for title in sorted(set(first) & set(second)):
        if first[title][0] != second[title][0]:
            problems.append(f"the text of '{title}' differs")
        if first[title][1] != second[title][1]:
            problems.append(f"the attributes of '{title}' differ: {first[title][1]} / {second[title][1]}")
    first_tree, first_names = codes(first_codebook)
    second_tree, second_names = codes(second_codebook)
    if first_tree != second_tree:
        problems.append("the code trees differ")
    first_rows = codings(first_codings, first_names, {s[2]: t for t, s in first.items()})
    second_rows = codings(second_codings, second_names, {s[2]: t for t, s in second.items()})
    if first_rows != second_rows:
        problems.append(f"codings differ: {list((first_rows - second_rows).items())[:2]} / {list((second_rows - first_rows).items())[:2]}")
    for problem in problems:
        print(f"refi_same_project: {problem}")
    if not problems:
        print(f"refi_same_project: {len(first)} sources, {len(first_tree)} codes, {sum(first_rows.values())} codings the same")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
