#!/usr/bin/env bash
# Benchmark qda-import on a generated corpus of plain-text transcripts: throughput (MB/s) and
# peak memory (RSS), next to three baselines (cat > /dev/null, the read floor; sha256sum; cp -r,
# the read-and-write floor), and peak memory at two corpus sizes to show whether it grows with
# the corpus.
#
# Usage: bench/import_bench.sh [options] [BIN_DIR] [-- extra qda-import options]
# Run with --help for the options. bench/README.md explains what is measured.
set -euo pipefail
export LC_ALL=C  # '.' as the decimal separator in $EPOCHREALTIME, awk and printf

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
GENERATOR="$SCRIPT_DIR/generate_transcripts.py"
PYTHON=${PYTHON:-python3}
TIME=/usr/bin/time

megabytes=200
small_megabytes=50
runs=3
seed=1
file_kb=100
work_dir="${TMPDIR:-/tmp}/qda-bench-import"
check=0
clean=0
cpu=0            # pin every measured command to this CPU ("one core"); "" = no pinning
speed_target=100 # MB/s, median over the runs, on the large corpus
memory_target=200 # MB of peak RSS on the large corpus
growth_limit=10  # %: peak RSS may grow by at most this share of the input added from small to large corpus
bin_dir=""
extra_args=()

usage() {
  cat <<EOF
Usage: $(basename "$0") [options] [BIN_DIR] [-- extra qda-import options]

Generates (or reuses) a corpus of plain-text transcripts, then times cat, sha256sum, cp -r and
qda-import on it, several runs each, and prints MB/s (input bytes / wall seconds), CPU seconds
and peak RSS.
Peak RSS is also measured on a smaller corpus to show whether memory grows with the corpus.
1 MB = 1,000,000 bytes throughout.

BIN_DIR                 folder holding qda-import (default: \$QDA_BIN_DIR, else
                        build/release/bin under the repository root)
  --megabytes N         size of the large corpus in MB (default $megabytes)
  --small-megabytes N   size of the small corpus, for the memory-growth check (default $small_megabytes)
  --quick               a tenth of both sizes (20 MB and 5 MB by default), for a quick run
  --runs N              runs of each command per corpus (default $runs)
  --seed N              corpus seed (default $seed)
  --file-kb N           mean transcript size in KB (default $file_kb)
  --work-dir DIR        scratch folder for corpora and outputs (default \${TMPDIR:-/tmp}/qda-bench-import);
                        a corpus already there with the same parameters is reused
  --cpu N               pin the measured commands to CPU N with taskset (default $cpu)
  --no-pin              do not pin
  --check               exit 1 if a target is missed (without it, the exit status is 0 whenever
                        the benchmark itself ran)
  --speed-target N      MB/s qda-import must reach, median of the runs, large corpus (default $speed_target)
  --memory-target N     MB of peak RSS qda-import must stay under, large corpus (default $memory_target)
  --growth-limit N      peak RSS may grow, from the small corpus to the large one, by at most N% of
                        the input added (default $growth_limit; a tool holding the corpus grows ~100%)
  --clean               delete the generated corpora at the end (default: keep them for reuse)
  -h, --help            show this help
EOF
}

die() { echo "import_bench: $*" >&2; exit 2; }

scale=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --megabytes) megabytes=${2:?}; shift 2 ;;
    --small-megabytes) small_megabytes=${2:?}; shift 2 ;;
    --quick) scale=0.1; shift ;;
    --runs) runs=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --file-kb) file_kb=${2:?}; shift 2 ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    --cpu) cpu=${2:?}; shift 2 ;;
    --no-pin) cpu=""; shift ;;
    --check) check=1; shift ;;
    --speed-target) speed_target=${2:?}; shift 2 ;;
    --memory-target) memory_target=${2:?}; shift 2 ;;
    --growth-limit) growth_limit=${2:?}; shift 2 ;;
    --clean) clean=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra_args=("$@"); break ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) [[ -z $bin_dir ]] || die "more than one BIN_DIR given ('$bin_dir', '$1')"; bin_dir=$1; shift ;;
  esac
done

