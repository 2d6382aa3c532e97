#!/usr/bin/env bash
# Benchmark of qda-code against the usual researcher's script (bench/baseline_code.py), in the same run:
# a generated corpus (default 200 MB of transcripts, generated once, imported again each run, untimed) and a
# generated codebook of 8 codes with at least 1,000 terms and phrases. Reports MB/s of segments.csv for
# qda-code with -j 1 and -j 2 (best of nine alternating pairs), the two-thread speed-up (median of the
# pairs' ratios), peak memory, and the ratio to the baseline (one run).
# Each timed run writes a new output file: the previous run's is deleted first, untimed, since freeing
# it (about 85 MB) is the file system's work, not qda-code's, and on a file system mounted with
# `discard` it took 85 ms inside the rename and slowed the rest of the run; --overwrite times runs that
# write over the previous output instead.
# Usage: bench/code_bench.sh [--megabytes N] [--check] [--overwrite]   (QDA_BIN_DIR: default build/release/bin)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QDA_BIN_DIR:-$repo/build/release/bin}"
megabytes=200
check=0
overwrite=0
while (($#)); do
  case "$1" in
    --megabytes) megabytes="$2"; shift 2 ;;
    --check) check=1; shift ;;
    --overwrite) overwrite=1; shift ;;
    *) echo "usage: $0 [--megabytes N] [--check] [--overwrite]" >&2; exit 2 ;;
  esac
done
source "$repo/bench/common.sh"
require_gnu_time code_bench
work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
# Imported again on every run (untimed), so the corpus is what this build's qda-import writes.
prepare_corpus "$work" "$megabytes" "$bin"
bytes=$(stat -c %s "$work/corpus/segments.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

time_once() {  # command...: prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt"
}
fresh() { ((overwrite)) || rm -f "$@"; }  # untimed: see the top
best_of() { printf '%s\n' "$@" | sort -g | head -n 1; }
median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# -j 1 and -j 2 alternate, nine pairs: this machine's speed drifts by a third from one minute to the
# next, and a ratio taken within a pair is far steadier than one of two separate best-of runs.
pairs=9
one_times=() two_times=() ratios=() one_peak=0 two_peak=0
for ((pair = 0; pair < pairs; ++pair)); do
  fresh "$work/codings-1.csv"
  read -r one kb1 < <(time_once "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings-1.csv" -q -j 1)
  fresh "$work/codings-2.csv"
  read -r two kb2 < <(time_once "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings-2.csv" -q -j 2)
  one_times+=("$one") two_times+=("$two") ratios+=("$(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.3f", a / b }')")
  ((kb1 > one_peak)) && one_peak=$kb1
  ((kb2 > two_peak)) && two_peak=$kb2
  cmp -s "$work/codings-1.csv" "$work/codings-2.csv" || { echo "code_bench: -j 1 and -j 2 outputs differ" >&2; exit 1; }
done
# The baseline is ~30x slower: one run of it is enough to place qda-code against it.
fresh "$work/baseline.csv"
read -r python python_kb < <(time_once python3 "$repo/bench/baseline_code.py" "$work/corpus/segments.csv" "$work/terms.json" "$work/baseline.csv")
results=("qda-code-j1 $(best_of "${one_times[@]}") $((one_peak / 1024))"
         "qda-code-j2 $(best_of "${two_times[@]}") $((two_peak / 1024))"
         "python-baseline $python $((python_kb / 1024))")

echo "qda-code benchmark: segments.csv of $mb MB, $(grep -c '' "$work/corpus/segments.csv") rows; codebook $(grep -o '"[^"]*"' "$work/codebook.yaml" | wc -l) quoted terms"
printf '%-18s %9s %9s %10s\n' "run" "seconds" "MB/s" "peak MB"
for line in "${results[@]}"; do
  read -r label seconds peak <<< "$line"
  printf '%-18s %9s %9.1f %10s\n' "$label" "$seconds" "$(awk -v m="$mb" -v s="$seconds" 'BEGIN { print m / s }')" "$peak"
done
one=$(best_of "${one_times[@]}")
speedup=$(median_of "${ratios[@]}")
versus=$(awk -v a="$python" -v b="$one" 'BEGIN { printf "%.1f", a / b }')
echo "seconds per pair (-j 1 / -j 2): $(for ((k = 0; k < pairs; ++k)); do printf '%s/%s ' "${one_times[k]}" "${two_times[k]}"; done)"
echo "two threads: ${speedup}x one (median of the pairs' ratios; ratio of the best times $(awk -v a="$one" -v b="$(best_of "${two_times[@]}")" 'BEGIN { printf "%.2f", a / b }')x); qda-code -j 1 (best) is ${versus}x faster than the baseline"
if ((check)); then
  awk -v m="$mb" -v s="$one" -v x="$speedup" 'BEGIN { exit !(m / s >= 100 && x >= 1.8) }' || { echo "code_bench: below target" >&2; exit 1; }
fi
