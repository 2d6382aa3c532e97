#!/usr/bin/env bash
# qda-import of a REFI-QDA project of 1,000 sources and 100,000 codings (bench/generate_refi_project.py),
# then qda-export of the same project (its codings merged by qda-code --no-auto, untimed): time and peak
# memory of each, against unzip -p of project.qde (reading the XML alone); then qda-import of the
# export, which takes its segments and codings from qda's manifest.
# Usage: bench/refi_bench.sh [--sources 1000] [--codings 100000] [--runs 3]   (QDA_BIN_DIR: default build/release/bin)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QDA_BIN_DIR:-$repo/build/release/bin}"
sources=1000 codings=100000 runs=3
while (($#)); do
  case "$1" in
    --sources) sources="$2"; shift 2 ;;
    --codings) codings="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--sources N] [--codings N] [--runs R]" >&2; exit 2 ;;
  esac
done
source "$repo/bench/common.sh"
require_gnu_time refi_bench
work="${TMPDIR:-/tmp}/qda-bench-refi-$sources-$codings"
mkdir -p "$work"
[[ -f "$work/project.qdpx" ]] || python3 "$repo/bench/generate_refi_project.py" "$work/project.qdpx" --sources "$sources" --codings "$codings"
echo "project of $sources sources, $codings codings: qdpx $(($(stat -c %s "$work/project.qdpx") / 1048576)) MB," \
     "project.qde $(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("project.qde").file_size // 1048576)' "$work/project.qdpx") MB"
timed "read project.qde (python)" python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).read("project.qde")' "$work/project.qdpx"
timed "qda-import" "$bin/qda-import" "$work/project.qdpx" -o "$work/corpus" -q
"$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/corpus/codebook.yaml" --no-auto -o "$work/codings.csv" -q \
  $(for file in "$work"/corpus/codings/*.csv; do printf -- '--manual %s ' "$file"; done)
echo "  $(($(wc -l < "$work/codings.csv") - 1)) rows in codings.csv"
timed "qda-export" "$bin/qda-export" --corpus "$work/corpus/corpus.yaml" -c "$work/corpus/codebook.yaml" \
  --codings "$work/codings.csv" --qdpx "$work/export.qdpx" -q
# The export read back: qda's manifest holds, so segments, codebook and codings.csv are taken as kept.
timed "qda-import (qda's export)" "$bin/qda-import" "$work/export.qdpx" -o "$work/again" -q
cmp -s "$work/corpus/segments.csv" "$work/again/segments.csv" && cmp -s "$work/codings.csv" "$work/again/codings.csv" \
  && echo "  segments.csv and codings.csv of the re-import: identical" || echo "  the re-import differs"
