#!/usr/bin/env bash
# One shard of the Brebes study, imported and coded on its own: the steps 1 and 2 of ../run.sh for the
# transcripts listed in LIST (one path a line). Usage: shard.sh LIST SHARD_DIR
# Every shard uses the whole attribute sheet, unchanged, so that its hash in corpus.yaml is the one a
# single run records (qda-merge refuses shards imported with different sheets); the rows of the other
# shards' files are then expected, hence --allow-missing-attributes, which corpus.yaml does not record.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
list="${1:?usage: shard.sh LIST SHARD_DIR}"
shard="${2:?usage: shard.sh LIST SHARD_DIR}"
mapfile -t files < "$list"
mkdir -p "$shard"

qda import "${files[@]}" --attributes "$here/sources.csv" --allow-missing-attributes --interviewer Pewawancara \
  --output-dir "$shard/corpus" -q

# qda-code refuses manual codings of segments its corpus lacks: each shard gets its sources' rows.
coders=(coder-a coder-b consensus questions)
sheets=() manual=()
for coder in "${coders[@]}"; do
  sheets+=("$here/coding/$coder.csv")
  manual+=(--manual "$shard/coding/$coder.csv")
done
python3 "$here/scale/split-codings.py" "$shard/corpus" "$shard/coding" "${sheets[@]}"
qda code "$shard/corpus/corpus.yaml" --codebook "$here/codebook.yaml" "${manual[@]}" --output "$shard/codings.csv" -q
