// qda-code --lint (docs/qda-code.md#--lint): what the codebook does on the corpus that its author should
// look at. Rules that match nothing, terms that two codes claim, codes nothing codes, and, for every
// stemmed term and wildcard, the distinct words it matched, with those that look like other words
// flagged.
#pragma once

#include <cstddef>
#include <ostream>
#include <set>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/rules.hpp"

namespace qda {

// What the run found, summed over its threads.
struct LintFacts {
  std::vector<std::size_t> rule_hits;                  // by rule index; empty when the rules did not run
  std::vector<SegmentCoder::WordCounts> matched_words;  // by pattern number in the index; empty likewise
  std::set<std::size_t> manually_coded;                // codes some manual coding uses
};

// `index` is null when the rules did not run (--no-auto).
void print_lint(std::ostream& out, const Codebook& codebook, const RuleIndex* index, const LintFacts& facts);

}  // namespace qda
