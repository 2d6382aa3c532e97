// Reads a pattern the way RE2's own parser (re2/parse.cc) does for the Perl-like syntax RE2 uses
// unless posix_syntax is set, and adds up the most bytes each part can match: the longest branch of
// an alternation, a bounded repetition's item times its maximum count. The pattern was accepted by
// RE2, so the reader reports no errors: whatever it does not recognise makes the bound unknown,
// which only costs speed (the pattern is then searched over the whole text). Where it must agree
// with RE2 on where a part ends (a character class, an escape, a `{` that is a literal), it follows
// RE2's rules exactly, since a part misread could hide a `*` from it.
#include "qda/regex_length.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <string_view>

namespace qda {

namespace {

using Length = std::optional<std::size_t>;  // nullopt: unbounded, or not understood

// Past this, a window around a literal would cover any text searched: the bound is treated as
// unknown, which also keeps nested repetitions from overflowing.
constexpr std::size_t kLongestBound = std::size_t{1} << 20;
// UTF-8's longest sequence: what a class, `.` or a code point other than ASCII counts (a code point
// that folds with another case may match one of a different length).
constexpr std::size_t kCodePointBytes = 4;

Length capped(std::size_t bytes) { return bytes <= kLongestBound ? Length(bytes) : std::nullopt; }
Length plus(Length a, Length b) { return a && b ? capped(*a + *b) : std::nullopt; }
Length longer(Length a, Length b) { return a && b ? Length(std::max(*a, *b)) : std::nullopt; }

// The most bytes a literal code point matches. Folding case, RE2 matches an ASCII letter's other
// case, and k and s also match U+212A KELVIN SIGN (3 bytes) and U+017F LONG S (2 bytes): no other
// code point outside ASCII folds with an ASCII one (the unit tests check this against RE2).
std::size_t literal_bytes(char32_t code_point, bool fold_case) {
  if (code_point >= 0x80) return kCodePointBytes;
  if (!fold_case) return 1;
  if (code_point == 'k' || code_point == 'K') return 3;
  if (code_point == 's' || code_point == 'S') return 2;
  return 1;
}

bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The items of a concatenation so far: a repetition operator applies to the last one only.
class Sequence {
 public:
  void push(Length item) {
    if (last_) before_last_ = plus(before_last_, *last_);
    last_ = item;
  }
  bool has_item() const { return last_.has_value(); }
  void repeat_last(std::optional<std::size_t> most) {  // nullopt: no maximum
    *last_ = most && *last_ ? capped(**last_ * *most) : std::nullopt;
  }
  Length total() const { return last_ ? plus(before_last_, *last_) : before_last_; }

 private:
  Length before_last_ = 0;
  std::optional<Length> last_;  // none before the first item
};

class PatternReader {
 public:
  PatternReader(std::string_view pattern, bool fold_case, bool latin1)
      : pattern_(pattern), fold_case_(fold_case), latin1_(latin1) {}

  Length read() {
    const Length length = alternation();
    return understood_ && at_ == pattern_.size() ? length : std::nullopt;
  }

  // With RE2's literal option: every code point is itself.
  Length read_literal() {
    Sequence sequence;
    while (!at_end()) sequence.push(literal_bytes(code_point(), fold_case_));
    return understood_ ? sequence.total() : std::nullopt;
  }

 private:
  bool at_end() const { return at_ >= pattern_.size(); }
  std::size_t left() const { return at_end() ? 0 : pattern_.size() - at_; }
  bool next_is(char c, std::size_t ahead = 0) const { return left() > ahead && pattern_[at_ + ahead] == c; }
  // Stops reading: the bound is unknown.
  void give_up() {
    understood_ = false;
    at_ = pattern_.size();
  }

  Length alternation() {
    Length longest = concatenation();
    while (next_is('|')) {
      ++at_;
      longest = longer(longest, concatenation());
    }
    return longest;
  }

  Length concatenation() {
    Sequence sequence;
    while (!at_end() && !next_is('|') && !next_is(')')) {
      if (const auto repetition = repetition_operator()) {
        // RE2 rejects an operator with nothing before it to repeat.
        if (!sequence.has_item()) give_up();
        if (understood_) sequence.repeat_last(repetition->most);
        continue;
      }
      if (!understood_) break;
      item(sequence);
    }
    return sequence.total();
  }

  struct Repetition {
    std::optional<std::size_t> most;  // nullopt: no maximum
  };

