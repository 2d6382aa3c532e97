// qda-merge as a library function: the corpora qda-import made of disjoint sets of sources (shards)
// -> one corpus folder, and the codings.csv qda-code made of each shard -> one codings.csv, each the
// same bytes a single run over all the sources would have written (docs/qda-merge.md, docs/scale.md).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace qda {

struct MergeOptions {
  std::string what;                 // "corpus" or "codings"
  std::vector<std::string> inputs;  // corpus: shard folders (or their corpus.yaml); codings: shards' codings.csv
  std::string corpus;               // codings: the merged corpus.yaml, which orders the sources
  std::string codebook;             // codings: the codebook every shard was coded with
  std::string output;               // corpus: the output folder; codings: the merged codings.csv
};

struct MergeSummary {
  std::size_t shards = 0;
  std::size_t sources = 0;
  std::size_t rows = 0;  // segments (corpus) or codings (codings)
};

// Throws qda::Error on bad input (overlapping sources, shards made with different options, sheets or
// codebooks, a shard given twice), writing nothing.
MergeSummary run_merge(const MergeOptions& options);

// The two merges run_merge chooses between (corpus_merge.cpp, codings_merge.cpp).
MergeSummary merge_corpora(const MergeOptions& options);
MergeSummary merge_codings(const MergeOptions& options);

}  // namespace qda
