#!/usr/bin/env bash
# Steps 1 and 2 of ../run.sh in shards by source with GNU Parallel, merged by qda-merge into the
# corpus and codings.csv one run writes (docs/scale.md). Run it from the folder that holds examples/.
# Usage: parallel.sh OUTPUT_DIR [SHARDS [SSHLOGIN]]
#   SHARDS    how many shards (default 3)
#   SSHLOGIN  GNU Parallel's --sshlogin, e.g. "2/node1,2/node2": the shards run there, each sent as a
#             tar of its transcripts, the sheet, codebook and coding, its corpus and codings returned
#             (rsync, by GNU Parallel). Each node needs qda, python3 and rsync. Default: this machine.
set -euo pipefail
out="${1:?usage: parallel.sh OUTPUT_DIR [SHARDS [SSHLOGIN]]}"
shards="${2:-3}"
sshlogin="${3:-}"
example=examples/brebes-smart-governance
[[ -f $example/run.sh ]] || { echo "parallel.sh: run it from the folder that holds $example" >&2; exit 2; }
mkdir -p "$out/shards"
# The shard command is bash. Where SHELL is unset (cron, CI, env -i), GNU Parallel 20221122 guesses
# another shell for the SSH form, and the --workdir it means to create on the node is never made.
export PARALLEL_SHELL="${PARALLEL_SHELL:-bash}"

# The transcripts in a single run's order, dealt round robin into SHARDS lists.
find "$example/interviews" -type f ! -name '.*' | LC_ALL=C sort > "$out/files.txt"
split -n "r/$shards" -d --additional-suffix=.list "$out/files.txt" "$out/shards/shard-"

if [[ -z $sshlogin ]]; then
  parallel --jobs 2 --halt now,fail=1 bash "$example/scale/shard.sh" {} {.} ::: "$out"/shards/shard-*.list
else
  # Each shard goes as one tar: its transcripts and list, and the sheet, codebook, coding and these
  # scripts. Paths stay relative, so that a shard's corpus.yaml, made in a scratch folder on the node
  # (--workdir ...), names the same files from the same places once returned here.
  for list in "$out"/shards/shard-*.list; do
    mapfile -t files < "$list"
    tar cf "${list%.list}.tar" "${files[@]}" "$list" "$example/sources.csv" "$example/codebook.yaml" "$example/coding" "$example/scale"
  done
  parallel --sshlogin "$sshlogin" --workdir ... --halt now,fail=1 \
    --transferfile {} --return {.}/corpus --return {.}/codings.csv --cleanup \
    "tar xf {} && bash $example/scale/shard.sh {.}.list {.}" ::: "$out"/shards/shard-*.tar
fi

qda merge corpus "$out"/shards/shard-*/corpus -o "$out/corpus" -q
qda merge codings "$out"/shards/shard-*/codings.csv --corpus "$out/corpus/corpus.yaml" --codebook "$example/codebook.yaml" \
  -o "$out/codings.csv" -q
