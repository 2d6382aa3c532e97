#!/usr/bin/env bash
# Steps 1 and 2 of ../run.sh in shards by source with GNU Parallel, merged by qda-merge into the
# corpus and codings.csv one run writes (docs/scale.md). Run it from the folder that holds examples/.
# Usage: parallel.sh OUTPUT_DIR [SHARDS [SSHLOGIN]]
#   SHARDS    how many shards (default 3)
#   SSHLOGIN  GNU Parallel's --sshlogin, e.g. "2/node1,2/node2": the shards run there, each sent as a
#             tar of its transcripts with the sheet, codebook and coding as base files, and its corpus
#             and codings returned. Each node needs qda and python3 on PATH. Default: this machine.
set -euo pipefail
out="${1:?usage: parallel.sh OUTPUT_DIR [SHARDS [SSHLOGIN]]}"
shards="${2:-3}"
sshlogin="${3:-}"
example=examples/brebes-smart-governance
[[ -f $example/run.sh ]] || { echo "parallel.sh: run it from the folder that holds $example" >&2; exit 2; }
mkdir -p "$out/shards"

# The transcripts in a single run's order, dealt round robin into SHARDS lists.
find "$example/interviews" -type f ! -name '.*' | LC_ALL=C sort > "$out/files.txt"
split -n "r/$shards" -d --additional-suffix=.list "$out/files.txt" "$out/shards/shard-"

if [[ -z $sshlogin ]]; then
  parallel --jobs 2 --halt now,fail=1 bash "$example/scale/shard.sh" {} {.} ::: "$out"/shards/shard-*.list
else
  # Paths stay relative, so the shards' corpus.yaml, made in --workdir on a node, name the same files
  # from the same places once returned here.
  for list in "$out"/shards/shard-*.list; do tar cf "${list%.list}.tar" -T "$list"; done
  parallel --sshlogin "$sshlogin" --workdir ... --halt now,fail=1 \
    --basefile "$example/sources.csv" --basefile "$example/codebook.yaml" --basefile "$example/coding" \
    --basefile "$example/scale" \
    --transferfile {} --transferfile {.}.list --return {.}/corpus --return {.}/codings.csv --cleanup \
    "tar xf {} && bash $example/scale/shard.sh {.}.list {.}" ::: "$out"/shards/shard-*.tar
fi

qda merge corpus "$out"/shards/shard-*/corpus -o "$out/corpus" -q
qda merge codings "$out"/shards/shard-*/codings.csv --corpus "$out/corpus/corpus.yaml" --codebook "$example/codebook.yaml" \
  -o "$out/codings.csv" -q
