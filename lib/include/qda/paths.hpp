// Paths as outputs record them: relative to the output's folder, with '/' separators.
#pragma once

#include <filesystem>
#include <string>

namespace qda {

// The path made absolute, with symbolic links, "." and ".." resolved as far as it exists: two
// spellings of one file resolve alike. Empty if the file system cannot be asked.
std::filesystem::path resolved_path(const std::filesystem::path& path);

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
