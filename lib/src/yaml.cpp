// YAML input: yaml-cpp parsing with located errors, then schema validation.
#include "qda/yaml.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <re2/re2.h>

#include "qda/error.hpp"
#include "qda/schema.hpp"

namespace qda {

std::string read_file(const std::filesystem::path& path) {
  // One open and one fstat, not separate exists/is_directory/file_size calls: an import reads
  // thousands of files.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw io_error("no such file", {path.string()});
    throw io_error(fmt::format("cannot open file for reading: {}", std::strerror(errno)), {path.string()});
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat status {};
  if (::fstat(fd, &status) != 0) throw io_error("cannot read the file's size", {path.string()});
  if (S_ISDIR(status.st_mode)) throw io_error("is a folder; expected a file", {path.string()});
  const auto read_some = [&](char* into, std::size_t size) {
    while (true) {
      const ssize_t got = ::read(fd, into, size);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) throw io_error(fmt::format("read failed: {}", std::strerror(errno)), {path.string()});
    }
  };
  // Read straight into a string of the file's size, then on to the end: a file may have grown
  // since, or report no size (a pipe).
  std::string bytes(S_ISREG(status.st_mode) ? static_cast<std::size_t>(status.st_size) : 0, '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const std::size_t got = read_some(bytes.data() + filled, bytes.size() - filled);
    if (got == 0) break;
    filled += got;
  }
  bytes.resize(filled);
  char more[1 << 12];
  for (std::size_t got = read_some(more, sizeof more); got > 0; got = read_some(more, sizeof more)) bytes.append(more, got);
  return bytes;
}

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
