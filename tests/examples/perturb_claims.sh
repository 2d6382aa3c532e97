#!/usr/bin/env bash
# Each published claim of the Brebes example can fail: a copy of the example is perturbed the way a
# real mistake would perturb it, the pipeline runs, and qda-check must fail on that claim with a clear
# message (and exit status 1, which stops run.sh). Usage: perturb_claims.sh BIN_DIR EXAMPLE_DIR SCHEMA_DIR
set -euo pipefail
bin_dir="$(cd "$1" && pwd)"; example="$(cd "$2" && pwd)"; schemas="$(cd "$3" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# perturbation NAME CLAIM EXPECTED_TEXT SCRIPT: SCRIPT edits a fresh copy of the example (its folder is
# $copy); the run must stop with CLAIM failing and EXPECTED_TEXT in its line.
perturbation() {
  local name=$1 claim=$2 expected=$3 script=$4
  local copy="$work/$name/example" out="$work/$name/out"
  mkdir -p "$work/$name"
  cp -R "$example" "$copy"
  rm -rf "$copy/out" "$copy"/.check-*
  (cd "$copy" && eval "$script")
  local status=0
  PATH="$bin_dir:$PATH" bash "$copy/run.sh" "$out" 1 > "$work/$name/run.txt" 2>&1 || status=$?
  local line
  line=$(grep -E "^(FAIL|ERROR) $claim:" "$out/claims.txt" || true)
  if ((status == 0)) || [[ -z $line ]] || [[ $line != *"$expected"* ]]; then
    echo "FAIL $name: expected qda-check to fail claim '$claim' with '$expected' (run.sh exit $status)"
    sed 's/^/    /' "$out/claims.txt" 2>/dev/null || tail -n 5 "$work/$name/run.txt"
    failures=$((failures + 1))
    return
  fi
  xmllint --noout --schema "$schemas/junit.xsd" "$out/claims.xml" 2>/dev/null || { echo "FAIL $name: claims.xml breaks the JUnit schema"; failures=$((failures + 1)); return; }
  echo "ok   $name: ${line:0:150}"
}

# One interviewee's commitment passages lost from the consensus (a reconciliation that dropped rows).
perturbation commitment-passages-removed commitment-all-interviewees "expected count 6" \
  "grep -v '^inf-03:[0-9]*,commitment,' coding/consensus.csv > c && mv c coding/consensus.csv"
# 'belum optimal' mistranscribed as 'sudah optimal', and e-governance coded accordingly.
perturbation not-optimal-turned-optimal e-governance-not-optimal 'expected "partial"' \
  "sed -i 's/belum optimal/sudah optimal/g' interviews/03-inspektorat.txt && sed -i 's/,e-governance,partial,/,e-governance,present,/' coding/consensus.csv"
# One source dropped from the folder, the sheet and the codings.
perturbation source-dropped six-interviewees "expected count 6" \
  "rm interviews/06-setda-organisasi.srt && grep -v '^06-' sources.csv > s && mv s sources.csv && for f in coding/*.csv; do grep -v '^inf-06:' \"\$f\" > t && mv t \"\$f\"; done"
# A coder's file swapped for another file of the project.
perturbation coder-file-swapped coders-agree-on-the-published-codes "expected at least 0.667" \
  "cp coding/questions.csv coding/coder-b.csv"
# PPID compliance read as only partial by the coders.
perturbation ppid-read-as-partial e-governance-ppid-standards 'expected "present"' \
  "sed -i 's/,ppid-standards,present,/,ppid-standards,partial,/' coding/consensus.csv"
# Other sectors coded as already served.
perturbation other-sectors-read-as-served e-governance-not-other-sectors 'expected one of "partial", "absent"' \
  "sed -i 's/,other-sectors,[a-z]*,/,other-sectors,present,/' coding/consensus.csv"
# The sources grouped by organisation type instead of triangulated one by one.
perturbation grouped-not-by-source source-triangulation 'expected "source"' \
  "sed -i 's/--coder consensus --each-coder/--coder consensus --by source_type --each-coder/' run.sh"
# Every qualified statement coded as if it were unqualified: the verdict moves off the initial stage.
perturbation qualifications-ignored initial-stage 'expected "initial stage towards Smart City"' \
  "sed -i 's/,partial,/,present,/; s/,absent,/,present,/' coding/consensus.csv"

if ((failures > 0)); then echo "$failures perturbation(s) did not make their claim fail"; exit 1; fi
echo "every perturbation made its claim fail"
