// A reader for the YAML subset YamlWriter writes. It is strict on purpose: every construct outside
// that subset makes it give up, so its answers are always those of a full parser.
#include "qda/block_yaml.hpp"

#include <limits>
#include <stdexcept>
#include <vector>

#include "qda/text.hpp"
#include "qda/yaml.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

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
        return std::stod(text);
      }
    case PlainScalar::Float:
      if (text.find("inf") != std::string::npos || text.find("Inf") != std::string::npos || text.find("INF") != std::string::npos) {
        return text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      }
      if (text.find('.') == 0 && (text[1] == 'n' || text[1] == 'N')) return nullptr;  // JSON has no NaN
      return std::stod(text);
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

class BlockReader {
 public:
  explicit BlockReader(std::string_view text) {
    if (text.empty() || text.back() != '\n') throw OutsideSubset{};
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = text.find('\n', start);
      lines_.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    for (const auto line : lines_) {
      if (line.empty() || line.find('\t') != std::string_view::npos || line.find('\r') != std::string_view::npos) throw OutsideSubset{};
      if (holds_escaped_character(line)) throw OutsideSubset{};  // YamlWriter writes these escaped, never raw
      // Deeper than parse_yaml allows: declined, so that yaml-cpp's path refuses it with its line.
      if (indent_of(line) > 2 * kMaxYamlDepth) throw OutsideSubset{};
    }
  }

  Json document() {
    Json root = mapping(0, std::nullopt);
    if (next_ != lines_.size()) throw OutsideSubset{};
    return root;
  }

 private:
  static std::size_t indent_of(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) throw OutsideSubset{};
    return indent;
  }
  bool at_item(std::size_t indent) const {
    return next_ < lines_.size() && indent_of(lines_[next_]) == indent && lines_[next_].substr(indent, 2) == "- ";
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
    if (next_ < lines_.size() && indent_of(lines_[next_]) == key_indent + 2) return mapping(key_indent + 2, std::nullopt);
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
        if (next_ >= lines_.size()) break;
        const std::size_t line_indent = indent_of(lines_[next_]);
        if (line_indent < indent) break;
        if (line_indent > indent) throw OutsideSubset{};
        content = lines_[next_].substr(indent);
        if (content.substr(0, 2) == "- ") {
          if (indent == 0) throw OutsideSubset{};
          break;  // the next item of the enclosing sequence
        }
        ++next_;
      }
      std::string key;
      std::string_view rest;
      if (!split_entry(content, key, rest)) throw OutsideSubset{};
      if (object.contains(key)) throw OutsideSubset{};
      object[key] = rest.empty() ? nested(indent) : inline_value(rest);
    }
    return object;
  }

  Json sequence(std::size_t indent) {
    Json array = Json::array();
    while (at_item(indent)) {
      const std::string_view content = lines_[next_].substr(indent + 2);
      ++next_;
      std::string key;
      std::string_view rest;
      if (split_entry(content, key, rest)) {
        array.push_back(mapping(indent + 2, content));
      } else {
        array.push_back(inline_value(content));
      }
    }
    if (next_ < lines_.size() && indent_of(lines_[next_]) >= indent) throw OutsideSubset{};
    return array;
  }

  std::vector<std::string_view> lines_;
  std::size_t next_ = 0;
};

}  // namespace

std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text) {
  // Declined, so that parse_yaml refuses it with its line and column (and no invalid string reaches
  // the schema check).
  if (find_invalid_utf8(text) != std::string_view::npos) return std::nullopt;
  try {
    return BlockReader(text).document();
  } catch (const OutsideSubset&) {
    return std::nullopt;
  }
}

}  // namespace qda
