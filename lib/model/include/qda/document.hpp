// A source after reading: its normalised text and the blocks (paragraphs, caption cues, survey
// answers) that segmentation groups into turns, paragraphs and sentences.
#pragma once

#include <cstddef>
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
  // Attributes the format gives the block, e.g. a caption cue's "start" and "end" times.
  Attributes attributes;
};

struct Document {
  std::string text;  // UTF-8, LF line ends, NFC: what every offset refers to
  std::vector<Block> blocks;
};

}  // namespace qda
