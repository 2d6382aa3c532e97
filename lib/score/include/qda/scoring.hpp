// A rubric applied to a triangulation over a selection of its columns: each indicator's level, the
// condition that decided it and its confidence; the roll-up and the verdict band.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qda/rubric.hpp"
#include "qda/triangulation_file.hpp"

namespace qda {

struct ConditionTrace {
  int level = 0;
  bool holds = false;
  std::string test;
};

struct IndicatorScore {
  const Indicator* indicator = nullptr;
  int level = 0;
  std::string decided_by;
  std::string why;                     // the deciding rule's own words, if it has them
  std::vector<ConditionTrace> traces;  // the rules tried, highest level first, up to the deciding one
  std::string confidence;              // high | medium | low
  std::string confidence_because;
  CodeEvidence evidence;               // the indicator's own code
};

struct Scoring {
  std::vector<IndicatorScore> indicators;  // in rubric order
  double score = 0;
  const VerdictBand* band = nullptr;
};

// `columns`: indexes into the triangulation's columns (all of them, one left out, or a bootstrap sample).
// `pairs_of`, when given, gives a code's pair counts over `columns`, known already (as when one
// column is left out: LeaveOneOutPairs); otherwise code_evidence compares the pairs.
Scoring score(const Rubric& rubric, const TriangulationFile& triangulation, const std::vector<std::size_t>& columns,
              const std::function<PairCounts(const std::string& code)>& pairs_of = {});

}  // namespace qda
