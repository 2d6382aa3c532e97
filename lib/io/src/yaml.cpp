// YAML input: yaml-cpp parsing with located errors (schema.hpp validates what is parsed).
#include "qda/yaml.hpp"

#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda {

PlainScalar plain_scalar_type(const std::string& text) {
  // RE2 rather than std::regex: a corpus.yaml holds tens of thousands of scalars that start like a
  // number (offsets, hashes), and std::regex's backtracking matcher cost a thousand instructions each.
  static const RE2 integer(R"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)");
  static const RE2 floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  // Numbers start with a digit, a sign or a dot: anything else is a string unless it is one of the
  // null and boolean words (which saves two regex matches per scalar, most of them words).
  const char first = text.empty() ? '\0' : text.front();
  const bool numeric_start = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return PlainScalar::Null;
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" || text == "FALSE") {
    return PlainScalar::Bool;
  }
  if (!numeric_start) return PlainScalar::String;
  if (RE2::FullMatch(text, integer)) return PlainScalar::Integer;
  if (RE2::FullMatch(text, floating)) return PlainScalar::Float;
  return PlainScalar::String;
}

namespace {

Location location_at(const YAML::Mark& mark, const std::string& file_name) {
  return {file_name, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

// Walks a document's parse events before yaml-cpp builds its tree, and refuses what qda's files never
// need but a hostile file can use: anchors and aliases (a self-referencing alias recursed without end
// in the conversion to JSON; nested aliases, "billion laughs", expand to gigabytes), a key given twice
// in one mapping (yaml-cpp keeps one value silently), keys that are not scalars, nesting deeper than
// kMaxYamlDepth (every walk of the tree recurses), and a second document (yaml-cpp reads the first).
class YamlGuard final : public YAML::EventHandler {
 public:
  explicit YamlGuard(const std::string& file_name) : file_name_(file_name) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) refuse(mark, "a second YAML document (after '---'): a qda file holds one");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { value(mark, anchor, "~"); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    refuse(mark, "a YAML alias (*name): qda's files do not use anchors or aliases; write the value out");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& text) override {
    value(mark, anchor, text);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { frames_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { frames_.pop_back(); }

 private:
  struct Frame {
    bool mapping = false;
    bool expecting_key = true;
    std::unordered_map<std::string, std::size_t> key_lines;
  };

  [[noreturn]] void refuse(const YAML::Mark& mark, const std::string& what) const {
    throw invalid_input(what, location_at(mark, file_name_));
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    if (anchor != YAML::NullAnchor) refuse(mark, "a YAML anchor (&name): qda's files do not use anchors or aliases");
  }

  // A scalar or null: a mapping's key (checked for repeats) or a value.
  void value(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& text) {
    check_anchor(mark, anchor);
    if (frames_.empty() || !frames_.back().mapping) return;
    Frame& frame = frames_.back();
    if (frame.expecting_key) {
      const auto [first, added] = frame.key_lines.emplace(text, static_cast<std::size_t>(mark.line + 1));
      if (!added) refuse(mark, fmt::format("the key '{}' is given twice in one mapping (first on line {})", text, first->second));
    }
    frame.expecting_key = !frame.expecting_key;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool mapping) {
    check_anchor(mark, anchor);
    if (!frames_.empty() && frames_.back().mapping) {
      if (frames_.back().expecting_key) refuse(mark, "a mapping key that is not a scalar");
      frames_.back().expecting_key = true;
    }
    if (frames_.size() >= kMaxYamlDepth) refuse(mark, fmt::format("YAML nested deeper than {} levels", kMaxYamlDepth));
    frames_.push_back(Frame{mapping, true, {}});
  }

  const std::string& file_name_;
  std::vector<Frame> frames_;
  int documents_ = 0;
};

}  // namespace

YAML::Node parse_yaml(std::string_view text, const std::string& file_name) {
  // yaml-cpp passes invalid UTF-8 on into strings, and valijson's UTF-8 reader (for minLength and
  // maxLength) indexes its table out of bounds on a run of more than six continuation bytes.
  require_utf8(text, file_name, "a YAML file in UTF-8");
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    YamlGuard guard(file_name);
    while (parser.HandleNextDocument(guard)) {
    }
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    // yaml-cpp's most common complaint in hand-written files comes from an unquoted ": " in a value.
    const bool map_value = error.msg.find("illegal map value") != std::string::npos;
    throw invalid_input(fmt::format("invalid YAML: {}{}", error.msg,
                                    map_value ? " (a value holding ': ' must be quoted, e.g. definition: \"a: b\")" : ""),
                        {file_name, static_cast<std::size_t>(error.mark.line + 1),
                         static_cast<std::size_t>(error.mark.column + 1)});
  }
}

Location location_of(const YAML::Node& node, const std::string& file_name) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_name};
  return {file_name, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

}  // namespace qda
