#!/usr/bin/env python3
"""Compares two corpus.yaml files byte for byte, except where each source was read from.

Usage: same_corpus_yaml.py FIRST SECOND
A corpus imported again from a .qdpx was read from other files than the first import: its provenance
inputs, and each source's path, format, media_type, sha256 and encoding (of the file read), say so. Every other
line must be the same bytes: the options, unit, interviewers, ids, titles, languages, texts' paths,
hashes and lengths, attributes, turns, segments and speakers.
"""
import sys

READ_FROM = ("path:", "format:", "media_type:", "sha256:", "encoding:")


def masked(path):
    lines, in_inputs = [], False
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            if line == "  inputs:\n":
                in_inputs = True
                lines.append(line)
                continue
            if in_inputs and line.startswith("    "):
                continue
            in_inputs = False
            # A source's own keys are indented four spaces ("    path:"), its text's six.
            if line.startswith("    ") and not line.startswith("     ") and line[4:].startswith(READ_FROM):
                line = line[: line.index(":") + 1] + " (where it was read from)\n"
            lines.append(line)
    return lines


def main():
    first, second = masked(sys.argv[1]), masked(sys.argv[2])
    if first == second:
        print(f"same_corpus_yaml: {len(first)} lines the same, where the sources were read from aside")
        return 0
    for number, (a, b) in enumerate(zip(first, second), start=1):
        if a != b:
            print(f"same_corpus_yaml: line {number} differs:\n  {a!r}\n  {b!r}")
            break
    else:
        print(f"same_corpus_yaml: {len(first)} lines against {len(second)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
