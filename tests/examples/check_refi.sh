#!/usr/bin/env bash
# REFI-QDA end to end with the built tools (docs/refi-qda.md):
#  1. the Brebes example exported to .qdpx and .qdc: the same bytes twice, valid against the structure
#     the standard requires, read back as QualCoder reads a project; re-imported identically with qda's
#     manifest, and with what REFI-QDA carries without it;
#  2. a project two coders made in another tool (tests/fixtures/two-coders.qdpx) through the whole
#     pipeline: agreement between its coders, triangulation over its cases;
#  3. a project qda exported brings its unit to qda-import when --unit is not given.
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

# 1a. With qda's manifest (qda/manifest.yaml), the project comes back as it was exported: every file the
#     same bytes, corpus.yaml but for where its sources were read from.
qda-import "$work/brebes.qdpx" -o "$work/re" -q
for file in segments.csv $(cd "$work/corpus" && ls texts/*); do cmp "$work/corpus/$file" "$work/re/$file"; done
cmp "$example/codebook.yaml" "$work/re/codebook.yaml"
cmp "$work/codings.csv" "$work/re/codings.csv"
python3 "$here/same_corpus_yaml.py" "$work/corpus/corpus.yaml" "$work/re/corpus.yaml"
# Exported again, the project is the same bytes; imported again, every output is.
mkdir -p "$work/again"
qda-export --corpus "$work/re/corpus.yaml" --codebook "$work/re/codebook.yaml" --codings "$work/re/codings.csv" \
  --qdpx "$work/again/brebes.qdpx" -q
cmp "$work/brebes.qdpx" "$work/again/brebes.qdpx"
qda-import "$work/again/brebes.qdpx" -o "$work/again/re" -q
diff -r "$work/re" "$work/again/re"

# 1b. Without the manifest (as another tool re-saves the project), what REFI-QDA carries comes back:
#     texts, titles, attributes, the code tree, every coding's source, coder, code, span and memo.
python3 - "$work/brebes.qdpx" "$work/foreign.qdpx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as source, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        if not item.filename.startswith("qda/"):
            target.writestr(item, source.read(item))
PY
qda-import "$work/foreign.qdpx" -o "$work/foreign" -q
qda-code "$work/foreign/corpus.yaml" --codebook "$work/foreign/codebook.yaml" --no-auto --output "$work/foreign-codings.csv" -q \
  $(for file in "$work"/foreign/codings/*.csv; do printf -- '--manual %s ' "$file"; done)
python3 "$here/refi_same_project.py" "$work/corpus" "$example/codebook.yaml" "$work/codings.csv" \
  "$work/foreign" "$work/foreign/codebook.yaml" "$work/foreign-codings.csv"
# The .qdc is read wherever a codebook is, and written again valid, with the same GUIDs.
qda-export --codebook "$work/brebes.qdc" --qdc "$work/from-qdc.qdc" -q
xmllint --noout --schema "$schemas/refi-qda-codebook.xsd" "$work/from-qdc.qdc"
guids() { grep -o 'guid="[^"]*"' "$1"; }
cmp <(guids "$work/brebes.qdc") <(guids "$work/from-qdc.qdc")

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

# 3. qda-import's --unit left out: a project qda exported comes back in the unit it was made with, and
#    another unit is refused (exit 2), as its stored segments and codings are that unit's.
qda-import "$fixtures/two-coders.qdpx" -o "$work/para" --unit paragraph -q 2>/dev/null
qda-export --corpus "$work/para/corpus.yaml" --codebook "$work/para/codebook.yaml" --qdpx "$work/para.qdpx" -q
qda-import "$work/para.qdpx" -o "$work/para-again" -q
cmp "$work/para/segments.csv" "$work/para-again/segments.csv"
grep -q "^unit: paragraph$" "$work/para-again/corpus.yaml" || { echo "the re-import's unit is not paragraph"; exit 1; }
status=0
qda-import "$work/para.qdpx" -o "$work/para-turn" --unit turn -q 2>/dev/null || status=$?
[[ $status == 2 ]] || { echo "--unit turn on a paragraph export: exit $status, expected 2"; exit 1; }

echo "check_refi: Brebes exported, validated, read as QualCoder does, re-imported identically (and without its manifest as REFI-QDA carries it); the two-coder project agreed and triangulated; a paragraph export came back in paragraphs"
