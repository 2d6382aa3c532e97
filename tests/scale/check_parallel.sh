#!/usr/bin/env bash
# The recipes of docs/scale.md, run: GNU Parallel on this machine; GNU Parallel's SSH form on two
# "nodes" reached through fake-ssh (this machine, in a folder of its own that plays the nodes' home:
# the transfers, --workdir, --return and --cleanup are real, through rsync); and the Slurm array job's
# scripts run task by task with SLURM_ARRAY_TASK_ID set by hand (Slurm's tools need a running
# controller). Each merged result must be the bytes of a single run. Exit 77 (skipped) without GNU
# Parallel or rsync.
# Usage: check_parallel.sh BIN_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
bin="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
mkdir -p "$3"
work="$(cd "$3" && pwd)"
fake_ssh="$(cd "$(dirname "$0")" && pwd)/fake-ssh"
for tool in parallel rsync; do
  command -v $tool > /dev/null || { echo "check_parallel: $tool is not installed (Debian package $tool); skipped"; exit 77; }
done
export PATH="$bin:$PATH"
export PARALLEL_HOME="$work/parallel-home"  # no ~/.parallel of the user's, and no citation notice
mkdir -p "$PARALLEL_HOME" && touch "$PARALLEL_HOME/will-cite"
rm -rf "$work/tree" "$work/nodes"
mkdir -p "$work/tree/examples"
# A copy: the SSH form unpacks each shard's transcripts where it runs. Hidden entries and out/ are left
# out: the example's own test makes and removes .check-* folders there while this runs, and cp -r
# failed when one vanished under it.
rsync -a --exclude '.*' --exclude out "$source_dir/examples/brebes-smart-governance" "$work/tree/examples/"
cd "$work/tree"
example=examples/brebes-smart-governance

mkdir -p single
qda import "$example/interviews" --attributes "$example/sources.csv" --interviewer Pewawancara --output-dir single/corpus -q
qda code single/corpus/corpus.yaml --codebook "$example/codebook.yaml" \
  --manual "$example/coding/coder-a.csv" --manual "$example/coding/coder-b.csv" \
  --manual "$example/coding/consensus.csv" --manual "$example/coding/questions.csv" --output single/codings.csv -q

same() {
  local merged="$1" failed=0
  for file in corpus/corpus.yaml corpus/segments.csv corpus/sources.csv codings.csv; do
    if ! cmp -s "single/$file" "$merged/$file"; then
      echo "check_parallel: $merged/$file differs from the single run's" >&2
      diff "single/$file" "$merged/$file" | head -20 >&2 || true
      failed=1
    fi
  done
  diff -r single/corpus/texts "$merged/corpus/texts" > /dev/null || { echo "check_parallel: $merged/corpus/texts differ" >&2; failed=1; }
  return $failed
}

bash "$example/scale/parallel.sh" local 3
same local
export FAKE_REMOTE_HOME="$work/nodes"
mkdir -p "$FAKE_REMOTE_HOME"
# Without SHELL, as under cron and in CI, where this once failed: parallel.sh must not depend on it.
env -u SHELL bash "$example/scale/parallel.sh" ssh 3 "1/$fake_ssh node1,1/$fake_ssh node2"
same ssh
# --cleanup left nothing on the nodes.
leftover=$(find "$FAKE_REMOTE_HOME" -mindepth 1 | head -3)
[[ -z $leftover ]] || { echo "check_parallel: left on the nodes: $leftover" >&2; exit 1; }

mkdir -p slurm/shards
find "$example/interviews" -type f ! -name '.*' | LC_ALL=C sort > slurm/files.txt
split -n r/3 -d --additional-suffix=.list slurm/files.txt slurm/shards/shard-
for task in 2 0 1; do SLURM_ARRAY_TASK_ID=$task bash "$example/scale/slurm-shards.sbatch" slurm; done
bash "$example/scale/slurm-merge.sbatch" slurm
same slurm
echo "check_parallel: GNU Parallel (3 shards here, 3 over SSH on 2 nodes) and the Slurm array (3 tasks) each gave the single run's bytes"
