// Small string helpers shared by messages and outputs.
#include "qda/strings.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace qda {

std::uint32_t InternedStrings::index(std::string_view value) {
  if (const auto found = index_.find(value); found != index_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(values_.size());
  values_.emplace_back(value);
  index_.emplace(values_.back(), index);
  return index;
}

std::optional<std::uint32_t> InternedStrings::find(std::string_view value) const {
  if (const auto found = index_.find(value); found != index_.end()) return found->second;
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined.append(separator);
    joined += item;
  }
  return joined;
}

std::string decimal(double value) {
  std::string text = fmt::format("{:.6f}", value);
  if (text == "-0.000000") text = "0.000000";
  return text;
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of `text`, 0 if it is not one.
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || length > text.size()) return 0;
  code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kSmallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point < 0xE000)) return 0;
  return length;
}

bool unsafe_to_print(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, c);
    if (length == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text.front()));
      text.remove_prefix(1);
      continue;
    }
    if (!unsafe_to_print(c)) {
      out.append(text.substr(0, length));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x80) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    } else {
      out += fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(c));
    }
    text.remove_prefix(length);
  }
  return out;
}

std::string shortest_decimal(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("shortest_decimal: the value is not finite");
  if (value == 0) return "0.0";
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, end);
  const std::size_t exponent = text.find('e');
  const std::size_t mantissa_end = exponent == std::string::npos ? text.size() : exponent;
  if (text.find('.') >= mantissa_end) text.insert(mantissa_end, ".0");
  return text;
}

std::string xml_1_0_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\xEF\xBF\xBD";
    } else if (byte == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBF' && (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += "\xEF\xBF\xBD";  // U+FFFE and U+FFFF, which XML 1.0 forbids too
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace qda
