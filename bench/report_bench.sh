#!/usr/bin/env bash
# qda-report on the benchmark corpus (bench/code_bench.sh's generated corpus and codebook, coded and
# triangulated untimed): time and peak memory against reading its inputs (cat), and the report's size,
# at two corpus sizes, so that the size can be seen not to grow with the number of sources.
# Usage: bench/report_bench.sh [--megabytes "50 200"] [--runs R]   (QDA_BIN_DIR: default build/release/bin)
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
require_gnu_time report_bench
kilobytes() { du -k --apparent-size "$@" | awk '{ total += $1 } END { print total }'; }
for megabytes in $sizes; do
  work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
  prepare_corpus "$work" "$megabytes" "$bin" >/dev/null
  rm -f "$work/codings.csv" "$work/triangulation.yaml"
  "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings.csv" -q -j 2
  "$bin/qda-triangulate" "$work/codings.csv" --corpus "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" \
    --coder auto -o "$work/triangulation.yaml" -q
  echo "corpus of $megabytes MB: $(grep -c '^  - id:' "$work/corpus/corpus.yaml") sources," \
       "triangulation.yaml $(($(kilobytes "$work/triangulation.yaml") / 1024)) MB"
  timed "cat its inputs" cat "$work/triangulation.yaml" "$work/corpus/corpus.yaml" "$work/codebook.yaml"
  for round in 1 2; do
    rm -rf "$work/report-$round"
    timed "qda-report (round $round)" "$bin/qda-report" --corpus "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" \
      --triangulation "$work/triangulation.yaml" -o "$work/report-$round" -q
  done
  diff -r -q "$work/report-1" "$work/report-2" >/dev/null || { echo "report_bench: two runs differ" >&2; exit 1; }
  echo "  report.html $(kilobytes "$work/report-1/report.html") kB, report.md $(kilobytes "$work/report-1/report.md") kB"
done
