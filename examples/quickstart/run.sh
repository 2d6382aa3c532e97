#!/usr/bin/env bash
# The quickstart study as a pipeline, from three transcripts to a checked verdict and a report.
# Usage: run.sh OUTPUT_DIR [JOBS]
# Expects the qda tools on PATH (for a build in this checkout: PATH="$PWD/build/release/bin:$PATH").
# Every output is the same bytes whatever JOBS is (default 2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: run.sh OUTPUT_DIR [JOBS]}"
jobs="${2:-2}"
mkdir -p "$out"
coding="$here/coding"

# 1. Import: three interviews in three formats -> corpus.yaml, segments.csv, texts/ (one segment a turn).
qda import "$here/interviews" --attributes "$here/sources.csv" --interviewer Interviewer --output-dir "$out/corpus" --jobs "$jobs" -q

# 2. Code: the codebook's rules on the interviewees' turns, merged with the manual coding of every
#    interviewee turn (consensus) and of the interviewer's questions (questions), with why each rule fired.
qda code "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --manual "$coding/consensus.csv" --manual "$coding/questions.csv" \
  --output "$out/codings.csv" --explain "$out/explain.csv" --jobs "$jobs" -q
#    How the rules compare with the manual coding (segment level).
qda code "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" --manual "$coding/consensus.csv" \
  --evaluate --jobs "$jobs" -q > "$out/auto-vs-consensus.txt"

# There is one manual coder here, so there is no `qda agree` step: intercoder agreement needs at least
# two independent coders (see the Brebes example for one with two).

# 3. Triangulate: what each interviewee says about each code and how far they converge, counting the
#    consensus coding; the questions coding tells "asked and silent" from "never asked".
qda triangulate "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --coder consensus --jobs "$jobs" \
  --matrix "$out/matrix.csv" --pairs "$out/pairs.csv" --output "$out/triangulation.yaml" -q

# 4. Score: the rubric's levels per code, the roll-up and the verdict, with its sensitivity to each
#    source and to a bootstrap over the sources.
qda score "$out/triangulation.yaml" --rubric "$here/rubric.yaml" --bootstrap 200 --seed 1 \
  --output "$out/scores.yaml" -q

# 5. Check: the README's summary, sentence by sentence, against the outputs. Exit status 1 if a
#    claim no longer holds, which stops this script.
qda check "$here/claims.yaml" --dir "$out" --junit "$out/claims.xml" -q > "$out/claims.txt" || { cat "$out/claims.txt"; exit 1; }

# 6. Report: report.md, a self-contained report.html, and the report's tables as CSV.
qda report --corpus "$out/corpus/corpus.yaml" --codebook "$here/codebook.yaml" \
  --triangulation "$out/triangulation.yaml" --scores "$out/scores.yaml" --claims "$out/claims.xml" \
  --tables "$out/report/tables" --output-dir "$out/report" -q

echo "verdict: $(awk '/^verdict:/ {v=1} v && /^  band:/ {sub(/^  band: /, ""); print; exit}' "$out/scores.yaml")"
echo "claims:"
sed 's/^/  /' "$out/claims.txt" | cut -c1-160
echo "report: $out/report/report.html (and report.md)"