is_number() { [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; }
for value in "$megabytes" "$small_megabytes" "$file_kb" "$speed_target" "$memory_target" "$growth_limit"; do
  is_number "$value" || die "expected a number, not '$value'"
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, not '$seed'"
megabytes=$(awk -v a="$megabytes" -v s="$scale" 'BEGIN { print a * s }')
small_megabytes=$(awk -v a="$small_megabytes" -v s="$scale" 'BEGIN { print a * s }')
awk -v a="$small_megabytes" -v b="$megabytes" 'BEGIN { exit !(a > 0 && a < b) }' ||
  die "the small corpus ($small_megabytes MB) must be smaller than the large one ($megabytes MB)"

# --- tools --------------------------------------------------------------------------------------
[[ -x $TIME ]] || die "GNU time is needed at $TIME (Debian/Ubuntu: apt-get install time); the shell's 'time' keyword cannot report peak memory"
"$TIME" -f "%e %M %U %S" -o /dev/null true 2>/dev/null || die "$TIME does not accept GNU time's -f/-o options; GNU time is needed"
command -v "$PYTHON" >/dev/null || die "$PYTHON is needed to generate the corpus (set PYTHON=...)"
command -v sha256sum >/dev/null || die "sha256sum (coreutils) is needed for the baseline"
bin_dir=${bin_dir:-${QDA_BIN_DIR:-$REPO_ROOT/build/release/bin}}
QDA_IMPORT="$bin_dir/qda-import"
[[ -x $QDA_IMPORT ]] || die "no qda-import at $QDA_IMPORT; build it (cmake --preset release && cmake --build --preset release) or give its folder as BIN_DIR or \$QDA_BIN_DIR"
pin=()
if [[ -n $cpu ]]; then
  if command -v taskset >/dev/null && taskset -c "$cpu" true 2>/dev/null; then
    pin=(taskset -c "$cpu")
  else
    echo "import_bench: cannot pin to CPU $cpu with taskset; running unpinned" >&2
    cpu=""
  fi
fi

mkdir -p "$work_dir"
work_dir=$(cd "$work_dir" && pwd)
# Every qda-import run writes into a fresh folder under $outputs, and nothing is deleted until the
# end: on ext4 without a journal, creating files soon after deleting many is much slower (the
# inode allocator skips recently deleted inodes for minutes), which would penalise later runs.
outputs="$work_dir/outputs.$$"
scratch="$work_dir/scratch.$$"
mkdir -p "$scratch" "$outputs"
corpora=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  rm -rf "$outputs" "$scratch"
  if [[ $clean -eq 1 ]]; then
    for corpus in "${corpora[@]}"; do rm -rf "$corpus" "$corpus.stamp" "$corpus.partial"; done
    rmdir "$work_dir" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# --- corpus -------------------------------------------------------------------------------------
generator_sha=$(sha256sum "$GENERATOR" | cut -c1-16)

# ensure_corpus MB: sets $corpus to a folder holding a corpus of MB megabytes, generating it
# unless one with the same parameters and the same generator is already there.
ensure_corpus() {
  local mb=$1
  corpus="$work_dir/corpus-${mb}mb-seed${seed}-${file_kb}kb"
  corpora+=("$corpus")
  local stamp="megabytes=$mb seed=$seed file_kb=$file_kb generator=$generator_sha"
  if [[ -f $corpus.stamp && $(<"$corpus.stamp") == "$stamp" && -f $corpus/.qda-bench-corpus.json ]]; then
    echo "reusing the $mb MB corpus in $corpus" >&2
    return
  fi
  echo "generating a $mb MB corpus in $corpus ..." >&2
  rm -rf "$corpus" "$corpus.partial" "$corpus.stamp"
  "$PYTHON" "$GENERATOR" "$corpus.partial" --megabytes "$mb" --seed "$seed" --file-kb "$file_kb" -q
  mv "$corpus.partial" "$corpus"
  echo "$stamp" >"$corpus.stamp"
}

# --- measuring ----------------------------------------------------------------------------------
# measure CMD...: runs CMD (stdout to /dev/null) under GNU time -f "%e %M %U %S" and sets $wall
# (seconds), $rss_kb (peak resident set in KiB, of the command or its largest descendant) and $cpu_s
# (user + system seconds). GNU time's %e has a 10 ms resolution, too coarse for the fast baselines,
# so $wall is taken with bash's $EPOCHREALTIME (microseconds) around the same call; %e is kept as
# $wall_e for the log. sync first (not timed), so earlier writes are not flushed in this run's time.
measure() {
  local start end status=0 user sys
  sync
  start=$EPOCHREALTIME
  "$TIME" -f "%e %M %U %S" -o "$scratch/time" "${pin[@]}" "$@" >/dev/null 2>"$scratch/stderr" || status=$?
  end=$EPOCHREALTIME
  if [[ $status -ne 0 ]]; then
    echo "import_bench: this command failed (exit status $status): $*" >&2
    tail -n 20 "$scratch/stderr" >&2
    exit 2
  fi
  read -r wall_e rss_kb user sys < <(tail -n 1 "$scratch/time")
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
  cpu_s=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# stats LIST...: "best median" of the numbers (best = smallest).
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.6f %.6f\n", v[1], median }'
}
max() { printf '%s\n' "$@" | sort -g | tail -n 1; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }
kib_to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }

