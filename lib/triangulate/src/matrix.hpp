// The convergence coding matrix of one selection of codings, worked out from the tally: per code, its
// cells, its pairs and their categories, the code's category, Sugiyono's sort and corroboration.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "qda/triangulation.hpp"
#include "tally.hpp"

namespace qda::triangulate {

struct CellResult {
  std::size_t column = 0;
  const Cell* cell = nullptr;
  ColumnView view;
  std::vector<std::string> examples;  // displayed, the most often named first
  const Passage* passage = nullptr;   // for the cell's stance
};

struct PairResult {
  std::size_t a = 0, b = 0;  // columns
  PairConvergence convergence;
};

struct Corroboration {
  std::size_t stance = 0;
  std::size_t columns = 0;
  std::size_t sources = 0;
  std::vector<std::pair<std::string, std::size_t>> attributes;  // distinct values of each counted attribute
};

struct CodeResult {
  std::size_t code = 0;
  CodeConvergence verdict;
  std::optional<std::size_t> stance;  // the stance most columns that spoke hold
  bool single_source = false;
  std::vector<std::size_t> spoke, silent, not_asked;
  std::vector<double> stance_shares;  // over the columns that spoke, in stance order
  std::vector<std::size_t> same, differ, specific;
  std::vector<Corroboration> corroboration;
  PairCounts pairs;
  std::vector<CellResult> cells;        // every column
  std::vector<PairResult> pair_list;    // every pair with a column that spoke, when kept
};

struct MatrixSettings {
  ConvergenceRules rules;
  std::vector<std::string> corroborate;  // attributes whose distinct values are counted per stance
  bool keep_pairs = false;               // fill CodeResult::pair_list
  std::size_t max_examples = 10;         // per cell: those named in most of its segments
};

// Which examples are background: named items found in the passages of more than `share` of the topics
// that have passages, a topic being a codable code with its codable descendants (worked out on the
// main selection, then used for every selection).
std::vector<bool> background_examples(const Tally& tally, const Selection& selection, const Codebook& codebook, double share);

CodeResult code_result(const Tally& tally, const Selection& selection, std::size_t code, const std::vector<bool>& background,
                       const CorpusInfo& corpus, const MatrixSettings& settings);

}  // namespace qda::triangulate
