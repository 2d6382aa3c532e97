#!/usr/bin/env python3
"""Makes the seed corpus of each fuzz target from the files the tests and examples already have.

    make_seeds.py SOURCE_DIR TARGET_LIST OUT_DIR

TARGET_LIST is the fuzz-targets.tsv the fuzz build writes (name, executable, max_len). For each target,
OUT_DIR/<name>/ receives one file per seed, named by its SHA-1 so that a second run adds nothing.
Seeds come from the examples, the test fixtures, the golden outputs, the files the CLI tests write
(the `files:` of each case in tests/cli/*.yaml) and the small hand-written seeds and regression inputs
committed under tests/fuzz/seeds/<name>/. A seed longer than the target's max_len is left out, since
libFuzzer would cut it.
"""
import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

# Where the repository keeps files a parser reads; generated reports and scripts are left out.
REPOSITORY_GLOBS = ["examples/**/*", "tests/fixtures/*", "tests/roundtrip/*", "tests/golden/*/*", "tests/golden/*/corpus/*"]
# The line the codebook_rules target splits its input at (targets/codebook_rules.cpp).
RULES_TEXT_SEPARATOR = b"\n# segment text:\n"
KIND = re.compile(rb"^kind: qda/([a-z-]+)", re.MULTILINE)


def repository_files(source: Path):
    seen = set()
    for pattern in REPOSITORY_GLOBS:
        for path in sorted(source.glob(pattern)):
            if path.is_file() and path not in seen:
                seen.add(path)
                yield path.name, path.read_bytes()


def cli_test_files(source: Path):
    """The files each CLI test case writes before it runs (text given inline in the YAML)."""
    for case_file in sorted((source / "tests/cli").glob("*.yaml")):
        for case in yaml.safe_load(case_file.read_text()).get("cases", []):
            for name, content in (case.get("files") or {}).items():
                if isinstance(content, str):
                    yield Path(name).name, content.encode()


def zip_entry(data: bytes, entry: str):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(entry)
    except (zipfile.BadZipFile, KeyError, ValueError, RuntimeError, NotImplementedError, OSError):
        return None  # not a readable archive, or one without the entry: the raw bytes are seed enough


def yaml_kind(data: bytes):
    found = KIND.search(data)
    return found.group(1).decode() if found else None


def csv_header(data: bytes):
    first_line = data.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").rstrip(b"\r")
    return [cell.strip(b'" ') for cell in first_line.split(b",")]


def is_manual_codings(data: bytes):
    header = csv_header(data)
    return b"code" in header and (b"segment" in header or b"source" in header)


def text_samples(files):
    """Paragraphs of the interviews, for the codebook_rules target's fuzzed segment text."""
    samples = []
    for name, data in files:
        if name.endswith((".txt", ".md")) and re.match(r"\d\d-", name):
            samples += [p for p in data.split(b"\n\n") if 40 < len(p) < 1500][:3]
    return samples


def seeds_by_target(files):
    by_target = {}

    def add(target, data):
        if data:
            by_target.setdefault(target, []).append(data)

    codebooks = []
    for name, data in files:
        extension = Path(name).suffix.lower()
        if extension in (".yaml", ".yml"):
            kind = yaml_kind(data)
            if kind in ("codebook", "rubric", "claims", "corpus"):
                add(f"{kind}_yaml", data)
            if kind == "codebook":
                codebooks.append(data)
        elif extension == ".csv":
            add("csv", data)
            add("manual_codings" if is_manual_codings(data) else "ratings", data)
        elif extension in (".txt", ".md"):
            add("transcript", data)
        elif extension in (".vtt", ".srt"):
            add("captions", data)
        elif extension == ".docx":
            add("docx", data)
            add("docx", zip_entry(data, "word/document.xml"))
        elif extension == ".odt":
            add("odt", data)
            add("odt", zip_entry(data, "content.xml"))
    samples = text_samples(files)
    for codebook in codebooks:
        add("codebook_rules", codebook)
        for sample in samples[:6]:
            add("codebook_rules", codebook + RULES_TEXT_SEPARATOR + sample)
    return by_target


def committed_seeds(source: Path, target: str):
    folder = source / "tests/fuzz/seeds" / target
    return [path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()] if folder.is_dir() else []


def main():
    source, target_list, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    files = list(repository_files(source)) + list(cli_test_files(source))
    by_target = seeds_by_target(files)
    for line in target_list.read_text().splitlines():
        target, _, max_len = line.split("\t")
        folder = out / target
        folder.mkdir(parents=True, exist_ok=True)
        written = too_long = 0
        for data in by_target.get(target, []) + committed_seeds(source, target):
            if len(data) > int(max_len):
                too_long += 1
                continue
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
            written += 1
        print(f"{target}: {written} seeds ({too_long} longer than {max_len} bytes left out)")


if __name__ == "__main__":
    main()
