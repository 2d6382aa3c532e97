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

// Copies `field` to `at` and returns the byte after it.
char* put(char* at, std::string_view field) {
  std::memcpy(at, field.data(), field.size());
  return at + field.size();
}

constexpr std::size_t kMaxDigits = 20;  // of a 64-bit count

}  // namespace

AutoCodingRows::AutoCodingRows(const Codebook& codebook) : codebook_(codebook) {
  for (const Code& code : codebook.codes) {
    code_fields_.push_back(field_and_comma(code.id) + field_and_comma(kAutoCoder));
    auto& rules = rule_fields_.emplace_back();
    for (const Rule& rule : code.rules) rules.push_back(field_and_comma(rule.id));
  }
  for (const Cue& cue : codebook.stances.cues) cue_fields_.push_back(field_and_comma(cue.pattern.text));
  for (const std::string& stance : codebook.stances.values) stance_fields_.push_back(field_and_comma(stance));
}

std::string_view AutoCodingRows::stance_field(const std::string& stance, std::string& scratch) const {
  // A coding's stance is one of the codebook's values, which the codebook's reader checks.
  const auto& values = codebook_.stances.values;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] == stance) return stance_fields_[k];
  }
  scratch = field_and_comma(stance);
  return scratch;
}

void AutoCodingRows::start_segment(std::string_view source, std::string_view segment) {
  segment_fields_.clear();
  append_csv_field(segment_fields_, source);
  segment_fields_.push_back(',');
  append_csv_field(segment_fields_, segment);
  segment_fields_.push_back(',');
}

void AutoCodingRows::append(std::string& out, const AutoCoding& coding, std::size_t start, std::size_t end) const {
  std::string scratch;
  const std::string_view code = code_fields_[coding.code];
  const std::string_view stance = stance_field(coding.stance, scratch);
  const std::string_view rule = rule_fields_[coding.code][static_cast<std::size_t>(coding.rule - codebook_.codes[coding.code].rules.data())];
  const std::string_view cue = coding.cue == nullptr ? std::string_view(",")  // an empty cue
                                                     : cue_fields_[static_cast<std::size_t>(coding.cue - codebook_.stances.cues.data())];
  // One resize for the row, then plain copies: appending piece by piece cost more than the bytes.
  const std::size_t row_start = out.size();
  out.resize(row_start + segment_fields_.size() + code.size() + stance.size() + 2 * (kMaxDigits + 1) + rule.size() + cue.size() + 2);
  char* at = put(out.data() + row_start, segment_fields_);
  at = put(at, code);
  at = put(at, stance);
  at = std::to_chars(at, at + kMaxDigits, start).ptr;
  *at++ = ',';
  at = std::to_chars(at, at + kMaxDigits, end).ptr;
  *at++ = ',';
  at = put(at, rule);
  at = put(at, cue);
  at = put(at, "\r\n");  // after an empty memo
  out.resize(static_cast<std::size_t>(at - out.data()));
}

}  // namespace qda
