// qda-merge: which of the two merges to run.
#include "qda/merge_run.hpp"

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

MergeSummary run_merge(const MergeOptions& options) {
  if (options.inputs.empty()) throw usage_error("no shards given; expected the shards to merge");
  if (options.what == "corpus") return merge_corpora(options);
  if (options.what == "codings") return merge_codings(options);
  throw usage_error(fmt::format("what to merge must be corpus or codings, not '{}'", options.what));
}

}  // namespace qda
