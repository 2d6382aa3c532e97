// qda's OrderedPipeline (oneTBB's parallel_pipeline) against the hand-written std::thread pipeline
// it replaced, kept here as the baseline, on qda-code's own work: segments.csv read in 1 MiB chunks on
// one thread, each chunk parsed and coded with a codebook's rules on worker threads (one SegmentCoder
// each), results taken in chunk order. Runs alternate between the two, at -j 1 and -j 2, so the
// machine's drift falls on both alike.
// Usage: pipeline_bench CORPUS.yaml CODEBOOK.yaml [ROUNDS]   (bench/pipeline_bench.sh prepares both)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "qda/codebook.hpp"
#include "qda/corpus.hpp"
#include "qda/ordered_pipeline.hpp"
#include "qda/rules.hpp"
#include "qda/segment_stream.hpp"

namespace {

// The pipeline qda-code ran on until oneTBB replaced it: a queue of items for the worker threads, and
// a map of finished results that the calling thread writes in order.
// Worker: any type with `Result operator()(Item)`.
template <typename Item, typename Result, typename Worker>
class ThreadPipeline {
 public:
  // One worker per thread; with one worker, everything runs on the calling thread.
  explicit ThreadPipeline(std::vector<std::unique_ptr<Worker>> workers) : workers_(std::move(workers)) {
    if (workers_.size() > 1) {
      for (std::size_t i = 0; i < workers_.size(); ++i) threads_.emplace_back([this, i] { work(i); });
    }
  }
  ~ThreadPipeline() { stop(); }
  ThreadPipeline(const ThreadPipeline&) = delete;
  ThreadPipeline& operator=(const ThreadPipeline&) = delete;

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



// What a worker does with a chunk: parse it and code every segment; the result is the codings' count.
struct ChunkWork {
  explicit ChunkWork(const qda::RuleIndex& index, std::string file) : coder(index), file_name(std::move(file)) {}
  std::size_t operator()(qda::SegmentChunk chunk) {
    qda::parse_segment_chunk(chunk, file_name, rows);
    std::size_t count = 0;
    for (const auto& row : rows) {
      codings.clear();
      coder.code({row.text, row.speaker, row.interviewer, "id"}, codings);
      count += codings.size();
    }
    return count;
  }
  qda::SegmentCoder coder;
  std::string file_name;
  std::vector<qda::SegmentRow> rows;
  std::vector<qda::AutoCoding> codings;
};

std::size_t with_ordered_pipeline(const qda::CorpusInfo& corpus, const qda::RuleIndex& index, unsigned jobs) {
  qda::SegmentChunkReader reader(corpus.segments_path);
  std::vector<std::unique_ptr<ChunkWork>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<ChunkWork>(index, reader.file_name()));
  qda::OrderedPipeline<qda::SegmentChunk, std::size_t, ChunkWork> pipeline(std::move(workers));
  std::size_t total = 0;
  pipeline.run([&](qda::SegmentChunk& chunk) { return reader.next(chunk); }, [&](std::size_t& count) { total += count; });
  return total;
}

std::size_t with_threads(const qda::CorpusInfo& corpus, const qda::RuleIndex& index, unsigned jobs) {
  qda::SegmentChunkReader reader(corpus.segments_path);
  std::vector<std::unique_ptr<ChunkWork>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<ChunkWork>(index, reader.file_name()));
  ThreadPipeline<qda::SegmentChunk, std::size_t, ChunkWork> pipeline(std::move(workers));
  std::size_t total = 0;
  pipeline.run([&](qda::SegmentChunk& chunk) { return reader.next(chunk); }, [&](std::size_t& count) { total += count; });
  return total;
}

double seconds_of(const std::function<std::size_t()>& run, std::size_t& result) {
  const auto start = std::chrono::steady_clock::now();
  result = run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: pipeline_bench CORPUS.yaml CODEBOOK.yaml [ROUNDS]\n");
    return 2;
  }
  const qda::CorpusInfo corpus = qda::read_corpus(argv[1]);
  const qda::Codebook codebook = qda::load_codebook(argv[2]);
  const qda::RuleIndex index(codebook);
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 5;
  std::printf("%-8s %4s %9s %9s   (%d alternating rounds)\n", "pipeline", "-j", "best s", "median s", rounds);
  for (const unsigned jobs : {1u, 2u}) {
    std::vector<double> ours, theirs;
    std::size_t a = 0, b = 0;
    for (int round = 0; round < rounds; ++round) {
      ours.push_back(seconds_of([&] { return with_ordered_pipeline(corpus, index, jobs); }, a));
      theirs.push_back(seconds_of([&] { return with_threads(corpus, index, jobs); }, b));
      if (a != b) {
        std::fprintf(stderr, "pipeline_bench: the two pipelines found %zu and %zu codings\n", a, b);
        return 1;
      }
    }
    std::printf("%-8s %4u %9.3f %9.3f\n", "oneTBB", jobs, *std::min_element(ours.begin(), ours.end()), median(ours));
    std::printf("%-8s %4u %9.3f %9.3f\n", "threads", jobs, *std::min_element(theirs.begin(), theirs.end()), median(theirs));
  }
  return 0;
}
