#include "qda/auto_coding_rows.hpp"

#include <charconv>
#include <cstring>

#include "qda/coding.hpp"
#include "qda/csv.hpp"

namespace qda {

namespace {

std::string field_and_comma(std::string_view field) {
  std::string out;
  append_csv_field(out, field);
  out.push_back(',');
  return out;
}

constexpr std::size_t kMaxDigits = 20;  // of a 64-bit count

}  // namespace

char* RowPiece::copy_to(char* at) const {
  if (size_ <= kBlock) {
    std::memcpy(at, bytes_.data(), kBlock);  // a fixed size: two 16-byte moves, no branch on the size
  } else {
    std::memcpy(at, bytes_.data(), size_);
  }
  return at + size_;
}

AutoCodingRows::AutoCodingRows(const Codebook& codebook) : codebook_(codebook) {
  for (const Code& code : codebook.codes) {
    code_fields_.emplace_back(field_and_comma(code.id) + field_and_comma(kAutoCoder));
    auto& rules = rule_fields_.emplace_back();
    for (const Rule& rule : code.rules) rules.emplace_back(field_and_comma(rule.id));
  }
  for (const Cue& cue : codebook.stances.cues) cue_fields_.emplace_back(field_and_comma(cue.pattern.text));
  for (const std::string& stance : codebook.stances.values) stance_fields_.emplace_back(field_and_comma(stance));
}

const RowPiece& AutoCodingRows::stance_field(std::string_view stance, RowPiece& scratch) const {
  // A coding's stance is one of the codebook's values, which the codebook's reader checks.
  const auto& values = codebook_.stances.values;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] == stance) return stance_fields_[k];
  }
  scratch = RowPiece(field_and_comma(stance));
  return scratch;
}

void AutoCodingRows::start_segment(std::string_view source, std::string_view segment) {
  std::string fields;
  append_csv_field(fields, source);
  fields.push_back(',');
  append_csv_field(fields, segment);
  fields.push_back(',');
  segment_fields_ = RowPiece(std::move(fields));
}

void AutoCodingRows::append(std::string& out, const AutoCoding& coding, std::size_t start, std::size_t end) const {
  RowPiece scratch;
  const RowPiece& code = code_fields_[coding.code];
  const RowPiece& stance = stance_field(coding.stance, scratch);
  const RowPiece& rule = rule_fields_[coding.code][static_cast<std::size_t>(coding.rule - codebook_.codes[coding.code].rules.data())];
  const RowPiece& cue = coding.cue == nullptr ? no_cue_ : cue_fields_[static_cast<std::size_t>(coding.cue - codebook_.stances.cues.data())];
  // One resize for the row, with room for the last piece's whole block, then plain copies:
  // appending piece by piece cost more than the bytes.
  const std::size_t row_start = out.size();
  out.resize(row_start + segment_fields_.size() + code.size() + stance.size() + 2 * (kMaxDigits + 1) + rule.size() + cue.size() +
             2 + RowPiece::kBlock);
  char* at = segment_fields_.copy_to(out.data() + row_start);
  at = code.copy_to(at);
  at = stance.copy_to(at);
  at = std::to_chars(at, at + kMaxDigits, start).ptr;
  *at++ = ',';
  at = std::to_chars(at, at + kMaxDigits, end).ptr;
  *at++ = ',';
  at = rule.copy_to(at);
  at = cue.copy_to(at);
  *at++ = '\r';  // after an empty memo
  *at++ = '\n';
  out.resize(static_cast<std::size_t>(at - out.data()));
}

}  // namespace qda
