#!/usr/bin/env bash
# OrderedPipeline (oneTBB) against the std::thread pipeline it replaced, on qda-code's work
# (bench/pipeline_bench.cpp), on
# the corpus and codebook of bench/code_bench.sh. Usage: bench/pipeline_bench.sh [--megabytes N] [--rounds R]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${QDA_BUILD_DIR:-$repo/build/release}"
megabytes=200 rounds=5
while (($#)); do
  case "$1" in
    --megabytes) megabytes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--megabytes N] [--rounds R]" >&2; exit 2 ;;
  esac
done
[[ -x "$build/bench/pipeline_bench" ]] || { echo "pipeline_bench: build it first (cmake --build --preset release)" >&2; exit 2; }
work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
source "$repo/bench/common.sh"
# Imported again on every run (untimed), so the corpus is what this build's qda-import writes.
prepare_corpus "$work" "$megabytes" "$build/bin"
echo "segments.csv: $(stat -c %s "$work/corpus/segments.csv") bytes"
"$build/bench/pipeline_bench" "$work/corpus/corpus.yaml" "$work/codebook.yaml" "$rounds"