  // *, +, ?, {n}, {n,} or {n,m}, each maybe lazy (a trailing ?, which changes no length); nothing
  // consumed when there is none here. As in RE2, a `{` that does not start one of those forms is a
  // literal; where RE2's reading of the number would differ from this one's (a leading zero, more
  // digits than a valid count has), the reader gives up.
  std::optional<Repetition> repetition_operator() {
    std::optional<Repetition> repetition;
    if (next_is('*') || next_is('+')) {
      repetition = Repetition{std::nullopt};
      ++at_;
    } else if (next_is('?')) {
      repetition = Repetition{1};
      ++at_;
    } else if (next_is('{')) {
      repetition = counted_repetition();
      if (!repetition) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (next_is('?')) ++at_;
    return repetition;
  }

  std::optional<Repetition> counted_repetition() {
    std::size_t end = at_ + 1;  // past '{'
    const auto number = [&]() -> std::optional<std::size_t> {
      std::size_t value = 0, digits = 0;
      while (end < pattern_.size() && is_decimal_digit(pattern_[end])) {
        value = value * 10 + static_cast<std::size_t>(pattern_[end] - '0');
        ++end;
        ++digits;
      }
      if (digits == 0) return std::nullopt;
      // RE2 reads "{01}" and "{1234567890}" as literal text, and rejects counts above 1000.
      if ((digits > 1 && pattern_[end - digits] == '0') || digits > 4) give_up();
      return value;
    };
    const auto least = number();
    if (!least || !understood_) return std::nullopt;
    std::optional<std::size_t> most = least;
    if (end < pattern_.size() && pattern_[end] == ',') {
      ++end;
      if (end < pattern_.size() && pattern_[end] == '}') {
        most = std::nullopt;
      } else {
        most = number();
        if (!most || !understood_) return std::nullopt;
      }
    }
    if (end >= pattern_.size() || pattern_[end] != '}') return std::nullopt;
    at_ = end + 1;
    return Repetition{most};
  }

  void item(Sequence& sequence) {
    switch (pattern_[at_]) {
      case '(':
        group(sequence);
        return;
      case '[':
        char_class();
        sequence.push(kCodePointBytes);
        return;
      case '.':
        ++at_;
        sequence.push(kCodePointBytes);
        return;
      case '^':
      case '$':
        ++at_;
        sequence.push(0);
        return;
      case '\\':
        escape(sequence);
        return;
      default:  // `{` that starts no repetition included
        sequence.push(literal_bytes(code_point(), fold_case_));
    }
  }

  // (...), (?:...), (?P<name>...), (?flags:...), or (?flags), which matches nothing and sets flags
  // for the rest of the enclosing group.
  void group(Sequence& sequence) {
    ++at_;  // '('
    if (next_is('?')) {
      ++at_;
      if (next_is('P') && next_is('<', 1)) {
        const std::size_t name_end = pattern_.find('>', at_);
        if (name_end == std::string_view::npos) return give_up();
        at_ = name_end + 1;
      } else if (!flags()) {
        return;
      }
    }
    const Length inside = alternation();
    if (!next_is(')')) return give_up();
    ++at_;
    sequence.push(inside);
  }

  // The flags of "(?flags)" or "(?flags:", after "(?"; true when a group's body follows. Case
  // folding, once turned on anywhere, is kept on to the pattern's end: RE2 turns it off at the end
  // of the group or on (?-i), but counting folded lengths longer only makes the bound larger.
  bool flags() {
    bool negated = false;
    while (!at_end()) {
      const char flag = pattern_[at_++];
      if (flag == ')') return false;
      if (flag == ':') return true;
      if (flag == '-') {
        negated = true;
      } else if (flag == 'i') {
        fold_case_ = fold_case_ || !negated;
      } else if (flag != 'm' && flag != 's' && flag != 'U') {
        break;
      }
    }
    give_up();
    return false;
  }

  void escape(Sequence& sequence) {
    if (left() < 2) return give_up();
    switch (pattern_[at_ + 1]) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        at_ += 2;
        sequence.push(0);
        return;
      case 'C':  // any one byte
        at_ += 2;
        sequence.push(1);
        return;
      case 'Q':  // \Q...\E: literals, each its own item as in RE2 (so \Qab\E* repeats only b)
        at_ += 2;
        while (!at_end() && !(next_is('\\') && next_is('E', 1))) sequence.push(literal_bytes(code_point(), fold_case_));
        if (!at_end()) at_ += 2;
        return;
      case 'p':
      case 'P':
        unicode_class();
        sequence.push(kCodePointBytes);
        return;
      case 'd':
      case 'D':
      case 's':
      case 'S':
      case 'w':
      case 'W':
        at_ += 2;
        sequence.push(kCodePointBytes);
        return;
      default:
        if (const auto escaped = escaped_code_point()) {
          sequence.push(literal_bytes(*escaped, fold_case_));
        } else {
          give_up();
        }
    }
  }

  // \pL, \p{Greek}, \PL, \P{^Greek}: skipped.
  void unicode_class() {
    at_ += 2;  // '\\', 'p'
    if (at_end()) return give_up();
    if (!next_is('{')) {
      code_point();
      return;
    }
    const std::size_t name_end = pattern_.find('}', at_);
    if (name_end == std::string_view::npos) return give_up();
    at_ = name_end + 1;
  }

