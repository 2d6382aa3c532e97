// The rules of source triangulation: a column's stance, the pairwise comparison, the code's category.
#include "qda/triangulation.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace qda {

std::string_view convergence_name(Convergence convergence) {
  switch (convergence) {
    case Convergence::Agreement: return "agreement";
    case Convergence::PartialAgreement: return "partial_agreement";
    case Convergence::Dissonance: return "dissonance";
    case Convergence::Silence: return "silence";
    case Convergence::NotAsked: return "not_asked";
  }
  return "silence";
}

std::string_view raised_name(Raised raised) {
  switch (raised) {
    case Raised::Asked: return "asked";
    case Raised::Unprompted: return "unprompted";
    case Raised::NotAsked: return "not_asked";
    case Raised::Unknown: return "unknown";
  }
  return "unknown";
}

std::string_view tie_rule_name(TieRule tie) { return tie == TieRule::Cautious ? "cautious" : "favourable"; }

std::optional<std::size_t> dominant_stance(const std::vector<std::size_t>& counts, TieRule tie) {
  std::optional<std::size_t> best;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    if (counts[k] == 0) continue;
    // Stances come in the codebook's order, most favourable first: a later stance wins a tie when cautious.
    if (!best || counts[k] > counts[*best] || (counts[k] == counts[*best] && tie == TieRule::Cautious)) best = k;
  }
  return best;
}

PairConvergence compare_columns(const ColumnView& a, const ColumnView& b, const ConvergenceRules& rules, bool list_shared) {
  PairConvergence pair;
  if (!a.spoke || !b.spoke) {
    const ColumnView& other = a.spoke ? b : a;
    pair.category = other.raised == Raised::NotAsked ? Convergence::NotAsked : Convergence::Silence;
    return pair;
  }
  const double low = std::min(a.prominence, b.prominence), high = std::max(a.prominence, b.prominence);
  pair.meaning_agrees = a.stance == b.stance && high <= low * rules.prominence_ratio;
  bool examples_agree = false;
  if (list_shared) {
    std::set_intersection(a.examples.begin(), a.examples.end(), b.examples.begin(), b.examples.end(),
                          std::back_inserter(pair.shared_examples));
    examples_agree = !pair.shared_examples.empty();
  } else {
    for (auto x = a.examples.begin(), y = b.examples.begin(); x != a.examples.end() && y != b.examples.end() && !examples_agree;) {
      if (*x < *y) ++x;
      else if (*y < *x) ++y;
      else examples_agree = true;
    }
  }
  // Dissonance is opposing stances with nothing named in common; the same stance, however differently
  // prominent, is never dissonant.
  pair.category = pair.meaning_agrees && examples_agree        ? Convergence::Agreement
                  : a.stance != b.stance && !examples_agree ? Convergence::Dissonance
                                                            : Convergence::PartialAgreement;
  return pair;
}

void PairCounts::add(Convergence category, std::size_t times) {
  switch (category) {
    case Convergence::Agreement: agreement += times; break;
    case Convergence::PartialAgreement: partial_agreement += times; break;
    case Convergence::Dissonance: dissonance += times; break;
    case Convergence::Silence: silence += times; break;
    case Convergence::NotAsked: not_asked += times; break;
  }
}

PairCounts PairCounts::without(const PairCounts& part) const {
  return {agreement - part.agreement, partial_agreement - part.partial_agreement, dissonance - part.dissonance,
          silence - part.silence, not_asked - part.not_asked};
}

CodeConvergence code_convergence(std::size_t spoke, std::size_t asked_or_unknown_silent, const PairCounts& spoke_pairs,
                                 const ConvergenceRules& rules) {
  // The pairs compared (a column drawn twice in a bootstrap sample is not paired with itself).
  const std::size_t pairs = spoke_pairs.agreement + spoke_pairs.partial_agreement + spoke_pairs.dissonance;
  if (spoke < 2 || pairs == 0) {
    spoke = std::min<std::size_t>(spoke, 1);
    const bool asked = asked_or_unknown_silent > 0;
    const Convergence category = asked ? Convergence::Silence : Convergence::NotAsked;
    if (spoke == 0) {
      return {category, asked ? fmt::format("no column spoke to it; {} {} asked or could have been", asked_or_unknown_silent,
                                            asked_or_unknown_silent == 1 ? "was" : "were")
                              : "no column spoke to it and none was asked"};
    }
    return {category, asked ? fmt::format("one column spoke to it; {} other{} silent", asked_or_unknown_silent,
                                          asked_or_unknown_silent == 1 ? " was" : "s were")
                            : "one column spoke to it; no other was asked"};
  }
  const double agreeing = static_cast<double>(spoke_pairs.agreement) / static_cast<double>(pairs);
  const double dissonant = static_cast<double>(spoke_pairs.dissonance) / static_cast<double>(pairs);
  const std::string counts = fmt::format("{} pairs of the {} columns that spoke: {} agreement, {} partial agreement, {} dissonance",
                                         pairs, spoke, spoke_pairs.agreement, spoke_pairs.partial_agreement, spoke_pairs.dissonance);
  if (agreeing >= rules.agreement_share) {
    return {Convergence::Agreement, fmt::format("{} (agreement share {:.3f} >= {:.3f})", counts, agreeing, rules.agreement_share)};
  }
  if (dissonant >= rules.dissonance_share) {
    return {Convergence::Dissonance, fmt::format("{} (dissonance share {:.3f} >= {:.3f})", counts, dissonant, rules.dissonance_share)};
  }
  return {Convergence::PartialAgreement, fmt::format("{} (agreement share {:.3f} < {:.3f}, dissonance share {:.3f} < {:.3f})", counts,
                                                     agreeing, rules.agreement_share, dissonant, rules.dissonance_share)};
}

}  // namespace qda
