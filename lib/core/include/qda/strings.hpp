// Small string helpers shared by messages and outputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda {

// A hash that takes a string_view, for unordered containers of strings looked up by views (with
// std::equal_to<>): no string made for each lookup.
struct TransparentStringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

// Strings met again and again (coders, codes, stances, file names), each kept once and named by the
// index of its first appearance: a large sample's hundreds of thousands of codings hold indexes.
class InternedStrings {
 public:
  std::uint32_t index(std::string_view value);
  // The index of a value interned before, without adding it.
  std::optional<std::uint32_t> find(std::string_view value) const;
  const std::string& operator[](std::uint32_t index) const { return values_[index]; }
  std::size_t size() const { return values_.size(); }

 private:
  std::deque<std::string> values_;  // a deque: the index views its strings, which must not move
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

// The items with `separator` between them: join({"a", "b"}) is "a, b".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// A number with six decimals, as qda's outputs write shares and coefficients ("0.944000"); -0 is
// written as 0, so equal values give equal bytes.
std::string decimal(double value);

// `text` safe to print on a terminal or in a log: control characters (a newline that would forge a
// second log line, an escape sequence, NUL), C1 controls and the Unicode bidirectional overrides are
// written as \n, \t, \xNN or \u{NNNN}, and bytes that are not UTF-8 as \xNN; a backslash stays as it is.
std::string printable(std::string_view text);

// The shortest decimal that reads back to the same double ("0.7434210526315789", "1.0", "2.5e-05"),
// always with a '.', so YAML 1.1 readers such as PyYAML type it as a float too; -0 is written "0.0".
// Throws std::invalid_argument for a value that is not finite: outputs never hold NaN or infinity.
std::string shortest_decimal(double value);

// `text` as XML 1.0 can carry it: the characters it forbids even as references (all below U+0020 but
// tab, line feed and carriage return, and the noncharacters U+FFFE and U+FFFF) replaced by U+FFFD.
std::string xml_1_0_text(std::string_view text);

}  // namespace qda
