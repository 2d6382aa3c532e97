"""Reads segments.csv with Python's csv module and checks every row against the stored text."""
import csv
import sys
from pathlib import Path

out = Path(sys.argv[1])
with open(out / "segments.csv", newline="", encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
texts = {}
assert rows, "no rows"
for row in rows:
    assert len(row) == 10, row
    source = row["source"]
    if source not in texts:
        texts[source] = (out / "texts" / f"{source}.txt").read_text(encoding="utf-8")
    span = texts[source][int(row["start"]):int(row["end"])]
    assert row["text"] == span, (row["id"], row["text"], span)
assert any("\n" in row["text"] for row in rows), "a multi-line field must be among the rows"
assert any('"' in row["text"] for row in rows), "a field with quotes must be among the rows"
print(f"python csv: {len(rows)} rows read back exactly")
