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

// Some fields of a row and their commas, quoted as needed, followed by kBlock zero bytes so that
// they can be copied as one block of kBlock bytes whatever their size: a memcpy of a size known only
// at run time branches on it, and rows are short enough for this to show.
class RowPiece {
 public:
  static constexpr std::size_t kBlock = 32;
  RowPiece() : bytes_(kBlock, '\0') {}
  explicit RowPiece(std::string fields) : size_(fields.size()), bytes_(std::move(fields)) { bytes_.append(kBlock, '\0'); }
  std::size_t size() const { return size_; }
  // Copies the piece to `at`, which must have kBlock bytes of room past the piece, and returns the
  // byte after it.
  char* copy_to(char* at) const;

 private:
  std::size_t size_ = 0;
  std::string bytes_;
};

class AutoCodingRows {
 public:
  explicit AutoCodingRows(const Codebook& codebook);

  // Starts the rows of a segment.
  void start_segment(std::string_view source, std::string_view segment);
  // Appends the row of an auto coding of the current segment, with its evidence span in code points.
  void append(std::string& out, const AutoCoding& coding, std::size_t start, std::size_t end) const;

 private:
  // The stance's field and comma; `scratch` holds it if it is not one of the codebook's values.
  const RowPiece& stance_field(std::string_view stance, RowPiece& scratch) const;

  const Codebook& codebook_;
  std::vector<RowPiece> code_fields_;               // [code]: "code,auto,"
  std::vector<std::vector<RowPiece>> rule_fields_;  // [code][rule of the code]: "rule,"
  std::vector<RowPiece> cue_fields_;                // [cue]: "cue,"
  RowPiece no_cue_{","};
  std::vector<RowPiece> stance_fields_;             // [stance value]: "stance,"
  RowPiece segment_fields_;                         // "source,segment," of the current segment
};

}  // namespace qda
