#!/usr/bin/env bash
# qda-triangulate on the benchmark corpus's auto codings (bench/code_bench.sh's corpus and codebook):
# time and peak memory at -j 1 and -j 2, against reading codings.csv and segments.csv alone (cat), at
# two corpus sizes, so that memory can be seen not to grow with the codings.
# Usage: bench/triangulate_bench.sh [--megabytes "50 200"] [--runs R]   (QDA_BIN_DIR: default build/release/bin)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QDA_BIN_DIR:-$repo/build/release/bin}"
sizes="50 200" runs=3
while (($#)); do
  case "$1" in
    --megabytes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--megabytes \"50 200\"] [--runs R]" >&2; exit 2 ;;
  esac
done
source "$repo/bench/common.sh"
require_gnu_time triangulate_bench
for megabytes in $sizes; do
  work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
  prepare_corpus "$work" "$megabytes" "$bin" >/dev/null
  rm -f "$work/codings.csv"
  "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings.csv" -q -j 2
  echo "corpus of $megabytes MB: $(grep -c '' "$work/corpus/segments.csv") segments rows, $(grep -c '' "$work/codings.csv") codings rows," \
       "$(grep -c '^  - id:' "$work/corpus/corpus.yaml") sources"
  timed "cat codings + segments" cat "$work/codings.csv" "$work/corpus/segments.csv"
  for jobs in 1 2; do
    rm -f "$work/triangulation-$jobs.yaml"
    timed "qda-triangulate -j $jobs" "$bin/qda-triangulate" "$work/codings.csv" --corpus "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" \
      --coder auto -j "$jobs" -o "$work/triangulation-$jobs.yaml" --matrix "$work/matrix-$jobs.csv" -q
  done
  cmp -s "$work/triangulation-1.yaml" "$work/triangulation-2.yaml" || { echo "triangulate_bench: -j 1 and -j 2 differ" >&2; exit 1; }
done
