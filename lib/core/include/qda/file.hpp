// Reading input files whole: one open, one fstat, and errors that name the file.
#pragma once

#include <filesystem>
#include <string>

namespace qda {

// Reads a whole file as bytes; an Io error names the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace qda
