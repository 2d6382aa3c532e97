// Each format reader on real bytes: what text it stores, which blocks and speakers it finds.
#include <set>
#include <stdexcept>

#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/source_format.hpp"
#include "qda/zip.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
Document read(const std::string& bytes, const SourceFormat& format, ReadOptions options = {}) {
  const std::string file_name = "test";
  const SpeakerRules speakers;
  return read_document(bytes, format, {file_name, options, speakers});
}

std::string block_text(const Document& document, std::size_t i) {
  const Block& block = document.blocks.at(i);
  return document.text.substr(block.begin, block.end - block.begin);
}

Error error_of(const std::string& bytes, const SourceFormat& format, ReadOptions options = {}) {
  try {
    read(bytes, format, options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return invalid_input("none");
}
}  // namespace

TEST(Formats, KnowsExtensionsCaseInsensitively) {
  EXPECT_EQ(format_for_extension("a/B.DOCX"), &source_format("docx"));
  EXPECT_EQ(format_for_extension("x.vtt"), &source_format("vtt"));
  EXPECT_EQ(format_for_extension("x.pdf"), nullptr);
  EXPECT_EQ(source_format("srt").media_type, "application/x-subrip");
  EXPECT_THROW(source_format("pdf"), std::out_of_range);
}

TEST(Formats, EveryExtensionBelongsToOneFormat) {
  std::set<std::string_view> seen;
  for (const auto& format : source_formats()) {
    // A format is read as one source, or (REFI-QDA) as a project of many by qda-import's project reader.
    EXPECT_EQ(format.read == nullptr, format.holds_project) << format.name;
    for (const auto extension : format.extensions) EXPECT_TRUE(seen.insert(extension).second) << extension;
  }
  EXPECT_EQ(known_extensions(), ".txt, .md, .docx, .odt, .vtt, .srt, .csv, .qdpx");
}

TEST(Formats, ContentSignaturesWinOverTheExtension) {
  EXPECT_EQ(recognise_format("zoom.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHalo\n"), &source_format("vtt"));
  EXPECT_EQ(recognise_format("a.txt", "\xEF\xBB\xBFWEBVTT - Kind: captions\n"), &source_format("vtt"));
  EXPECT_EQ(recognise_format("a.txt", "WEBVTTX\n"), &source_format("txt"));
  EXPECT_EQ(recognise_format("cues.txt", "\n1\r\n00:00:03,100 --> 00:00:06,021\r\nHalo\r\n"), &source_format("srt"));
  // Times as the SubRip reader takes them: a '.' before the milliseconds, one-digit fields.
  EXPECT_EQ(recognise_format("cues.txt", "1\n00:00:03.100 --> 00:00:06.021\nHalo\n"), &source_format("srt"));
  EXPECT_EQ(recognise_format("cues.txt", "1\n0:0:3,100 --> 0:0:6,021\nHalo\n"), &source_format("srt"));
  EXPECT_EQ(recognise_format("a.txt", "1\nPewawancara: 00:00:03,100 --> nanti\n"), &source_format("txt"));
  EXPECT_EQ(recognise_format("no-extension", "WEBVTT\n"), &source_format("vtt"));
  // Saved as "Unicode" (UTF-16 with its mark), as Notepad saves: known by the same first lines.
  const auto utf16le = [](std::string_view text) {
    std::string bytes = "\xFF\xFE";
    for (const char c : text) bytes += std::string{c, '\0'};
    return bytes;
  };
  EXPECT_EQ(recognise_format("a.txt", utf16le("1\r\n00:00:01,000 --> 00:00:02,000\r\nAna: Halo.\r\n")), &source_format("srt"));
  EXPECT_EQ(recognise_format("a.txt", utf16le("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v Ana>Halo.\r\n")), &source_format("vtt"));
  EXPECT_EQ(recognise_format("no-extension", utf16le("1\n00:00:01,000 --> 00:00:02,000\nAna: Halo.\n")), &source_format("srt"));
  const Document captions = read(utf16le("1\r\n00:00:01,000 --> 00:00:02,000\r\nAna: Halo.\r\n"), source_format("srt"));
  EXPECT_EQ(captions.text, "Ana: Halo.");
  EXPECT_EQ(recognise_format("notes.pdf", "%PDF-1.7"), nullptr);
  const std::string odt = testing::read_bytes(testing::fixture("interview.odt"));
  EXPECT_EQ(recognise_format("renamed.docx", odt), &source_format("odt"));
  EXPECT_EQ(recognise_format("interview.docx", testing::read_bytes(testing::fixture("interview.docx"))), &source_format("docx"));
}

TEST(PlainText, SplitsTurnsParagraphsAndContinuations) {
  const Document document = read(
      "Judul transkrip\n\nPewawancara: Apa kabar?\nInforman 3: Baik.\nMasih baris yang sama.\n\n"
      "Paragraf lanjutan.\r\n\r\nPewawancara: Terima kasih.\n\nInforman 3: Sama-sama.\n",
      source_format("txt"));
  ASSERT_EQ(document.blocks.size(), 6u);
  EXPECT_EQ(block_text(document, 0), "Judul transkrip");
  EXPECT_FALSE(document.blocks[0].starts_turn);
  EXPECT_EQ(document.blocks[1].speaker, "Pewawancara");
  EXPECT_EQ(block_text(document, 1), "Apa kabar?");
  EXPECT_EQ(document.blocks[2].speaker, "Informan 3");
  EXPECT_EQ(block_text(document, 2), "Baik.\nMasih baris yang sama.");
  EXPECT_FALSE(document.blocks[3].starts_turn);  // continues Informan 3's turn
  EXPECT_EQ(document.blocks[4].speaker, "Pewawancara");
  EXPECT_EQ(document.text.find('\r'), std::string::npos);
}

TEST(PlainText, ALabelUsedOnceIsProseNotASpeaker) {
  // "Catatan" labels one line only, so it is not taken for a speaker.
  const Document document =
      read("Catatan: direkam di kantor.\n\nQ: Siap?\n\nA: Siap.\n\nQ: Mulai.\n\nA: Ya.\n", source_format("txt"));
  EXPECT_TRUE(document.blocks[0].speaker.empty());
  EXPECT_EQ(document.blocks[1].speaker, "Q");
}

TEST(Markdown, ReadsBoldLabels) {
  const Document document = read("# Judul\n\n**Pewawancara:** Halo.\n\n**Informan 4:** Sudah.\n", source_format("md"));
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_EQ(document.blocks[2].speaker, "Informan 4");
  EXPECT_EQ(block_text(document, 2), "Sudah.");
}

TEST(Docx, ReadsParagraphsTablesTabsAndBreaksButNotDeletions) {
  const Document document = read(testing::read_bytes(testing::fixture("interview.docx")), source_format("docx"));
  EXPECT_EQ(document.text,
            "Transkrip uji\n\nPewawancara: Apa kabar, Bu?\n\nInforman: Baik.\tTerima kasih.\n\n"
            "Pewawancara: Di tabel?\n\nInforman: Ya,\nbaris kedua.\n\nPewawancara: Kotak?\n\nIsi kotak teks.\n");
  ASSERT_EQ(document.blocks.size(), 7u);
  EXPECT_EQ(document.blocks[5].speaker, "Pewawancara") << "a run holding only a space is kept";
  EXPECT_EQ(document.blocks[2].speaker, "Informan");
  EXPECT_EQ(block_text(document, 4), "Ya,\nbaris kedua.");
}

TEST(Odt, ReadsSpacesTabsSpansAndKeepsFootnotesWhereTheyAreAnchored) {
  // text:s gives three spaces; white space between spans collapses to one (ODF 6.1.2).
  const Document document = read(testing::read_bytes(testing::fixture("interview.odt")), source_format("odt"));
  EXPECT_EQ(document.text,
            "Transkrip ODT\n\nPewawancara: Satu   dua\ttiga?\n\nInforman: Jawaban saya. [footnote 1: catatan kaki]\n\n"
            "Pewawancara: Terima kasih.\n\nInforman: Sama-sama.\n");
}

TEST(Docx, MatchesNamesByNamespaceNotByPrefix) {
  // Strict Open XML in the default namespace, and the transitional namespace bound to "x:".
  const Document document = read(testing::read_bytes(testing::fixture("other-prefixes.docx")), source_format("docx"));
  EXPECT_EQ(document.text, "Pewawancara: Apa kabar?\n\nInforman: Baik.\tTerima kasih.\n");
}

TEST(Odt, MatchesNamesByNamespaceNotByPrefix) {
  const Document document = read(testing::read_bytes(testing::fixture("other-prefixes.odt")), source_format("odt"));
  EXPECT_EQ(document.text, "Pewawancara: Satu   dua?\n\nInforman: Jawaban. [footnote 1: catatan kaki]\n");
}

TEST(Docx, NotAZipIsAClearError) {
  const Error error = error_of("plain text", source_format("docx"));
  EXPECT_NE(error.message().find("ZIP"), std::string::npos);
}

// A .docx or .odt whose one XML part is `xml`, made here so that its size is the test's to choose.
std::string office_file(const std::string& part, const std::string& xml) {
  ZipWriter zip("test");
  zip.add(part, xml);
  return zip.finish();
}

const std::string kWordOpen = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
const std::string kWordClose = "</w:body></w:document>";

TEST(Docx, ElementsNestedTooDeepAreRefusedNotWalkedUntilTheStackOverflows) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<w:p>";
  for (int i = 0; i < 100000; ++i) nested += "</w:p>";
  const Error error = error_of(office_file("word/document.xml", kWordOpen + nested + kWordClose), source_format("docx"));
  EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
  EXPECT_EQ(error.message(), "word/document.xml, line 1, column 1384: elements nested more than 256 deep; expected a "
                             "document as an office program writes it");
}