declare -A result  # result[<size>,<command>,<field>]

# bench_corpus MB: times each command $runs times on the MB corpus and fills result[].
bench_corpus() {
  local mb=$1
  ensure_corpus "$mb"
  local list="$scratch/files"
  find "$corpus" -type f -name '*.txt' -print0 | sort -z >"$list"
  local bytes files
  bytes=$(find "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
  files=$(tr -cd '\0' <"$list" | wc -c)
  result[$mb,bytes]=$bytes
  result[$mb,files]=$files
  local name run walls cpus rsss best median
  for name in cat sha256sum cp qda-import; do
    walls=() cpus=() rsss=()
    for ((run = 1; run <= runs; run++)); do
      case $name in
        cat) measure xargs -0 -a "$list" cat ;;
        sha256sum) measure xargs -0 -a "$list" sha256sum ;;
        cp) measure cp -r "$corpus" "$outputs/copy-$mb-$run" ;;
        # A fresh output folder per run (see $outputs above).
        qda-import) measure "$QDA_IMPORT" -q --output-dir "$outputs/$mb-$run" "${extra_args[@]}" "$corpus" ;;
      esac
      printf '  %-10s %6s MB  run %d/%d: %8.3f s wall (GNU time %%e %s s), %s s CPU, peak RSS %s KiB\n' \
        "$name" "$mb" "$run" "$runs" "$wall" "$wall_e" "$cpu_s" "$rss_kb" >&2
      walls+=("$wall") cpus+=("$cpu_s") rsss+=("$rss_kb")
    done
    read -r best median < <(stats "${walls[@]}")
    result[$mb,$name,best_s]=$best
    result[$mb,$name,median_s]=$median
    read -r best median < <(stats "${cpus[@]}")
    result[$mb,$name,cpu_s]=$median
    result[$mb,$name,rss_kb]=$(max "${rsss[@]}")
  done
}

load_before=$(loadavg)
echo "qda-import: $QDA_IMPORT" >&2
bench_corpus "$small_megabytes"
bench_corpus "$megabytes"
load_after=$(loadavg)

# --- report -------------------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$bin_dir" describe --always --dirty 2>/dev/null || true)
echo
echo "qda-import benchmark: plain-text transcripts, seed $seed, $runs runs per command"
echo "machine: $(nproc) CPUs${cpu_model:+ ($cpu_model)}, $(uname -sr); commands pinned to $([[ -n $cpu ]] && echo "CPU $cpu" || echo "no CPU")"
echo "load average (1 min): $load_before before, $load_after after"
if awk -v a="$load_before" -v b="$load_after" -v n="$(nproc)" 'BEGIN { exit !(a + 0 > n / 2 || b + 0 > n / 2) }'; then
  echo "  note: other processes were using the CPUs; wall-clock figures are noisy, CPU-time figures less so"
fi
echo "qda-import: $QDA_IMPORT ($("$QDA_IMPORT" --version 2>/dev/null | head -n 1)${commit:+, source tree at $commit})${extra_args[*]:+ with ${extra_args[*]}}"
echo "MB = 10^6 bytes; MB/s = input bytes / wall seconds; CPU s = user + system (median);"
echo "MB/CPU-s = input bytes / CPU seconds; page cache warm (the corpus was just read)"
for mb in "$small_megabytes" "$megabytes"; do
  echo
  printf 'corpus: %s MB requested, %d files, %d bytes (%.1f MB)\n' "$mb" "${result[$mb,files]}" \
    "${result[$mb,bytes]}" "$(awk -v b="${result[$mb,bytes]}" 'BEGIN { print b / 1e6 }')"
  printf '  %-16s %10s %12s %9s %9s %9s %9s %12s\n' command "best MB/s" "median MB/s" "best s" "median s" \
    "CPU s" "MB/CPU-s" "peak RSS MB"
  for name in cat sha256sum cp qda-import; do
    label=$name
    [[ $name == cat ]] && label="cat > /dev/null"
    [[ $name == cp ]] && label="cp -r (copy)"
    printf '  %-16s %10s %12s %9.3f %9.3f %9.2f %9s %12s\n' "$label" \
      "$(mbps "${result[$mb,bytes]}" "${result[$mb,$name,best_s]}")" \
      "$(mbps "${result[$mb,bytes]}" "${result[$mb,$name,median_s]}")" \
      "${result[$mb,$name,best_s]}" "${result[$mb,$name,median_s]}" "${result[$mb,$name,cpu_s]}" \
      "$(mbps "${result[$mb,bytes]}" "${result[$mb,$name,cpu_s]}")" "$(kib_to_mb "${result[$mb,$name,rss_kb]}")"
  done
