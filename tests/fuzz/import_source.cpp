// qda-import's reading and segmentation of one source, with the corpus's invariants (import_source.hpp).
#include "import_source.hpp"

#include "fuzz_input.hpp"
#include "qda/segmentation.hpp"
#include "qda/source_format.hpp"
#include "qda/speakers.hpp"
#include "qda/text.hpp"

namespace qda::fuzz {

namespace {

bool starts_code_point(std::string_view text, std::size_t offset) {
  return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// What corpus.yaml and segments.csv promise of a stored text and its blocks: valid UTF-8 with LF line
// ends, and every block a span of it that starts and ends on a code point, in text order.
void check_document(const Document& document) {
  const std::string_view text = document.text;
  require(find_invalid_utf8(text) == std::string_view::npos, "the stored text is not valid UTF-8");
  require(text.find('\r') == std::string_view::npos, "the stored text holds a CR");
  std::size_t previous_end = 0;
  for (const Block& block : document.blocks) {
    require(block.begin <= block.end && block.end <= text.size(), "a block is not a span of the text");
    require(block.begin >= previous_end, "blocks overlap or are out of order");
    require(starts_code_point(text, block.begin) && starts_code_point(text, block.end), "a block splits a code point");
    previous_end = block.end;
  }
}

// SourceImporter converts each segment's offsets with one CodePointCursor, which needs them in
// increasing order; segments.csv needs each to be a non-empty span on code points.
void check_segments(const Document& document, SegmentUnit unit) {
  const std::string_view text = document.text;
  std::size_t previous_end = 0, previous_turn = 0;
  segment_document(document, unit, "und", [&](const SegmentSpan& span) {
    require(span.begin < span.end && span.end <= text.size(), "a segment is not a non-empty span of the text");
    require(span.begin >= previous_end, "segments overlap or are out of order");
    require(span.turn >= previous_turn, "turn numbers go down");
    require(starts_code_point(text, span.begin) && starts_code_point(text, span.end), "a segment splits a code point");
    previous_end = span.end;
    previous_turn = span.turn;
  });
}

}  // namespace

void import_source(std::string_view bytes, const std::string& file_name) {
  static const SpeakerRules speakers;  // the built-in label conventions, as without --speaker-pattern
  static const ReadOptions options;
  run_expecting_only_input_errors([&] {
    const SourceFormat* format = recognise_format(file_name, bytes);
    require(format != nullptr, "the target's file name names no format");
    const Document document = read_document(bytes, *format, {file_name, options, speakers});
    check_document(document);
    for (const SegmentUnit unit : {SegmentUnit::Turn, SegmentUnit::Paragraph, SegmentUnit::Sentence}) {
      check_segments(document, unit);
    }
  });
}

}  // namespace qda::fuzz
