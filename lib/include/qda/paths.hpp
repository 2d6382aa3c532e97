// Paths as outputs record them: relative to the output's folder, with '/' separators.
#pragma once

#include <filesystem>
#include <string>

namespace qda {

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
