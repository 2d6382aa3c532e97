#!/usr/bin/env python3
"""Attribution accuracy of a qda-import build on this corpus: the share of turns whose text lands in
a segment of the right speaker, per style.

Usage: attribution.py BIN_DIR [--check MIN] [--markdown]

Each transcript of manifest.csv is imported on its own by BIN_DIR/qda-import, with no options. For
every turn of its expected/<file>.csv that has a speaker, the turn's text is looked for in the
stored text (texts/<id>.txt, after the previous turn's), and the segment holding its first character
must have the expected speaker. A file qda-import refuses counts all its turns as wrong. Also
counted: turns whose text starts a new turn's segment exactly (no label or time left before it), and
speakers the output names that the expected turns do not (fake speakers: notes, times). Works with
builds whose segments.csv has no time columns. Standard library only.

--check MIN: exit 1 if a style's accuracy is below MIN (0 to 1).
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def score_file(bin_dir: Path, relative: str, work: Path) -> dict:
    expected = [row for row in read_csv(HERE / "expected" / f"{relative}.csv")]
    spoken = [row for row in expected if row["speaker"]]
    result = {"turns": len(spoken), "right": 0, "boundaries": 0, "fake": set(), "refused": False}
    out = work / relative.replace("/", "_")
    run = subprocess.run([str(bin_dir / "qda-import"), str(HERE / relative), "-o", str(out), "-q"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        result["refused"] = True
        return result
    segments = read_csv(out / "segments.csv")
    text = next((out / "texts").iterdir()).read_text(encoding="utf-8")
    expected_speakers = {row["speaker"] for row in expected}
    result["fake"] = {row["speaker"] for row in segments if row["speaker"] and row["speaker"] not in expected_speakers}
    at = 0
    for turn in expected:
        found = text.find(turn["text"], at)
        if found < 0:
            continue
        at = found + len(turn["text"])
        if not turn["speaker"]:
            continue
        holding = [k for k, row in enumerate(segments) if int(row["start"]) <= found < int(row["end"])]
        if holding and segments[holding[0]]["speaker"] == turn["speaker"]:
            result["right"] += 1
        starting = [k for k, row in enumerate(segments) if int(row["start"]) == found]
        if starting and (starting[0] == 0 or segments[starting[0] - 1]["turn"] != segments[starting[0]]["turn"]):
            result["boundaries"] += 1
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bin_dir", type=Path)
    parser.add_argument("--check", type=float, default=None)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    styles: "OrderedDict[str, dict]" = OrderedDict()
    with tempfile.TemporaryDirectory() as work:
        for entry in read_csv(HERE / "manifest.csv"):
            result = score_file(args.bin_dir, entry["file"], Path(work))
            style = styles.setdefault(entry["style"], {"files": 0, "turns": 0, "right": 0, "boundaries": 0,
                                                      "fake": set(), "refused": 0})
            style["files"] += 1
            style["refused"] += result["refused"]
            for key in ("turns", "right", "boundaries"):
                style[key] += result[key]
            style["fake"] |= result["fake"]

    total = {"turns": sum(s["turns"] for s in styles.values()), "right": sum(s["right"] for s in styles.values()),
             "boundaries": sum(s["boundaries"] for s in styles.values())}
    rows = []
    for name, style in styles.items():
        fake = ", ".join(sorted(style["fake"])) or "none"
        rows.append((name, style["files"], style["refused"], style["turns"], style["right"],
                     f"{100 * style['right'] / style['turns']:.0f}%", style["boundaries"], fake))
    rows.append(("all", sum(s["files"] for s in styles.values()), sum(s["refused"] for s in styles.values()),
                 total["turns"], total["right"], f"{100 * total['right'] / total['turns']:.0f}%", total["boundaries"], ""))
    header = ("style", "files", "refused", "turns", "right speaker", "accuracy", "turn starts exact", "fake speakers")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(str(cell) for cell in row) + " |")
    else:
        widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
        for row in [header] + rows:
            print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    if args.check is not None:
        low = [name for name, s in styles.items() if s["right"] < args.check * s["turns"]]
        if low:
            print(f"attribution: below {args.check:.0%} for: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
