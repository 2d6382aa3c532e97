// Reading input files whole: one open, one fstat, and errors that name the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace qda {

// The most bytes one input read whole may have (1 GiB): a larger file, or a stream that goes on
// (/dev/zero), is an InvalidInput error rather than memory exhausted. Character devices other than a
// terminal are refused outright. Files read as streams (segments.csv, codings.csv) have no such limit.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

// Reads a whole file as bytes; an Io error names the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// The file's first `max_bytes` bytes (fewer if it is shorter), with read_file's errors.
std::string read_file_head(const std::filesystem::path& path, std::size_t max_bytes);

// Whether an input name means standard input: "-".
bool is_standard_input(std::string_view name);

// An input file as a user names it: a path, or "-" for standard input. Named pipes, /dev/stdin and a
// shell's <(...) are read as they come, so the input is read once, whole; keep the bytes rather than
// opening it again (a pipe cannot be read twice). Io errors name the input ("standard input" for "-").
std::string read_input(const std::string& name);

// How messages and outputs name an input: "standard input" for "-", else the name as given.
std::string input_display_name(const std::string& name);

}  // namespace qda
