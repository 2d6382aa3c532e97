#!/usr/bin/env python3
"""Write the two caption-format transcripts of the Brebes example from their plain-text masters.

    02-bappeda.txt           ->  ../interviews/02-bappeda.vtt            (WebVTT, <v Name> voice tags)
    06-setda-organisasi.txt  ->  ../interviews/06-setda-organisasi.srt   (SubRip, "Name:" labels)

A master is UTF-8 text: one turn per block, blocks separated by a blank line, each block on one
line and opening with its speaker label ("Pewawancara: ...", "Informan 2: ...").

Cues. A turn is cut into cues at sentence ends (and, for long sentences, at commas or between
words): up to about 22 words per WebVTT cue, up to 84 characters (two lines of about 42) per
SubRip cue. In the .srt only the first cue of a turn carries the "Name:" label; the cues after it
continue the turn.

A job may name sentence openings that follow a longer silence ("pauses"); such a sentence
starts a new cue after that many extra seconds.

Timing. Each cue lasts (words / rate) seconds, where the rate is the speaker's own pace varied a
little from cue to cue and kept within 2.3-2.8 words per second. Cues of one turn are separated by
short pauses (0.15-0.45 s); a change of speaker by a longer one (0.6-2.2 s, longer before an
answer than before a question). A seeded random generator makes the output the same on every run.

Standard library only. Run from anywhere: python3 make_captions.py
"""

import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.path.dirname(HERE), "interviews")

JOBS = [
    {
        "master": "02-bappeda.txt",
        "output": "02-bappeda.vtt",
        "kind": "vtt",
        "note": "Rekaman Zoom, 8 Maret 2023. Transkrip otomatis, disunting oleh peneliti.",
        "start": 2.4,
        "seed": 20230308,
        "rates": {"Pewawancara": 2.70, "Informan 2": 2.50},
    },
    {
        "master": "06-setda-organisasi.txt",
        "output": "06-setda-organisasi.srt",
        "kind": "srt",
        "start": 3.1,
        "seed": 20230317,
        "rates": {"Pewawancara": 2.65, "Informan 6": 2.40},
        # the informant takes a phone call mid-interview: the caller speaks in these gaps
        "pauses": {"Nggih, nanti saya": 4.2, "Nggih, nggih.": 2.6, "Maaf, Mas.": 1.2},
    },
]

INTERVIEWER = "Pewawancara"
MIN_RATE, MAX_RATE = 2.3, 2.8
VTT_MAX_WORDS = 22
SRT_MAX_CHARS = 84
SRT_LINE = 42

LABEL = re.compile(r"^(Pewawancara|Informan \d+): (.+)$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"“A-Z0-9])")


