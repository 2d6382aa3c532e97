// The shared rules of the fuzz targets (fuzz_input.hpp).
#include "fuzz_input.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>

#include "qda/error.hpp"
#include "qda/log.hpp"
#include "temp_folder.hpp"

namespace qda::fuzz {

namespace {
[[noreturn]] void report_bug(std::string_view what) {
  std::fprintf(stderr, "\nqda fuzz target: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}
}  // namespace

void run_expecting_only_input_errors(const std::function<void()>& parse) {
  try {
    parse();
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::InvalidInput) {
      report_bug("a qda::Error that is not InvalidInput escaped: " + describe(error.where(), error.message()));
    }
    // To see why a seed is refused: QDA_FUZZ_SHOW_ERRORS=1 fuzz_<target> <file>.
    static const bool show = std::getenv("QDA_FUZZ_SHOW_ERRORS") != nullptr;
    if (show) std::fprintf(stderr, "input error: %s\n", describe(error.where(), error.message()).c_str());
  } catch (const std::exception& error) {
    report_bug(std::string("an exception a tool would report as an internal error escaped: ") + error.what());
  } catch (...) {
    report_bug("an exception of unknown type escaped");
  }
}

void require(bool holds, std::string_view what) {
  if (!holds) report_bug(std::string("invariant broken: ") + std::string(what));
}

std::filesystem::path write_input(std::string_view bytes, const std::string& name) {
  static const testing::TempFolder folder;  // removed when the process ends normally
  const std::filesystem::path path = folder / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) report_bug("cannot write the input file " + path.string());
  return path;
}

std::filesystem::path repository_file(std::string_view relative_path) {
  return std::filesystem::path(QDA_SOURCE_DIR) / relative_path;
}

std::pair<std::string_view, std::optional<std::string_view>> split_input(std::string_view input, std::string_view separator) {
  const std::size_t at = input.find(separator);
  if (at == std::string_view::npos) return {input, std::nullopt};
  return {input.substr(0, at), input.substr(at + separator.size())};
}

}  // namespace qda::fuzz

// Errors only: a target logs nothing for the inputs it accepts, so what it prints is libFuzzer's.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  qda::configure_logging("fuzz", -1);
  return 0;
}
