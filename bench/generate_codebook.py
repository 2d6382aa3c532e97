#!/usr/bin/env python3
"""Writes a large benchmark codebook: 8 codes and at least 1,000 terms and phrases in Indonesian and
English (half the rules stemmed), some prefix wildcards and a few RE2 regular expressions, plus stance
cues (and with --near a NEAR rule per code): six cues read in sentence scope (the default), or with --stance-model clause the Brebes example's
whole stances block (clauses, contrast, negation, modality, stems; docs/stance-model.md). Deterministic
for a given --seed.

The same terms are written to a JSON file for the Python baseline (bench/baseline_code.py), so both
sides look for the same words.
"""
import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_transcripts import EN_WORDS, ID_WORDS  # noqa: E402  (the corpus's own vocabulary)

CODES = ["openness", "e-governance", "collaboration", "guarantee", "budget", "management", "auditing", "staff"]


def brebes_stances() -> list:
    """The `stances:` block of the Brebes example's codebook, as written there."""
    codebook = Path(__file__).resolve().parent.parent / "examples" / "brebes-smart-governance" / "codebook.yaml"
    lines = codebook.read_text(encoding="utf-8").splitlines()
    start = lines.index("stances:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#")))
    return [line for line in lines[start:end] if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("codebook", help="codebook.yaml to write")
    parser.add_argument("terms_json", help="the same terms, per code, for the Python baseline")
    parser.add_argument("--terms", type=int, default=1200, help="terms and phrases in all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stance-model", choices=["sentence", "clause"], default="sentence",
                        help="sentence: six cues, the benchmark's codebook since its first version; clause: the "
                             "Brebes example's stances block")
    parser.add_argument("--near", action="store_true",
                        help="also a NEAR/5 rule per code, over two of the corpus's Indonesian words")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    per_code = {code: {"id": [], "en": [], "wildcards": [], "regexes": []} for code in CODES}
    vocabulary = [("id", word) for word in sorted(set(ID_WORDS))] + [("en", word) for word in sorted(set(EN_WORDS))]
    made = 0
    while made < args.terms:
        code = CODES[made % len(CODES)]
        language, first = rng.choice(vocabulary)
        if rng.random() < 0.5:  # a two- or three-word phrase from the same language
            words = [first] + [w for _, w in rng.sample([v for v in vocabulary if v[0] == language], rng.randint(1, 2))]
            term = " ".join(words)
        else:
            term = first + rng.choice(["", "an", "kan", "nya", "s", "ing", "ed"])  # inflected forms
        per_code[code][language].append(term)
        made += 1
    for i, code in enumerate(CODES):
        per_code[code]["wildcards"] = [w[:6] + "*" for w in rng.sample(sorted(set(ID_WORDS)), 3) if len(w) > 6]
        if i % 3 == 0:
            per_code[code]["regexes"] = [r"(?i)\b(?:SP4N|LAPOR|SIPD)\b", r"(?i)\b20[12][0-9]\b"][: 1 + i % 2]

    lines = ["# Benchmark codebook written by bench/generate_codebook.py: not a study's codebook.",
             "kind: qda/codebook", "version: 1", "languages: [id, en]"]
    lines += brebes_stances() if args.stance_model == "clause" else [
        "stances:", "  values: [present, partial, absent]", "  default: present", "  scope: sentence", "  cues:",
        "    - stance: absent", '      terms: {id: ["belum ada", "tidak ada"], en: ["not yet"]}',
        "    - stance: partial", '      terms: {id: ["belum optimal", "masih kurang"], en: ["not optimal"]}',
        "    - stance: present", '      terms: {id: ["sudah", "telah"], en: ["already"]}',
    ]
    lines.append("codes:")
    near_rng = random.Random(args.seed + 1)  # its own draws: the other rules stay as without --near
    quote = lambda terms: ", ".join(json.dumps(t, ensure_ascii=False) for t in terms)  # noqa: E731
    for i, code in enumerate(CODES):
        entry = per_code[code]
        lines += [f"  - id: {code}", f"    name: {code}", "    rules:",
                  f"      - stem: {'true' if i % 2 == 0 else 'false'}",
                  f"        terms: {{id: [{quote(entry['id'])}], en: [{quote(entry['en'])}]}}"]
        if entry["wildcards"]:
            lines += [f"      - terms: {{id: [{quote(entry['wildcards'])}]}}"]
        for regex in entry["regexes"]:
            lines += [f"      - regex: '{regex}'"]
        if args.near:
            first, second = near_rng.sample(sorted(set(ID_WORDS)), 2)
            lines += [f"      - near: '{first} NEAR/5 {second}'"]
    Path(args.codebook).write_text("\n".join(lines) + "\n", encoding="utf-8")
    Path(args.terms_json).write_text(json.dumps(per_code, ensure_ascii=False, indent=1), encoding="utf-8")
    total = sum(len(e["id"]) + len(e["en"]) + len(e["wildcards"]) for e in per_code.values())
    print(f"generate_codebook: {len(CODES)} codes, {total} terms and phrases, "
          f"{sum(len(e['regexes']) for e in per_code.values())} regexes", file=sys.stderr)


if __name__ == "__main__":
    main()
