#!/usr/bin/env bash
# NEAR in a sliding window (issue 17): 'anggaran NEAR/1000 "smart city"' over one turn of 1 MB, whose
# operands recur every few words, must code within 600 MB of address space and a minute. Keeping every
# operand pair as a hit needed 2.5 GB here, and NEAR/5 took time quadratic in the operands.
# Usage: near_window.sh BIN_DIR WORK_DIR
set -euo pipefail
bin="$1" work="$2"
rm -rf "$work" && mkdir -p "$work"
python3 - "$work/turn.txt" <<'PY'
import sys
words = "anggaran smart city".split()
body = []
size = 0
while size < 1 << 20:
    body.extend(words)
    size += sum(len(w) + 1 for w in words)
open(sys.argv[1], "w", encoding="utf-8").write("Informan: " + " ".join(body) + "\n\nPewawancara: Terima kasih.\n\nInforman: Sama-sama.\n")
PY
cat > "$work/codebook.yaml" <<'YAML'
kind: qda/codebook
version: 1
codes:
  - id: budget
    name: Budget
    rules:
      - near: 'anggaran NEAR/1000 "smart city"'
        language: id
YAML
"$bin/qda-import" "$work/turn.txt" --interviewer Pewawancara -o "$work/corpus" -q
status=0
(ulimit -v 600000; timeout 60 "$bin/qda-code" "$work/corpus/corpus.yaml" -c "$work/codebook.yaml" -o "$work/codings.csv" -q) || status=$?
if ((status != 0)); then
  echo "near_window: qda-code ended with status $status (over 600 MB or 60 s?)" >&2
  exit 1
fi
grep -q ',budget,auto,' "$work/codings.csv" || { echo "near_window: the turn was not coded" >&2; exit 1; }
echo "near_window: a 1 MB turn coded with NEAR/1000 within 600 MB and 60 s"
