// Finding qda-<command> executables, as git finds git-<command>.
#include "qda/dispatch.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "qda/version.hpp"

namespace qda {
namespace fs = std::filesystem;

const std::vector<CommandInfo>& known_commands() {
  static const std::vector<CommandInfo> commands = {
      {"import", "files and folders of interviews -> corpus.yaml, segments.csv"},
      {"code", "codebook rules and human coders' codings -> codings.csv"},
      {"agree", "intercoder agreement -> agreement.yaml"},
      {"triangulate", "what each source says per code -> triangulation.yaml"},
      {"score", "rubric levels and verdict -> scores.yaml"},
      {"check", "published claims re-checked against the outputs"},
      {"report", "report.md and report.html"},
      {"export", "REFI-QDA .qdpx / .qdc for other QDA tools"},
      {"merge", "shards' corpora or codings -> what one run writes"},
  };
  return commands;
}

namespace {

bool is_executable_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<fs::path> find_command(std::string_view command, const fs::path& own_folder, std::string_view path_variable) {
  const std::string name = fmt::format("qda-{}", command);
  if (command.empty() || command.find('/') != std::string_view::npos) return std::nullopt;
  if (!own_folder.empty() && is_executable_file(own_folder / name)) return own_folder / name;
  std::size_t start = 0;
  while (start <= path_variable.size()) {
    std::size_t colon = path_variable.find(':', start);
    if (colon == std::string_view::npos) colon = path_variable.size();
    const std::string_view folder = path_variable.substr(start, colon - start);
    if (!folder.empty() && is_executable_file(fs::path(folder) / name)) return fs::path(folder) / name;
    start = colon + 1;
  }
  return std::nullopt;
}

fs::path own_executable_folder() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

std::string dispatcher_help(const fs::path& own_folder, std::string_view path_variable) {
  std::string help = fmt::format(
      "qda {}: qualitative data analysis as a reproducible pipeline.\n"
      "Usage: qda <command> [options...]   (runs qda-<command>; `qda <command> --help` for its options)\n"
      "       qda --help | --version\n\nCommands:\n",
      kVersion);
  bool any = false;
  for (const auto& command : known_commands()) {
    if (!find_command(command.name, own_folder, path_variable)) continue;
    help += fmt::format("  {:<12} {}\n", command.name, command.summary);
    any = true;
  }
  if (!any) help += "  (no qda-<command> executables found beside qda or on PATH)\n";
  return help;
}

}  // namespace qda
