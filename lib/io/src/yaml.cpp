// YAML input: yaml-cpp parsing with located errors (schema.hpp validates what is parsed).
#include "qda/yaml.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <re2/re2.h>

#include "qda/error.hpp"

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

YAML::Node parse_yaml(std::string_view text, const std::string& file_name) {
  try {
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
