// Turns are runs of blocks opened by a labelled block; paragraphs are blocks; sentences are ICU
// sentences within a turn (so a sentence may run across caption cues of one speaker).
#include "qda/segmentation.hpp"

#include <algorithm>

#include "qda/text.hpp"

namespace qda {

std::string_view unit_name(SegmentUnit unit) {
  switch (unit) {
    case SegmentUnit::Turn: return "turn";
    case SegmentUnit::Paragraph: return "paragraph";
    case SegmentUnit::Sentence: return "sentence";
  }
  return "turn";
}

std::optional<SegmentUnit> parse_unit(std::string_view name) {
  for (const SegmentUnit unit : {SegmentUnit::Turn, SegmentUnit::Paragraph, SegmentUnit::Sentence}) {
    if (unit_name(unit) == name) return unit;
  }
  return std::nullopt;
}

namespace {

struct Turn {
  std::size_t first_block;
  std::size_t last_block;
  std::string_view speaker;
};

std::vector<Turn> group_turns(const Document& document) {
  std::vector<Turn> turns;
  for (std::size_t i = 0; i < document.blocks.size(); ++i) {
    const Block& block = document.blocks[i];
    if (turns.empty() || block.starts_turn) {
      turns.push_back({i, i, block.speaker});
    } else {
      turns.back().last_block = i;
    }
  }
  return turns;
}

Attributes merged_attributes(const Document& document, std::size_t first, std::size_t last) {
  Attributes attributes = document.blocks[first].attributes;
  if (first == last) return attributes;
  for (const auto& [key, value] : document.blocks[last].attributes) {
    if (key != "end") continue;
    for (auto& entry : attributes) {
      if (entry.first == "end") entry.second = value;
    }
  }
  return attributes;
}

// The block holding byte `offset` of the turn (the last one starting at or before it).
std::size_t block_at(const Document& document, const Turn& turn, std::size_t offset) {
  std::size_t found = turn.first_block;
  for (std::size_t i = turn.first_block; i <= turn.last_block; ++i) {
    if (document.blocks[i].begin <= offset) found = i;
  }
  return found;
}

}  // namespace

void segment_document(const Document& document, SegmentUnit unit, const std::string& language,
                      const std::function<void(const SegmentSpan&)>& emit) {
  const std::vector<Turn> turns = group_turns(document);
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    std::size_t first_content = turn.first_block;
    while (first_content < turn.last_block && document.blocks[first_content].end == document.blocks[first_content].begin) {
      ++first_content;
    }
    const std::size_t turn_begin = document.blocks[first_content].begin;
    const std::size_t turn_end = document.blocks[turn.last_block].end;
    if (unit == SegmentUnit::Turn) {
      if (turn_end > turn_begin) {
        emit({t + 1, turn.speaker, turn_begin, turn_end, merged_attributes(document, turn.first_block, turn.last_block)});
      }
    } else if (unit == SegmentUnit::Paragraph) {
      for (std::size_t b = turn.first_block; b <= turn.last_block; ++b) {
        const Block& block = document.blocks[b];
        if (block.end > block.begin) emit({t + 1, turn.speaker, block.begin, block.end, block.attributes});
      }
    } else {
      const std::string_view text = std::string_view(document.text).substr(turn_begin, turn_end - turn_begin);
      for (const auto& [begin, end] : sentence_spans(text, language)) {
        const std::size_t first = block_at(document, turn, turn_begin + begin);
        const std::size_t last = block_at(document, turn, turn_begin + end - 1);
        emit({t + 1, turn.speaker, turn_begin + begin, turn_begin + end, merged_attributes(document, first, last)});
      }
    }
  }
}

}  // namespace qda
