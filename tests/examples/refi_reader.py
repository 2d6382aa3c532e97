#!/usr/bin/env python3
"""A second reader of qda-export's .qdpx, written the way QualCoder's REFI-QDA import reads a project:
unzip, take each TextSource's plainTextPath ("internal://x" is sources/x), read it as UTF-8, and cut
each PlainTextSelection's text as text[startPosition:endPosition] in Python code points.

Usage: refi_reader.py PROJECT.qdpx CORPUS_DIR CODINGS.csv CODEBOOK.yaml
Checks that the project holds exactly the codings of codings.csv: each under its source's title, its
coder and its code's name, with the very text qda coded. Exits 1 on the first difference.
"""
import collections
import csv
import sys
import xml.etree.ElementTree as ET
import zipfile

import yaml

Q = "{urn:QDA-XML:project:1.0}"


def project_codings(path):
    archive = zipfile.ZipFile(path)
    project = ET.fromstring(archive.read("project.qde"))
    users = {user.get("guid"): user.get("name") for user in project.iter(Q + "User")}
    codes = {code.get("guid"): code.get("name") for code in project.iter(Q + "Code")}
    found = collections.Counter()
    for source in project.iter(Q + "TextSource"):
        path = source.get("plainTextPath")
        assert path.startswith("internal://"), path
        text = archive.read("sources/" + path[len("internal://"):]).decode("utf-8")
        for selection in source.iter(Q + "PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for coding in selection.iter(Q + "Coding"):
                code = codes[coding.find(Q + "CodeRef").get("targetGUID")]
                found[(source.get("name"), users[coding.get("creatingUser")], code, text[start:end])] += 1
    return found


def qda_codings(corpus_dir, codings_path, codebook_path):
    corpus = yaml.safe_load(open(f"{corpus_dir}/corpus.yaml", encoding="utf-8"))
    texts, titles = {}, {}
    for source in corpus["sources"]:
        with open(f"{corpus_dir}/{source['text']['path']}", encoding="utf-8", newline="") as handle:
            texts[source["id"]] = handle.read()
        titles[source["id"]] = source["title"] or source["id"]
    names = {}
    pending = list(yaml.safe_load(open(codebook_path, encoding="utf-8"))["codes"])
    while pending:
        code = pending.pop()
        names[code["id"]] = code["name"]
        pending.extend(code.get("codes", []))
    expected = collections.Counter()
    with open(codings_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start, end = int(row["start"]), int(row["end"])
            expected[(titles[row["source"]], row["coder"], names[row["code"]], texts[row["source"]][start:end])] += 1
    return expected


def main():
    found = project_codings(sys.argv[1])
    expected = qda_codings(*sys.argv[2:5])
    if found != expected:
        for key in list((found - expected).keys())[:3]:
            print(f"refi_reader: in the project, not in codings.csv: {key}")
        for key in list((expected - found).keys())[:3]:
            print(f"refi_reader: in codings.csv, not in the project: {key}")
        return 1
    print(f"refi_reader: {sum(found.values())} codings, each with qda's text, coder and code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
