// The shared driver of every tool's main().
#include "qda/cli.hpp"

#include <charconv>
#include <cstdio>
#include <iostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/error.hpp"
#include "qda/interruption.hpp"
#include "qda/log.hpp"
#include "qda/spreadsheet_guard.hpp"
#include "qda/strings.hpp"
#include "qda/version.hpp"

namespace qda::cli {

namespace {

// The tools read their large files in chunks of about a megabyte, allocated and freed thousands of
// times a run. glibc trims the heap back to the kernel as such blocks are freed, so each chunk's pages
// fault in afresh: a third of the time of a pass over a 440 MB codings.csv went to the kernel
// (bench/README.md). Blocks under 4 MiB come from the heap, and it keeps up to 16 MiB free, so they
// are reused instead; larger ones are still given back when freed.
void keep_chunk_memory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

}  // namespace

Tool::Tool(std::string name, std::string description) : name_(std::move(name)), app_(std::move(description), name_) {
  app_.set_version_flag("--version", name_ + " " + std::string(kVersion));
  app_.add_flag_function("-q,--quiet", [this](std::int64_t) { verbosity_ = -1; }, "Print only errors on stderr");
  app_.add_flag_function("-v,--verbose", [this](std::int64_t) { verbosity_ = 1; }, "Print debugging detail on stderr");
  app_.get_formatter()->column_width(34);
}

void Tool::add_raw_csv_option() {
  app_.add_flag_function(
      "--raw-csv", [](std::int64_t) { set_spreadsheet_guard(false); },
      "Write CSV cells as they are: no apostrophe before a cell a spreadsheet would run as a formula "
      "(=, +, -, @); for programs, not people, reading the CSV");
}

int Tool::run(int argc, char** argv, const std::function<void()>& body) {
  return run_with_status(argc, argv, [&] {
    body();
    return kExitOk;
  });
}

int Tool::run_with_status(int argc, char** argv, const std::function<int()>& body) {
  keep_chunk_memory();
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app_.help();
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    std::cout << app_.version() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    std::cerr << name_ << ": error: " << printable(error.what()) << "\nRun with --help for the options.\n";
    return exit_status(ErrorKind::Usage);
  }
  configure_logging(name_, verbosity_);
  interruption::watch_signals();  // before the body starts any thread, so that every thread inherits the mask
  try {
    const int status = body();
    // What went to standard output (a summary, or an output written to "-") must have arrived: a
    // full disk or a closed pipe behind it is a failed write, not success.
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
      throw io_error("a write failed (a full disk, or a closed pipe or descriptor); what was written there is incomplete",
                     {"standard output"});
    }
    return status;
  } catch (const Error& error) {
    spdlog::error("{}", describe(error.where(), error.message()));  // not what(): a NUL would cut it
    return exit_status(error.kind());
  } catch (const std::exception& error) {
    spdlog::critical("internal error: {}", error.what());
    return kExitInternal;
  }
}

namespace {

double decimal_value(const std::string& name, const std::string& text) {
  double read = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), read);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    throw CLI::ValidationError(name, fmt::format("'{}' is not a number", text));
  }
  return read;
}

}  // namespace

CLI::Option* add_decimal_option(CLI::App& app, const std::string& name, double& value, const std::string& description) {
  const std::string shown = fmt::format("{}", value);
  CLI::Option* option = app.add_option_function<std::string>(
      name, [&value, name](const std::string& text) { value = decimal_value(name, text); }, description);
  return option->type_name("FLOAT")->default_str(shown);
}

CLI::Option* add_decimals_option(CLI::App& app, const std::string& name, std::vector<double>& values, const std::string& description) {
  CLI::Option* option = app.add_option_function<std::vector<std::string>>(
      name,
      [&values, name](const std::vector<std::string>& texts) {
        values.clear();  // the values given replace the defaults
        for (const auto& text : texts) values.push_back(decimal_value(name, text));
      },
      description);
  return option->type_name("FLOAT");
}

}  // namespace qda::cli
