#!/usr/bin/env python3
"""Writes the transcripts of this corpus that are not plain UTF-8 text: Word and OpenDocument files
and files in other encodings (committed; re-run only to change them). Standard library only.

Each file follows the layout its tool or its users produce, as described in README.md; the words
are our own.
"""
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text: str, bold: bool = False) -> str:
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    pieces = text.split("\n")
    inner = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return f"<w:r>{properties}{inner}</w:r>"


def para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def cell(*paragraphs: str) -> str:
    return '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>' + "".join(paragraphs or (para(),)) + "</w:tc>"


def row(*cells: str, header: bool = False) -> str:
    properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{properties}" + "".join(cells) + "</w:tr>"


def table(*rows: str) -> str:
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>' + "".join(rows) + "</w:tbl>"


def docx(body: str, parts: dict[str, str] | None = None) -> bytes:
    """A Word document as Word lays one out: content types, relationships, the document part."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         '</Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        archive.writestr("word/document.xml", document)
        for name, xml in (parts or {}).items():
            archive.writestr(name, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{xml}')
    return buffer.getvalue()


def odt(body: str) -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml",
                         '<?xml version="1.0" encoding="UTF-8"?>'
                         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         '</manifest:manifest>')
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def write(name: str, data: bytes) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --- Word: an interview laid out as a two-column table, speaker | text, with a header row ----------
turns = [
    ("Interviewer", ["Thank you for seeing me. How long have you been the ward secretary?"]),
    ("Respondent", ["Six years this August.", "Before that I worked at the district office."]),
    ("Interviewer", ["What does a normal week look like?"]),
    ("Respondent", ["Mondays are for letters and permits. The rest of the week I am out in the villages."]),
    ("", ["(The respondent showed the visit schedule on the wall.)"]),
    ("Ibu Ratna", ["Sorry to interrupt, the car is here."]),
    ("Respondent", ["Give me five minutes. So, where were we?"]),
    ("Interviewer:", ["The villages."]),
]
write("word/speaker-table.docx", docx(
    para(run("Interview with a ward secretary, 12 June 2023", bold=True))
    + table(row(cell(para(run("Speaker", bold=True))), cell(para(run("Transcript", bold=True))), header=True),
            *[row(cell(para(run(who))), cell(*[para(run(text)) for text in said])) for who, said in turns])
    + para(run("End of transcript."))))

# --- Word: time | speaker | text ------------------------------------------------------------------
timed = [("00:00:04", "Moderator", "Welcome, everyone. Let's go around the table."),
         ("00:00:11", "Participant 1", "I'm a teacher at the primary school."),
         ("00:00:17", "Participant 2", "I run the pharmacy near the market."),
         ("00:00:23", "Moderator", "What brought you to the meeting tonight?"),
         ("00:00:29", "Participant 1", "The new school bus route."),
         ("00:01:02", "Participant 3", "Same for me, I'm a parent.")]
write("word/speaker-table-times.docx", docx(
    table(row(cell(para(run("Time"))), cell(para(run("Speaker"))), cell(para(run("Text")))),
          *[row(cell(para(run(time))), cell(para(run(who))), cell(para(run(text)))) for time, who, text in timed])))

# --- Word: labelled paragraphs with a footnote, an endnote and a comment ----------------------------
footnotes = ('<w:footnotes ' + W + '>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> SPBE: the national e-government system and its index.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
endnotes = ('<w:endnotes ' + W + '>'
            '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Transcribed from the second recording.</w:t></w:r></w:p></w:endnote>'
            '</w:endnotes>')
comments = ('<w:comments ' + W + '>'
            '<w:comment w:id="0" w:author="Coder B" w:date="2023-06-20T10:00:00Z"><w:p><w:r><w:t>Check the year with the respondent.</w:t></w:r></w:p></w:comment>'
            '</w:comments>')
write("word/footnotes-comments.docx", docx(
    para(run("Pewawancara: Bagaimana nilai SPBE kabupaten tahun ini?"))
    + para(run("Informan 4: Naik sedikit, dari 2,1 ke 2,4 menurut evaluasi SPBE"),
           '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
           run(". Tapi "), '<w:commentRangeStart w:id="0"/>', run("tahun 2021"), '<w:commentRangeEnd w:id="0"/>',
           '<w:r><w:commentReference w:id="0"/></w:r>', run(" kami belum dinilai."))
    + para(run("Pewawancara: Apa yang paling menghambat?"))
    + para(run("Informan 4: Integrasi data antar-OPD."),
           '<w:r><w:endnoteReference w:id="1"/></w:r>'),
    {"word/footnotes.xml": footnotes, "word/endnotes.xml": endnotes, "word/comments.xml": comments}))

# --- OpenDocument: a speaker table, and a footnote and a comment in labelled paragraphs -------------
def odt_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'


odt_turns = [("Pewawancara", "Sejak kapan Bapak menjabat?"), ("Informan 5", "Sejak awal 2021."),
             ("Pewawancara", "Apa program prioritas tahun ini?"),
             ("Informan 5", "Pelatihan aparatur untuk layanan digital."), ("Staf", "Pak, rapatnya sudah mulai."),
             ("Informan 5", "Baik, sebentar.")]
write("word/speaker-table.odt", odt(
    '<text:p>Transkrip wawancara BKPSDM</text:p>'
    '<table:table table:name="Transkrip"><table:table-column table:number-columns-repeated="2"/>'
    '<table:table-header-rows><table:table-row>' + odt_cell("Pembicara") + odt_cell("Isi") + '</table:table-row></table:table-header-rows>'
    + "".join(f'<table:table-row>{odt_cell(who)}{odt_cell(text)}</table:table-row>' for who, text in odt_turns)
    + '</table:table>'
    '<text:p>Pewawancara: Terima kasih, Pak.<text:note text:id="ftn1" text:note-class="footnote">'
    '<text:note-citation>1</text:note-citation><text:note-body><text:p>Wawancara diakhiri karena rapat.</text:p>'
    '</text:note-body></text:note></text:p>'
    '<text:p><office:annotation><dc:creator>Coder A</dc:creator><dc:date>2023-06-21T09:00:00</dc:date>'
    '<text:p>Minta salinan jadwal pelatihan.</text:p></office:annotation>Informan 5: Sama-sama.</text:p>'))

# --- Teams transcripts downloaded as Word files: the current layout and the older one --------------
teams = [("Sarah Chen", "0:03", "Good morning, can everyone hear me?"),
         ("Oluwaseun Adeyemi", "0:09", "Yes, loud and clear."),
         ("Sarah Chen", "0:12", "Great. The pilot sites first, please."),
         ("Oluwaseun Adeyemi", "0:16", "Two are ready. Marta has the third."),
         ("Marta Nowak", "0:25", "Mine opens on Monday."),
         ("Sarah Chen", "1:02:05", "Then we are on schedule. Thanks, everyone.")]
write("teams/teams-transcript.docx", docx(
    para(run("Pilot rollout sync-20230301_100212-Meeting Recording"))
    + para(run("March 1, 2023, 10:02AM")) + para(run("47m 17s"))
    + "".join(para(run(f"{who}   {time}")) + para(run(text)) for who, time, text in teams)))
legacy = [("0:0:3.120 --> 0:0:7.480", "Sarah Chen", "Good morning, can everyone hear me?"),
          ("0:0:8.20 --> 0:0:9.900", "Oluwaseun Adeyemi", "Yes, loud and clear."),
          ("0:0:10.500 --> 0:0:15.10", "Sarah Chen", "Great. The pilot sites first, please."),
          ("0:0:16.0 --> 0:0:24.900", "Marta Nowak", "Mine opens on Monday."),
          ("0:0:25.300 --> 0:0:29.0", "Sarah Chen", "Then we are on schedule.")]
write("teams/teams-legacy.docx", docx("".join(para(run(t)) + para(run(who)) + para(run(text)) for t, who, text in legacy)))

# --- Encodings: one folder, four encodings ----------------------------------------------------------
spanish = ("Entrevistadora: ¿Cuántos años lleva usted en la cooperativa?\n\n"
           "Señora Muñoz: Casi veinte años. Empecé cuando mi hija tenía tres años y la cosecha de café era pequeña.\n\n"
           "Entrevistadora: ¿Y qué cambió desde entonces?\n\n"
           "Señora Muñoz: Ahora vendemos directamente a la ciudad. Antes dependíamos de los intermediarios, "
           "que pagaban poco y tarde. También aprendimos a llevar las cuentas en el ordenador.\n\n"
           "Entrevistadora: ¿Quién le enseñó?\n\n"
           "Señora Muñoz: Una técnica del ministerio. Venía los jueves, durante dos años, y nunca faltó.\n")
write("encodings/entrevista-latin1.txt", spanish.encode("iso-8859-1"))
english = ("Interviewer: You said the plan was \u201cdead on arrival\u201d \u2014 why?\n\n"
           "Respondent: Because nobody asked the caf\u00e9 owners. They\u2019re the ones who stay open late.\n\n"
           "Interviewer: Did anyone ask them later?\n\n"
           "Respondent: Only after the petition \u2014 about 400 signatures in a week.\n")
write("encodings/interview-windows1252.txt", english.encode("windows-1252"))
write("encodings/wawancara-utf16.txt", b"\xff\xfe" + ("Pewawancara: Apa kabar?\n\nInforman: Baik \u2014 terima kasih.\n\n"
                                                      "Pewawancara: Kita mulai.\n\nInforman: Silakan.\n").encode("utf-16-le"))
write("encodings/wawancara-utf8.txt", ("Pewawancara: Bagaimana kafe di alun-alun?\n\nInforman: Ramai \u2014 terutama malam Minggu.\n\n"
                                       "Pewawancara: Terima kasih.\n\nInforman: Sama-sama.\n").encode("utf-8"))