TEST(Docx, AnXmlPartWhoseDocumentWouldTakeTooMuchMemoryIsRefused) {
  std::string elements;
  for (int i = 0; i < 100000; ++i) elements += "<a/>";
  ReadOptions options;
  options.zip_limits.max_xml_document_bytes = 1 << 20;  // 400 KB of tiny elements take several MB as a document
  const Error error = error_of(office_file("word/document.xml", kWordOpen + "<w:p>" + elements + "</w:p>" + kWordClose),
                               source_format("docx"), options);
  EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
  EXPECT_NE(error.message().find("parsing it would take more than 1 MiB of memory"), std::string::npos) << error.message();
  options.zip_limits.max_xml_document_bytes = 64 << 20;
  EXPECT_NO_THROW(read(office_file("word/document.xml", kWordOpen + "<w:p><w:r><w:t>A: x</w:t></w:r>" + elements + "</w:p>" + kWordClose),
                       source_format("docx"), options));
}

// Tracked changes count as accepted: text a tracked move took away is not read at its old place too
// (the copy in w:moveTo is), nor is a tracked deletion's text (an anonymising edit) read back.
TEST(Docx, TextATrackedMoveTookAwayIsReadOnlyAtItsNewPlace) {
  const std::string body =
      "<w:p><w:r><w:t>A: Kami mulai.</w:t></w:r></w:p>"
      "<w:p><w:moveTo w:id=\"1\" w:author=\"x\"><w:r><w:t>B: Tahun 2019.</w:t></w:r></w:moveTo></w:p>"
      "<w:p><w:r><w:t>A: Lalu?</w:t></w:r></w:p>"
      "<w:p><w:moveFrom w:id=\"2\" w:author=\"x\"><w:r><w:t>B: Tahun 2019.</w:t></w:r></w:moveFrom>"
      "<w:r><w:t>B: Selesai.</w:t></w:r></w:p>";
  const Document document = read(office_file("word/document.xml", kWordOpen + body + kWordClose), source_format("docx"));
  EXPECT_EQ(document.text, "A: Kami mulai.\n\nB: Tahun 2019.\n\nA: Lalu?\n\nB: Selesai.\n");
}

