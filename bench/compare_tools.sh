#!/usr/bin/env bash
# Old and new builds of the later tools, alternated on one of bench/scale_bench.sh's corpora: the
# corpus imported and coded once by the new build (untimed), then qda-agree, qda-triangulate (by
# province, and with a column per source) and qda-score (with a column per source) timed old, new,
# old, new..., and each pair's outputs compared.
# Usage: bench/compare_tools.sh OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--pairs P] [--jobs J]
#   The corpus is $TMPDIR/qda-bench-scale-N (run bench/scale_bench.sh --megabytes N once to make it).
set -euo pipefail
export LC_ALL=C
old="$(cd "${1:?usage: $0 OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--pairs P] [--jobs J]}" && pwd)"
new="$(cd "${2:?usage: $0 OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--pairs P] [--jobs J]}" && pwd)"
shift 2
megabytes=100 pairs=3 jobs=2
while (($#)); do
  case "$1" in
    --megabytes) megabytes="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "usage: compare_tools.sh OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--pairs P] [--jobs J]" >&2; exit 2 ;;
  esac
done
work="${TMPDIR:-/tmp}/qda-bench-scale-$megabytes"
[[ -f $work/study/rubric.yaml ]] || { echo "compare_tools: run bench/scale_bench.sh --megabytes $megabytes first" >&2; exit 2; }
out="$work/compare"
rm -rf "$out"
mkdir -p "$out"
"$new/qda-import" "$work/transcripts" --attributes "$work/sheet.csv" --interviewer Pewawancara -o "$out/corpus" -q -j "$jobs"
"$new/qda-code" "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" --manual "$work/study/coder-a.csv" \
  --manual "$work/study/coder-b.csv" -o "$out/codings.csv" -q -j "$jobs"
# The tools' -j where the build has it (qda-agree had none before).
jobs_of() { "$1" --help | grep -q -- '--jobs' && echo "-j $jobs"; }

# compare LABEL OUTPUT TOOL ARGS...: TOOL run from both builds, alternated, writing OUTPUT.old / .new.
compare() {
  local label=$1 output=$2 tool=$3 pair build seconds line=""
  shift 3
  for ((pair = 0; pair < pairs; ++pair)); do
    for build in old new; do
      local bin=$old
      [[ $build == new ]] && bin=$new
      # shellcheck disable=SC2046  # jobs_of gives "-j N" or nothing
      /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin/$tool" "$@" $(jobs_of "$bin/$tool") -o "$out/$output.$build" -q
      read -r seconds kb < "$out/time.txt"
      line+=" $build ${seconds}s/$((kb / 1024))MB"
    done
  done
  local same="identical"
  cmp -s "$out/$output.old" "$out/$output.new" || same="DIFFERENT"
  printf '  %-40s%s  (outputs %s)\n' "$label" "$line" "$same"
}

echo "corpus of $megabytes MB, old $old, new $new, -j $jobs where a build has it"
compare "qda-agree" agreement.yaml qda-agree "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" \
  --codebook "$work/codebook.yaml" --coders coder-a,coder-b --bootstrap 1000 --seed 1
compare "qda-triangulate --by province" triangulation.yaml qda-triangulate "$out/codings.csv" \
  --corpus "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" --coder auto --by province
compare "qda-triangulate, a column per source" triangulation-sources.yaml qda-triangulate "$out/codings.csv" \
  --corpus "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" --coder auto
compare "qda-score, a column per source" scores.yaml qda-score "$out/triangulation-sources.yaml.new" \
  --rubric "$work/study/rubric.yaml" --bootstrap 200 --seed 1
