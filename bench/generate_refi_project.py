#!/usr/bin/env python3
"""Writes a REFI-QDA project for bench/refi_bench.sh: SOURCES text sources of interview turns, three
users and CODINGS codings spread over the sources, on a tree of 50 codes, as a GUI tool would export it.

Usage: generate_refi_project.py OUT.qdpx [--sources 1000] [--codings 100000] [--seed 1]
"""
import argparse
import io
import random
import uuid
import zipfile

WORDS = ("anggaran sistem layanan data publik aplikasi daerah program pelatihan regulasi kerja sama "
         "informasi pengaduan pegawai audit keamanan transparansi masyarakat digital").split()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--codings", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    guid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()
    users = [(guid(), name) for name in ("Ana", "Budi", "Citra")]
    codes = [(guid(), f"Code {i}") for i in range(50)]
    xml = io.StringIO()
    xml.write('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Bench" origin="generate_refi_project.py">\n<Users>')
    xml.writelines(f'<User guid="{g}" name="{n}"/>' for g, n in users)
    xml.write("</Users>\n<CodeBook><Codes>")
    for parent in range(5):
        xml.write(f'<Code guid="{codes[parent * 10][0]}" name="{codes[parent * 10][1]}" isCodable="true">')
        xml.writelines(f'<Code guid="{g}" name="{n}" isCodable="true"/>' for g, n in codes[parent * 10 + 1:parent * 10 + 10])
        xml.write("</Code>")
    xml.write("</Codes></CodeBook>\n<Sources>\n")
    files = {}
    per_source = args.codings // args.sources
    for s in range(args.sources):
        turns = []
        for t in range(40):
            speaker = "Pewawancara" if t % 2 == 0 else "Informan"
            turns.append(f"{speaker}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))) + ".")
        text = "\n\n".join(turns) + "\n"
        source = guid()
        files[f"sources/{source}.txt"] = text
        xml.write(f'<TextSource guid="{source}" name="Interview {s + 1}" plainTextPath="internal://{source}.txt">\n')
        starts = [i for i, line in enumerate(text.split("\n")) if line]
        offsets = [0]
        for line in text.split("\n"):
            offsets.append(offsets[-1] + len(line) + 1)
        for c in range(per_source + (1 if s < args.codings % args.sources else 0)):
            line = rng.choice(starts)
            start = offsets[line] + rng.randint(0, 5) + 12
            end = min(offsets[line + 1] - 1, start + rng.randint(10, 80))
            if end <= start:
                start, end = offsets[line], offsets[line + 1] - 1
            user, code = rng.choice(users)[0], rng.choice(codes)[0]
            xml.write(f'<PlainTextSelection guid="{guid()}" startPosition="{start}" endPosition="{end}" creatingUser="{user}">'
                      f'<Coding guid="{guid()}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>\n')
        xml.write("</TextSource>\n")
    xml.write("</Sources>\n</Project>\n")
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml.getvalue())
        for name, text in files.items():
            archive.writestr(name, text)


if __name__ == "__main__":
    main()