// The main part is the one the package's relationships name, which need not be word/document.xml.
TEST(Docx, TheMainPartIsTheOneTheRelationshipsName) {
  ZipWriter zip("test");
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"/word/document2.xml\"/></Relationships>");
  zip.add("word/document2.xml", kWordOpen + "<w:p><w:r><w:t>A: Satu.</w:t></w:r></w:p>" + kWordClose);
  EXPECT_EQ(read(zip.finish(), source_format("docx")).text, "A: Satu.\n");
}

TEST(Odt, TextTrackedDeletionsTookOutIsNotRead) {
  const std::string content =
      "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
      "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion><office:change-info/>"
      "<text:p>Rudi Hartono</text:p></text:deletion></text:changed-region></text:tracked-changes>"
      "<text:p>A: Nama saya <text:change text:change-id=\"ct1\"/>, staf.</text:p><text:p>B: Terima kasih.</text:p>"
      "</office:text></office:body></office:document-content>";
  const Document document = read(office_file("content.xml", content), source_format("odt"));
  EXPECT_EQ(document.text, "A: Nama saya , staf.\n\nB: Terima kasih.\n");
}

TEST(Odt, SpacesThatExpandPastTheEntryLimitAreRefused) {
  std::string spaces;
  for (int i = 0; i < 30; ++i) spaces += "<text:s text:c=\"9999\"/>";
  const std::string content =
      "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>A: " + spaces +
      "</text:p></office:text></office:body></office:document-content>";
  ReadOptions options;
  options.zip_limits.max_entry_bytes = 100000;  // the 30 x 9,999 spaces are three times that
  const Error error = error_of(office_file("content.xml", content), source_format("odt"), options);
  EXPECT_EQ(error.message(), "content.xml: its <text:s> elements expand to more spaces than --max-unzipped-bytes allows one "
                             "entry; expected a document as an office program writes it");
  options.zip_limits.max_entry_bytes = 1 << 20;
  EXPECT_EQ(read(office_file("content.xml", content), source_format("odt"), options).text.size(), 3u + 30u * 9999u + 1u);
}

