#!/usr/bin/env bash
# A report as a reader sees it: report.html passes tidy without errors; report.md renders with
# CommonMark (cmark) into the same headings; headless Chromium prints the HTML to PDF and to a PNG that
# is not blank, and its DOM holds the expected headings, verdict and figures.
# Usage: check_report_renders.sh REPORT_DIR WORK_DIR [SCREENSHOT_COPY]   (exit 77: a tool is missing)
set -euo pipefail
report="$(cd "$1" && pwd)"; work="$2"; copy="${3:-}"
mkdir -p "$work"
for tool in tidy cmark python3; do
  command -v "$tool" >/dev/null || { echo "check_report_renders: $tool is not installed; skipped"; exit 77; }
done

# 1. tidy: warnings are allowed, errors (exit status 2) are not.
status=0
tidy -q -e "$report/report.html" > "$work/tidy.txt" 2>&1 || status=$?
if ((status >= 2)); then echo "tidy found errors in report.html:"; cat "$work/tidy.txt"; exit 1; fi

# 2. The Markdown renders into the same headings as the HTML.
cmark "$report/report.md" > "$work/markdown.html"
headings() {  # HTML file: its h1-h3 texts, tags stripped and entities resolved, one per line
  python3 - "$1" <<'PY'
import html, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for level, body in re.findall(r"<h([123])[^>]*>(.*?)</h\1>", text, re.S):
    print(level, html.unescape(re.sub(r"<[^>]+>", "", body)).strip())
PY
}
headings "$report/report.html" > "$work/html-headings.txt"
headings "$work/markdown.html" > "$work/markdown-headings.txt"
if ! diff "$work/html-headings.txt" "$work/markdown-headings.txt"; then echo "report.md and report.html have different headings"; exit 1; fi

# 3. Chromium: PDF, PNG and the DOM.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium ]]; then echo "check_report_renders: Chromium is not installed; the rendering checks were skipped"; exit 77; fi
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1200,1800)
url="file://$report/report.html"
timeout 120 "$chromium" "${flags[@]}" --print-to-pdf="$work/report.pdf" --no-pdf-header-footer "$url" >/dev/null 2>&1
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/report.png" "$url" >/dev/null 2>&1
timeout 120 "$chromium" "${flags[@]}" --dump-dom "$url" > "$work/dom.html" 2>/dev/null
python3 - "$work/report.pdf" "$work/report.png" "$work/dom.html" <<'PY'
import re, struct, sys, zlib
pdf, png, dom = sys.argv[1:4]
data = open(pdf, "rb").read()
assert data.startswith(b"%PDF") and len(data) > 20000, f"the PDF is missing or nearly empty ({len(data)} bytes)"
pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
assert pages >= 2, f"the PDF has {pages} page(s)"
# The PNG: decode its pixels and require a page that is not one colour.
blob = open(png, "rb").read()
assert blob[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
at, idat, width = 8, b"", 0
while at < len(blob):
    length, kind = struct.unpack(">I4s", blob[at:at + 8])
    if kind == b"IHDR": width = struct.unpack(">I", blob[at + 8:at + 12])[0]
    if kind == b"IDAT": idat += blob[at + 8:at + 8 + length]
    at += 12 + length
raw = zlib.decompress(idat)
dark = sum(1 for b in raw[::7] if b < 128)
assert dark > len(raw[::7]) // 200, f"the screenshot is blank ({dark} dark samples)"
text = open(dom, encoding="utf-8").read()
for expected in ["<h2>Verdict</h2>", "class=\"verdict\"", "<svg", "<figcaption>", "<blockquote", "<h2>Provenance of the inputs</h2>"]:
    assert expected in text, f"the rendered DOM lacks {expected}"
print(f"rendered: PDF of {pages} pages ({len(data)} bytes), a {width}px wide screenshot, {text.count('<blockquote')} quotes in the DOM")
PY
if [[ -n $copy ]]; then cp "$work/report.png" "$copy"; fi
echo "report.html passes tidy; report.md renders into the same $(wc -l < "$work/html-headings.txt") headings"
