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

// The times each block stands for: its own, completed with the next timed block's start for a
// block that gives only its start, or those of the timed block before it in its turn.
struct BlockTimes {
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

std::vector<BlockTimes> block_times(const Document& document, const std::vector<Turn>& turns) {
  std::vector<BlockTimes> times(document.blocks.size());
  std::optional<std::int64_t> next_start;
  for (std::size_t i = document.blocks.size(); i-- > 0;) {
    const Block& block = document.blocks[i];
    times[i] = {block.start_ms, block.end_ms};
    if (block.start_ms && !block.end_ms && next_start && *next_start >= *block.start_ms) times[i].end_ms = next_start;
    if (block.start_ms) next_start = block.start_ms;
  }
  for (const Turn& turn : turns) {
    for (std::size_t i = turn.first_block + 1; i <= turn.last_block; ++i) {
      if (!times[i].start_ms && !times[i].end_ms) times[i] = times[i - 1];
    }
  }
  return times;
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
  const std::vector<BlockTimes> times = block_times(document, turns);
  const auto span = [&](std::size_t t, std::size_t begin, std::size_t end, std::size_t first, std::size_t last) {
    // A label alone on its line ("[Ana] 11:02:09", then the text) leaves an empty block that carries
    // the turn's attributes for the blocks after it.
    std::size_t attributes_of = first;
    if (document.blocks[first].attributes.empty() && first > turns[t].first_block &&
        document.blocks[first - 1].begin == document.blocks[first - 1].end) {
      attributes_of = first - 1;
    }
    return SegmentSpan{t + 1, turns[t].speaker, begin, end, document.blocks[attributes_of].attributes,
                       times[first].start_ms, times[last].end_ms};
  };
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    std::size_t first_content = turn.first_block;
    while (first_content < turn.last_block && document.blocks[first_content].end == document.blocks[first_content].begin) {
      ++first_content;
    }
    const std::size_t turn_begin = document.blocks[first_content].begin;
    const std::size_t turn_end = document.blocks[turn.last_block].end;
    if (unit == SegmentUnit::Turn) {
      if (turn_end > turn_begin) emit(span(t, turn_begin, turn_end, turn.first_block, turn.last_block));
    } else if (unit == SegmentUnit::Paragraph) {
      for (std::size_t b = turn.first_block; b <= turn.last_block; ++b) {
        const Block& block = document.blocks[b];
        if (block.end > block.begin) emit(span(t, block.begin, block.end, b, b));
      }
    } else {
      const std::string_view text = std::string_view(document.text).substr(turn_begin, turn_end - turn_begin);
      for (const auto& [begin, end] : sentence_spans(text, language)) {
        const std::size_t first = block_at(document, turn, turn_begin + begin);
        const std::size_t last = block_at(document, turn, turn_begin + end - 1);
        emit(span(t, turn_begin + begin, turn_begin + end, first, last));
      }
    }
  }
}

}  // namespace qda
