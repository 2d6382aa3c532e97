// spdlog configured once per process: one stderr logger named after the tool.
#include "qda/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace qda {

void configure_logging(const std::string& tool, int verbosity) {
  auto logger = spdlog::stderr_color_st(tool);
  logger->set_pattern("%n: %^%l%$: %v");
  logger->set_level(verbosity < 0 ? spdlog::level::err : verbosity == 0 ? spdlog::level::info : spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

}  // namespace qda