TEST(WebVtt, ReadsVoiceTagsTimesAndJoinsCuesOfATurn) {
  const Document document = read(
      "WEBVTT\n\nNOTE rekaman\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n<v Pewawancara>Apa kabar?</v>\n\n"
      "00:04.500 --> 00:00:06.000\n<v Informan 2>Baik, <i>terima</i> kasih.\n\n"
      "00:00:06.000 --> 00:00:08.250\n<v Informan 2>Kami &amp; tim siap.\n",
      source_format("vtt"));
  EXPECT_EQ(document.text, "Pewawancara: Apa kabar?\n\nInforman 2: Baik, terima kasih. Kami & tim siap.");
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_TRUE(document.blocks[1].starts_turn);
  EXPECT_FALSE(document.blocks[2].starts_turn);
  EXPECT_EQ(document.blocks[1].start_ms, 4500);
  EXPECT_EQ(document.blocks[1].end_ms, 6000);
  EXPECT_TRUE(document.blocks[1].attributes.empty()) << "times are not attributes";
}

TEST(WebVtt, MalformedFilesNameTheLine) {
  EXPECT_EQ(error_of("WEBVTX\n", source_format("vtt")).where().line, 1u);
  const Error timing = error_of("WEBVTT\n\n00:00:01.000 --> soon\nHalo\n", source_format("vtt"));
  EXPECT_EQ(timing.where().line, 3u);
  EXPECT_NE(timing.message().find("timing"), std::string::npos);
}

TEST(SubRip, LabelsStartTurnsAndUnlabelledCuesContinueThem) {
  const Document document = read(
      "1\n00:00:01,000 --> 00:00:03,000\nPewawancara: Siap?\n\n2\n00:00:03,500 --> 00:00:05,000\nInforman 6: Siap,\n"
      "tentu.\n\n3\n00:00:05,000 --> 00:00:07,000\nKami mulai.\n\n4\n00:00:07,000 --> 00:00:08,000\nPewawancara: Baik.\n\n"
      "5\n00:00:08,000 --> 00:00:09,000\nInforman 6: Ya.\n",
      source_format("srt"));
  EXPECT_EQ(document.text, "Pewawancara: Siap?\n\nInforman 6: Siap, tentu. Kami mulai.\n\nPewawancara: Baik.\n\nInforman 6: Ya.");
  EXPECT_FALSE(document.blocks[2].starts_turn);
  EXPECT_EQ(document.blocks[2].start_ms, 5000);
}

TEST(CsvSurvey, OneTurnPerResponseWithTheOtherColumnsAsAttributes) {
  ReadOptions options;
  options.text_columns = {"answer"};
  options.respondent_column = "respondent";
  const Document document =
      read("respondent,answer,agency\nr1,\"Sudah ada, tapi\nbelum optimal.\",Bappeda\nr2,,BPKAD\nr3,Belum.,BKPSDM\n",
           source_format("csv"), options);
  ASSERT_EQ(document.blocks.size(), 2u);  // r2 left the answer empty
  EXPECT_EQ(document.blocks[0].speaker, "r1");
  EXPECT_EQ(block_text(document, 0), "Sudah ada, tapi\nbelum optimal.");
  EXPECT_EQ(document.blocks[1].attributes,
            (Attributes{{"row", "5"}, {"respondent", "r3"}, {"agency", "BKPSDM"}, {"column", "answer"}}));
}