done

small_rss=$(kib_to_mb "${result[$small_megabytes,qda-import,rss_kb]}")
large_rss=$(kib_to_mb "${result[$megabytes,qda-import,rss_kb]}")
growth=$(awk -v a="$small_rss" -v b="$large_rss" 'BEGIN { printf "%+.1f", b - a }')
large_speed=$(mbps "${result[$megabytes,bytes]}" "${result[$megabytes,qda-import,median_s]}")
floor_speed=$(mbps "${result[$megabytes,bytes]}" "${result[$megabytes,cat,median_s]}")
sha_speed=$(mbps "${result[$megabytes,bytes]}" "${result[$megabytes,sha256sum,median_s]}")
echo
echo "qda-import peak memory against corpus size:"
printf '  %10s %8s %13s\n' "corpus MB" files "peak RSS MB"
for mb in "$small_megabytes" "$megabytes"; do
  printf '  %10.1f %8d %13s\n' "$(awk -v b="${result[$mb,bytes]}" 'BEGIN { print b / 1e6 }')" "${result[$mb,files]}" \
    "$(kib_to_mb "${result[$mb,qda-import,rss_kb]}")"
done
added_mb=$(awk -v a="${result[$small_megabytes,bytes]}" -v b="${result[$megabytes,bytes]}" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
added_files=$((result[$megabytes,files] - result[$small_megabytes,files]))
growth_share=$(awk -v g="$growth" -v a="$added_mb" 'BEGIN { printf "%.1f", 100 * g / a }')
printf '  growth: %s MB for %s MB (%d files) more input: %s%% of the added input, %s KB per added file\n' \
  "$growth" "$added_mb" "$added_files" "$growth_share" \
  "$(awk -v g="$growth" -v n="$added_files" 'BEGIN { printf "%.1f", (n > 0 ? 1000 * g / n : 0) }')"
echo
printf 'qda-import runs at %s MB/s (median), %.0f%% of sha256sum (%s MB/s) and %.0f%% of cat (%s MB/s)\n' \
  "$large_speed" "$(awk -v a="$large_speed" -v b="$sha_speed" 'BEGIN { print 100 * a / b }')" "$sha_speed" \
  "$(awk -v a="$large_speed" -v b="$floor_speed" 'BEGIN { print 100 * a / b }')" "$floor_speed"

missed=0
verdict() {  # verdict DESCRIPTION OBSERVED OK(0/1)
  local mark=met
  if [[ $3 -ne 1 ]]; then mark=MISSED; missed=1; fi
  printf '  %-52s %16s  %s\n' "$1" "$2" "$mark"
}
echo
echo "targets (on the ${megabytes} MB corpus):"
verdict "throughput >= $speed_target MB/s (median wall, one core)" "$large_speed MB/s" \
  "$(awk -v a="$large_speed" -v t="$speed_target" 'BEGIN { print (a >= t) }')"
verdict "peak RSS < $memory_target MB" "$large_rss MB" \
  "$(awk -v a="$large_rss" -v t="$memory_target" 'BEGIN { print (a < t) }')"
verdict "peak RSS growth ${small_megabytes} -> ${megabytes} MB <= ${growth_limit}% of added input" \
  "$growth MB (${growth_share}%)" "$(awk -v g="$growth_share" -v t="$growth_limit" 'BEGIN { print (g <= t) }')"

if [[ $missed -eq 1 && $check -eq 1 ]]; then
  echo "import_bench: a target was missed (--check)" >&2
  exit 1
fi
exit 0
