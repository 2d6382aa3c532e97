// What every tool's main() shares: CLI11 set-up with -q/-v/--version, logging, and the one place
// where errors become exit statuses (docs/exit-status.md).
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace qda::cli {

class Tool {
 public:
  Tool(std::string name, std::string description);

  CLI::App& app() { return app_; }
  // Adds --raw-csv, for a tool that writes CSV: its cells are then written as they are, without the
  // apostrophe that keeps spreadsheets from running one as a formula (qda/spreadsheet_guard.hpp).
  void add_raw_csv_option();
  // Parses the arguments and runs `body`. Returns 0 on success, 2 for usage errors (CLI11's parse
  // errors included), and exit_status() of any qda::Error; other exceptions are internal errors (4).
  int run(int argc, char** argv, const std::function<void()>& body);
  // The same for a body whose success has a status of its own (qda-check: 1 when a claim fails).
  int run_with_status(int argc, char** argv, const std::function<int()>& body);

 private:
  std::string name_;
  CLI::App app_;
  int verbosity_ = 0;
};

}  // namespace qda::cli
