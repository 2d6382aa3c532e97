// A reader for the YAML subset YamlWriter writes. It is strict on purpose: every construct outside
// that subset makes it give up, so its answers are always those of a full parser.
#include "qda/block_yaml.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <vector>

#include "qda/text.hpp"
#include "qda/yaml.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

namespace {

// A decimal number as a double: one too small for a double is its nearest (0 or a subnormal); one too
// large has none, and throws std::out_of_range.
double checked_double(const std::string& text) {
  errno = 0;
  const double value = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value)) throw std::out_of_range(text);
  return value;
}

// A hexadecimal or octal integer past 64 bits as its nearest double (0xffffffffffffffff is about
// 1.8e19), rounded once, as from_chars reads hexadecimal digits (octal ones are regrouped into
// hexadecimal: three bits a digit, four a digit); one past what a double holds throws
// std::out_of_range.
double checked_double(const std::string& digits, int base) {
  std::string hex = digits;
  if (base == 8) {
    std::string bits;
    for (const char c : digits) {
      const int digit = c - '0';
      for (int shift = 2; shift >= 0; --shift) bits.push_back(static_cast<char>('0' + ((digit >> shift) & 1)));
    }
    bits.insert(0, (4 - bits.size() % 4) % 4, '0');
    hex.clear();
    for (std::size_t i = 0; i < bits.size(); i += 4) hex.push_back("0123456789abcdef"[std::stoi(bits.substr(i, 4), nullptr, 2)]);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), value, std::chars_format::hex);
  if (error == std::errc::result_out_of_range || end != hex.data() + hex.size()) throw std::out_of_range(digits);
  return value;
}

}  // namespace

nlohmann::ordered_json plain_scalar_to_json(const std::string& text) {
  switch (plain_scalar_type(text)) {
    case PlainScalar::Null: return nullptr;
    case PlainScalar::Bool: return text[0] == 't' || text[0] == 'T';
    case PlainScalar::Integer:
      try {
        if (text.rfind("0x", 0) == 0) return std::stoll(text.substr(2), nullptr, 16);
        if (text.rfind("0o", 0) == 0) return std::stoll(text.substr(2), nullptr, 8);
        return std::stoll(text);
      } catch (const std::out_of_range&) {
        if (text.rfind("0x", 0) == 0) return checked_double(text.substr(2), 16);
        if (text.rfind("0o", 0) == 0) return checked_double(text.substr(2), 8);
        return checked_double(text);
      }
    case PlainScalar::Float:
      if (text.find("inf") != std::string::npos || text.find("Inf") != std::string::npos || text.find("INF") != std::string::npos) {
        return text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      }
      if (text.find('.') == 0 && (text[1] == 'n' || text[1] == 'N')) return nullptr;  // JSON has no NaN
      return checked_double(text);
    case PlainScalar::String: return text;
  }
  return text;
}

namespace {

using Json = nlohmann::ordered_json;

// Thrown inside the reader when the text leaves the subset; read_block_yaml turns it into nullopt.
struct OutsideSubset {};

void append_utf8(std::string& out, unsigned long code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    if (code_point >= 0xD800 && code_point < 0xE000) throw OutsideSubset{};
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x110000) {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    throw OutsideSubset{};
  }
}

// A double-quoted scalar starting at text[at]; `at` ends one past its closing quote.
std::string double_quoted(std::string_view text, std::size_t& at) {
  std::string out;
  for (++at; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      ++at;
      return out;
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++at >= text.size()) break;
    const char escape = text[at];
    std::size_t digits = 0;
    switch (escape) {
      case '"': out.push_back('"'); continue;
      case '\\': out.push_back('\\'); continue;
      case '/': out.push_back('/'); continue;
      case 'n': out.push_back('\n'); continue;
      case 't': out.push_back('\t'); continue;
      case 'r': out.push_back('\r'); continue;
      case '0': out.push_back('\0'); continue;
      case 'x': digits = 2; break;
      case 'u': digits = 4; break;
      case 'U': digits = 8; break;
      default: throw OutsideSubset{};
    }
    if (at + digits >= text.size()) throw OutsideSubset{};
    unsigned long code_point = 0;
    for (std::size_t k = 1; k <= digits; ++k) {
      const char h = text[at + k];
      const int value = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (value < 0) throw OutsideSubset{};
      code_point = code_point * 16 + static_cast<unsigned long>(value);
    }
    at += digits;
    append_utf8(out, code_point);
  }
  throw OutsideSubset{};  // not closed on this line
}

