#!/usr/bin/env bash
# Runs an example's pipeline (its run.sh) and compares every output byte for byte with the golden
# copy under tests/golden/. With --update, replaces the golden copy instead (review the diff first).
# Usage: check_example.sh [--update] BIN_DIR EXAMPLE_DIR GOLDEN_DIR
set -euo pipefail
update=0
if [[ "${1:-}" == --update ]]; then update=1; shift; fi
bin_dir="$(cd "$1" && pwd)"; example="$(cd "$2" && pwd)"; golden="$3"

# Outputs go to a hidden folder beside out/, at the same depth, so the relative paths they record
# are the ones the demo's outputs record.
actual="$example/.check-$$"
trap 'rm -rf "$actual"' EXIT
PATH="$bin_dir:$PATH" bash "$example/run.sh" "$actual" >/dev/null

if ((update)); then
  rm -rf "$golden"
  mkdir -p "$golden"
  cp -R "$actual"/. "$golden"/
  echo "updated $golden"
  exit 0
fi
if diff -r "$golden" "$actual" >/dev/null; then
  echo "example $(basename "$example"): $(find "$golden" -type f | wc -l) outputs identical to the golden copy"
  exit 0
fi
echo "example $(basename "$example"): outputs differ from $golden:" >&2
diff -r "$golden" "$actual" | head -n 60 >&2
echo "If the change is intended: scripts/update-golden, then review git diff tests/golden." >&2
exit 1
