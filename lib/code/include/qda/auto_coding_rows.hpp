// The codings.csv rows of auto codings, as append_coding_row() (coding.hpp) writes them, but with the
// fields that many rows share quoted for CSV once: a code's id and the coder, a rule's id, a cue and a
// stance value at the start, a segment's source and id once per segment. Only the two offsets are
// formatted per row. (Checking every field of every row for characters that need quotes
// cost more than the rest of the row.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/rules.hpp"

namespace qda {

class AutoCodingRows {
 public:
  explicit AutoCodingRows(const Codebook& codebook);

  // Starts the rows of a segment.
  void start_segment(std::string_view source, std::string_view segment);
  // Appends the row of an auto coding of the current segment, with its evidence span in code points.
  void append(std::string& out, const AutoCoding& coding, std::size_t start, std::size_t end) const;

 private:
  // The stance's field and comma; `scratch` holds it if it is not one of the codebook's values.
  const std::string& stance_field(std::string_view stance, std::string& scratch) const;

  const Codebook& codebook_;
  std::vector<std::string> code_fields_;               // [code]: "code,auto,"
  std::vector<std::vector<std::string>> rule_fields_;  // [code][rule of the code]: "rule,"
  std::vector<std::string> cue_fields_;                // [cue]: "cue,"
  std::string no_cue_ = ",";
  std::vector<std::string> stance_fields_;             // [stance value]: "stance,"
  std::string segment_fields_;                         // "source,segment," of the current segment
};

}  // namespace qda
