// What every fuzz target shares: the input as text, the one rule for what counts as a bug, and files
// for the entry points that read a path, as the tools do. (fuzz_input.cpp also holds the targets'
// LLVMFuzzerInitialize, which turns logging down.)
//
// Each target skips inputs longer than QDA_FUZZ_MAX_LEN, its bound from tests/fuzz/CMakeLists.txt, and
// returns -1 for them so that libFuzzer does not keep them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace qda::fuzz {

// The bytes libFuzzer gives, as the text the parsers read.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs one parse of a fuzzed input. An InvalidInput error is qda's answer to bad input (exit 1) and
// ends the run quietly. Anything else that escapes (another kind of qda::Error, a std::exception, an
// unknown exception) would reach a user as an internal error (exit 4): it is printed and the process
// aborts, so libFuzzer keeps the input as a crash.
void run_expecting_only_input_errors(const std::function<void()>& parse);

// Aborts with `what` when `holds` is false: for the invariants a target checks on what a parse returns.
void require(bool holds, std::string_view what);

// Writes the input to a file named `name` in this process's own folder (removed at exit) and returns its
// path, for entry points that take a path. The name matters: it is what error messages quote and, for
// sources, what picks the format.
std::filesystem::path write_input(std::string_view bytes, const std::string& name);

// A file of the repository (an example's codebook, a golden triangulation), for the fixed half of a
// target's input.
std::filesystem::path repository_file(std::string_view relative_path);

// The two parts of an input that carries two files: the bytes before the first `separator` and, if it
// occurs, those after it.
std::pair<std::string_view, std::optional<std::string_view>> split_input(std::string_view input, std::string_view separator);

}  // namespace qda::fuzz
