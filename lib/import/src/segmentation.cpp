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

// A stretch of a turn: blocks with nothing but white space between them, so that one segment can
// cover them. A turn the source writes in pieces, repeating the label or putting a time between
// them ("[00:00:05] SPEAKER_01: hi", "[00:00:06] SPEAKER_01: no problem"), has a stretch per piece:
// a segment is a span of the stored text and never holds a label.
struct Stretch {
  std::size_t first_block;  // the empty blocks of labels alone on their line before its text included
  std::size_t last_block;
  std::size_t begin;        // byte offsets of its text
  std::size_t end;
};

// The stretches of `turn`, into `stretches` (a vector reused from turn to turn).
void find_stretches(const Document& document, const Turn& turn, std::vector<Stretch>& stretches) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  stretches.clear();
  Stretch current{turn.first_block, turn.first_block, kNone, 0};
  std::size_t after_text = turn.first_block;  // the first block after the stretch's last text
  for (std::size_t b = turn.first_block; b <= turn.last_block; ++b) {
    const Block& block = document.blocks[b];
    if (block.end > block.begin) {
      const std::string_view gap =
          current.begin == kNone ? std::string_view() : std::string_view(document.text).substr(current.end, block.begin - current.end);
      if (!is_blank(gap)) {
        stretches.push_back(current);
        current = {after_text, after_text, kNone, 0};
      }
      if (current.begin == kNone) current.begin = block.begin;
      current.end = block.end;
      after_text = b + 1;
    }
    current.last_block = b;
  }
  if (current.begin != kNone) stretches.push_back(current);
}

// The block holding byte `offset` of the stretch (the last one starting at or before it).
std::size_t block_at(const Document& document, const Stretch& stretch, std::size_t offset) {
  std::size_t found = stretch.first_block;
  for (std::size_t i = stretch.first_block; i <= stretch.last_block; ++i) {
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
  std::vector<Stretch> stretches;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    if (unit == SegmentUnit::Paragraph) {
      for (std::size_t b = turn.first_block; b <= turn.last_block; ++b) {
        const Block& block = document.blocks[b];
        if (block.end > block.begin) emit(span(t, block.begin, block.end, b, b));
      }
      continue;
    }
    find_stretches(document, turn, stretches);
    for (const Stretch& stretch : stretches) {
      if (unit == SegmentUnit::Turn) {
        emit(span(t, stretch.begin, stretch.end, stretch.first_block, stretch.last_block));
        continue;
      }
      const std::string_view text = std::string_view(document.text).substr(stretch.begin, stretch.end - stretch.begin);
      for (const auto& [begin, end] : sentence_spans(text, language)) {
        const std::size_t first = block_at(document, stretch, stretch.begin + begin);
        const std::size_t last = block_at(document, stretch, stretch.begin + end - 1);
        emit(span(t, stretch.begin + begin, stretch.begin + end, first, last));
      }
    }
  }
}

}  // namespace qda
