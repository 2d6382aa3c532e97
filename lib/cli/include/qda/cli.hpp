// What every tool's main() shares: CLI11 set-up with -q/-v/--version, logging, and the one place
// where errors become exit statuses (docs/exit-status.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

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

// Adds an option whose value is a decimal number, read as the double nearest to it (std::from_chars).
// CLI11 reads a FLOAT through a long double and rounds again to double, which for some decimals
// (0.011227, 1.000444) lands one step away from the nearest double: the value used would not be the
// one its decimals, written back into an output, read as.
CLI::Option* add_decimal_option(CLI::App& app, const std::string& name, double& value, const std::string& description);
// The same for an option that may be given several times: the values given replace `values`.
CLI::Option* add_decimals_option(CLI::App& app, const std::string& name, std::vector<double>& values, const std::string& description);

}  // namespace qda::cli
