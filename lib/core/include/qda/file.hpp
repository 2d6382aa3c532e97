// Reading input files whole: one open, one fstat, and errors that name the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace qda {

// Reads a whole file as bytes; an Io error names the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// The file's first `max_bytes` bytes (fewer if it is shorter), with read_file's errors.
std::string read_file_head(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace qda
