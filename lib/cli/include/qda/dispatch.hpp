// The `qda` dispatcher: `qda import ...` runs `qda-import ...`, found beside `qda` or on PATH.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

struct CommandInfo {
  std::string_view name;     // "import"
  std::string_view summary;  // one line for `qda --help`
};

// Every command qda knows of, in pipeline order (installed or not).
const std::vector<CommandInfo>& known_commands();

// The executable `qda-<command>`: first in `own_folder`, then in the folders of `path_variable`.
std::optional<std::filesystem::path> find_command(std::string_view command, const std::filesystem::path& own_folder,
                                                  std::string_view path_variable);

// The folder holding the running executable.
std::filesystem::path own_executable_folder();

// `qda --help`: usage and the commands that are installed.
std::string dispatcher_help(const std::filesystem::path& own_folder, std::string_view path_variable);

}  // namespace qda
