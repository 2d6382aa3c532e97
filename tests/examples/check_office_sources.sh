#!/usr/bin/env bash
# The same interview imported from its Word or OpenDocument file and from the plain text it was made
# from (the example's office-sources/) gives the same segments and the same normalised text.
# Usage: check_office_sources.sh BIN_DIR EXAMPLE_DIR
set -euo pipefail
bin_dir="$(cd "$1" && pwd)"; example="$(cd "$2" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
checked=0
for text in "$example"/office-sources/*.txt; do
  stem="$(basename "$text" .txt)"
  for office in "$example/interviews/$stem".docx "$example/interviews/$stem".odt; do
    [[ -f $office ]] || continue
    "$bin_dir/qda-import" "$office" --interviewer Pewawancara -o "$work/$stem-office" -q
    "$bin_dir/qda-import" "$text" --interviewer Pewawancara -o "$work/$stem-text" -q
    diff "$work/$stem-office/segments.csv" "$work/$stem-text/segments.csv" >/dev/null ||
      { echo "$(basename "$office") and $(basename "$text") give different segments:"; diff "$work/$stem-office/segments.csv" "$work/$stem-text/segments.csv" | head; exit 1; }
    diff -r "$work/$stem-office/texts" "$work/$stem-text/texts" >/dev/null || { echo "$(basename "$office"): the texts differ"; exit 1; }
    echo "$(basename "$office") = $(basename "$text"): $(($(wc -l < "$work/$stem-text/segments.csv") - 1)) identical segments"
    checked=$((checked + 1))
  done
done
((checked > 0)) || { echo "no office file with a text master in $example"; exit 1; }
