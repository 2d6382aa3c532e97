// OrderedPipeline: results in input order whatever the threads, each worker its own state, and the
// first error in input order reported.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "qda/ordered_pipeline.hpp"

namespace qda {

namespace {
// Squares numbers, slowly for some so that later items overtake earlier ones; throws on `fail_on`.
struct Squarer {
  int fail_on = -1;
  int calls = 0;  // this worker's own
  long operator()(int item) {
    ++calls;
    if (item % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (fail_on >= 0 && (item == fail_on || item == fail_on + 3)) throw std::runtime_error("item " + std::to_string(item));
    return static_cast<long>(item) * item;
  }
};

std::vector<std::unique_ptr<Squarer>> workers(std::size_t count, int fail_on = -1) {
  std::vector<std::unique_ptr<Squarer>> made;
  for (std::size_t i = 0; i < count; ++i) made.push_back(std::make_unique<Squarer>(Squarer{fail_on}));
  return made;
}

std::vector<long> run(OrderedPipeline<int, long, Squarer>& pipeline, int items) {
  int next = 0;
  std::vector<long> written;
  pipeline.run([&](int& item) { return next < items ? (item = next++, true) : false; },
               [&](long& result) { written.push_back(result); });
  return written;
}
}  // namespace

TEST(OrderedPipeline, ResultsComeInInputOrderWhateverTheThreads) {
  std::vector<long> expected;
  for (long i = 0; i < 500; ++i) expected.push_back(i * i);
  for (const std::size_t threads : {1u, 2u, 5u}) {
    OrderedPipeline<int, long, Squarer> pipeline(workers(threads));
    EXPECT_EQ(run(pipeline, 500), expected) << threads << " threads";
    int calls = 0;
    for (const auto& worker : pipeline.workers()) calls += worker->calls;
    EXPECT_EQ(calls, 500);
  }
}

TEST(OrderedPipeline, TheFirstErrorInInputOrderIsReported) {
  for (const std::size_t threads : {1u, 4u}) {
    OrderedPipeline<int, long, Squarer> pipeline(workers(threads, 100));
    try {
      run(pipeline, 400);
      FAIL() << "no error";
    } catch (const std::runtime_error& error) {
      EXPECT_EQ(std::string(error.what()), "item 100") << threads << " threads";
    }
  }
}

TEST(OrderedPipeline, AnItemsErrorComesBeforeTheFailureToReadALaterOne) {
  for (const std::size_t threads : {1u, 3u}) {
    OrderedPipeline<int, long, Squarer> pipeline(workers(threads, 48));
    int next = 0;
    try {
      pipeline.run(
          [&](int& item) {
            if (next == 50) throw std::runtime_error("unreadable");
            item = next++;
            return true;
          },
          [](long&) {});
      FAIL() << "no error";
    } catch (const std::runtime_error& error) {
      EXPECT_EQ(std::string(error.what()), "item 48") << threads << " threads";
    }
  }
}

TEST(OrderedPipeline, AnErrorWhileWritingStopsTheRun) {
  OrderedPipeline<int, long, Squarer> pipeline(workers(3));
  int next = 0, written = 0;
  EXPECT_THROW(pipeline.run([&](int& item) { return next < 1000 ? (item = next++, true) : false; },
                            [&](long&) {
                              if (++written == 10) throw std::runtime_error("disk full");
                            }),
               std::runtime_error);
  EXPECT_LE(next, 10 + 2 * 3);  // no more than the items in flight were read past the failure
}

}  // namespace qda
