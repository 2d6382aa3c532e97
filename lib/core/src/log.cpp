// spdlog configured once per process: one stderr logger named after the tool, whose messages are
// made printable (a value from an input may hold a newline or an escape sequence).
#include "qda/log.hpp"

#include <unistd.h>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "qda/progress.hpp"
#include "qda/strings.hpp"

namespace qda {

namespace {

// %*: the message, through printable().
class PrintableMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&, spdlog::memory_buf_t& out) override {
    const std::string text = printable(std::string_view(message.payload.data(), message.payload.size()));
    out.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::custom_flag_formatter> clone() const override { return std::make_unique<PrintableMessage>(); }
};

}  // namespace

void configure_logging(const std::string& tool, int verbosity) {
  auto logger = spdlog::stderr_color_st(tool);
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<PrintableMessage>('*').set_pattern("%n: %^%l%$: %*");
  logger->set_formatter(std::move(formatter));
  logger->set_level(verbosity < 0 ? spdlog::level::err : verbosity == 0 ? spdlog::level::info : spdlog::level::debug);
  spdlog::set_default_logger(logger);
  enable_progress(verbosity >= 0 && ::isatty(STDERR_FILENO) == 1);
}

}  // namespace qda