  // The code point of an escape RE2's ParseEscape reads: octal (\0, \012, \123), hexadecimal (\x41,
  // \x{212A}), C's \n \r \t \a \f \v, and an escaped ASCII character that is neither letter nor
  // digit (itself). nullopt for anything else, which RE2 rejects.
  std::optional<char32_t> escaped_code_point() {
    ++at_;  // '\\'
    if (at_end()) return std::nullopt;
    const char c = pattern_[at_++];
    if (is_octal_digit(c)) {
      // \1 to \7 alone would be backreferences, which RE2 rejects.
      if (c != '0' && !(left() > 0 && is_octal_digit(pattern_[at_]))) return std::nullopt;
      char32_t value = static_cast<char32_t>(c - '0');
      for (int more = 0; more < 2 && left() > 0 && is_octal_digit(pattern_[at_]); ++more) {
        value = value * 8 + static_cast<char32_t>(pattern_[at_++] - '0');
      }
      return value;
    }
    if (c == 'x') return hexadecimal();
    switch (c) {
      case 'n': return U'\n';
      case 'r': return U'\r';
      case 't': return U'\t';
      case 'a': return U'\a';
      case 'f': return U'\f';
      case 'v': return U'\v';
      default:
        break;
    }
    if (static_cast<unsigned char>(c) < 0x80 && !is_ascii_letter(c) && !is_decimal_digit(c)) return static_cast<char32_t>(c);
    return std::nullopt;
  }

  // After \x: two hexadecimal digits, or any number of them in braces.
  std::optional<char32_t> hexadecimal() {
    if (next_is('{')) {
      ++at_;
      char32_t value = 0;
      std::size_t digits = 0;
      while (left() > 0 && hex_value(pattern_[at_]) >= 0) {
        value = value * 16 + static_cast<char32_t>(hex_value(pattern_[at_++]));
        if (value > 0x10FFFF) return std::nullopt;
        ++digits;
      }
      if (digits == 0 || !next_is('}')) return std::nullopt;
      ++at_;
      return value;
    }
    if (left() < 2 || hex_value(pattern_[at_]) < 0 || hex_value(pattern_[at_ + 1]) < 0) return std::nullopt;
    const auto value = static_cast<char32_t>(hex_value(pattern_[at_]) * 16 + hex_value(pattern_[at_ + 1]));
    at_ += 2;
    return value;
  }

  // [...] or [^...], skipped as RE2's ParseCharClass reads it: `]` right after the opening is a
  // member; inside are [:name:], \p and \P classes, \d and the like, escapes, code points and ranges
  // of two of those (whose second end may be a `[`, which then starts no [:name:]).
  void char_class() {
    ++at_;  // '['
    if (next_is('^')) ++at_;
    bool first = true;
    while (!at_end() && (!next_is(']') || first)) {
      first = false;
      if (left() > 2 && next_is('[') && next_is(':', 1)) {
        const std::size_t name_end = pattern_.find(":]", at_ + 2);
        if (name_end != std::string_view::npos) {
          at_ = name_end + 2;
          continue;
        }
      }
      if (left() > 2 && next_is('\\') && (next_is('p', 1) || next_is('P', 1))) {
        unicode_class();
        continue;
      }
      if (left() >= 2 && next_is('\\') && std::string_view("dDsSwW").find(pattern_[at_ + 1]) != std::string_view::npos) {
        at_ += 2;
        continue;
      }
      class_character();
      if (left() >= 2 && next_is('-') && !next_is(']', 1)) {
        ++at_;
        class_character();
      }
    }
    if (at_end()) return give_up();
    ++at_;  // ']'
  }

  void class_character() {
    if (!next_is('\\')) {
      code_point();
    } else if (!escaped_code_point()) {
      give_up();
    }
  }

  // Reads one code point of the pattern: one byte in Latin-1, a UTF-8 sequence otherwise. Only an
  // ASCII one's value matters here; any other is returned as U+0080.
  char32_t code_point() {
    const auto lead = static_cast<unsigned char>(pattern_[at_]);
    std::size_t length = 1;
    if (!latin1_ && lead >= 0x80) {
      if ((lead & 0xE0) == 0xC0) {
        length = 2;
      } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
      } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
      } else {
        give_up();
        return 0x80;
      }
    }
    if (length > left()) {
      give_up();
      return 0x80;
    }
    at_ += length;
    return lead < 0x80 ? lead : 0x80;
  }

  std::string_view pattern_;
  std::size_t at_ = 0;
  bool fold_case_;
  bool latin1_;
  bool understood_ = true;
};

}  // namespace

std::optional<std::size_t> max_match_length(const re2::RE2& regex) {
  const re2::RE2::Options& options = regex.options();
  // POSIX syntax reads several things differently (no \pL or (?i), \b only with an option). The
  // other options leave the syntax alone and only ever take matches away (never_nl) or choose among
  // them (longest_match): any match is still a string the pattern describes.
  if (!regex.ok() || options.posix_syntax()) return std::nullopt;
  PatternReader reader(regex.pattern(), !options.case_sensitive(), options.encoding() == re2::RE2::Options::EncodingLatin1);
  return options.literal() ? reader.read_literal() : reader.read();
}

}  // namespace qda
