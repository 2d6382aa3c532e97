#!/usr/bin/env python3
"""Write the two office-format transcripts of the Brebes example from their plain-text masters.

    01-diskominfo.txt  ->  ../interviews/01-diskominfo.docx   (WordprocessingML)
    05-bkpsdm.txt      ->  ../interviews/05-bkpsdm.odt        (OpenDocument Text)

A master is UTF-8 text: one paragraph per block, blocks separated by a blank line, each block on
one line. The first block is the title line (written bold); the others are turns such as
"Pewawancara: ..." or "Informan 1: ...".

Standard library only. The output is deterministic: fixed zip timestamps and permissions, a fixed
order of entries, no random ids. Run from anywhere: python3 make_office_files.py
"""

import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.path.dirname(HERE), "interviews")

# master, output, kind, zip timestamp (the interview date)
JOBS = [
    ("01-diskominfo.txt", "01-diskominfo.docx", "docx", (2023, 3, 6, 16, 0, 0)),
    ("05-bkpsdm.txt", "05-bkpsdm.odt", "odt", (2023, 3, 15, 12, 0, 0)),
]


def read_paragraphs(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    for b in blocks:
        if "\n" in b:
            sys.exit(f"{path}: a block spans several lines; put each paragraph on one line:\n{b[:80]}")
        if "  " in b or "\t" in b:
            sys.exit(f"{path}: doubled space or tab in a paragraph:\n{b[:80]}")
    if len(blocks) < 2:
        sys.exit(f"{path}: expected a title and at least one turn")
    return blocks


def add(z, name, data, date_time, stored=False):
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    z.writestr(info, data.encode("utf-8"))


# ---------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

DOCX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
"""

DOCX_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
"""

DOCX_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
"""

DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Judul"><w:name w:val="Judul Transkrip"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style></w:styles>
"""


def docx_document(paragraphs):
    title, turns = paragraphs[0], paragraphs[1:]
    body = [
        '<w:p><w:pPr><w:pStyle w:val="Judul"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(title)}</w:t></w:r></w:p>'
    ]
    for p in turns:
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>')
    body.append(
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>' + "".join(body) + "</w:body></w:document>\n"
    )


def write_docx(paragraphs, path, date_time):
    with zipfile.ZipFile(path, "w") as z:
        add(z, "[Content_Types].xml", DOCX_CONTENT_TYPES, date_time)
        add(z, "_rels/.rels", DOCX_PACKAGE_RELS, date_time)
        add(z, "word/_rels/document.xml.rels", DOCX_DOCUMENT_RELS, date_time)
        add(z, "word/document.xml", docx_document(paragraphs), date_time)
        add(z, "word/styles.xml", DOCX_STYLES, date_time)


# ---------------------------------------------------------------- ODT

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>
"""

ODT_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ODF_NS} office:version="1.3"><office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.247cm" fo:line-height="115%"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:language="id" fo:country="ID"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/><style:style style:name="Teks" style:display-name="Teks Transkrip" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/><style:style style:name="Judul" style:display-name="Judul Transkrip" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Teks" style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.423cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style></office:styles></office:document-styles>
"""


def odt_content(paragraphs):
    title, turns = paragraphs[0], paragraphs[1:]
    body = [f'<text:p text:style-name="P1">{escape(title)}</text:p>']
    for p in turns:
        body.append(f'<text:p text:style-name="Teks">{escape(p)}</text:p>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ODF_NS} office:version="1.3">'
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Judul"><style:text-properties fo:font-weight="bold"/>'
        "</style:style></office:automatic-styles>"
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body>"
        "</office:document-content>\n"
    )


def write_odt(paragraphs, path, date_time):
    with zipfile.ZipFile(path, "w") as z:
        add(z, "mimetype", ODT_MIMETYPE, date_time, stored=True)  # first and uncompressed
        add(z, "META-INF/manifest.xml", ODT_MANIFEST, date_time)
        add(z, "content.xml", odt_content(paragraphs), date_time)
        add(z, "styles.xml", ODT_STYLES, date_time)


def main():
    for master, output, kind, date_time in JOBS:
        paragraphs = read_paragraphs(os.path.join(HERE, master))
        path = os.path.join(OUT_DIR, output)
        (write_docx if kind == "docx" else write_odt)(paragraphs, path, date_time)
        print(f"wrote {os.path.relpath(path)} ({len(paragraphs)} paragraphs)")


if __name__ == "__main__":
    main()
