#!/usr/bin/env python3
"""Generate a synthetic corpus of plain-text interview transcripts for benchmarking qda-import.

Each file looks like a real transcript: a title line, then speaker turns such as
``Pewawancara: ...`` and ``Informan 12: ...`` separated by blank lines. Long answers run over
several paragraphs, and the later paragraphs carry no label, as in hand-typed transcripts. The
words come from fixed Indonesian-like and English-like word lists, with some code-switching and
some non-ASCII characters (é, —, “ ”, ’).

The output is deterministic: the same --seed, sizes and Python 3 version give the same bytes.
Every file is drawn from its own generator seeded by (seed, file number), so a smaller corpus
with the same seed and --file-kb is the first files of a larger one, file for file.

Sizes are decimal: 1 MB = 1,000,000 bytes, 1 KB = 1,000 bytes. The corpus holds at least
--megabytes × --scale MB (it stops after the file that crosses the total).

A hidden manifest, ``.qda-bench-corpus.json``, is written last; a folder without it is an
interrupted run. qda-import skips hidden files, so the manifest is not imported.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

GENERATOR_VERSION = 1
MANIFEST = ".qda-bench-corpus.json"

# Indonesian-like vocabulary (public administration, as in the Brebes smart-governance interviews).
ID_WORDS = """
yang dan di itu ini dengan untuk tidak ada dari dalam akan pada juga sudah saya kami kita
mereka bapak ibu mas mbak jadi karena kalau tapi atau masih belum bisa harus sangat lebih
program kegiatan anggaran daerah pemerintah kabupaten dinas kantor badan bidang seksi bagian
pelayanan masyarakat publik aplikasi sistem data informasi jaringan server perangkat layanan
perencanaan penganggaran pengawasan evaluasi pemantauan reviu audit laporan dokumen regulasi
peraturan bupati kepala sekretaris staf pegawai aparatur sumber daya manusia kompetensi
pelatihan bimbingan teknis sosialisasi koordinasi kolaborasi integrasi interoperabilitas
kebijakan strategi masterplan rencana induk tahun tahunan bulan minggu hari rapat forum
kesiapan komitmen kepemimpinan budaya organisasi tata kelola keamanan privasi keterbukaan
transparansi akuntabilitas partisipasi pengaduan aduan warga desa kecamatan kelurahan
digital elektronik daring online terpadu satu pintu portal dashboard website media sosial
memang sebenarnya biasanya kadang sering jarang selalu pernah baru lama dulu sekarang nanti
misalnya contohnya terutama khususnya umumnya intinya artinya maksudnya istilahnya begitu
kemudian lalu setelah sebelum selama sejak sampai hingga tetapi namun walaupun meskipun
besar kecil baik buruk cepat lambat mudah sulit penting perlu cukup kurang banyak sedikit
membangun mengembangkan menyusun melaksanakan menggunakan memanfaatkan menyediakan
meningkatkan mendorong mendukung mengawal memastikan menemukan menangani mengusulkan
dibangun dikembangkan disusun dilaksanakan digunakan dimanfaatkan disediakan diusulkan
pengembangan pengadaan pemeliharaan penyediaan penerapan pelaksanaan penguatan perbaikan
infrastruktur teknologi inovasi transformasi percepatan indikator dimensi tingkat tahap
""".split()

# English-like vocabulary, for code-switched turns and English transcripts.
EN_WORDS = """
the and of to in that it is was for on with as we they this be at by not are from have had
but or an which there their all would can will about more when one who so what if up out
government district office agency service services public citizen citizens data system
systems network application platform budget planning monitoring evaluation audit report
policy regulation strategy roadmap masterplan readiness commitment leadership culture
governance security privacy transparency accountability participation complaint feedback
training capacity staff skills workload coordination integration interoperability vendor
procurement maintenance infrastructure technology innovation dashboard portal website
actually basically usually sometimes often rarely always already still yet now later
important necessary enough limited many few large small fast slow easy difficult
build develop prepare implement use provide improve support ensure review propose
""".split()

# Loanwords and names that carry non-ASCII letters.
ACCENTED = ["café", "cliché", "élite", "régime", "protégé", "naïve", "résumé", "coördinate",
            "São", "Zürich", "Müller", "Peña", "señor", "façade", "déjà", "entrée"]

FILLERS_ID = ["eh", "ya", "hmm", "nah", "gitu", "kan", "lho", "sih", "dong", "toh"]
FILLERS_EN = ["uh", "um", "well", "you know", "I mean", "right", "so"]
ASIDES = ["[tertawa]", "[jeda]", "[tidak jelas]", "[suara bising]", "(tertawa)", "(jeda sebentar)",
          "[laughs]", "[inaudible]", "[crosstalk]", "..."]
OPD = ["Dinas Komunikasi dan Informatika", "Bappeda", "Inspektorat", "BPKAD", "BKPSDM",
       "Sekretariat Daerah", "Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP", "Dinas Kesehatan",
       "Dinas Pendidikan", "Kecamatan Brebes", "Kecamatan Bumiayu", "Bagian Organisasi",
       "Bagian Hukum", "RSUD", "Disperindag"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]


class Transcript:
    """Builds one transcript of about target_bytes UTF-8 bytes."""

    def __init__(self, rng: random.Random, number: int):
        self.rng = rng
        self.number = number

    def sentence(self, english: bool) -> str:
        rng = self.rng
        words = rng.choices(EN_WORDS if english else ID_WORDS, k=rng.randint(5, 24))
        roll = rng.random()
        if roll < 0.04:
            words[rng.randrange(len(words))] = rng.choice(ACCENTED)
        elif roll < 0.10:
            words[rng.randrange(len(words))] = rng.choice(OPD)
        elif roll < 0.14:
            words.insert(rng.randrange(len(words)), str(rng.randint(2015, 2024)))
        if rng.random() < 0.12 and len(words) > 6:  # a quoted phrase: “...”
            start = rng.randrange(1, len(words) - 3)
            end = start + rng.randint(1, 3)
            words[start] = "“" + words[start]
            words[end] = words[end] + "”"
        if rng.random() < 0.10 and len(words) > 8:  # an aside set off by an em dash
            words.insert(rng.randrange(3, len(words) - 2), "—")
        if rng.random() < 0.25 and len(words) > 6:
            i = rng.randrange(2, len(words) - 2)
            words[i] = words[i] + ","
        if rng.random() < 0.10:
            words.insert(0, rng.choice(FILLERS_EN if english else FILLERS_ID) + ",")
        if english and rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), rng.choice(["don’t", "it’s", "we’re", "that’s"]))
        if rng.random() < 0.03:
            words.insert(rng.randrange(len(words) + 1), rng.choice(ASIDES))
        text = " ".join(words)
        end = "?" if rng.random() < 0.08 else ("..." if rng.random() < 0.03 else ".")
        return text[0].upper() + text[1:] + end

    def paragraph(self, english: bool, low: int, high: int) -> str:
        return " ".join(self.sentence(english) for _ in range(self.rng.randint(low, high)))

    def build(self, target_bytes: int) -> bytes:
        rng = self.rng
        informant = f"Informan {self.number % 97 + 1}"
        second = f"Informan {self.number % 97 + 1}B" if rng.random() < 0.2 else None
        english_share = 0.9 if rng.random() < 0.1 else 0.12  # some transcripts are mostly English
        office = rng.choice(OPD)
        lines = [
            f"Transkrip wawancara {self.number:05d} — {informant}, {office}",
            f"Brebes, {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2021, 2024)}",
            "",
        ]
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        while size < target_bytes:
            english = rng.random() < english_share
            # The interviewer asks briefly.
            turn = f"Pewawancara: {self.paragraph(english, 1, 3)}"
            lines += [turn, ""]
            size += len(turn.encode("utf-8")) + 2
            # The informant (or a second one) answers at length, sometimes in several paragraphs.
            speaker = second if second and rng.random() < 0.3 else informant
            for index in range(1 if rng.random() < 0.7 else rng.randint(2, 4)):
                text = self.paragraph(english, 2, 12)
                answer = f"{speaker}: {text}" if index == 0 else text
                lines += [answer, ""]
                size += len(answer.encode("utf-8")) + 2
        return "\n".join(lines).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("output", help="folder to write the transcripts into (created if missing)")
    parser.add_argument("--megabytes", type=float, default=200.0, help="total corpus size in MB (10^6 bytes)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply --megabytes by this, e.g. 0.1 for a proportionally smaller corpus")
    parser.add_argument("--quick", action="store_true", help="same as --scale 0.1 (a quick run)")
    parser.add_argument("--file-kb", type=float, default=100.0,
                        help="mean transcript size in KB (10^3 bytes); each file varies by ±40%%")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args(argv)

    scale = 0.1 if args.quick else args.scale
    if args.megabytes <= 0 or scale <= 0 or args.file_kb <= 0:
        parser.error("--megabytes, --scale and --file-kb must be positive")
    total_target = int(args.megabytes * scale * 1_000_000)
    file_target = int(args.file_kb * 1000)

    os.makedirs(args.output, exist_ok=True)
    manifest_path = os.path.join(args.output, MANIFEST)
    if os.path.exists(manifest_path):
        os.remove(manifest_path)  # the folder is incomplete until the new manifest is written
    for name in os.listdir(args.output):  # no stale transcripts from an earlier, larger corpus
        if name.startswith("wawancara-") and name.endswith(".txt"):
            os.remove(os.path.join(args.output, name))

    written = 0
    files = 0
    while written < total_target:
        files += 1
        rng = random.Random(f"qda-bench/{GENERATOR_VERSION}/{args.seed}/{files}")
        target = int(file_target * rng.uniform(0.6, 1.4))
        data = Transcript(rng, files).build(target)
        with open(os.path.join(args.output, f"wawancara-{files:05d}.txt"), "wb") as out:
            out.write(data)
        written += len(data)
        if not args.quiet and files % 200 == 0:
            print(f"  {files} files, {written / 1e6:.1f} MB", file=sys.stderr)

    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": args.seed,
        "megabytes": args.megabytes * scale,
        "file_kb": args.file_kb,
        "files": files,
        "bytes": written,
    }
    with open(manifest_path, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2, sort_keys=True)
        out.write("\n")
    if not args.quiet:
        print(f"wrote {files} transcripts, {written} bytes ({written / 1e6:.1f} MB) to {args.output}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
