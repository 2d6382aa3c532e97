// A progress line on stderr for long runs, only where a person watches: stderr is a terminal and -q
// was not given. Never in pipes, files or CI logs, so outputs and logs stay the same bytes.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace qda {

// Turned on by configure_logging() when stderr is a terminal and the tool is not quiet.
void enable_progress(bool enabled);
bool progress_enabled();

// "qda-code: coding segments.csv 42% (90 of 215 MB), 3 s", rewritten in place at most four times a
// second once the run has lasted a second, and erased when the object goes. advance() may be called
// from any thread.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  using Sink = std::function<void(const std::string&)>;  // receives "\r...\x1b[K" or the erasing "\r\x1b[K"

  // `total` 0: unknown (the line shows the amount only). `unit` is "MB" (amounts in bytes) or a noun.
  Progress(std::string what, std::uint64_t total, std::string unit);
  // For tests: an explicit sink and clock, whatever progress_enabled() says.
  Progress(std::string what, std::uint64_t total, std::string unit, Sink sink, std::function<Clock::time_point()> now);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::uint64_t amount);

 private:
  std::string line(std::uint64_t done, Clock::time_point at) const;

  std::string what_, unit_;
  std::uint64_t total_;
  Sink sink_;
  std::function<Clock::time_point()> now_;
  Clock::time_point started_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
  Clock::time_point last_shown_{};
  bool shown_ = false;
};

}  // namespace qda
