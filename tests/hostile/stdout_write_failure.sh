#!/bin/bash
# A tool whose standard output cannot be written (a full disk: /dev/full; a closed descriptor) fails
# with exit status 3, as a failed write to a file does, rather than reporting success with its output
# lost. Usage: stdout_write_failure.sh BIN_DIR WORK_DIR
set -u
bin="$1" work="$2"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
printf 'unit,a,b\n1,x,x\n2,x,y\n3,y,y\n4,y,y\n' > ratings.csv
failed=0
expect() {  # expect STATUS DESCRIPTION COMMAND...
  local want="$1" what="$2"; shift 2
  "$@" 2> err.txt
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat err.txt; failed=1
  elif [ "$want" = 3 ] && ! grep -q "standard output: a write failed" err.txt; then
    echo "FAIL: $what: no message naming standard output"; cat err.txt; failed=1
  fi
}
expect 0 "agreement.yaml to standard output, a file" sh -c "'$bin/qda-agree' --ratings ratings.csv > stdout.txt"
grep -q "kind: qda/agreement" stdout.txt || { echo "FAIL: no agreement.yaml on standard output"; failed=1; }
expect 0 "nothing to standard output, which is full" sh -c "'$bin/qda-agree' --ratings ratings.csv -o out.yaml > /dev/full"
expect 3 "agreement.yaml to /dev/full" sh -c "'$bin/qda-agree' --ratings ratings.csv > /dev/full"
expect 3 "agreement.yaml to a closed descriptor" sh -c "'$bin/qda-agree' --ratings ratings.csv >&-"
expect 3 "-o - to /dev/full" sh -c "'$bin/qda-agree' --ratings ratings.csv -o - > /dev/full"
[ "$failed" = 0 ] && echo "stdout write failures: all exit 3"
exit "$failed"
