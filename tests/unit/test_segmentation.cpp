// Turn, paragraph and sentence segments, and the times and attributes they carry from their blocks.
#include <gtest/gtest.h>

#include "qda/source_format.hpp"
#include "qda/segmentation.hpp"

namespace qda {

namespace {
struct Seen {
  std::size_t turn;
  std::string speaker;
  std::string text;
  Attributes attributes;
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

std::vector<Seen> segments(const Document& document, SegmentUnit unit) {
  std::vector<Seen> seen;
  segment_document(document, unit, "id", [&](const SegmentSpan& span) {
    seen.push_back({span.turn, std::string(span.speaker), document.text.substr(span.begin, span.end - span.begin),
                    span.attributes, span.start_ms, span.end_ms});
  });
  return seen;
}

// A source read as qda-import reads it, with the built-in speaker conventions.
Document read_source(std::string_view bytes, const SourceFormat& format, const std::string& file_name) {
  const ReadOptions options;
  const SpeakerRules speakers;
  return read_document(bytes, format, {file_name, options, speakers});
}

const char* kTranscript =
    "Pewawancara: Bagaimana anggarannya?\n\nInforman 1: Sudah dialokasikan. Tapi belum optimal.\n\n"
    "Untuk tahun depan naik.\n\nPewawancara: Baik.\n\nInforman 1: Ya.\n";
}  // namespace

TEST(Segmentation, TurnsSpanTheirContinuationParagraphs) {
  const Document document = read_source(kTranscript, source_format("txt"), "t");
  const auto turns = segments(document, SegmentUnit::Turn);
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_EQ(turns[1].speaker, "Informan 1");
  EXPECT_EQ(turns[1].text, "Sudah dialokasikan. Tapi belum optimal.\n\nUntuk tahun depan naik.");
  EXPECT_EQ(turns[2].turn, 3u);
}

TEST(Segmentation, ParagraphsInheritTheirTurnsSpeaker) {
  const Document document = read_source(kTranscript, source_format("txt"), "t");
  const auto paragraphs = segments(document, SegmentUnit::Paragraph);
  ASSERT_EQ(paragraphs.size(), 5u);
  EXPECT_EQ(paragraphs[2].speaker, "Informan 1");
  EXPECT_EQ(paragraphs[2].turn, 2u);
  EXPECT_EQ(paragraphs[2].text, "Untuk tahun depan naik.");
}

TEST(Segmentation, SentencesWithinTurns) {
  const Document document = read_source(kTranscript, source_format("txt"), "t");
  const auto sentences = segments(document, SegmentUnit::Sentence);
  ASSERT_EQ(sentences.size(), 6u);
  EXPECT_EQ(sentences[1].text, "Sudah dialokasikan.");
  EXPECT_EQ(sentences[2].text, "Tapi belum optimal.");
  EXPECT_EQ(sentences[3].speaker, "Informan 1");
}

TEST(Segmentation, CaptionTurnsSpanTheirCuesTimes) {
  const Document document = read_source(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Satu.\n\n00:00:02.000 --> 00:00:03.000\n<v B>Dua. Tiga\n\n"
      "00:00:03.000 --> 00:00:05.000\n<v B>masih tiga.\n",
      source_format("vtt"), "t.vtt");
  const auto turns = segments(document, SegmentUnit::Turn);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[1].start_ms, 2000);
  EXPECT_EQ(turns[1].end_ms, 5000);
  EXPECT_TRUE(turns[1].attributes.empty());
  const auto sentences = segments(document, SegmentUnit::Sentence);
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[2].text, "Tiga masih tiga.");  // a sentence across two cues
  EXPECT_EQ(sentences[2].start_ms, 2000);
  EXPECT_EQ(sentences[2].end_ms, 5000);
  EXPECT_EQ(sentences[1].end_ms, 3000);
}

TEST(Segmentation, UnitNamesRoundTrip) {
  EXPECT_EQ(parse_unit("sentence"), SegmentUnit::Sentence);
  EXPECT_FALSE(parse_unit("word"));
  EXPECT_EQ(unit_name(SegmentUnit::Paragraph), "paragraph");
}

}  // namespace qda

namespace qda {

TEST(Segmentation, ALabelAloneOnItsLineStartsTheTurnAtItsText) {
  const Document document = read_source("Ana:\n\nHalo semua.\n\nBudi: Halo.\n\nAna: Ya.\n\nBudi: Ya.\n",
                                          source_format("txt"), "t");
  const auto turns = segments(document, SegmentUnit::Turn);
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_EQ(turns[0].speaker, "Ana");
  EXPECT_EQ(turns[0].text, "Halo semua.");
}

}  // namespace qda
