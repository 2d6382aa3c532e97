#!/usr/bin/env python3
"""Writes an attribute sheet for a generated corpus (bench/generate_transcripts.py): a row per
transcript with a province (one of Indonesia's 38, dealt round robin) and a role (one of five), as a
national consultation would record them, so that bench/scale_bench.sh can triangulate between
provinces (`qda-triangulate --by province`) as a study of ten thousand interviews would.

Deterministic. Standard library only.
"""
import argparse
import csv
from pathlib import Path

PROVINCES = [
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Bengkulu", "Sumatera Selatan",
    "Kepulauan Bangka Belitung", "Lampung", "Banten", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta",
    "Jawa Timur", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah",
    "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah",
    "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku", "Maluku Utara", "Papua", "Papua Barat",
    "Papua Barat Daya", "Papua Tengah", "Papua Pegunungan", "Papua Selatan"]
ROLES = ["kepala dinas", "kepala bidang", "staf", "warga", "akademisi"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("transcripts", type=Path, help="the generated transcripts' folder")
    parser.add_argument("sheet", type=Path, help="the attribute sheet to write (CSV)")
    args = parser.parse_args()
    files = sorted(p.name for p in args.transcripts.iterdir() if p.is_file() and not p.name.startswith("."))
    with args.sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "province", "role"])
        for number, name in enumerate(files):
            writer.writerow([name, PROVINCES[number % len(PROVINCES)], ROLES[number // len(PROVINCES) % len(ROLES)]])


if __name__ == "__main__":
    main()
