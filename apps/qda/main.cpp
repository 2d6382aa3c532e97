// qda: runs `qda-<command>` for `qda <command>`, as git does (docs/qda.md).
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>
#include <vector>

#include "qda/dispatch.hpp"
#include "qda/error.hpp"
#include "qda/version.hpp"

int main(int argc, char** argv) {
  const char* path = std::getenv("PATH");
  const std::string_view path_variable = path != nullptr ? path : "";
  const auto own_folder = qda::own_executable_folder();
  const std::string_view first = argc > 1 ? argv[1] : "";
  if (first.empty()) {  // a usage error: the help goes to stderr, as diagnostics do
    std::cerr << qda::dispatcher_help(own_folder, path_variable);
    return qda::exit_status(qda::ErrorKind::Usage);
  }
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << qda::dispatcher_help(own_folder, path_variable);
    return qda::kExitOk;
  }
  if (first == "--version") {
    std::cout << "qda " << qda::kVersion << '\n';
    return qda::kExitOk;
  }
  const auto command = qda::find_command(first, own_folder, path_variable);
  if (!command) {
    std::cerr << "qda: error: '" << first << "' is not a qda command (no qda-" << first
              << " beside qda or on PATH); see qda --help\n";
    return qda::exit_status(qda::ErrorKind::Usage);
  }
  std::vector<char*> arguments;
  std::string program = command->string();
  arguments.push_back(program.data());
  for (int i = 2; i < argc; ++i) arguments.push_back(argv[i]);
  arguments.push_back(nullptr);
  ::execv(program.c_str(), arguments.data());
  std::cerr << "qda: error: cannot run " << program << ": " << std::strerror(errno) << '\n';
  return qda::exit_status(qda::ErrorKind::Io);
}