TEST(CsvSurvey, NeedsTextColumnsAndNamesRaggedRows) {
  EXPECT_EQ(error_of("a,b\n1,2\n", source_format("csv")).kind(), ErrorKind::Usage);
  ReadOptions options;
  options.text_columns = {"b"};
  const Error ragged = error_of("a,b\n1,2\n3\n", source_format("csv"), options);
  EXPECT_EQ(ragged.where().line, 3u);
  options.text_columns = {"missing"};
  EXPECT_NE(error_of("a,b\n1,2\n", source_format("csv"), options).message().find("'missing'"), std::string::npos);
  options.text_columns = {"b", "b"};
  EXPECT_EQ(error_of("a,b\n1,2\n", source_format("csv"), options).kind(), ErrorKind::Usage) << "a column named twice";
}

TEST(Formats, EmptyAndBlankFilesAreErrors) {
  EXPECT_NE(error_of("", source_format("txt")).message().find("empty"), std::string::npos);
  EXPECT_NE(error_of("\n \n", source_format("txt")).message().find("no text"), std::string::npos);
}

TEST(Formats, TextEncodingsAreHonoured) {
  const Document utf16 = read(testing::read_bytes(testing::fixture("utf16le.txt")), source_format("txt"));
  EXPECT_NE(utf16.text.find("café"), std::string::npos);
  ReadOptions legacy;
  legacy.encoding = "windows-1252";
  const Document latin = read(testing::read_bytes(testing::fixture("windows1252.txt")), source_format("txt"), legacy);
  EXPECT_NE(latin.text.find("café"), std::string::npos);
  EXPECT_EQ(error_of(testing::read_bytes(testing::fixture("invalid-utf8.txt")), source_format("txt")).where().line, 3u);
}

}  // namespace qda

namespace qda {

TEST(WebVtt, SkipsHeaderLinesAfterTheSignature) {
  const Document document =
      read("WEBVTT\nKind: captions\nLanguage: id\n\n00:00:01.000 --> 00:00:02.000\n<v A>Halo.\n", source_format("vtt"));
  EXPECT_EQ(document.text, "A: Halo.");
}

TEST(CsvSurvey, ColumnsNamedLikeQdasOwnAttributesAreAnError) {
  ReadOptions options;
  options.text_columns = {"answer"};
  EXPECT_NE(error_of("row,answer\n1,Ya.\n", source_format("csv"), options).message().find("clashes"), std::string::npos);
}

TEST(Docx, InvalidUtf8InTheXmlIsAnError) {
  // pugixml passes bytes through unchecked; the reader must not let them into the corpus.
  const Error error = error_of(testing::read_bytes(testing::fixture("invalid-utf8.docx")), source_format("docx"));
  EXPECT_NE(error.message().find("not valid UTF-8"), std::string::npos) << error.what();
}

}  // namespace qda

