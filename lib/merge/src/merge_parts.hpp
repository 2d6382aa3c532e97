// The two merges qda-merge does, each a file of its own.
#pragma once

#include "qda/merge_run.hpp"

namespace qda {

MergeSummary merge_corpora(const MergeOptions& options);
MergeSummary merge_codings(const MergeOptions& options);

}  // namespace qda
