#!/usr/bin/env bash
# The whole pipeline on generated corpora of several sizes (issue "Scale"): import -> code (auto and two
# human coders on a sample) -> agree -> triangulate (between provinces) -> score -> check -> report, each
# tool timed with its peak memory, against `wc -w` over the same transcripts in the same run; then
# triangulate and score with a column per source, which compare every pair of sources (quadratic; only
# up to --per-source-limit sources); and qda-import and qda-code at -j 1 and -j 2 alternated, qda-code
# with the 1,210-term codebook and with a one-term one.
#
# Usage: bench/scale_bench.sh [--megabytes "100 500 1000"] [--file-kb K] [--pairs P] [--ceiling-pairs C] [--jobs J]
#                             [--per-source-limit N] [--keep]
#   --megabytes  corpus sizes (decimal MB of transcripts)
#   --file-kb    about how long a transcript is, in kB (default 100: interviews; 1 gives about 2 kB
#                a transcript, as many sources as a large open-ended survey has answers)
#   --pairs      alternated -j 1 / -j 2 pairs for qda-import and qda-code (default 5; each run after a sync)
#   --ceiling-pairs  of those pairs, how many are followed by two -j 1 runs at once, the host's ceiling
#                (default 2; each such pair writes two more outputs: 4.4 GB more for qda-import at 1 GB)
#   --jobs       threads of the pipeline run (default 2)
#   --per-source-limit  most sources for the per-source triangulation and scoring (default 2500)
#   --keep       keep each size's pipeline outputs (default: removed, with the -j runs' outputs, when the
#                script ends; a size's -j runs are removed before the next size: at 1 GB, 5 pairs and 2
#                ceiling pairs they take about 45 GB of disk)
# QDA_BIN_DIR: the tools (default build/release/bin). TMPDIR: where corpora are generated and kept.
set -euo pipefail
export LC_ALL=C
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QDA_BIN_DIR:-$repo/build/release/bin}"
sizes="100 500 1000" file_kb=100 pairs=5 ceiling_pairs=2 jobs=2 keep=0 per_source_limit=2500
while (($#)); do
  case "$1" in
    --megabytes) sizes="$2"; shift 2 ;;
    --file-kb) file_kb="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --ceiling-pairs) ceiling_pairs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --per-source-limit) per_source_limit="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--megabytes \"100 500 1000\"] [--file-kb K] [--pairs P] [--ceiling-pairs C] [--jobs J] [--per-source-limit N] [--keep]" >&2; exit 2 ;;
  esac
done
read -ra size_list <<< "$sizes"
last_size=${size_list[-1]}
source "$repo/bench/common.sh"
require_gnu_time scale_bench
for tool in import code agree triangulate score check report; do
  [[ -x $bin/qda-$tool ]] || { echo "scale_bench: $bin/qda-$tool is missing; build first (cmake --build --preset release)" >&2; exit 2; }
done

# once FILE LABEL COMMAND...: one run, its wall seconds and peak memory as a line, and both into FILE.
once() {
  local file=$1 label=$2 seconds kb
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  read -r seconds kb < "$work/time.txt"
  printf '  %-34s %8s s %6d MB\n' "$label" "$seconds" $((kb / 1024))
  echo "$label $seconds $((kb / 1024))" >> "$file"
}

