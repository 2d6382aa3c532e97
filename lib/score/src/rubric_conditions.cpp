// Each kind of condition against a code's evidence, its figures written out.
#include "qda/rubric_conditions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "qda/strings.hpp"

namespace qda {

namespace {

std::string number(double value) {
  // Shares with three decimals; counts as whole numbers.
  return value == static_cast<double>(static_cast<long long>(value)) ? fmt::format("{}", static_cast<long long>(value))
                                                                      : fmt::format("{:.3f}", value);
}

// "x >= 0.6 and <= 0.8" for the bounds, and whether the value is within them.
std::pair<bool, std::string> within(double value, const Condition& condition) {
  bool holds = true;
  std::vector<std::string> parts;
  if (condition.at_least) {
    holds = holds && value >= *condition.at_least - 1e-12;
    parts.push_back(">= " + number(*condition.at_least));
  }
  if (condition.at_most) {
    holds = holds && value <= *condition.at_most + 1e-12;
    parts.push_back("<= " + number(*condition.at_most));
  }
  return {holds, fmt::format("{} {}", number(value), join(parts, " and "))};
}

std::string stance_list(const std::vector<std::size_t>& stances, const TriangulationFile& triangulation) {
  std::vector<std::string> names;
  for (const std::size_t stance : stances) names.push_back(triangulation.stances[stance]);
  return join(names, "|");
}

std::string of_code(const Condition& condition) { return condition.code.empty() ? "" : "[" + condition.code + "] "; }

}  // namespace

ConditionResult evaluate(const Condition& condition, const std::string& indicator, const EvidenceOf& evidence_of,
                         const TriangulationFile& triangulation) {
  const std::string& code = condition.code.empty() ? indicator : condition.code;
  const auto evidence = [&]() -> const CodeEvidence& { return evidence_of(code); };
  switch (condition.kind) {
    case Condition::Kind::Always:
      return {true, "always"};
    case Condition::Kind::All:
    case Condition::Kind::Any: {
      const bool all = condition.kind == Condition::Kind::All;
      bool holds = all;
      std::vector<std::string> tests;
      for (const auto& child : condition.children) {
        const ConditionResult result = evaluate(child, indicator, evidence_of, triangulation);
        holds = all ? holds && result.holds : holds || result.holds;
        tests.push_back(result.test);
      }
      return {holds, fmt::format("{} of [{}]", all ? "all" : "any", join(tests, "; "))};
    }
    case Condition::Kind::Not: {
      const ConditionResult inner = evaluate(condition.children.front(), indicator, evidence_of, triangulation);
      return {!inner.holds, fmt::format("not ({})", inner.test)};
    }
    case Condition::Kind::Stance: {
      const auto& stance = evidence().stance;
      const bool holds = stance && std::find(condition.stances.begin(), condition.stances.end(), *stance) != condition.stances.end();
      return {holds, fmt::format("{}stance {} in {{{}}}: {}", of_code(condition), stance ? triangulation.stances[*stance] : "none",
                                 stance_list(condition.stances, triangulation), holds ? "holds" : "fails")};
    }
    case Condition::Kind::StanceShare: {
      double share = 0;
      for (const std::size_t stance : condition.stances) share += evidence().stance_shares[stance];
      const auto [holds, text] = within(share, condition);
      return {holds, fmt::format("{}stance_share of {} = {}: {}", of_code(condition), stance_list(condition.stances, triangulation),
                                 text, holds ? "holds" : "fails")};
    }
    case Condition::Kind::Category: {
      const Convergence category = evidence().convergence.category;
      const bool holds = std::find(condition.categories.begin(), condition.categories.end(), category) != condition.categories.end();
      std::vector<std::string> names;
      for (const Convergence c : condition.categories) names.emplace_back(convergence_name(c));
      return {holds, fmt::format("{}category {} in {{{}}}: {}", of_code(condition), convergence_name(category), join(names, "|"),
                                 holds ? "holds" : "fails")};
    }
    case Condition::Kind::Spoke: {
      const auto [holds, text] = within(static_cast<double>(evidence().spoke), condition);
      return {holds, fmt::format("{}columns that spoke = {}: {}", of_code(condition), text, holds ? "holds" : "fails")};
    }
    case Condition::Kind::Sources: {
      // Sources (or distinct values of an attribute) holding any of the stances; a source holds one stance per code.
      double count = 0;
      for (const std::size_t stance : condition.stances) {
        if (condition.attribute.empty()) {
          count += static_cast<double>(evidence().sources_holding[stance]);
        } else {
          const auto& values = evidence().attribute_values_holding[stance];
          const auto found = values.find(condition.attribute);
          count += found == values.end() ? 0.0 : static_cast<double>(found->second);
        }
      }
      const auto [holds, text] = within(count, condition);
      return {holds, fmt::format("{}{} holding {} = {}: {}", of_code(condition),
                                 condition.attribute.empty() ? "sources" : "distinct " + condition.attribute + " values",
                                 stance_list(condition.stances, triangulation), text, holds ? "holds" : "fails")};
    }
    case Condition::Kind::SingleSource: {
      const bool holds = evidence().single_source == condition.is;
      return {holds, fmt::format("{}single_source is {}: {}", of_code(condition), evidence().single_source ? "true" : "false",
                                 holds ? "holds" : "fails")};
    }
  }
  return {false, "unknown condition"};
}

}  // namespace qda
