// Levels by the first rule that holds, highest first; confidence from corroboration and convergence;
// the roll-up of the levels and the band it falls in.
#include "qda/scoring.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "qda/rubric_conditions.hpp"

namespace qda {

namespace {

bool meets(const ConfidenceRule& rule, const CodeEvidence& evidence) {
  const std::size_t holding = evidence.stance ? evidence.sources_holding[*evidence.stance] : 0;
  const bool category = rule.categories.empty() ||
                        std::find(rule.categories.begin(), rule.categories.end(), evidence.convergence.category) != rule.categories.end();
  return holding >= rule.sources_at_least && category;
}

double rollup(const Rubric& rubric, const std::vector<IndicatorScore>& indicators) {
  if (rubric.rollup == "minimum") {
    int lowest = indicators.front().level;
    for (const auto& indicator : indicators) lowest = std::min(lowest, indicator.level);
    return lowest;
  }
  if (rubric.rollup == "median") {
    std::vector<int> levels;
    for (const auto& indicator : indicators) levels.push_back(indicator.level);
    std::sort(levels.begin(), levels.end());
    const std::size_t n = levels.size();
    return n % 2 ? levels[n / 2] : (levels[n / 2 - 1] + levels[n / 2]) / 2.0;
  }
  double weighted = 0, weights = 0;
  for (const auto& indicator : indicators) {
    weighted += indicator.indicator->weight * indicator.level;
    weights += indicator.indicator->weight;
  }
  return weighted / weights;
}

}  // namespace

Scoring score(const Rubric& rubric, const TriangulationFile& triangulation, const std::vector<std::size_t>& columns,
              const std::function<PairCounts(const std::string& code)>& pairs_of) {
  std::map<std::string, CodeEvidence> cache;
  const EvidenceOf evidence_of = [&](const std::string& code) -> const CodeEvidence& {
    auto found = cache.find(code);
    if (found == cache.end()) {
      std::optional<PairCounts> pairs;
      if (pairs_of) pairs = pairs_of(code);
      found = cache.emplace(code, code_evidence(triangulation, *triangulation.find(code), columns, pairs ? &*pairs : nullptr)).first;
    }
    return found->second;
  };
  Scoring scoring;
  for (const Indicator& indicator : rubric.indicators) {
    IndicatorScore result;
    result.indicator = &indicator;
    result.level = indicator.otherwise;
    result.decided_by = fmt::format("no rule held: level {} ({}) otherwise", indicator.otherwise, rubric.level(indicator.otherwise).name);
    for (const LevelRule& rule : indicator.levels) {
      const ConditionResult outcome = evaluate(rule.when, indicator.code, evidence_of, triangulation);
      result.traces.push_back({rule.level, outcome.holds, outcome.test});
      if (!outcome.holds) continue;
      result.level = rule.level;
      result.why = rule.why;
      result.decided_by = fmt::format("level {} ({}): {}", rule.level, rubric.level(rule.level).name, outcome.test);
      break;
    }
    result.evidence = evidence_of(indicator.code);
    const CodeEvidence& evidence = result.evidence;
    const std::size_t holding = evidence.stance ? evidence.sources_holding[*evidence.stance] : 0;
    const std::string figures = fmt::format("{} source{} hold{} its stance{}; category {}", holding, holding == 1 ? "" : "s",
                                            holding == 1 ? "s" : "", evidence.stance ? " (" + triangulation.stances[*evidence.stance] + ")" : "",
                                            convergence_name(evidence.convergence.category));
    result.confidence = meets(rubric.high, evidence) ? "high" : meets(rubric.medium, evidence) ? "medium" : "low";
    result.confidence_because = figures;
    scoring.indicators.push_back(std::move(result));
  }
  scoring.score = rollup(rubric, scoring.indicators);
  scoring.band = &rubric.band_of(scoring.score);
  return scoring;
}

}  // namespace qda
