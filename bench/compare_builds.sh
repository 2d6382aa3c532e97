#!/usr/bin/env bash
# Two builds of qda side by side on the benchmark corpus of bench/code_bench.sh: qda-import, then
# qda-code at -j 1 and -j 2, old and new alternated ROUNDS times so that the machine's drift falls on
# both alike; every output of the new build must be byte-identical to the old one's, unless
# --outputs-may-differ (for a change that alters a format or the segmentation on purpose): then
# the files that differ are listed with their row counts. With --stance-model clause the new build
# codes with the benchmark codebook in clause scope (bench/generate_codebook.py), to time the stance
# model a new codebook uses against the old build on the old codebook: codings.csv then differs
# between the builds. Each build's codings must be the same at -j 1 and -j 2 in every case.
# Usage: bench/compare_builds.sh OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--rounds R] [--outputs-may-differ] [--stance-model clause]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: $0 OLD_BIN_DIR NEW_BIN_DIR [--megabytes N] [--rounds R] [--stance-model clause]"
old="${1:?$usage}"
new="${2:?$usage}"
shift 2
megabytes=200 rounds=5 may_differ=0 stance_model=sentence
while (($#)); do
  case "$1" in
    --megabytes) megabytes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --outputs-may-differ) may_differ=1; shift ;;
    --stance-model) stance_model="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "compare_builds: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
work="${TMPDIR:-/tmp}/qda-bench-code-$megabytes"
mkdir -p "$work"
if [[ ! -f "$work/transcripts/.qda-bench-corpus.json" ]]; then
  rm -rf "$work/transcripts"
  python3 "$repo/bench/generate_transcripts.py" --megabytes "$megabytes" -q "$work/transcripts"
fi
python3 "$repo/bench/generate_codebook.py" "$work/codebook.yaml" "$work/terms.json" 2>/dev/null
codebook_new="$work/codebook.yaml"
if [[ $stance_model != sentence ]]; then
  codebook_new="$work/codebook-$stance_model.yaml"
  python3 "$repo/bench/generate_codebook.py" "$codebook_new" "$work/terms-$stance_model.json" --stance-model "$stance_model" 2>/dev/null
fi

seconds() {  # command...: runs it, prints wall seconds
  /usr/bin/time -f "%e" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt"
}
declare -A times
differing=""
for ((round = 0; round < rounds; ++round)); do
  for build in old new; do
    bin=$old codebook="$work/codebook.yaml"
    [[ $build == new ]] && bin=$new codebook=$codebook_new
    rm -rf "$work/corpus-$build"
    times[import-$build]+="$(seconds "$bin/qda-import" "$work/transcripts" --interviewer Pewawancara -o "$work/corpus-$build" -q) "
    for jobs in 1 2; do
      rm -f "$work/codings-$build-$jobs.csv"
      times[code-j$jobs-$build]+="$(seconds "$bin/qda-code" "$work/corpus-$build/corpus.yaml" -c "$codebook" \
                                      -o "$work/codings-$build-$jobs.csv" -q -j "$jobs") "
    done
  done
  for file in corpus.yaml segments.csv; do
    cmp -s "$work/corpus-old/$file" "$work/corpus-new/$file" && continue
    if ((may_differ)); then differing+=" $file"; else echo "compare_builds: $file differs" >&2; exit 1; fi
  done
  for build in old new; do
    cmp -s "$work/codings-$build-1.csv" "$work/codings-$build-2.csv" || { echo "compare_builds: $build codings.csv -j 1 and -j 2 differ" >&2; exit 1; }
  done
  if [[ $stance_model == sentence ]] && ! cmp -s "$work/codings-old-1.csv" "$work/codings-new-1.csv"; then
    if ((may_differ)); then differing+=" codings.csv"; else echo "compare_builds: codings.csv differs" >&2; exit 1; fi
  fi
done
stats() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "best %6.2f  median %6.2f", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if [[ -z $differing ]]; then
  same="outputs identical"
else
  same="outputs differ by design in:$(tr ' ' '\n' <<< "$differing" | sort -u | tr '\n' ' ')"
  for file in corpus-old/segments.csv corpus-new/segments.csv codings-old-1.csv codings-new-1.csv; do
    same+=$'\n'"  $file: $(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))) - 1)' "$work/$file") rows"
  done
fi
[[ $stance_model == sentence ]] || same+="; new build in $stance_model scope, each build's -j 1 and -j 2 outputs identical"
echo "corpus: $(du -sb "$work/transcripts" | cut -f1) bytes of transcripts; $rounds rounds, old and new alternated; $same"
for step in import code-j1 code-j2; do
  printf '%-9s old: %s s   new: %s s\n' "$step" "$(stats <<< "${times[$step-old]}")" "$(stats <<< "${times[$step-new]}")"
done
