#!/usr/bin/env bash
# Benchmark of qda-code against the usual researcher's script (bench/baseline_code.py), in the same run:
# a generated corpus (default 200 MB of transcripts, imported once, untimed) and a generated codebook of
# 8 codes with at least 1,000 terms and phrases. Reports MB/s of segments.csv for qda-code with -j 1 and
# -j 2 (best of three runs), the ratio of the two, peak memory, and the ratio to the baseline (one run).
# Usage: bench/code_bench.sh [--megabytes N] [--check]   (QDA_BIN_DIR: default build/release/bin)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QDA_BIN_DIR:-$repo/build/release/bin}"
megabytes=200
check=0
while (($#)); do
  case "$1" in
    --megabytes) megabytes="$2"; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "usage: $0 [--megabytes N] [--check]" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "code_bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
mkdir -p "$work"
if [[ ! -f "$work/transcripts/.qda-bench-corpus.json" ]]; then
  rm -rf "$work/transcripts"
  python3 "$repo/bench/generate_transcripts.py" --megabytes "$megabytes" -q "$work/transcripts"
fi
# Imported again on every run (untimed), so the corpus is what this build's qda-import writes.
rm -rf "$work/corpus"
"$bin/qda-import" "$work/transcripts" --interviewer Pewawancara -o "$work/corpus" -q
python3 "$repo/bench/generate_codebook.py" "$work/codebook.yaml" "$work/terms.json"
bytes=$(stat -c %s "$work/corpus/segments.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

measure() {  # label, runs, command...: prints "label best_seconds peak_mb"
  local label="$1" runs="$2"; shift 2
  local best=""
  local peak=0
  for ((run = 0; run < runs; ++run)); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
    read -r seconds kilobytes < "$work/time.txt"
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$seconds"; fi
    ((kilobytes > peak)) && peak=$kilobytes
  done
  echo "$label $best $((peak / 1024))"
}

results=()
results+=("$(measure "qda-code-j1" 3 "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings-1.csv" -q -j 1)")
results+=("$(measure "qda-code-j2" 3 "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings-2.csv" -q -j 2)")
# The baseline is ~20x slower: one run of it is enough to place qda-code against it.
results+=("$(measure "python-baseline" 1 python3 "$repo/bench/baseline_code.py" "$work/corpus/segments.csv" "$work/terms.json" "$work/baseline.csv")")
cmp -s "$work/codings-1.csv" "$work/codings-2.csv" || { echo "code_bench: -j 1 and -j 2 outputs differ" >&2; exit 1; }

echo "qda-code benchmark: segments.csv of $mb MB, $(grep -c '' "$work/corpus/segments.csv") rows; codebook $(grep -o '"[^"]*"' "$work/codebook.yaml" | wc -l) quoted terms"
printf '%-18s %9s %9s %10s\n' "run" "seconds" "MB/s" "peak MB"
for line in "${results[@]}"; do
  read -r label seconds peak <<< "$line"
  printf '%-18s %9s %9.1f %10s\n' "$label" "$seconds" "$(awk -v m="$mb" -v s="$seconds" 'BEGIN { print m / s }')" "$peak"
done
read -r _ one _ <<< "${results[0]}"
read -r _ two _ <<< "${results[1]}"
read -r _ python _ <<< "${results[2]}"
speedup=$(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", a / b }')
versus=$(awk -v a="$python" -v b="$one" 'BEGIN { printf "%.1f", a / b }')
echo "two threads: ${speedup}x one; qda-code -j 1 is ${versus}x faster than the baseline"
if ((check)); then
  awk -v m="$mb" -v s="$one" -v x="$speedup" 'BEGIN { exit !(m / s >= 100 && x >= 1.8) }' || { echo "code_bench: below target" >&2; exit 1; }
fi
