// Diagnostics go to stderr through spdlog; stdout is left for data.
#pragma once

#include <string>

namespace qda {

// verbosity: -1 errors only (-q), 0 warnings and the summary (default), 1 debug detail (-v).
void configure_logging(const std::string& tool, int verbosity);

}  // namespace qda
