// Cutting a Document into the segments later steps code: speaker turns, paragraphs or sentences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "qda/document.hpp"

namespace qda {

enum class SegmentUnit { Turn, Paragraph, Sentence };

std::string_view unit_name(SegmentUnit unit);
std::optional<SegmentUnit> parse_unit(std::string_view name);

struct SegmentSpan {
  std::size_t turn = 0;      // 1-based number of the turn the segment belongs to
  std::string_view speaker;  // empty before the first labelled turn
  std::size_t begin = 0;     // byte offsets into Document::text
  std::size_t end = 0;
  Attributes attributes;     // the first block's it covers
  // The start of the first block it covers and the end of the last, in milliseconds into the
  // recording. A block with a start and no end ends where the next timed block starts; a block with
  // no times has those of the timed block before it in its turn.
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

// Calls `emit` for each segment in text order.
void segment_document(const Document& document, SegmentUnit unit, const std::string& language,
                      const std::function<void(const SegmentSpan&)>& emit);

}  // namespace qda
