// YAML input: yaml-cpp parsing with located errors, then schema validation.
#include "qda/yaml.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/schema.hpp"

namespace qda {

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw io_error("no such file", {path.string()});
  if (std::filesystem::is_directory(path, ec)) throw io_error("is a folder; expected a file", {path.string()});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error("cannot open file for reading", {path.string()});
  // Read straight into a string of the file's size: no stream buffer to copy out of.
  const auto size = std::filesystem::file_size(path, ec);
  std::string bytes(ec ? 0 : static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  // A file that grew since its size was taken (or reports none, like a pipe) is read to its end.
  for (char buffer[1 << 16]; in.read(buffer, sizeof buffer) || in.gcount() > 0;) bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw io_error("read failed", {path.string()});
  return bytes;
}

PlainScalar plain_scalar_type(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)");
  static const std::regex floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return PlainScalar::Null;
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" || text == "FALSE") {
    return PlainScalar::Bool;
  }
  if (std::regex_match(text, integer)) return PlainScalar::Integer;
  if (std::regex_match(text, floating)) return PlainScalar::Float;
  return PlainScalar::String;
}

YAML::Node parse_yaml(std::string_view text, const std::string& file_name) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    throw invalid_input(fmt::format("invalid YAML: {}", error.msg),
                        {file_name, static_cast<std::size_t>(error.mark.line + 1),
                         static_cast<std::size_t>(error.mark.column + 1)});
  }
}

Location location_of(const YAML::Node& node, const std::string& file_name) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_name};
  return {file_name, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

YAML::Node load_yaml_file(const std::filesystem::path& path, std::string_view kind) {
  const std::string text = read_file(path);
  const std::string name = path.string();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw invalid_input(fmt::format("the file is empty; expected a {} document", kind), {name});
  }
  YAML::Node document = parse_yaml(text, name);
  validate_against_schema(document, kind, name);
  return document;
}

}  // namespace qda
