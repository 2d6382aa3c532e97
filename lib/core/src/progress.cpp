#include "qda/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace qda {

namespace {

std::atomic<bool> progress_on{false};

constexpr auto kQuietStart = std::chrono::seconds(1);
constexpr auto kInterval = std::chrono::milliseconds(250);

void write_to_stderr(const std::string& text) {
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t got = ::write(STDERR_FILENO, text.data() + written, text.size() - written);
    if (got <= 0) return;  // a progress line is not worth an error
    written += static_cast<std::size_t>(got);
  }
}

std::string amount(std::uint64_t value, const std::string& unit) {
  return unit == "MB" ? fmt::format("{:.0f}", static_cast<double>(value) / 1e6) : std::to_string(value);
}

}  // namespace

void enable_progress(bool enabled) { progress_on = enabled; }
bool progress_enabled() { return progress_on; }

Progress::Progress(std::string what, std::uint64_t total, std::string unit)
    : Progress(std::move(what), total, std::move(unit), progress_enabled() ? Sink(write_to_stderr) : Sink(), Clock::now) {}

Progress::Progress(std::string what, std::uint64_t total, std::string unit, Sink sink, std::function<Clock::time_point()> now)
    : what_(std::move(what)), unit_(std::move(unit)), total_(total), sink_(std::move(sink)), now_(std::move(now)), started_(now_()) {}

Progress::~Progress() {
  if (shown_) sink_("\r\x1b[K");
}

void Progress::advance(std::uint64_t amount_done) {
  const std::uint64_t done = done_ += amount_done;
  if (!sink_) return;
  const Clock::time_point at = now_();
  if (at - started_ < kQuietStart) return;
  const std::unique_lock lock(mutex_, std::try_to_lock);  // a thread that finds it busy skips this update
  if (!lock.owns_lock() || (shown_ && at - last_shown_ < kInterval)) return;
  last_shown_ = at;
  shown_ = true;
  sink_(line(done, at));
}

std::string Progress::line(std::uint64_t done, Clock::time_point at) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at - started_).count();
  if (total_ == 0) return fmt::format("\r{} {} {}, {} s\x1b[K", what_, amount(done, unit_), unit_, seconds);
  const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
  return fmt::format("\r{} {:.0f}% ({} of {} {}), {} s\x1b[K", what_, share * 100, amount(done, unit_), amount(total_, unit_), unit_,
                     seconds);
}

}  // namespace qda
