#!/usr/bin/env bash
# Sharding by source, merged exactly: the Brebes example imported and coded in one run, and in 2, 3
# and 6 shards (each shard by examples/brebes-smart-governance/scale/shard.sh), the shards merged by
# qda-merge in several orders; every merged file must be the single run's bytes, provenance included.
# Usage: check_shards.sh BIN_DIR EXAMPLE_DIR WORK_DIR
set -euo pipefail
bin="$(cd "$1" && pwd)"
example="$(cd "$2" && pwd)"
mkdir -p "$3"
work="$(cd "$3" && pwd)"
export PATH="$bin:$PATH"
rm -rf "$work"
mkdir -p "$work"
cd "$work"

# The single run, as ../../examples/brebes-smart-governance/run.sh does steps 1 and 2.
mkdir -p single
qda import "$example/interviews" --attributes "$example/sources.csv" --interviewer Pewawancara --output-dir single/corpus -q
qda code single/corpus/corpus.yaml --codebook "$example/codebook.yaml" \
  --manual "$example/coding/coder-a.csv" --manual "$example/coding/coder-b.csv" \
  --manual "$example/coding/consensus.csv" --manual "$example/coding/questions.csv" --output single/codings.csv -q

# The transcripts in the order a single run's walk takes them (byte order of the paths).
find "$example/interviews" -type f ! -name '.*' | LC_ALL=C sort > files.txt
total=$(wc -l < files.txt)

same() {  # the merged folder against the single run, file by file
  local merged="$1" failed=0
  for file in corpus/corpus.yaml corpus/segments.csv corpus/sources.csv codings.csv; do
    if ! cmp -s "single/$file" "$merged/$file"; then
      echo "check_shards: $merged/$file differs from the single run's:" >&2
      diff "single/$file" "$merged/$file" | head -20 >&2 || true
      failed=1
    fi
  done
  if ! diff -r single/corpus/texts "$merged/corpus/texts" > /dev/null; then
    echo "check_shards: $merged/corpus/texts differs from the single run's" >&2
    failed=1
  fi
  return $failed
}

checked=0
for shards in 2 3 6; do
  dir="shards-$shards"
  mkdir -p "$dir"
  # Round robin, so that every shard holds sources from all over the order.
  split -n "r/$shards" -d --additional-suffix=.list files.txt "$dir/shard-"
  lists=("$dir"/shard-*.list)
  [[ ${#lists[@]} == "$shards" ]] || { echo "check_shards: expected $shards lists, got ${#lists[@]}" >&2; exit 1; }
  for list in "${lists[@]}"; do
    bash "$example/scale/shard.sh" "$list" "${list%.list}"
  done
  shard_dirs=("${lists[@]%.list}")
  # Orders: as made, reversed, and rotated by one.
  reversed=()
  for ((i = ${#shard_dirs[@]} - 1; i >= 0; i--)); do reversed+=("${shard_dirs[i]}"); done
  rotated=("${shard_dirs[@]:1}" "${shard_dirs[0]}")
  for order in made reversed rotated; do
    case $order in
      made) dirs=("${shard_dirs[@]}") ;;
      reversed) dirs=("${reversed[@]}") ;;
      rotated) dirs=("${rotated[@]}") ;;
    esac
    merged="merged-$shards-$order"
    mkdir -p "$merged"
    corpora=() codings=()
    for d in "${dirs[@]}"; do corpora+=("$d/corpus") codings+=("$d/codings.csv"); done
    qda merge corpus "${corpora[@]}" -o "$merged/corpus" -q
    qda merge codings "${codings[@]}" --corpus "$merged/corpus/corpus.yaml" --codebook "$example/codebook.yaml" \
      -o "$merged/codings.csv" -q
    same "$merged"
    checked=$((checked + 1))
  done
done
# The comparison can fail: a shard's own corpus.yaml (its paths and inputs) is not the single run's.
if cmp -s single/corpus/corpus.yaml shards-2/shard-00/corpus/corpus.yaml; then
  echo "check_shards: a shard's corpus.yaml equals the single run's; the comparison proves nothing" >&2
  exit 1
fi
echo "check_shards: $total sources; 2, 3 and 6 shards, $checked merges, each identical to the single run (corpus.yaml with its provenance, segments.csv, sources.csv, texts/, codings.csv)"
