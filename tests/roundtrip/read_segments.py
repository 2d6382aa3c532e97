"""Reads segments.csv with Python's csv module and checks every row against the stored text; then a
timed corpus written with a byte-order mark: its seconds, and its sources.csv joined to its segments."""
import csv
import sys
from pathlib import Path

COLUMNS = ["id", "source", "seq", "turn", "speaker", "interviewer", "start", "end", "start_seconds", "end_seconds",
           "attributes", "text"]

out = Path(sys.argv[1])
with open(out / "segments.csv", newline="", encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
texts = {}
assert rows, "no rows"
for row in rows:
    assert list(row) == COLUMNS, row
    source = row["source"]
    if source not in texts:
        texts[source] = (out / "texts" / f"{source}.txt").read_text(encoding="utf-8")
    span = texts[source][int(row["start"]):int(row["end"])]
    assert row["text"] == span, (row["id"], row["text"], span)
assert any("\n" in row["text"] for row in rows), "a multi-line field must be among the rows"
assert any('"' in row["text"] for row in rows), "a field with quotes must be among the rows"
print(f"python csv: {len(rows)} rows read back exactly")

timed = Path(sys.argv[2])
# "utf-8-sig" drops the byte-order mark that --bom writes for Excel.
with open(timed / "segments.csv", newline="", encoding="utf-8-sig") as handle:
    segments = list(csv.DictReader(handle))
with open(timed / "sources.csv", newline="", encoding="utf-8-sig") as handle:
    sources = {row["id"]: row for row in csv.DictReader(handle)}
assert [float(row["start_seconds"]) for row in segments] == [2.0, 7.0, 75.0], segments
assert [row["end_seconds"] for row in segments] == ["7.000", "75.000", ""], segments
assert [row["speaker"] for row in segments] == ["Pewawancara", "Informan 2", "Pewawancara"], segments
joined = [(row["id"], sources[row["source"]]["format"]) for row in segments]
assert joined == [("timed:1", "otter"), ("timed:2", "otter"), ("timed:3", "otter")], joined
print(f"python csv: {len(segments)} timed rows and their source read back from files with a byte-order mark")
