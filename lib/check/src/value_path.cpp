// JSON Pointer with [key=value] tokens, and CSV row selection.
#include "qda/value_path.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qda {

namespace {

// RFC 6901: "~1" is "/", "~0" is "~".
std::string unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::string scalar_text(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "~";
  return value.dump();
}

// A member's value against a token's text: numerically where both are numbers ([weight=1] finds
// weight: 1.000000), else as text.
bool matches(const nlohmann::ordered_json& value, const std::string& text) {
  if (value.is_number()) {
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (!text.empty() && error == std::errc() && end == text.data() + text.size()) return value.get<double>() == number;
  }
  return scalar_text(value) == text;
}

// The tests of a [key=value] or [key=value&key=value] token (unescaped), or nullopt if the token does not
// have that shape; a CheckError if it does but a test is not key=value.
std::optional<std::vector<std::pair<std::string, std::string>>> selector_tests(std::string_view raw) {
  if (raw.size() <= 2 || raw.front() != '[' || raw.back() != ']' || raw.find('=') == std::string_view::npos) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> tests;
  const std::string_view inner = raw.substr(1, raw.size() - 2);
  for (std::size_t from = 0; from <= inner.size();) {
    const std::size_t to = std::min(inner.find('&', from), inner.size());
    const std::string_view test = inner.substr(from, to - from);
    const std::size_t equals = test.find('=');
    if (equals == std::string_view::npos) throw CheckError{fmt::format("'{}' in '{}' is not key=value", test, raw)};
    tests.emplace_back(unescape(test.substr(0, equals)), unescape(test.substr(equals + 1)));
    from = to + 1;
  }
  return tests;
}

}  // namespace

std::vector<PointerToken> pointer_tokens(std::string_view pointer) {
  std::vector<PointerToken> tokens;
  if (pointer.empty() || pointer.front() != '/') return tokens;
  for (std::size_t at = 1;;) {
    const std::size_t end = std::min(pointer.find('/', at), pointer.size());
    const std::string_view raw = pointer.substr(at, end - at);
    PointerToken token{unescape(raw), {}};
    try {
      if (auto tests = selector_tests(raw)) token.selects = *std::move(tests);
    } catch (const CheckError&) {
    }
    tokens.push_back(std::move(token));
    if (end == pointer.size()) return tokens;
    at = end + 1;
  }
}

std::string show(const nlohmann::ordered_json& value) {
  if (value.is_string()) return nlohmann::ordered_json(value.get<std::string>()).dump();
  if (value.is_array()) return fmt::format("a list of {}", value.size());
  if (value.is_object()) return fmt::format("a mapping of {}", value.size());
  if (value.is_null()) return "null";
  // JSON has no infinity or NaN (dump() writes null for them): YAML's spelling, so that `.inf` in a
  // hand-edited output is not shown as null.
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    const double number = value.get<double>();
    return std::isnan(number) ? ".nan" : number < 0 ? "-.inf" : ".inf";
  }
  return value.dump();
}

const nlohmann::ordered_json& resolve_pointer(const nlohmann::ordered_json& document, std::string_view pointer) {
  if (pointer.empty()) return document;
  if (pointer.front() != '/') throw CheckError{fmt::format("path '{}' does not start with '/' (a JSON Pointer)", pointer)};
  const nlohmann::ordered_json* node = &document;
  std::string walked;
  std::size_t at = 1;
  while (true) {
    const std::size_t end = std::min(pointer.find('/', at), pointer.size());
    const std::string token = unescape(pointer.substr(at, end - at));
    const std::string raw(pointer.substr(at, end - at));
    const auto selector = node->is_array() ? selector_tests(raw) : std::nullopt;
    if (selector) {
      // [key=value] or [key=value&key=value]: the first item whose members all match.
      const auto& tests = *selector;
      const auto found = std::find_if(node->begin(), node->end(), [&](const nlohmann::ordered_json& item) {
        return item.is_object() && std::all_of(tests.begin(), tests.end(), [&](const auto& test) {
                 return item.contains(test.first) && matches(item.at(test.first), test.second);
               });
      });
      if (found == node->end()) {
        std::vector<std::string> shown;
        for (const auto& [key, value] : tests) shown.push_back(key + " = " + value);
        throw CheckError{fmt::format("no item of {} has {}", walked.empty() ? "/" : walked, fmt::join(shown, " and "))};
      }
      node = &*found;
    } else if (node->is_array()) {
      std::size_t index = 0;
      const bool digits = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos && (token == "0" || token[0] != '0') &&
                          std::from_chars(token.data(), token.data() + token.size(), index).ec == std::errc();  // not past size_t
      if (!digits || index >= node->size()) {
        throw CheckError{fmt::format("{} is a list of {}: '{}' is not an index in it (or use [key=value])", walked.empty() ? "/" : walked,
                                     node->size(), token)};
      }
      node = &(*node)[index];
    } else if (node->is_object()) {
      if (!node->contains(token)) throw CheckError{fmt::format("{} has no '{}'", walked.empty() ? "/" : walked, token)};
      node = &node->at(token);
    } else {
      throw CheckError{fmt::format("{} is {}, which has no '{}'", walked.empty() ? "/" : walked, show(*node), token)};
    }
    walked += "/" + raw;
    if (end == pointer.size()) return *node;
    at = end + 1;
  }
}

std::vector<const std::vector<std::string>*> select_rows(const CsvTable& table, const std::map<std::string, std::string>& where) {
  std::vector<std::pair<std::size_t, std::string>> tests;
  for (const auto& [column, value] : where) {
    const auto found = std::find(table.header.begin(), table.header.end(), column);
    if (found == table.header.end()) throw CheckError{fmt::format("the table has no column '{}'", column)};
    tests.emplace_back(static_cast<std::size_t>(found - table.header.begin()), value);
  }
  std::vector<const std::vector<std::string>*> selected;
  for (const auto& row : table.rows) {
    if (std::all_of(tests.begin(), tests.end(), [&](const auto& test) { return row[test.first] == test.second; })) selected.push_back(&row);
  }
  return selected;
}

}  // namespace qda