// A plain scalar as YamlWriter writes one, by the same rule (yaml_plain_allowed).
std::string plain(std::string_view text, bool flow) {
  if (!yaml_plain_allowed(text, flow ? YamlContext::Flow : YamlContext::Block)) throw OutsideSubset{};
  return std::string(text);
}

// A scalar inside a flow collection, starting at text[at] and ending before `,` or `closer`.
Json flow_scalar(std::string_view text, std::size_t& at, char closer, std::string* key_out = nullptr) {
  if (at < text.size() && text[at] == '"') {
    std::string value = double_quoted(text, at);
    if (key_out != nullptr) {
      *key_out = std::move(value);
      return nullptr;
    }
    return value;
  }
  std::size_t end = at;
  while (end < text.size() && text[end] != ',' && text[end] != closer && !(key_out != nullptr && text[end] == ':')) ++end;
  const std::string value = plain(text.substr(at, end - at), true);
  at = end;
  if (key_out != nullptr) {
    *key_out = value;
    return nullptr;
  }
  return plain_scalar_to_json(value);
}

void expect(std::string_view text, std::size_t& at, std::string_view what) {
  if (text.substr(at, what.size()) != what) throw OutsideSubset{};
  at += what.size();
}

// A value on the rest of a line: a flow sequence or mapping of scalars, or one scalar.
Json inline_value(std::string_view text) {
  if (text.empty()) throw OutsideSubset{};
  std::size_t at = 0;
  Json value;
  if (text.front() == '[' || text.front() == '{') {
    const bool sequence = text.front() == '[';
    const char closer = sequence ? ']' : '}';
    value = sequence ? Json::array() : Json::object();
    ++at;
    if (at < text.size() && text[at] == closer) {
      ++at;
    } else {
      while (true) {
        if (sequence) {
          value.push_back(flow_scalar(text, at, closer));
        } else {
          std::string key;
          flow_scalar(text, at, closer, &key);
          expect(text, at, ": ");
          if (value.contains(key)) throw OutsideSubset{};
          value[key] = flow_scalar(text, at, closer);
        }
        if (at < text.size() && text[at] == closer) {
          ++at;
          break;
        }
        expect(text, at, ", ");
      }
    }
  } else if (text.front() == '"') {
    value = double_quoted(text, at);
  } else {
    return plain_scalar_to_json(plain(text, false));
  }
  if (at != text.size()) throw OutsideSubset{};
  return value;
}

// The lines of a document, one at a time. A line is checked when first seen: the characters YamlWriter
// never writes raw (tabs, carriage returns, escaped characters), text that is not UTF-8 (declined, so
// that parse_yaml refuses it with its line and column and no invalid string reaches the schema check),
// and nesting deeper than parse_yaml allows (declined, so that yaml-cpp's path refuses it with its line).
class Lines {
 public:
  virtual ~Lines() = default;
  // The next line, without its line end; nullopt after the last. Valid until peek() is called again
  // after advance(): the reader uses a line before it looks at the next.
  std::optional<std::string_view> peek() {
    peek_unchecked();
    if (current_ && !checked_) {
      check(*current_);
      checked_ = true;
    }
    return current_;
  }
  // The next line as peek() gives it, not checked yet: for a reader that hands it on to be read, and
  // checked, elsewhere (read_block_yaml_item). peek() still checks it.
  std::optional<std::string_view> peek_unchecked() {
    if (!current_) {
      current_ = next_line();
      checked_ = false;
    }
    return current_;
  }
  void advance() { current_.reset(); }

 protected:
  virtual std::optional<std::string_view> next_line() = 0;

 private:
  static void check(std::string_view line) {
    if (line.empty() || line.find('\t') != std::string_view::npos || line.find('\r') != std::string_view::npos) throw OutsideSubset{};
    if (holds_escaped_character(line)) throw OutsideSubset{};
    if (find_invalid_utf8(line) != std::string_view::npos) throw OutsideSubset{};
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || indent > 2 * kMaxYamlDepth) throw OutsideSubset{};
  }

  std::optional<std::string_view> current_;
  bool checked_ = false;
};

// Every line ends with a line feed, the last too (YamlWriter's text always does).
class TextLines final : public Lines {
 public:
  explicit TextLines(std::string_view text) : text_(text) {
    if (text.empty() || text.back() != '\n') throw OutsideSubset{};
  }