namespace qda {

TEST(WebVtt, AFirstCueRightAfterTheSignatureIsKept) {
  const Document document = read("WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v A>Satu.\n\n00:00:03.000 --> 00:00:04.000\n<v B>Dua.\n",
                                 source_format("vtt"));
  EXPECT_EQ(document.text, "A: Satu.\n\nB: Dua.");
}

// A timing line ends a cue's text even without the blank line before it (YouTube's captions leave it
// out; WebVTT's parser reads it so), and in SubRip the cue number before it goes with it.
TEST(WebVtt, ATimingLineWithoutABlankLineBeforeItStartsTheNextCue) {
  const Document vtt = read("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Selamat pagi.\n"
                            "00:00:04.000 --> 00:00:06.000 align:start position:0%\n<v Budi>Pagi, Bu.\n",
                            source_format("vtt"));
  EXPECT_EQ(vtt.text, "Ana: Selamat pagi.\n\nBudi: Pagi, Bu.");
  ASSERT_EQ(vtt.blocks.size(), 2u);
  EXPECT_EQ(vtt.blocks[0].end_ms, 3000);
  EXPECT_EQ(vtt.blocks[1].start_ms, 4000);
  const Document srt = read("1\n00:00:01,000 --> 00:00:03,000\nSPEAKER_00: Selamat pagi.\n2\n00:00:04,000 --> 00:00:06,000\n"
                            "SPEAKER_01: Pagi, Bu.\n3\n00:00:06,000 --> 00:00:07,000\nSPEAKER_00: Mulai.\n",
                            source_format("srt"));
  EXPECT_EQ(srt.text, "SPEAKER_00: Selamat pagi.\n\nSPEAKER_01: Pagi, Bu.\n\nSPEAKER_00: Mulai.");
  ASSERT_EQ(srt.blocks.size(), 3u);
  EXPECT_EQ(srt.blocks[1].start_ms, 4000);
  // An arrow in the text is text: only a line that is a timing line starts a cue.
  EXPECT_EQ(read("1\n00:00:01,000 --> 00:00:02,000\nTurn left --> then right\n", source_format("srt")).text,
            "Turn left --> then right");
}

// SubRip's override blocks from ASS ({\an8}, {\i1}) are markup, and numeric character references
// (Teams writes accented names so) are decoded, in the text and in a voice tag's name.
TEST(SubRip, OverrideBlocksAreMarkupAndNumericReferencesAreDecoded) {
  const Document srt = read("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Ana: Selamat pagi.\n\n2\n00:00:02,000 --> 00:00:03,000\n"
                            "{\\i1}Budi:{\\i0} Baik.\n\n3\n00:00:03,000 --> 00:00:04,000\nAna: Ya {sic}.\n",
                            source_format("srt"));
  EXPECT_EQ(srt.text, "Ana: Selamat pagi.\n\nBudi: Baik.\n\nAna: Ya {sic}.");
  const Document vtt = read("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Carlos Far&#237;as>Se est&#225; viendo &#8212; &#x1F600; &#0; &#xD800;\n",
                            source_format("vtt"));
  EXPECT_EQ(vtt.text, "Carlos Farías: Se está viendo — 😀 &#0; &#xD800;");
}

TEST(SubRip, ALiteralLessThanSignIsText) {
  const Document document = read("1\n00:00:01,000 --> 00:00:02,000\nI scored <5 last year and >8 <i>now</i>\n", source_format("srt"));
  EXPECT_EQ(document.text, "I scored <5 last year and >8 now");
}

namespace {
// The captions' text, and the start of each cue that holds text, in milliseconds (-1 for none).
void expect_text_and_cue_starts(const Document& document, const std::string& text, const std::vector<std::int64_t>& starts) {
  EXPECT_EQ(document.text, text);
  std::vector<std::int64_t> found;
  for (const Block& block : document.blocks) found.push_back(block.start_ms.value_or(-1));
  EXPECT_EQ(found, starts);
}
}  // namespace

// A NOTE block starts with "NOTE" and a space, a tab or the line's end; STYLE and REGION are the word
// alone. A cue's identifier may start with the same letters, and its cue is text.
TEST(WebVtt, CueIdentifiersThatStartLikeNoteStyleOrRegionAreCues) {
  const Document document = read("WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION \nid:left\n\nNOTES-2\n00:00:01.000 --> 00:00:02.000\n"
                                 "<v Ana>My notes.\n\nNOTE\ta comment\n\nSTYLEGUIDE-3\n00:00:02.000 --> 00:00:03.000\n<v Budi>The style guide.\n\n"
                                 "NOTE\n\nREGIONAL-4\n00:00:03.000 --> 00:00:04.000\n<v Ana>Thank you.\n",
                                 source_format("vtt"));
  expect_text_and_cue_starts(document, "Ana: My notes.\n\nBudi: The style guide.\n\nAna: Thank you.", {1000, 2000, 3000});
}

// SubRip is read as players (ffmpeg, VLC, pysrt) read it: a '.' before the milliseconds, and hours,
// minutes and seconds of one digit. Milliseconds of two digits stay an error: players read ",50" as
// 50 ms, its writer meant half a second.
TEST(SubRip, APeriodBeforeTheMillisecondsAndOneDigitFieldsAreTimes) {
  const Document document = read("1\n00:00:01.000 --> 00:00:04.000\nHello there.\n\n2\n0:0:5,250 --> 0:01:2.500\nHi.\n",
                                 source_format("srt"));
  expect_text_and_cue_starts(document, "Hello there. Hi.", {1000, 5250});
  EXPECT_EQ(document.blocks[0].end_ms, 4000);
  EXPECT_EQ(document.blocks[1].end_ms, 62500);
  EXPECT_EQ(error_of("1\n0:00:01,00 --> 0:00:02,50\nShort.\n", source_format("srt")).message(),
            "malformed cue timing; expected 'hh:mm:ss,ttt --> hh:mm:ss,ttt'");
}

// Text after a blank line inside a cue is named at its own line, with a timing line in the file's format.
TEST(SubRip, TextAfterABlankLineInsideACueIsNamedAtItsLine) {
  const Error error = error_of("1\n00:00:01,000 --> 00:00:02,000\nFirst line\n\nstray second line\n\n2\n00:00:03,000 --> 00:00:04,000\nNext\n",
                               source_format("srt"));
  EXPECT_EQ(error.where().line, 5u);
  EXPECT_EQ(error.message(), "expected a cue timing line such as '00:00:01,000 --> 00:00:04,000'");
  EXPECT_EQ(error_of("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst line\n\nstray\n", source_format("vtt")).message(),
            "expected a cue timing line such as '00:00:01.000 --> 00:00:04.000'");
}

// A line of white space after the timing line is the cue's first line, empty: YouTube's automatic
// captions begin their first cue so, with its text below.
TEST(WebVtt, WhiteSpaceRightAfterTheTimingLineDoesNotEndTheCue) {
  const Document document =
      read("WEBVTT\n\n00:00:00.080 --> 00:00:02.869 align:start position:0%\n \nHey<00:00:00.400><c> friends</c>\n", source_format("vtt"));
  EXPECT_EQ(document.text, "Hey friends");
  ASSERT_EQ(document.blocks.size(), 1u);
  EXPECT_EQ(document.blocks[0].end_ms, 2869);
}

// YouTube's automatic captions roll: a cue shows the line the cue before ended with above its new
// one, and a cue of 10 ms between them shows that line alone. Each line is text once, at its first cue.
TEST(WebVtt, RollingCaptionsGiveEachLineOnce) {
  const Document document = read(
      "WEBVTT\nKind: captions\nLanguage: en\n\n"
      "00:00:01.000 --> 00:00:02.000 align:start position:0%\n \nso<00:00:01.300><c> we</c><00:00:01.600><c> started</c>\n\n"
      "00:00:02.000 --> 00:00:02.010 align:start position:0%\nso we started\n \n\n"
      "00:00:02.010 --> 00:00:03.000 align:start position:0%\nso we started\nin<00:00:02.300><c> the</c><00:00:02.600><c> village</c>\n\n"
      "00:00:03.000 --> 00:00:03.010 align:start position:0%\nin the village\n \n\n"
      "00:00:03.010 --> 00:00:04.000 align:start position:0%\nin the village\nin the village\n\n"
      "00:00:04.000 --> 00:00:04.010 align:start position:0%\nin the village\n \n\n"
      "00:00:04.010 --> 00:00:05.000 align:start position:0%\nin the village\nand then we left\n\n"
      // A cue that starts with a blank line starts afresh: its words are said again.
      "00:00:05.000 --> 00:00:06.000 align:start position:0%\n \nand then we left\n",
      source_format("vtt"));
  expect_text_and_cue_starts(document, "so we started in the village in the village and then we left and then we left",
                             {1000, 2010, 3010, 4010, 5000});
}

// Captions that do not roll keep every cue, even one that repeats the line before: "Yes." twice is
// two answers, and so is a two-line cue that starts with it, when the file's other cues of two lines
// do not.
TEST(SubRip, RepeatedLinesOfCaptionsThatDoNotRollAreKept) {
  const Document document = read("1\n00:00:01,000 --> 00:00:02,000\nYes.\n\n2\n00:00:02,000 --> 00:00:03,000\nYes.\n\n"
                                 "3\n00:00:03,000 --> 00:00:04,000\nYes.\nI said so.\n\n"
                                 "4\n00:00:04,000 --> 00:00:05,000\nThen we went\nto the market.\n\n"
                                 "5\n00:00:05,000 --> 00:00:06,000\nWe bought rice\nand fish.\n",
                                 source_format("srt"));
  EXPECT_EQ(document.text, "Yes. Yes. Yes. I said so. Then we went to the market. We bought rice and fish.");
  // One two-line cue that starts with the line before, among one-line cues, is speech said again: a
  // single such cue made the whole file roll, and dropped "No." twice.
  const Document denial = read("1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:03,000\nNo.\n\n"
                               "3\n00:00:03,000 --> 00:00:04,000\nNo.\nI never said that.\n",
                               source_format("srt"));
  EXPECT_EQ(denial.text, "No. No. No. I never said that.");
}

}  // namespace qda

