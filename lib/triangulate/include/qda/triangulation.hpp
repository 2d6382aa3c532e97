// Source triangulation as rules that can be computed (Farmer, Robinson, Elliott & Eyles 2006): what
// one column (a source, or a group of sources) says about a code, how two columns converge, and the
// code's convergence category across all columns. docs/qda-triangulate.md states every rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

// Farmer's categories, plus "not asked": a column that was never asked about a code is not silent.
enum class Convergence { Agreement, PartialAgreement, Dissonance, Silence, NotAsked };
std::string_view convergence_name(Convergence convergence);

// How a topic came up in a column: an interviewer's question before the column first spoke to it,
// the column spoke to it before any question, no question about it, or no way to tell (no
// interviewer turn of the corpus is coded).
enum class Raised { Asked, Unprompted, NotAsked, Unknown };
std::string_view raised_name(Raised raised);

// Which stance a tie goes to. The codebook lists its stances from the most to the least favourable
// (present, partial, absent): cautious takes the later of the tied stances, favourable the earlier.
enum class TieRule { Cautious, Favourable };
std::string_view tie_rule_name(TieRule tie);

struct ConvergenceRules {
  TieRule tie = TieRule::Cautious;
  // Two columns' prominence (the share of their participants' segments coded with the code) agree
  // when the larger is at most this many times the smaller.
  double prominence_ratio = 3.0;
  // Among the pairs of columns that both spoke: at least this share in agreement makes the code's
  // category agreement; else at least dissonance_share in dissonance makes it dissonance; else
  // partial agreement.
  double agreement_share = 0.75;
  double dissonance_share = 0.5;
  // A named item (an acronym or proper name) found in the passages of more than this share of the
  // codes that have passages is background, not a specific example ("Pak", the regency's name).
  double generic_example_share = 0.5;
};

// The index of the stance with the highest count (counts in the codebook's stance order), ties by
// `tie`; nullopt when every count is 0.
std::optional<std::size_t> dominant_stance(const std::vector<std::size_t>& counts, TieRule tie);

// What one column says about one code, as the pairwise comparison needs it.
struct ColumnView {
  bool spoke = false;                  // a participant's segment of the column is coded with the code
  std::optional<std::size_t> stance;   // the column's stance (dominant_stance of its segments' stances)
  double prominence = 0;               // coded participant segments / all its participant segments
  Raised raised = Raised::Unknown;
  std::vector<std::uint32_t> examples; // ids of its specific examples, sorted
};

struct PairConvergence {
  Convergence category = Convergence::Silence;
  bool meaning_agrees = false;                // same stance and prominence within the ratio
  std::vector<std::uint32_t> shared_examples;  // sorted
};

// Farmer's comparison of two columns on a code, at least one of which spoke: meaning (stance and
// prominence) and specific examples both agree: agreement; opposing stances and no example in
// common: dissonance; anything between: partial agreement (the same stance with prominences far
// apart and no shared example is partial agreement, not dissonance). One spoke: silence, or not asked
// when the other was never asked. Without `list_shared`,
// shared_examples stays empty (a corpus of thousands of sources has millions of pairs).
PairConvergence compare_columns(const ColumnView& a, const ColumnView& b, const ConvergenceRules& rules, bool list_shared = true);

struct PairCounts {
  std::size_t agreement = 0, partial_agreement = 0, dissonance = 0, silence = 0, not_asked = 0;
  void add(Convergence category, std::size_t times = 1);
  // These counts less `part`'s, which they include.
  PairCounts without(const PairCounts& part) const;
};

struct CodeConvergence {
  Convergence category = Convergence::Silence;
  std::string decided_by;  // the rule and the figures that decided it, in words
};

// The code's category from its columns: none or one spoke: silence (not asked when no other column
// was asked, or could have been); two or more: the shares of their pairs, by the rules' thresholds.
// `spoke_pairs` counts only the pairs of columns that both spoke.
CodeConvergence code_convergence(std::size_t spoke, std::size_t asked_or_unknown_silent, const PairCounts& spoke_pairs,
                                 const ConvergenceRules& rules);

}  // namespace qda
