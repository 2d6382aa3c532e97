#!/usr/bin/env bash
# segments.csv read back by another language's CSV reader must give every field back exactly: each
# row's text equals the span [start, end) of the stored text, counted in code points. A timed
# transcript imported with --bom (for Excel) must read back too, its seconds as numbers, and its
# sources.csv must join with its segments.
# Usage: check_roundtrip.sh python|r BIN_DIR HERE   (exit 77: the interpreter is not installed)
set -euo pipefail
reader="$1"; bin_dir="$2"; here="$3"
case "$reader" in
  python) command -v python3 >/dev/null || { echo "python3 not installed: skipped"; exit 77; } ;;
  r) command -v Rscript >/dev/null || { echo "Rscript not installed: skipped"; exit 77; } ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin_dir/qda-import" "$here/awkward.txt" -o "$work/out" --unit paragraph --language id -q
"$bin_dir/qda-import" "$here/timed.txt" -o "$work/timed" --bom -q
case "$reader" in
  python) python3 "$here/read_segments.py" "$work/out" "$work/timed" ;;
  r) Rscript "$here/read_segments.R" "$work/out" "$work/timed" ;;
esac
