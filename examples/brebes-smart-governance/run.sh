#!/usr/bin/env bash
# The Brebes smart-governance readiness study as a pipeline. Usage: run.sh OUTPUT_DIR
# Expects the qda tools on PATH (scripts/demo puts the freshly built ones there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: run.sh OUTPUT_DIR}"
mkdir -p "$out"

# 1. Import: six interviews in six formats -> corpus.yaml, segments.csv, texts/
qda import "$here/interviews" --attributes "$here/sources.csv" --interviewer Pewawancara --output-dir "$out/corpus"

# 2. Code: the codebook's rules on participants' turns, merged with two human coders' codings.
#    --evaluate compares auto-coding with each coder (precision and recall per code, by segment).
qda code "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --manual "$here/coder-a.csv" --manual "$here/coder-b.csv" \
  --output "$out/codings.csv" --explain "$out/explain.csv" --evaluate --jobs 2 > "$out/auto-vs-human.txt"

# 3. Agree: investigator triangulation between the two human coders, per code and overall, with a
#    bootstrap confidence interval for Krippendorff's alpha and the units where they differ.
qda agree "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --coders coder-a,coder-b --bootstrap 10000 --seed 2023 \
  --disagreements "$out/disagreements.csv" --output "$out/agreement.yaml"

echo
echo "== $out/corpus/corpus.yaml: sources =="
grep -E '^  - id:|^    (title|format):|^      (role|organisation):|^    (turns|segments):' "$out/corpus/corpus.yaml"
echo
echo "== $out/corpus/segments.csv: first rows =="
head -n 4 "$out/corpus/segments.csv"
echo
echo "== $out/codings.csv: codings per coder =="
cut -d, -f4 "$out/codings.csv" | tail -n +2 | sort | uniq -c
echo
echo "== $out/auto-vs-human.txt: auto-coding against each human coder (segment level) =="
cat "$out/auto-vs-human.txt"
echo
echo "== $out/agreement.yaml: coder-a vs coder-b, Krippendorff's alpha (presence of each code per segment) =="
awk '/^  - scope:/ {scope=$3} /^    data:/ {data=$2} /coefficient: krippendorff_alpha/ {alpha=1} alpha && /^        value:/ {printf "%-30s %-9s alpha = %s\n", scope, data, $2; alpha=0}' "$out/agreement.yaml" | grep presence
echo "($(($(wc -l < "$out/disagreements.csv") - 1)) disagreements to discuss: $out/disagreements.csv)"
