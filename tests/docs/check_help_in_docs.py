#!/usr/bin/env python3
"""Fails when a tool's --help names an option its page in docs/ does not.

Usage: check_help_in_docs.py BIN_DIR DOCS_DIR TOOL...   (TOOL: qda-import, qda-code, ...)
Each long option of `TOOL --help` must appear on docs/TOOL.md as `--option`, so the page and the
help cannot drift apart.
"""
import pathlib
import re
import subprocess
import sys

OPTION = re.compile(r"^\s+(?:-\w,)?(--[a-z][a-z0-9-]*)", re.M)


def main():
    bin_dir, docs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    missing = []
    for tool in sys.argv[3:]:
        help_text = subprocess.run([str(bin_dir / tool), "--help"], capture_output=True, text=True, check=True).stdout
        page = (docs / f"{tool}.md").read_text(encoding="utf-8")
        for option in OPTION.findall(help_text):
            if f"`{option}`" not in page and f"`{option} " not in page and f", `{option}`" not in page:
                missing.append(f"{tool}: {option} is in --help but not in docs/{tool}.md")
    for line in missing:
        print(line)
    print(f"check_help_in_docs: {len(sys.argv) - 3} tools, {len(missing)} options missing from their pages")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