namespace qda {

TEST(Formats, TranscriptionServicesAreKnownByTheirFirstLines) {
  EXPECT_EQ(recognise_format("a.txt", "Ana Wijaya  0:02\nThanks for joining.\n\nBudi  0:09\nSure.\n"), &source_format("otter"));
  EXPECT_EQ(recognise_format("a.txt", "\xEF\xBB\xBFSidney  55:21  \r\nThank you.\r\n"), &source_format("otter"));
  EXPECT_EQ(recognise_format("a.txt", "[Larry Thompson] 10:03:12\nGood morning\n"), &source_format("zoom"));
  EXPECT_EQ(recognise_format("a.txt", "Interviewer (00:00):\nCan you tell me?\n"), &source_format("rev"));
  EXPECT_EQ(recognise_format("a.txt", "Chris Wallace: (01:20)\nGood evening.\n"), &source_format("rev"));
  EXPECT_EQ(recognise_format("a.txt", "[SPEAKER_00]: So the first thing\n[SPEAKER_01]: About twelve years.\n"),
            &source_format("diarized"));
  EXPECT_EQ(recognise_format("a.txt", "[00:00:02] SPEAKER_00: Hi\n"), &source_format("diarized"));
  EXPECT_EQ(recognise_format("a.txt", "SPEAKER_1: Hi\n"), &source_format("diarized"));
  // Plain transcripts keep their extension's format.
  EXPECT_EQ(recognise_format("a.txt", "[Pewawancara] Selamat pagi, Pak.\n"), &source_format("txt"));
  EXPECT_EQ(recognise_format("a.md", "# Transkrip\n\n**Pewawancara:** Halo.\n"), &source_format("md"));
  EXPECT_EQ(recognise_format("a.txt", "Rapat dimulai pukul 10:30\nlalu ditutup.\n"), &source_format("txt"));
  EXPECT_EQ(format_for_extension("a.otter"), nullptr) << "the services' formats have no extension of their own";
}

TEST(Formats, EachTextFileIsDecodedAsItsOwnBytesSay) {
  const auto report_of = [](const std::string& bytes, ReadOptions options) {
    const std::string file_name = "test";
    const SpeakerRules speakers;
    ReadReport report;
    read_document(bytes, source_format("txt"), {file_name, options, speakers, &report});
    return report;
  };
  const std::string latin1 = testing::read_bytes(std::filesystem::path(QDA_SOURCE_DIR) / "tests/data/transcripts/encodings/entrevista-latin1.txt");
  const ReadReport detected = report_of(latin1, {});
  EXPECT_EQ(detected.encoding, "ISO-8859-1");
  EXPECT_GE(detected.encoding_confidence, 50);
  ReadOptions fallback;
  fallback.encoding = "windows-1252";
  EXPECT_EQ(report_of("Ana: caf\xC3\xA9\n", fallback).encoding, "UTF-8") << "--encoding is for files that are not UTF-8";
  EXPECT_EQ(report_of(latin1, fallback).encoding, "windows-1252");
  ReadOptions declared;
  declared.declared_encoding = "ISO-8859-15";
  EXPECT_EQ(report_of("Ana: caf\xC3\xA9\n", declared).encoding, "ISO-8859-15") << "the sheet's encoding is used as it says";
  ReadOptions strict;
  strict.min_encoding_confidence = 100;
  const Error refused = error_of(latin1, source_format("txt"), strict);
  EXPECT_NE(refused.message().find("below the 100% --min-encoding-confidence"), std::string::npos) << refused.what();
  EXPECT_NE(refused.message().find("'encoding' column"), std::string::npos) << refused.what();
  EXPECT_EQ(refused.where().line, 1u) << "the first byte that is not UTF-8";
}

TEST(Docx, RowsInContentControlsAreRowsOfTheirTable) {
  const Document document = read(testing::read_bytes(testing::fixture("sdt-table.docx")), source_format("docx"));
  EXPECT_EQ(document.text, "Ana: Apa kabar hari ini?\n\nBudi: Baik, terima kasih banyak.\n\nAna: Kita mulai saja.\n");
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_EQ(document.blocks[1].speaker, "Budi");
}

TEST(Docx, ATableOfUniqueFieldsIsNotASpeakerTable) {
  // "Date | 4 May", "Place | Ward 3": short labels that never recur are a form, read row by row.
  const Document document = read(testing::read_bytes(testing::fixture("form-table.docx")), source_format("docx"));
  EXPECT_EQ(document.text, "Date\n\n4 May 2023, in the afternoon\n\nPlace\n\nThe community hall of Ward 3\n\nLina: Mulai?\n");
  for (const Block& block : document.blocks) EXPECT_TRUE(block.speaker.empty()) << block.speaker;
}

}  // namespace qda
