// A source after reading: its normalised text and the blocks (paragraphs, caption cues, survey
// answers) that segmentation groups into turns, paragraphs and sentences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qda {

using Attributes = std::vector<std::pair<std::string, std::string>>;

struct Block {
  // Byte offsets into Document::text of the block's content; a speaker label is not part of it.
  std::size_t begin = 0;
  std::size_t end = 0;
  // Set on the block that opens a speaker turn; blocks that continue a turn leave it empty.
  std::string speaker;
  bool starts_turn = false;
  // Attributes the format gives the block, e.g. a survey answer's other columns.
  Attributes attributes;
  // Where the block lies in the recording, in milliseconds from its start, when the format says: a
  // caption cue's times, a transcript's "[00:01:02]" or "Name  0:08".
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

struct Document {
  std::string text;  // UTF-8, LF line ends, NFC: what every offset refers to
  std::vector<Block> blocks;
};

}  // namespace qda
