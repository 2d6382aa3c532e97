#!/usr/bin/env python3
"""Writes what bench/scale_bench.sh needs, besides the transcripts and the codebook, to run a generated
corpus through the whole pipeline: two human coders' manual codings of a sample of the sources, a
rubric over the benchmark codebook's eight codes, and claims for qda-check.

The coders code the participant segments of every --every'th source. Each codes a code where the
segment holds one of its terms (bench/generate_codebook.py's terms file, as plain lower-case text),
and, like real coders, each misses or adds a code in about one segment of ten and says "partial" in
about one of five; their slips are drawn independently, so they agree well but not fully.

Deterministic for given inputs and --seed. Standard library only.
"""
import argparse
import csv
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_codebook import CODES  # noqa: E402  (the codebook's codes, in its order)

csv.field_size_limit(1 << 30)


def read_terms(path: Path) -> dict:
    per_code = json.loads(path.read_text(encoding="utf-8"))
    return {code: [t.lower() for t in entry["id"] + entry["en"]] for code, entry in per_code.items()}


def write_codings(segments_csv: Path, terms: dict, every: int, seed: int, out: Path) -> int:
    rng = {coder: random.Random(f"{seed}-{coder}") for coder in ("coder-a", "coder-b")}
    rows = {coder: [] for coder in rng}
    sources_seen, sampled = {}, 0
    with segments_csv.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            number = sources_seen.setdefault(row["source"], len(sources_seen))
            if number % every or row["interviewer"] == "true":
                continue
            sampled += 1
            text = row["text"].lower()
            holds = [code for code in CODES if any(term in text for term in terms[code])]
            for coder, r in rng.items():
                for code in CODES:
                    coded = (code in holds) != (r.random() < 0.1)
                    if coded:
                        stance = "partial" if r.random() < 0.2 else "present"
                        rows[coder].append((row["id"], code, stance))
    for coder, coded in rows.items():
        with (out / f"{coder}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["segment", "code", "stance", "memo"])
            writer.writerows((segment, code, stance, "") for segment, code, stance in coded)
    return sampled


def write_rubric(path: Path) -> None:
    lines = ["# Benchmark rubric written by bench/generate_study.py: not a study's rubric.",
             "kind: qda/rubric", "version: 1", "title: Benchmark readiness", 'source: "bench/generate_study.py"',
             "scale:",
             "  - {level: 1, name: emerging, description: Not yet shown to work.}",
             "  - {level: 2, name: established, description: Works at least in part for half the sources that spoke.}",
             "  - {level: 3, name: mature, description: Works for three quarters of the sources that spoke.}",
             "indicators:"]
    for code in CODES:
        lines += [f"  - code: {code}", f"    name: {code}", "    weight: 1", "    otherwise: 1", "    levels:",
                  "      - level: 3", "        why: Three quarters of the sources that spoke see it working.",
                  "        when:", "          all:",
                  "            - stance_share: {of: present, at_least: 0.75}",
                  "            - sources: {holding: present, at_least: 2}",
                  "      - level: 2", "        why: Half of the sources that spoke see it working, at least in part.",
                  "        when:", "          stance_share: {of: [present, partial], at_least: 0.5}"]
    lines += ["rollup:", "  method: weighted_mean", f"  weights_sum: {len(CODES)}",
              "verdict:", "  bands:",
              "    - {name: emerging, from: 1, below: 1.75, description: Most aspects are not yet shown to work.}",
              "    - {name: established, from: 1.75, below: 2.5, description: Most aspects work at least in part.}",
              "    - {name: mature, from: 2.5, below: 3, description: The aspects work.}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_claims(path: Path, sources: int) -> None:
    lines = ["# Benchmark claims written by bench/generate_study.py: checks that the run covered the corpus.",
             "kind: qda/claims", "version: 1", "title: Benchmark run", 'publication: "bench/generate_study.py"',
             "claims:",
             "  - id: every-source", "    kind: finding", f'    quote: "All {sources} transcripts were imported."',
             "    checks:", "      - file: corpus/corpus.yaml", "        path: /sources", f"        count: {{equals: {sources}}}",
             "  - id: every-code", "    kind: finding", f'    quote: "All {len(CODES)} codes were triangulated."',
             "    checks:", "      - file: triangulation.yaml", "        path: /codes", f"        count: {{equals: {len(CODES)}}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("segments_csv", type=Path, help="the imported corpus's segments.csv")
    parser.add_argument("terms_json", type=Path, help="bench/generate_codebook.py's terms file")
    parser.add_argument("out_dir", type=Path, help="receives coder-a.csv, coder-b.csv, rubric.yaml, claims.yaml")
    parser.add_argument("--sources", type=int, required=True, help="how many sources the corpus has (for the claims)")
    parser.add_argument("--every", type=int, default=50, help="code every N'th source (default 50: 2%%)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    sampled = write_codings(args.segments_csv, read_terms(args.terms_json), args.every, args.seed, args.out_dir)
    write_rubric(args.out_dir / "rubric.yaml")
    write_claims(args.out_dir / "claims.yaml", args.sources)
    print(f"generate_study: two coders on {sampled} participant segments (every {args.every}th source)", file=sys.stderr)


if __name__ == "__main__":
    main()
