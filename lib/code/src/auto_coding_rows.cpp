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

// Copies a piece to `at` and returns the byte after it.
char* copy_piece(const std::string& piece, char* at) {
  std::memcpy(at, piece.data(), piece.size());
  return at + piece.size();
}

}  // namespace

AutoCodingRows::AutoCodingRows(const Codebook& codebook) : codebook_(codebook) {
  for (const Code& code : codebook.codes) {
    code_fields_.emplace_back(field_and_comma(code.id) + field_and_comma(kAutoCoder));
    auto& rules = rule_fields_.emplace_back();
    for (const Rule& rule : code.rules) rules.emplace_back(field_and_comma(rule.id));
  }
  for (const Cue& cue : codebook.stances.cues) cue_fields_.emplace_back(field_and_comma(cue.pattern.text));
  for (const std::string& stance : codebook.stances.values) stance_fields_.emplace_back(field_and_comma(stance));
}

const std::string& AutoCodingRows::stance_field(std::string_view stance, std::string& scratch) const {
  // A coding's stance is one of the codebook's values, which the codebook's reader checks.
  const auto& values = codebook_.stances.values;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] == stance) return stance_fields_[k];
  }
  scratch = field_and_comma(stance);
  return scratch;
}

void AutoCodingRows::start_segment(std::string_view source, std::string_view segment) {
  std::string fields;
  append_csv_field(fields, source);
  fields.push_back(',');
  append_csv_field(fields, segment);
  fields.push_back(',');
  segment_fields_ = std::move(fields);
}

void AutoCodingRows::append(std::string& out, const AutoCoding& coding, std::size_t start, std::size_t end) const {
  std::string scratch, cues;
  const std::string& code = code_fields_[coding.code];
  const std::string& stance = stance_field(coding.stance, scratch);
  const std::string& rule = rule_fields_[coding.code][static_cast<std::size_t>(coding.rule - codebook_.codes[coding.code].rules.data())];
  if (!coding.cues.empty()) cues = field_and_comma(coding.cues);  // several cues: quoted for this row
  const std::string& cue = !coding.cues.empty() ? cues
                           : coding.cue == nullptr ? no_cue_
                                                   : cue_fields_[static_cast<std::size_t>(coding.cue - codebook_.stances.cues.data())];
  // One resize for the row, then plain copies: appending piece by piece cost more than the bytes.
  const std::size_t row_start = out.size();
  out.resize(row_start + segment_fields_.size() + code.size() + stance.size() + 2 * (kMaxDigits + 1) + rule.size() + cue.size() + 2);
  char* at = copy_piece(segment_fields_, out.data() + row_start);
  at = copy_piece(code, at);
  at = copy_piece(stance, at);
  at = std::to_chars(at, at + kMaxDigits, start).ptr;
  *at++ = ',';
  at = std::to_chars(at, at + kMaxDigits, end).ptr;
  *at++ = ',';
  at = copy_piece(rule, at);
  at = copy_piece(cue, at);
  *at++ = '\r';  // after an empty memo
  *at++ = '\n';
  out.resize(static_cast<std::size_t>(at - out.data()));
}

}  // namespace qda
