#!/usr/bin/env bash
# Runs an example's pipeline (its run.sh) twice, with one thread and with two, requires the two runs'
# outputs to be identical, and compares them byte for byte with the golden copy under tests/golden/.
# With --update, replaces the golden copy instead (review `git diff tests/golden` before committing).
# Usage: check_example.sh [--update] BIN_DIR EXAMPLE_DIR GOLDEN_DIR
set -euo pipefail
update=0
if [[ "${1:-}" == --update ]]; then update=1; shift; fi
bin_dir="$(cd "$1" && pwd)"; example="$(cd "$2" && pwd)"; golden="$3"

# Outputs go to hidden folders beside out/, at the same depth, so the relative paths they record are
# the ones the demo's outputs record.
one="$example/.check-$$-j1" two="$example/.check-$$-j2"
trap 'rm -rf "$one" "$two"' EXIT
PATH="$bin_dir:$PATH" bash "$example/run.sh" "$one" 1 >/dev/null
PATH="$bin_dir:$PATH" bash "$example/run.sh" "$two" 2 >/dev/null
if ! diff -r "$one" "$two" >/dev/null; then
  echo "example $(basename "$example"): the outputs at -j 1 and -j 2 differ:" >&2
  diff -r "$one" "$two" | head -n 40 >&2
  exit 1
fi

if ((update)); then
  rm -rf "$golden"
  mkdir -p "$golden"
  cp -R "$one"/. "$golden"/
  echo "updated $golden"
  exit 0
fi
if diff -r "$golden" "$one" >/dev/null; then
  echo "example $(basename "$example"): $(find "$golden" -type f | wc -l) outputs identical to the golden copy, at -j 1 and -j 2"
  exit 0
fi
echo "example $(basename "$example"): outputs differ from $golden:" >&2
diff -r "$golden" "$one" | head -n 60 >&2
echo "If the change is intended: scripts/update-golden, then review git diff tests/golden." >&2
exit 1
