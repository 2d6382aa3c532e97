#!/usr/bin/env bash
# The Brebes smart-governance readiness study as a pipeline, from the six transcripts to the verdict,
# the published claims re-checked and the report. Usage: run.sh OUTPUT_DIR [JOBS]
# Expects the qda tools on PATH (scripts/demo puts the freshly built ones there). Every output is the
# same bytes whatever JOBS is (default 2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: run.sh OUTPUT_DIR [JOBS]}"
jobs="${2:-2}"
mkdir -p "$out"
coding="$here/coding"

# 1. Import: six interviews in six formats -> corpus.yaml, segments.csv, texts/
qda import "$here/interviews" --attributes "$here/sources.csv" --interviewer Pewawancara --output-dir "$out/corpus" --jobs "$jobs" -q

# 2. Code: the codebook's rules on the informants' turns, merged with the two independent coders'
#    codings, their reconciled consensus and the coding of the interviewer's questions (coding/README.md).
qda code "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --manual "$coding/coder-a.csv" --manual "$coding/coder-b.csv" --manual "$coding/consensus.csv" --manual "$coding/questions.csv" \
  --output "$out/codings.csv" --explain "$out/explain.csv" --jobs "$jobs" -q
#    How the rules compare with each coder and with the consensus (segment level): presence and stance,
#    as text and as YAML.
qda code "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --manual "$coding/coder-a.csv" --manual "$coding/coder-b.csv" --manual "$coding/consensus.csv" \
  --evaluate "$out/auto-vs-human.yaml" --jobs "$jobs" -q > "$out/auto-vs-human.txt"

# 3. Agree: investigator triangulation between the two independent coders, per code and overall, with
#    a bootstrap interval for Krippendorff's alpha and the passages where they differ.
qda agree "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --coders coder-a,coder-b --bootstrap 10000 --seed 2023 --jobs "$jobs" \
  --disagreements "$out/disagreements.csv" --output "$out/agreement.yaml" -q

# 4. Triangulate: source triangulation of the consensus coding (Farmer et al. 2006), each coder's
#    categories beside it; and each coder's own triangulation, for the scores' sensitivity.
qda triangulate "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --coder consensus --each-coder --coders coder-a,coder-b --jobs "$jobs" \
  --matrix "$out/matrix.csv" --pairs "$out/pairs.csv" --output "$out/triangulation.yaml" -q
for coder in coder-a coder-b; do
  qda triangulate "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
    --coder "$coder" --jobs "$jobs" --output "$out/triangulation-$coder.yaml" -q
done

# 5. Score: the rubric (SPBE maturity levels) on the consensus triangulation, with its sensitivity to
#    each source, to each coder's triangulation, and to a bootstrap over the sources.
qda score "$out/triangulation.yaml" --rubric "$here/rubric.yaml" \
  --alternative "coder-a=$out/triangulation-coder-a.yaml" --alternative "coder-b=$out/triangulation-coder-b.yaml" \
  --bootstrap 1000 --seed 2023 --output "$out/scores.yaml" -q

# 6. Check: the study's published findings and its method, re-checked against the outputs. The exit
#    status is 1 if a claim no longer holds, which stops this script (and fails CI).
qda check "$here/claims.yaml" --dir "$out" --junit "$out/claims.xml" -q > "$out/claims.txt" || { cat "$out/claims.txt"; exit 1; }

# 7. Report: report.md and a self-contained report.html (Indonesian labels with REPORT_LANG=id), and
#    the report's tables as CSV.
qda report --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" --agreement "$out/agreement.yaml" \
  --triangulation "$out/triangulation.yaml" --scores "$out/scores.yaml" --claims "$out/claims.xml" \
  --lang "${REPORT_LANG:-en}" --tables "$out/report/tables" --output-dir "$out/report" -q

echo "verdict: $(awk '/^verdict:/ {v=1} v && /^  band:/ {sub(/^  band: /, ""); print; exit}' "$out/scores.yaml")"
echo "claims:"
sed 's/^/  /' "$out/claims.txt" | cut -c1-160
echo "report: $out/report/report.html (and report.md)"
