// The chunked, ordered, multi-threaded pipeline: items read one after another on the calling thread,
// transformed on worker threads (one Worker object each, so workers keep their own caches), and the
// results handed on in the order the items were read. So a tool's output is the same bytes whatever
// the number of threads, and memory holds at most 2 × threads items in flight.
//
// An exception thrown by a worker is kept with its item's result and rethrown on the calling thread
// when that result's turn comes: the error reported is the first in input order, as with one thread.
// (docs/dependencies.md says why this and not oneTBB's parallel_pipeline.)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace qda {

// Worker: any type with `Result operator()(Item)`.
template <typename Item, typename Result, typename Worker>
class OrderedPipeline {
 public:
  // One worker per thread; with one worker, everything runs on the calling thread.
  explicit OrderedPipeline(std::vector<std::unique_ptr<Worker>> workers) : workers_(std::move(workers)) {
    if (workers_.size() > 1) {
      for (std::size_t i = 0; i < workers_.size(); ++i) threads_.emplace_back([this, i] { work(i); });
    }
  }
  ~OrderedPipeline() { stop(); }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  const std::vector<std::unique_ptr<Worker>>& workers() const { return workers_; }

  // Calls `read(item)` until it returns false, and `write(result)` for each item's result, in order.
  // An exception from read, a worker or write stops the run and propagates.
  void run(const std::function<bool(Item&)>& read, const std::function<void(Result&)>& write) {
    if (threads_.empty()) {
      Item item;
      while (read(item)) {
        Result result = (*workers_.front())(std::move(item));
        write(result);
      }
      return;
    }
    std::size_t next_read = 0, next_write = 0;
    bool more = true;
    Item item;
    while (more || next_write < next_read) {
      while (more && next_read - next_write < 2 * threads_.size()) {
        if (!(more = read(item))) break;
        std::lock_guard lock(mutex_);
        queue_.emplace_back(next_read++, std::move(item));
        changed_.notify_all();
      }
      if (next_write == next_read) continue;
      Done done;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return done_.count(next_write) > 0; });
        done = std::move(done_[next_write]);
        done_.erase(next_write);
      }
      if (done.error) std::rethrow_exception(done.error);
      write(done.result);
      ++next_write;
    }
  }

 private:
  struct Done {
    Result result;
    std::exception_ptr error;
  };

  void work(std::size_t worker) {
    while (true) {
      std::pair<std::size_t, Item> task;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      Done done;
      try {
        done.result = (*workers_[worker])(std::move(task.second));
      } catch (...) {
        done.error = std::current_exception();
      }
      std::lock_guard lock(mutex_);
      done_.emplace(task.first, std::move(done));
      changed_.notify_all();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();
      changed_.notify_all();
    }
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<std::size_t, Item>> queue_;
  std::map<std::size_t, Done> done_;
  bool stopping_ = false;
};

}  // namespace qda