 private:
  std::optional<std::string_view> next_line() override {
    if (at_ >= text_.size()) return std::nullopt;
    const std::size_t end = text_.find('\n', at_);
    const std::string_view line = text_.substr(at_, end - at_);
    at_ = end + 1;
    return line;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// A file's lines, read a block at a time: memory holds a block and the line being read.
class FileLines final : public Lines {
 public:
  explicit FileLines(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    struct stat status {};
    if (fd_ < 0 || ::fstat(fd_, &status) != 0 || !S_ISREG(status.st_mode)) throw Unreadable{};
  }
  ~FileLines() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FileLines(const FileLines&) = delete;
  FileLines& operator=(const FileLines&) = delete;

  // The file could not be opened or read: the caller's usual reading says why.
  struct Unreadable {};

 private:
  static constexpr std::size_t kBlockBytes = 1 << 16;

  std::optional<std::string_view> next_line() override {
    std::size_t end = buffer_.find('\n', at_);
    while (end == std::string::npos && !ended_) {
      buffer_.erase(0, at_);  // the lines before are used: the reader never goes back
      at_ = 0;
      const std::size_t searched = buffer_.size();
      buffer_.resize(searched + kBlockBytes);
      ssize_t got = 0;
      do {
        got = ::read(fd_, buffer_.data() + searched, kBlockBytes);
      } while (got < 0 && errno == EINTR);
      if (got < 0) throw Unreadable{};
      buffer_.resize(searched + static_cast<std::size_t>(got));
      ended_ = got == 0;
      end = buffer_.find('\n', searched);
    }
    if (end == std::string::npos) {
      if (at_ < buffer_.size() || !any_line_) throw OutsideSubset{};  // no line end after the last line, or no line
      return std::nullopt;
    }
    any_line_ = true;
    const std::string_view line(buffer_.data() + at_, end - at_);
    at_ = end + 1;
    return line;
  }

  int fd_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool ended_ = false;
  bool any_line_ = false;
};

class BlockReader {
 public:
  BlockReader(Lines& lines, const BlockYamlStreaming* streaming) : lines_(lines), streaming_(streaming) {}

  Json document() {
    Json root = mapping(0, std::nullopt);
    if (lines_.peek()) throw OutsideSubset{};
    return root;
  }

  // One item of a sequence at `indent`, and nothing after it: a text on_item_text gave.
  Json lone_item(std::size_t indent) {
    if (!at_item(indent)) throw OutsideSubset{};
    Json item = item_at(indent);
    if (lines_.peek()) throw OutsideSubset{};
    return item;
  }

 private:
  static std::size_t indent_of(std::string_view line) { return line.find_first_not_of(' '); }  // lines are checked: not all spaces

  bool at_item(std::size_t indent) {
    const auto line = lines_.peek();
    return line && indent_of(*line) == indent && line->substr(indent, 2) == "- ";
  }

  // Splits "key: value" or "key:" into the key and the value's text (empty for a nested block).
  static bool split_entry(std::string_view content, std::string& key, std::string_view& rest) {
    std::size_t at = 0;
    if (!content.empty() && content.front() == '"') {
      key = double_quoted(content, at);
      if (at == content.size()) return false;  // a quoted scalar, not a key
    } else {
      if (!content.empty() && (content.front() == '[' || content.front() == '{')) return false;
      std::size_t colon = content.find(": ");
      if (colon == std::string_view::npos && !content.empty() && content.back() == ':') colon = content.size() - 1;
      if (colon == std::string_view::npos) return false;
      key = plain(content.substr(0, colon), false);
      // yaml-cpp makes a plain null word a null key (read back as ""); YamlWriter quotes such keys.
      if (plain_scalar_type(key) == PlainScalar::Null) throw OutsideSubset{};
      at = colon;
    }
    if (at == content.size() - 1 && content[at] == ':') {
      rest = {};
      return true;
    }
    if (content.substr(at, 2) != ": ") {
      if (content.front() == '"') throw OutsideSubset{};  // a quoted scalar followed by something
      return false;
    }
    rest = content.substr(at + 2);
    if (rest.empty()) throw OutsideSubset{};
    return true;
  }

  // The value of "key:" with nothing after it: the block on the following lines.
  Json nested(std::size_t key_indent) {
    if (at_item(key_indent + 2)) return sequence(key_indent + 2);
    const auto line = lines_.peek();
    if (line && indent_of(*line) == key_indent + 2) return mapping(key_indent + 2, std::nullopt);
    throw OutsideSubset{};  // YamlWriter never leaves a value empty, and never puts a sequence at its key's indent
  }

  Json mapping(std::size_t indent, std::optional<std::string_view> first) {
    Json object = Json::object();
    while (true) {
      std::string_view content;
      if (first) {
        content = *first;
        first.reset();
      } else {
        const auto line = lines_.peek();
        if (!line) break;
        const std::size_t line_indent = indent_of(*line);
        if (line_indent < indent) break;
        if (line_indent > indent) throw OutsideSubset{};
        content = line->substr(indent);
        if (content.substr(0, 2) == "- ") {
          if (indent == 0) throw OutsideSubset{};
          break;  // the next item of the enclosing sequence
        }
        lines_.advance();
      }
      std::string key;
      std::string_view rest;
      if (!split_entry(content, key, rest)) throw OutsideSubset{};
      if (object.contains(key)) throw OutsideSubset{};
      keys_.push_back(key);
      object[key] = rest.empty() ? nested(indent) : inline_value(rest);
      keys_.pop_back();
    }
    return object;
  }

  Json sequence(std::size_t indent) {
    // Only lists reached through mappings alone are streamed: their items are what the caller counts.
    const bool streamed = streaming_ != nullptr && items_entered_ == 0 && streaming_->streams(keys_);
    Json array = Json::array();
    if (streamed && streaming_->on_item_text) {
      while (at_item_unchecked(indent)) streaming_->on_item_text(keys_, item_text(indent), indent);
    }
    while (at_item(indent)) {
      Json item = item_at(indent);
      if (streamed) {
        streaming_->on_item(keys_, std::move(item));
      } else {
        array.push_back(std::move(item));
      }
    }
    const auto line = lines_.peek();
    if (line && indent_of(*line) >= indent) throw OutsideSubset{};
    return array;
  }

  // The item whose dash line is next.
  Json item_at(std::size_t indent) {
    const std::string_view content = lines_.peek()->substr(indent + 2);
    lines_.advance();
    std::string key;
    std::string_view rest;
    ++items_entered_;
    Json item = split_entry(content, key, rest) ? mapping(indent + 2, content) : inline_value(content);
    --items_entered_;
    return item;
  }

  // at_item() before the line is checked: an item's lines are checked where its text is read.
  bool at_item_unchecked(std::size_t indent) {
    const auto line = lines_.peek_unchecked();
    return line && indent_of(*line) == indent && line->substr(indent, 2) == "- ";
  }

  // The lines of the item whose dash line is next, as written: the dash line and every line after it
  // indented more (a line of spaces, or none, too: reading the text refuses it, as reading it here
  // would). Its item is read from them alone as it would be here, since here too it would end at the
  // first line indented no more than its dash, and anything else before that line leaves the layout.
  std::string item_text(std::size_t indent) {
    std::string text;
    for (auto line = lines_.peek_unchecked(); line; line = lines_.peek_unchecked()) {
      if (!text.empty() && indent_of(*line) <= indent) break;  // npos, a blank line, is indented more
      text.append(*line).push_back('\n');
      lines_.advance();
    }
    return text;
  }

  Lines& lines_;
  const BlockYamlStreaming* streaming_;
  std::vector<std::string> keys_;  // from the root to the value being read
  int items_entered_ = 0;          // how many sequence items the value being read is inside
};

}  // namespace

namespace {

// The document read from `make_lines()`'s lines, or nullopt where it leaves the layout or the file
// cannot be read.
template <typename MakeLines>
std::optional<nlohmann::ordered_json> read_lines(MakeLines make_lines, const BlockYamlStreaming* streaming) {
  try {
    auto lines = make_lines();
    return BlockReader(lines, streaming).document();
  } catch (const OutsideSubset&) {
    return std::nullopt;
  } catch (const FileLines::Unreadable&) {
    return std::nullopt;
  } catch (const std::out_of_range&) {  // a number no double holds: the full parser says where
    return std::nullopt;
  }
}

}  // namespace

std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text) {
  return read_lines([&] { return TextLines(text); }, nullptr);
}

std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text, const BlockYamlStreaming& streaming) {
  return read_lines([&] { return TextLines(text); }, &streaming);
}

std::optional<nlohmann::ordered_json> read_block_yaml_file(const std::filesystem::path& path, const BlockYamlStreaming& streaming) {
  return read_lines([&] { return FileLines(path); }, &streaming);
}

std::optional<nlohmann::ordered_json> read_block_yaml_item(std::string_view text, std::size_t indent) {
  try {
    TextLines lines(text);
    return BlockReader(lines, nullptr).lone_item(indent);
  } catch (const OutsideSubset&) {
    return std::nullopt;
  } catch (const std::out_of_range&) {
    return std::nullopt;
  }
}

}  // namespace qda
