#!/usr/bin/env bash
# REFI-QDA end to end with the built tools (docs/refi-qda.md):
#  1. the Brebes example exported to .qdpx and .qdc: the same bytes twice, valid against the structure
#     the standard requires, read back as QualCoder reads a project, and re-imported identically;
#  2. a project two coders made in another tool (tests/fixtures/two-coders.qdpx) through the whole
#     pipeline: agreement between its coders, triangulation over its cases.
# Usage: check_refi.sh BIN_DIR EXAMPLE_DIR SCHEMAS_DIR FIXTURES_DIR
set -euo pipefail
bin="$1" example="$2" schemas="$3" fixtures="$4"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PATH="$bin:$PATH"

# 1. Brebes: the corpus and codings.csv as the example makes them, every coder and auto included.
qda-import "$example/interviews" --attributes "$example/sources.csv" --interviewer Pewawancara -o "$work/corpus" -q
manual=()
for coder in coder-a coder-b consensus questions; do manual+=(--manual "$example/coding/$coder.csv"); done
qda-code "$work/corpus/corpus.yaml" --codebook "$example/codebook.yaml" "${manual[@]}" --output "$work/codings.csv" -q
export_args=(--corpus "$work/corpus/corpus.yaml" --codebook "$example/codebook.yaml" --codings "$work/codings.csv" -q)
qda-export "${export_args[@]}" --qdpx "$work/brebes.qdpx" --qdc "$work/brebes.qdc"
qda-export "${export_args[@]}" --qdpx "$work/again.qdpx"
cmp "$work/brebes.qdpx" "$work/again.qdpx"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("project.qde"))' "$work/brebes.qdpx" > "$work/project.qde"
xmllint --noout --schema "$schemas/refi-qda-export.xsd" "$work/project.qde"
xmllint --noout --schema "$schemas/refi-qda-codebook.xsd" "$work/brebes.qdc"
python3 "$here/refi_reader.py" "$work/brebes.qdpx" "$work/corpus" "$work/codings.csv" "$example/codebook.yaml"

qda-import "$work/brebes.qdpx" -o "$work/re" -q
qda-code "$work/re/corpus.yaml" --codebook "$work/re/codebook.yaml" --no-auto --output "$work/re-codings.csv" -q \
  $(for file in "$work"/re/codings/*.csv; do printf -- '--manual %s ' "$file"; done)
python3 "$here/refi_same_project.py" "$work/corpus" "$example/codebook.yaml" "$work/codings.csv" \
  "$work/re" "$work/re/codebook.yaml" "$work/re-codings.csv"
# The .qdc is read wherever a codebook is, and written again valid. (Its GUIDs change: ids made from
# the names are not the example's ids, and GUIDs are derived from ids.)
qda-export --codebook "$work/brebes.qdc" --qdc "$work/from-qdc.qdc" -q
xmllint --noout --schema "$schemas/refi-qda-codebook.xsd" "$work/from-qdc.qdc"

# 2. The pipeline on a project coded in a GUI tool.
qda-import "$fixtures/two-coders.qdpx" -o "$work/two" -q 2> "$work/two-warnings.txt" || true
test -s "$work/two/corpus.yaml"
qda-code "$work/two/corpus.yaml" --codebook "$work/two/codebook.yaml" --no-auto \
  --manual "$work/two/codings/ana.csv" --manual "$work/two/codings/budi.csv" --output "$work/two/codings.csv" -q
qda-agree "$work/two/codings.csv" --corpus "$work/two/corpus.yaml" --codebook "$work/two/codebook.yaml" \
  --coders Ana,Budi --output "$work/two/agreement.yaml" -q
qda-triangulate "$work/two/codings.csv" --corpus "$work/two/corpus.yaml" --codebook "$work/two/codebook.yaml" \
  --coder Ana --by case --output "$work/two/triangulation.yaml" -q
grep -q "coders: \[Ana, Budi\]" "$work/two/agreement.yaml" || { echo "agreement.yaml does not compare Ana and Budi"; exit 1; }
grep -q "Bappeda" "$work/two/triangulation.yaml" || { echo "triangulation.yaml has no column for the case Bappeda"; exit 1; }
echo "check_refi: Brebes exported, validated, read as QualCoder does and re-imported; the two-coder project agreed and triangulated"
