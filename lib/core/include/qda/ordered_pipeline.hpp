// The chunked, ordered, multi-threaded pipeline: items read one after another, transformed on worker
// threads (each transform by one of the caller's Worker objects, so workers keep their own caches),
// and the results handed on in the order the items were read. So a tool's output is the same bytes
// whatever the number of threads, and memory holds at most 2 × threads items in flight.
//
// Built on oneTBB's parallel_pipeline, in an arena of as many threads as workers (docs/dependencies.md
// has the benchmark against the hand-written pipeline it replaced). An exception thrown by a worker is
// kept with its item's result and rethrown when that result's turn comes, so the error reported is the
// first in input order, as with one thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

namespace qda {

// Worker: any type with `Result operator()(Item)`.
template <typename Item, typename Result, typename Worker>
class OrderedPipeline {
 public:
  // One worker per thread; with one worker, everything runs on one thread.
  explicit OrderedPipeline(std::vector<std::unique_ptr<Worker>> workers) : workers_(std::move(workers)) {
    for (std::size_t i = workers_.size(); i > 0; --i) idle_.push_back(i - 1);
  }

  const std::vector<std::unique_ptr<Worker>>& workers() const { return workers_; }

  // Calls `read(item)` until it returns false, and `write(result)` for each item's result, in order.
  // An exception from read, a worker or write stops the run and propagates.
  void run(const std::function<bool(Item&)>& read, const std::function<void(Result&)>& write) {
    struct Done {
      std::optional<Result> result;
      std::exception_ptr error;
    };
    // No exception crosses oneTBB: a cancelled pipeline does not destroy the items in flight. The
    // first error in input order stops the reading; the items already read drain, unwritten.
    std::atomic<bool> stop_reading = false, written_error = false;
    std::exception_ptr read_error, first_error;
    const auto reader = [&](tbb::flow_control& control) {
      auto item = std::make_shared<Item>();
      try {
        if (stop_reading || !read(*item)) control.stop();
      } catch (...) {
        read_error = std::current_exception();
        stop_reading = true;
        control.stop();
      }
      return item;
    };
    const auto transformer = [&](const std::shared_ptr<Item>& item) {
      auto done = std::make_shared<Done>();
      if (written_error) return done;  // later than the error reported: not worth the work
      const std::size_t worker = borrow();
      try {
        done->result.emplace((*workers_[worker])(std::move(*item)));
      } catch (...) {
        done->error = std::current_exception();
      }
      give_back(worker);
      return done;
    };
    const auto writer = [&](const std::shared_ptr<Done>& done) {
      if (first_error) return;
      try {
        if (done->error) std::rethrow_exception(done->error);
        if (done->result) write(*done->result);
      } catch (...) {
        first_error = std::current_exception();
        written_error = true;
        stop_reading = true;
      }
    };
    // As many threads as workers, even beyond the machine's cores (oneTBB would otherwise cap the
    // arena at the cores and say so on stderr).
    const tbb::global_control threads(tbb::global_control::max_allowed_parallelism, workers_.size());
    tbb::task_arena arena(static_cast<int>(workers_.size()));
    arena.execute([&] {
      tbb::parallel_pipeline(2 * workers_.size(),
                             tbb::make_filter<void, std::shared_ptr<Item>>(tbb::filter_mode::serial_in_order, reader) &
                                 tbb::make_filter<std::shared_ptr<Item>, std::shared_ptr<Done>>(tbb::filter_mode::parallel,
                                                                                              transformer) &
                                 tbb::make_filter<std::shared_ptr<Done>, void>(tbb::filter_mode::serial_in_order, writer));
    });
    // An error of an item comes before the failure to read a later one.
    if (first_error) std::rethrow_exception(first_error);
    if (read_error) std::rethrow_exception(read_error);
  }

 private:
  // The arena runs at most as many transforms at once as there are workers, so one is always idle.
  std::size_t borrow() {
    std::lock_guard lock(mutex_);
    const std::size_t worker = idle_.back();
    idle_.pop_back();
    return worker;
  }
  void give_back(std::size_t worker) {
    std::lock_guard lock(mutex_);
    idle_.push_back(worker);
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex mutex_;
  std::vector<std::size_t> idle_;
};

}  // namespace qda
