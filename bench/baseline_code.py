#!/usr/bin/env python3
"""The baseline qda-code is compared with: auto-coding written the way researchers usually write it,
one compiled case-insensitive alternation per code, applied to each participant's turn of
segments.csv, writing one row per (segment, code) hit. Same terms as the benchmark codebook
(bench/generate_codebook.py); it cannot stem, so stemmed terms are matched as written.
"""
import csv
import json
import re
import sys

segments_csv, terms_json, output_csv = sys.argv[1:4]
csv.field_size_limit(sys.maxsize)
with open(terms_json, encoding="utf-8") as handle:
    per_code = json.load(handle)
patterns = {}
for code, entry in per_code.items():
    words = [re.escape(t).replace(r"\ ", r"\W+") for t in entry["id"] + entry["en"]]
    words += [re.escape(w[:-1]) + r"\w*" for w in entry["wildcards"]]
    alternation = r"\b(?:" + "|".join(words) + r")\b"
    regexes = [r.replace("(?i)", "") for r in entry["regexes"]]
    patterns[code] = re.compile("|".join([alternation] + regexes), re.IGNORECASE)

with open(segments_csv, newline="", encoding="utf-8") as source, open(output_csv, "w", newline="", encoding="utf-8") as sink:
    writer = csv.writer(sink)
    writer.writerow(["segment", "code", "start", "end"])
    for row in csv.DictReader(source):
        if row["interviewer"] == "true":
            continue
        text = row["text"]
        for code, pattern in patterns.items():
            match = pattern.search(text)
            if match:
                writer.writerow([row["id"], code, match.start(), match.end()])
