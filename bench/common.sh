# Shared by the benchmark scripts that run on bench/code_bench.sh's generated corpus (source it).

# prepare_corpus WORK MEGABYTES BIN_DIR: WORK/transcripts generated once (MEGABYTES of transcripts),
# imported again into WORK/corpus by this build's qda-import, and WORK/codebook.yaml generated.
prepare_corpus() {
  local work=$1 megabytes=$2 bin=$3 repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  mkdir -p "$work"
  if [[ ! -f "$work/transcripts/.qda-bench-corpus.json" ]]; then
    rm -rf "$work/transcripts"
    python3 "$repo/bench/generate_transcripts.py" --megabytes "$megabytes" -q "$work/transcripts"
  fi
  rm -rf "$work/corpus"
  "$bin/qda-import" "$work/transcripts" --interviewer Pewawancara -o "$work/corpus" -q
  python3 "$repo/bench/generate_codebook.py" "$work/codebook.yaml" "$work/terms.json"
}

# timed LABEL COMMAND...: the best wall time and the peak memory of $runs runs, one line (needs $work
# and $runs, and GNU time).
timed() {
  local label=$1 best="" peak=0 run seconds kb
  shift
  for ((run = 0; run < runs; ++run)); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
    read -r seconds kb < "$work/time.txt"
    [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }' && best=$seconds
    ((kb > peak)) && peak=$kb
  done
  printf '  %-26s %8s s %8d MB\n' "$label" "$best" $((peak / 1024))
}

# require_gnu_time NAME: stops with a hint when /usr/bin/time is missing.
require_gnu_time() {
  [[ -x /usr/bin/time ]] || { echo "$1: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
}

# core_balance: how much slower the slower of CPUs 0 and 1 runs the same loop than the faster, both at
# once, as "1.04" (or "-" without taskset or a second CPU). On a shared host another guest can slow one
# core for tens of seconds: a -j 2 run then cannot reach twice a -j 1 run, whatever the code does.
core_balance() {
  command -v taskset >/dev/null && (($(nproc) >= 2)) || { echo "-"; return; }
  local cpu dir
  dir=$(mktemp -d)
  for cpu in 0 1; do
    (
      start=$(date +%s%N)
      taskset -c "$cpu" awk 'BEGIN { for (i = 0; i < 2e7; i++) s += i * i }'
      echo $(($(date +%s%N) - start)) > "$dir/$cpu"
    ) &
  done
  wait
  awk '{ t[NR] = $1 } END { printf "%.2f", (t[1] > t[2] ? t[1] / t[2] : t[2] / t[1]) }' "$dir/0" "$dir/1"
  rm -rf "$dir"
}