def read_turns(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    turns = []
    for block in re.split(r"\n[ \t]*\n", text):
        block = block.strip()
        if not block:
            continue
        m = LABEL.match(block)
        if not m or "\n" in block:
            sys.exit(f"{path}: each block must be one line opening with a speaker label:\n{block[:80]}")
        turns.append((m.group(1), m.group(2)))
    return turns


def words(s):
    return len(s.split())


def split_long(sentence, fits):
    """Cut a sentence that does not fit into pieces that do: at commas first, then between words."""
    if fits(sentence):
        return [sentence]
    parts = re.split(r"(?<=,)\s+", sentence)
    if len(parts) > 1:
        pieces, cur = [], ""
        for p in parts:
            cand = f"{cur} {p}".strip()
            if cur and not fits(cand):
                pieces.append(cur)
                cur = p
            else:
                cur = cand
        pieces.append(cur)
        out = []
        for p in pieces:
            out.extend(split_words(p, fits))
        return out
    return split_words(sentence, fits)


def split_words(text, fits):
    if fits(text):
        return [text]
    ws = text.split()
    # the fewest pieces of about equal length
    n = 2
    while True:
        size = -(-len(ws) // n)
        pieces = [" ".join(ws[i:i + size]) for i in range(0, len(ws), size)]
        if all(fits(p) for p in pieces):
            return pieces
        n += 1


def cues_of_turn(text, fits, pauses):
    """Cut a turn into cues; return (cue text, extra pause before it) pairs."""
    sentences = SENTENCE_END.split(text)
    units = []  # (text, pause before it or None)
    for s in sentences:
        pause = next((v for k, v in pauses.items() if s.startswith(k)), None)
        for j, piece in enumerate(split_long(s, fits)):
            units.append((piece, pause if j == 0 else None))
    cues, cur, cur_pause = [], "", 0.0
    for u, pause in units:
        cand = f"{cur} {u}".strip()
        if cur and (pause is not None or not fits(cand)):
            cues.append((cur, cur_pause))
            cur, cur_pause = u, pause or 0.0
        else:
            cur = cand
            if not cues and cur == u:
                cur_pause = pause or 0.0
    if cur:
        cues.append((cur, cur_pause))
    return cues


def wrap_two_lines(text):
    """Balanced wrap of a SubRip cue into at most two lines."""
    if len(text) <= SRT_LINE:
        return [text]
    best = None
    for i, ch in enumerate(text):
        if ch == " ":
            a, b = text[:i], text[i + 1:]
            score = max(len(a), len(b))
            if best is None or score < best[0]:
                best = (score, a, b)
    return [best[1], best[2]]


def stamp(t, sep):
    ms = int(round(t * 1000))
    h, rem = divmod(ms, 3600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build(job):
    turns = read_turns(os.path.join(HERE, job["master"]))
    rng = random.Random(job["seed"])
    kind = job["kind"]
    t = job["start"]
    out_cues = []  # (start, end, speaker, text, first_of_turn)
    prev_speaker = None
    for speaker, text in turns:
        if kind == "vtt":
            fits = lambda s: words(s) <= VTT_MAX_WORDS
            pieces = cues_of_turn(text, fits, job.get("pauses", {}))
        else:
            label = f"{speaker}: "
            # the first cue also holds the label; cut with the label's length reserved, then
            # check the first piece
            fits = lambda s: len(s) <= SRT_MAX_CHARS - len(label)
            pieces = cues_of_turn(text, fits, job.get("pauses", {}))
        if prev_speaker is not None:
            if speaker == INTERVIEWER:
                t += rng.uniform(0.6, 1.4)
            else:
                t += rng.uniform(0.9, 2.2)
        base = job["rates"][speaker]
        for i, (piece, extra) in enumerate(pieces):
            if i > 0:
                t += rng.uniform(0.15, 0.45) + extra
            rate = min(MAX_RATE, max(MIN_RATE, base * rng.uniform(0.94, 1.06)))
            dur = max(1.0, words(piece) / rate)
            out_cues.append((t, t + dur, speaker, piece, i == 0))
            t += dur
        prev_speaker = speaker
    lines = []
    if kind == "vtt":
        lines += ["WEBVTT", "", f"NOTE {job['note']}", ""]
        for n, (a, b, speaker, piece, _) in enumerate(out_cues, 1):
            lines += [str(n), f"{stamp(a, '.')} --> {stamp(b, '.')}", f"<v {speaker}>{piece}</v>", ""]
    else:
        for n, (a, b, speaker, piece, first) in enumerate(out_cues, 1):
            text = f"{speaker}: {piece}" if first else piece
            lines += [str(n), f"{stamp(a, ',')} --> {stamp(b, ',')}", *wrap_two_lines(text), ""]
    total_words = sum(words(c[3]) for c in out_cues)
    spoken = sum(c[1] - c[0] for c in out_cues)
    return "\n".join(lines), len(out_cues), total_words, spoken, out_cues[-1][1]


def main():
    for job in JOBS:
        text, n, total_words, spoken, end = build(job)
        path = os.path.join(OUT_DIR, job["output"])
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {os.path.relpath(path)}: {n} cues, {total_words} words, "
              f"{total_words / spoken:.2f} words/s while speaking, ends at {stamp(end, '.')}")


if __name__ == "__main__":
    main()
