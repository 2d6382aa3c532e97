// Block-style YAML in a fixed layout, and the quoting rule for its scalars.
#include "qda/yaml_writer.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <re2/re2.h>

#include "qda/yaml.hpp"

namespace qda {

namespace {

// The length of a non-ASCII character at value[at] that YAML wants escaped, with its escape: the
// C1 controls U+0080-U+009F (NEL among them, a YAML 1.1 line break), LINE and PARAGRAPH SEPARATOR
// (line breaks to YAML 1.1 readers), the byte-order mark, and the non-characters U+FFFE and U+FFFF.
// 0 for any other character. (\u rather than YAML's \N \L \P, which yaml-cpp 0.7 decodes wrongly.)
std::size_t escaped_character(std::string_view value, std::size_t at, std::string* escape) {
  const auto byte = [&](std::size_t k) { return at + k < value.size() ? static_cast<unsigned char>(value[at + k]) : 0u; };
  unsigned code_point = 0;
  std::size_t length = 0;
  if (byte(0) == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) {
    code_point = byte(1);
    length = 2;
  } else if (byte(0) == 0xE2 && byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9)) {
    code_point = 0x2000 + (byte(2) - 0x80);
    length = 3;
  } else if (byte(0) == 0xEF && ((byte(1) == 0xBB && byte(2) == 0xBF) || (byte(1) == 0xBF && (byte(2) == 0xBE || byte(2) == 0xBF)))) {
    code_point = 0xF000 + ((byte(1) - 0x80) << 6) + (byte(2) - 0x80);
    length = 3;
  }
  if (length > 0 && escape != nullptr) *escape = fmt::format("\\u{:04X}", code_point);
  return length;
}

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto byte = static_cast<unsigned char>(c);
    std::string escape;
    if (const std::size_t length = escaped_character(value, i, &escape); length > 0) {
      out += escape;
      i += length - 1;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) out += fmt::format("\\x{:02X}", byte);
        else out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

// Whether a plain scalar would be typed as something other than a string by a YAML 1.2 core-schema
// reader or a YAML 1.1 reader (booleans such as yes/on, dates, sexagesimal and underscored numbers).
RE2::Options latin1_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  return options;
}

bool reads_back_as_another_type(std::string_view value) {
  // Every such scalar starts with a digit, a sign, a dot, an underscore or ~, is = or << (YAML 1.1's
  // value and merge keys), or is one of the words null/true/false/yes/no/on/off/y/n in their three
  // spellings, none longer than 5 bytes.
  const char first = value.empty() ? '\0' : value.front();
  const bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  if (letter && value.size() > 5) return false;
  // RE2, not std::regex: every hash and number qda-import writes into corpus.yaml comes here, on its
  // serial stage, and std::regex's backtracking matcher took 1.5 % of a run's time. Latin-1, so that
  // `.` matches any byte but a line end, as std::regex's did, invalid UTF-8 included.
  static const RE2 yaml11(
      R"(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?[0-9_.]+|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|=|<<)", latin1_options());
  const std::string text(value);
  return plain_scalar_type(text) != PlainScalar::String || RE2::FullMatch(text, yaml11);
}

}  // namespace

bool yaml_plain_allowed(std::string_view value, YamlContext context) {
  if (value.empty()) return false;
  const char first = value.front();
  if (std::string_view(",[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos) return false;
  // - ? : start a plain scalar only when a non-space follows ("-0.5", not "- x").
  if ((first == '-' || first == '?' || first == ':') && (value.size() == 1 || value[1] == ' ')) return false;
  if (value.rfind("---", 0) == 0 || value.rfind("...", 0) == 0) return false;
  if (first == ' ' || value.back() == ' ' || value.back() == ':') return false;
  if (value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos) return false;
  // In flow collections yaml-cpp and PyYAML also end a plain scalar at "?" and refuse one starting with ":".
  if (context == YamlContext::Flow && (first == ':' || value.find('?') != std::string_view::npos)) return false;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
    if (context == YamlContext::Flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) return false;
  }
  return !holds_escaped_character(value);
}

bool holds_escaped_character(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (static_cast<unsigned char>(value[i]) >= 0xC2 && escaped_character(value, i, nullptr) > 0) return true;
  }
  return false;
}

std::string yaml_plain(std::string_view value, YamlContext context) {
  return yaml_plain_allowed(value, context) ? std::string(value) : double_quoted(value);
}

std::string yaml_string(std::string_view value, YamlContext context) {
  return reads_back_as_another_type(value) ? double_quoted(value) : yaml_plain(value, context);
}

YamlWriter::YamlWriter() { frames_.push_back({false, 0, "", true}); }

void YamlWriter::open(std::size_t frame) {
  Frame& current = frames_[frame];
  if (current.opened || current.key.empty()) return;  // a mapping item opens with its first line
  start_line(frame - 1);
  out_ += yaml_string(current.key);
  out_ += ":\n";
  current.opened = true;
}

