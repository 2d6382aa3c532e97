#!/usr/bin/env bash
# The Brebes smart-governance readiness study as a pipeline. Usage: run.sh OUTPUT_DIR
# Expects the qda tools on PATH (scripts/demo puts the freshly built ones there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: run.sh OUTPUT_DIR}"
mkdir -p "$out"

# 1. Import: six interviews in six formats -> corpus.yaml, segments.csv, texts/
qda import "$here/interviews" --attributes "$here/sources.csv" --interviewer Pewawancara --output-dir "$out/corpus"

echo
echo "== $out/corpus/corpus.yaml: sources =="
grep -E '^  - id:|^    (title|format|language):|^      (role|organisation):|^    (turns|segments):' "$out/corpus/corpus.yaml"
echo
echo "== $out/corpus/segments.csv: first rows =="
head -n 4 "$out/corpus/segments.csv"