# What the runs wrote is removed only when a size is done or the script ends: ext4 without a journal skips, when it
# allocates an inode, every inode freed in the last minute (six, if its inode table block is not yet
# written back), so removing one run's 10,000 files puts a serial kernel search into the next runs.
removals=()
remove_outputs() { ((${#removals[@]} == 0)) || rm -rf "${removals[@]}"; }
trap remove_outputs EXIT
# An earlier run's outputs, removed before anything is timed, and time left to pass.
# Corpora of other transcript lengths are kept apart: the generator makes a folder's files once.
suffix=""
[[ $file_kb == 100 ]] || suffix="-${file_kb}kb"
earlier=()
for megabytes in $sizes; do
  for folder in out runs; do
    [[ -e ${TMPDIR:-/tmp}/qda-bench-scale-$megabytes$suffix/$folder ]] && earlier+=("${TMPDIR:-/tmp}/qda-bench-scale-$megabytes$suffix/$folder")
  done
done
if ((${#earlier[@]})); then
  echo "removing an earlier run's outputs, then waiting a minute before timing anything"
  rm -rf "${earlier[@]}"
  sync
  sleep 61
fi

for megabytes in $sizes; do
  work="${TMPDIR:-/tmp}/qda-bench-scale-$megabytes$suffix"
  mkdir -p "$work"
  removed_files=0
  if [[ ! -f "$work/transcripts/.qda-bench-corpus.json" ]]; then
    if [[ -e $work/transcripts ]]; then  # a generation cut short
      rm -rf "$work/transcripts"
      removed_files=1
    fi
    python3 "$repo/bench/generate_transcripts.py" --megabytes "$megabytes" --file-kb "$file_kb" -q "$work/transcripts"
    if ((removed_files)); then
      sync
      sleep 61
    fi
  fi
  files=$(find "$work/transcripts" -type f ! -name '.*' | wc -l)
  bytes=$(du -sb --exclude '.*' "$work/transcripts" | cut -f1)
  python3 "$repo/bench/generate_sheet.py" "$work/transcripts" "$work/sheet.csv"
  python3 "$repo/bench/generate_codebook.py" --near "$work/codebook.yaml" "$work/terms.json" 2>/dev/null
  printf '%s\n' "kind: qda/codebook" "version: 1" "languages: [id]" "codes:" "  - id: budget" "    name: budget" \
    "    rules:" "      - terms: {id: [anggaran]}" > "$work/one-term.yaml"
  out="$work/out" figures="$work/figures.txt"
  rm -f "$figures"
  mkdir -p "$out"
  # Listed now, so that a run that fails or is interrupted removes them too.
  removals+=("$work/runs")
  ((keep)) || removals+=("$out")
  echo "corpus of $megabytes MB: $files transcripts, $bytes bytes (pipeline at -j $jobs)"

  cd "$work/transcripts"
  once "$figures" "wc -w" bash -c "find . -type f ! -name '.*' -print0 | xargs -0 cat | wc -w"
  cd - >/dev/null
  once "$figures" "qda-import" "$bin/qda-import" "$work/transcripts" --attributes "$work/sheet.csv" --interviewer Pewawancara \
    -o "$out/corpus" -q -j "$jobs"
  sources=$(grep -c '^  - id:' "$out/corpus/corpus.yaml")
  python3 "$repo/bench/generate_study.py" "$out/corpus/segments.csv" "$work/terms.json" "$work/study" --sources "$sources"
  once "$figures" "qda-code (auto and 2 coders)" "$bin/qda-code" "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" \
    --manual "$work/study/coder-a.csv" --manual "$work/study/coder-b.csv" -o "$out/codings.csv" -q -j "$jobs"
  once "$figures" "qda-agree" "$bin/qda-agree" "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" --codebook "$work/codebook.yaml" \
    --coders coder-a,coder-b --bootstrap 1000 --seed 1 -j "$jobs" -o "$out/agreement.yaml" -q
  once "$figures" "qda-triangulate --by province" "$bin/qda-triangulate" "$out/codings.csv" --corpus "$out/corpus/corpus.yaml" \
    -c "$work/codebook.yaml" --coder auto --by province -j "$jobs" -o "$out/triangulation.yaml" -q
  once "$figures" "qda-score" "$bin/qda-score" "$out/triangulation.yaml" --rubric "$work/study/rubric.yaml" \
    --bootstrap 200 --seed 1 -o "$out/scores.yaml" -q
  once "$figures" "qda-check" "$bin/qda-check" "$work/study/claims.yaml" --dir "$out" --junit "$out/claims.xml" -q
  once "$figures" "qda-report" "$bin/qda-report" --corpus "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" \
    --agreement "$out/agreement.yaml" --triangulation "$out/triangulation.yaml" --scores "$out/scores.yaml" \
    --claims "$out/claims.xml" --output-dir "$out/report" -q
  awk -v wc="$(awk '$1 == "wc" { print $3 }' "$figures")" '
    $1 ~ /^qda-/ { total += $(NF - 1); if ($NF > peak) peak = $NF }
    END { printf "  %-34s %8.2f s %6d MB   (%.1fx wc -w)\n", "whole pipeline", total, peak, total / wc }' "$figures"

  # A column per source: every pair of sources compared, per code.
  if ((sources <= per_source_limit)); then
    once "$work/per-source.txt" "qda-triangulate, each source" "$bin/qda-triangulate" "$out/codings.csv" \
      --corpus "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" --coder auto -j "$jobs" -o "$out/triangulation-sources.yaml" -q
    once "$work/per-source.txt" "qda-score, each source" "$bin/qda-score" "$out/triangulation-sources.yaml" \
      --rubric "$work/study/rubric.yaml" --bootstrap 200 --seed 1 -o "$out/scores-sources.yaml" -q
  else
    echo "  (triangulation and scoring with a column per source skipped: $sources sources, over --per-source-limit)"
  fi

  # -j 1 against -j 2, alternated; identical outputs at both. Two figures: the median of the pairs'
  # ratios, and the ratio of the best -j 1 time to the best -j 2 time. On a shared host the second is
  # the one to read: another guest slows one core or the other by up to 60 % for tens of seconds at a
  # time (core_balance shows it), and such a slowdown only ever adds time, so the best run of each
  # kind is the one least disturbed. Each pair is preceded by core_balance's reading.
  #
  # After each pair, the host's ceiling for this work: two -j 1 runs of the same command at once, as two
  # processes that share nothing. Twice the -j 1 time over the time both take is the most any two-thread
  # run could gain on these two CPUs at that moment; on a host whose two CPUs share a physical core, or
  # whose other guests take a core's share, it is well under 2. Also as best/best and median of pairs.
  ratio() {  # LABEL COMMAND... (with JOBS and OUT in the command, substituted per run)
    ((pairs > 0)) || return 0
    local label=$1 pair j seconds ratios=() one two best_one="" best_two="" balances=()
    local both best_both="" ceilings=() start first second pid
    shift
    local runs="$work/runs/${label//[^a-z0-9]/-}"
    for ((pair = 0; pair < pairs; ++pair)); do
      balances+=("$(core_balance)")
      for j in 1 2; do
        # Each run writes into a folder of its own, removed when the size is done (or by removals).
        mkdir -p "$runs/$pair-j$j"
        # Untimed: the disk writes back what earlier runs left in the page cache (an import leaves 2.2 GB
        # at 1 GB) before this run starts, rather than during it, so both runs of a pair start alike.
        sync
        local args=("${@//JOBS/$j}")
        args=("${args[@]//OUT/"$runs/$pair-j$j"}")  # quoted: bash 5.2 reads & in a replacement as the match
        /usr/bin/time -f "%e" -o "$work/time.txt" "${args[@]}" >/dev/null
        seconds=$(cat "$work/time.txt")
        if [[ $j == 1 ]]; then
          one=$seconds
          [[ -z $best_one ]] || awk -v a="$one" -v b="$best_one" 'BEGIN { exit !(a < b) }' && best_one=$one
        else
          two=$seconds
          [[ -z $best_two ]] || awk -v a="$two" -v b="$best_two" 'BEGIN { exit !(a < b) }' && best_two=$two
        fi
      done
      ratios+=("$(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", a / b }')")
      # The ceiling: two -j 1 runs at once, each into a folder of its own.
      if ((pair >= ceiling_pairs)); then
        printf '    %s: -j 1 %s s, -j 2 %s s (cores before: %s)\n' "$label" "$one" "$two" "${balances[-1]}"
        continue
      fi
      mkdir -p "$runs/$pair-both-a" "$runs/$pair-both-b"
      sync
      first=("${@//JOBS/1}") second=("${@//JOBS/1}")
      first=("${first[@]//OUT/"$runs/$pair-both-a"}") second=("${second[@]//OUT/"$runs/$pair-both-b"}")
      # Timed with bash's own clock: a `date` process before and after would add its start-up to the
      # two runs' time (16 to 20 ms), where /usr/bin/time counts only the run.
      start=$EPOCHREALTIME
      "${first[@]}" >/dev/null &
      pid=$!
      if ! "${second[@]}" >/dev/null; then
        wait "$pid" || true  # not left writing while the outputs are removed
        echo "scale_bench: $label failed (two -j 1 runs at once)" >&2
        exit 1
      fi
      wait "$pid"
      both=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
      [[ -z $best_both ]] || awk -v a="$both" -v b="$best_both" 'BEGIN { exit !(a < b) }' && best_both=$both
      ceilings+=("$(awk -v a="$one" -v b="$both" 'BEGIN { printf "%.2f", 2 * a / b }')")
      printf '    %s: -j 1 %s s, -j 2 %s s, two -j 1 at once %s s (cores before: %s)\n' "$label" "$one" "$two" "$both" \
        "${balances[-1]}"
    done
    for ((pair = 0; pair < pairs; ++pair)); do
      diff -r -q "$runs/0-j1" "$runs/$pair-j2" >/dev/null ||
        { echo "scale_bench: $label gave other bytes at -j 1 and -j 2" >&2; exit 1; }
    done
    for ((pair = 0; pair < pairs && pair < ceiling_pairs; ++pair)); do
      diff -r -q "$runs/0-j1" "$runs/$pair-both-a" >/dev/null && diff -r -q "$runs/0-j1" "$runs/$pair-both-b" >/dev/null ||
        { echo "scale_bench: $label gave other bytes in two -j 1 runs at once" >&2; exit 1; }
    done
    printf '  %-34s -j 2 is %sx -j 1 (best %s s / best %s s; median of %d alternated pairs %sx: %s)\n' "$label" \
      "$(awk -v a="$best_one" -v b="$best_two" 'BEGIN { printf "%.2f", a / b }')" "$best_one" "$best_two" "$pairs" \
      "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" "${ratios[*]}"
    ((ceiling_pairs > 0)) || return 0
    printf '  %-34s ceiling of the host: %sx (2 x best -j 1 / best two at once %s s; median of pairs %sx: %s)\n' "" \
      "$(awk -v a="$best_one" -v b="$best_both" 'BEGIN { printf "%.2f", 2 * a / b }')" "$best_both" \
      "$(printf '%s\n' "${ceilings[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" "${ceilings[*]}"
  }
  ratio "qda-import" "$bin/qda-import" "$work/transcripts" --attributes "$work/sheet.csv" --interviewer Pewawancara \
    -o OUT/corpus -q -j JOBS
  ratio "qda-code, 1,210 terms" "$bin/qda-code" "$out/corpus/corpus.yaml" -c "$work/codebook.yaml" -o OUT/codings.csv -q -j JOBS
  ratio "qda-code, one term" "$bin/qda-code" "$out/corpus/corpus.yaml" -c "$work/one-term.yaml" -o OUT/codings.csv -q -j JOBS

  # This size's runs are removed before the next size, so that the disk holds one size's at a time, and
  # a minute passes before anything more is timed (why: above, at remove_outputs).
  if [[ $megabytes != "$last_size" ]]; then
    rm -rf "$work/runs"
    ((keep)) || rm -rf "$out"
    sync
    sleep 61
  fi
done