void YamlWriter::start_line(std::size_t frame) {
  Frame& current = frames_[frame];
  if (!current.opened && current.key.empty()) {  // the first line of a mapping item carries its dash
    open(frame - 1);
    out_.append(static_cast<std::size_t>(current.indent - 2), ' ');
    out_ += "- ";
    current.opened = true;
    return;
  }
  open(frame);
  out_.append(static_cast<std::size_t>(current.indent), ' ');
}

void YamlWriter::line(std::string_view key, std::string_view value) {
  if (frames_.back().sequence) throw std::logic_error("YamlWriter: an entry inside a sequence");
  start_line(frames_.size() - 1);
  out_ += yaml_string(key);
  out_ += ": ";
  out_ += value;
  out_ += '\n';
}

void YamlWriter::string_entry(std::string_view key, std::string_view value) { line(key, yaml_string(value)); }

void YamlWriter::integer_entry(std::string_view key, std::uint64_t value) { line(key, std::to_string(value)); }

void YamlWriter::bool_entry(std::string_view key, bool value) { line(key, value ? "true" : "false"); }

void YamlWriter::null_entry(std::string_view key) { line(key, "~"); }

void YamlWriter::number_entry(std::string_view key, std::string_view text) { line(key, yaml_plain(text)); }

void YamlWriter::node_entry(std::string_view key, const YAML::Node& node) {
  if (node.IsSequence()) {
    begin_sequence(key);
    for (const auto& item : node) {
      start_line(frames_.size() - 1);
      out_ += "- ";
      out_ += yaml_plain(item.Scalar());
      out_ += '\n';
    }
    end();
  } else if (node.IsScalar()) {
    line(key, yaml_plain(node.Scalar()));
  } else {
    null_entry(key);
  }
}

void YamlWriter::flow_sequence_entry(std::string_view key, const std::vector<std::string>& strings) {
  std::string value = "[";
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) value += ", ";
    value += yaml_string(strings[i], YamlContext::Flow);
  }
  value += ']';
  line(key, value);
}

namespace {

// `{a: 1, b: 2}`, each value already rendered.
std::string flow_mapping(const std::vector<YamlFlowPair>& pairs) {
  std::string text = "{";
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) text += ", ";
    text += yaml_string(pairs[i].key, YamlContext::Flow);
    text += ": ";
    text += pairs[i].value;
  }
  text += '}';
  return text;
}

}  // namespace

void YamlWriter::flow_mapping_entry(std::string_view key, const std::vector<YamlFlowPair>& pairs) {
  line(key, flow_mapping(pairs));
}

void YamlWriter::begin_mapping(std::string_view key) {
  if (frames_.back().sequence) throw std::logic_error("YamlWriter: a keyed mapping inside a sequence");
  frames_.push_back({false, frames_.back().indent + 2, std::string(key), false});
}

void YamlWriter::begin_sequence(std::string_view key) {
  if (frames_.back().sequence) throw std::logic_error("YamlWriter: a keyed sequence inside a sequence");
  frames_.push_back({true, frames_.back().indent + 2, std::string(key), false});
}

void YamlWriter::string_item(std::string_view value) {
  if (!frames_.back().sequence) throw std::logic_error("YamlWriter: an item outside a sequence");
  start_line(frames_.size() - 1);
  out_ += "- ";
  out_ += yaml_string(value);
  out_ += '\n';
}

void YamlWriter::begin_mapping_item() {
  if (!frames_.back().sequence) throw std::logic_error("YamlWriter: an item outside a sequence");
  frames_.push_back({false, frames_.back().indent + 2, "", false});
}

void YamlWriter::flow_mapping_item(const std::vector<YamlFlowPair>& pairs) {
  if (!frames_.back().sequence) throw std::logic_error("YamlWriter: an item outside a sequence");
  start_line(frames_.size() - 1);
  out_ += "- ";
  out_ += flow_mapping(pairs);
  out_ += '\n';
}

void YamlWriter::end() {
  if (frames_.size() < 2) throw std::logic_error("YamlWriter: end() without an open collection");
  const Frame closed = frames_.back();
  frames_.pop_back();
  if (closed.opened) return;
  // Nothing was written inside it: an empty collection in flow style.
  const std::string_view empty = closed.sequence ? "[]" : "{}";
  if (closed.key.empty()) {
    start_line(frames_.size() - 1);
    out_ += "- ";
    out_ += empty;
    out_ += '\n';
  } else {
    line(closed.key, empty);
  }
}

void YamlWriter::move_text_to(std::ostream& out) {
  out << out_;
  out_.clear();
}

const std::string& YamlWriter::text() const {
  if (frames_.size() != 1) throw std::logic_error("YamlWriter: a collection is still open");
  return out_;
}

}  // namespace qda
