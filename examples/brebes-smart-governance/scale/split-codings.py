#!/usr/bin/env python3
"""Keeps the manual codings of one shard's sources, so that qda-code can code the shard on its own.

Usage: split-codings.py SHARD_CORPUS_DIR OUT_DIR CODINGS.csv...

qda-code refuses a manual coding that names a segment its corpus lacks (a typo would otherwise be lost
without a word), so a shard is coded with the rows of its own sources only. Each file keeps its name
(the coder, when the file has no coder column) and its header; a row belongs to the source named by
its `source` column or by its `segment` id (<source>:<seq>). The rows are the same, so the codings
qda-code makes of them are the same as in a single run.
"""
import csv
import pathlib
import sys


def main():
    corpus_dir, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    with open(corpus_dir / "sources.csv", newline="", encoding="utf-8-sig") as f:
        ids = {row["id"] for row in csv.DictReader(f)}
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[3:]:
        path = pathlib.Path(name)
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        source_column = header.index("source") if "source" in header else None
        segment_column = header.index("segment") if "segment" in header else None

        def source_of(row):
            if source_column is not None and row[source_column]:
                return row[source_column]
            return row[segment_column].rpartition(":")[0]

        with open(out_dir / path.name, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(row for row in body if row and source_of(row) in ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
