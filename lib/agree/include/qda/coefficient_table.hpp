// The agreement coefficients qda-agree reports, one row each: id, name, citation, the data it applies
// to, and the function that computes it. agreement.yaml, its writer and qda-agree --help all read
// this table; adding a coefficient is its function (agreement.hpp), its row, its tests and its doc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/agreement.hpp"
#include "qda/reliability_data.hpp"

namespace qda {

// What a coefficient is asked for besides the data.
struct CoefficientRequest {
  Metric metric = Metric::Nominal;                  // the data's level of measurement
  std::vector<AgreementWeights> weights;           // weighted versions to report too, in this order
  std::optional<AlphaBootstrapOptions> bootstrap;  // a bootstrap interval, for the coefficients that have one
};

// One value of a coefficient (a coefficient may give several: Cohen's kappa unweighted and weighted).
struct CoefficientValue {
  AgreementResult result;
  std::optional<AlphaBootstrap> bootstrap;
};

struct CoefficientRow {
  std::string_view id;        // as agreement.yaml writes it
  std::string_view name;      // for people
  std::string_view citation;  // where its formula is published
  std::string_view applies;   // the data it applies to, in words (for the docs)
  std::string_view variance;  // where its standard error comes from, or "none"
  // Whether it applies to this data at this metric.
  bool (*applies_to)(const ReliabilityData& data, Metric metric);
  std::vector<CoefficientValue> (*compute)(const ReliabilityData& data, const CoefficientRequest& request);
};

// Every coefficient, in the order agreement.yaml lists them.
const std::vector<CoefficientRow>& coefficient_table();
// The row of an id, or null.
const CoefficientRow* find_coefficient(std::string_view id);
// Every coefficient that applies to the data, computed.
std::vector<CoefficientValue> compute_coefficients(const ReliabilityData& data, const CoefficientRequest& request);
// "percent agreement, Cohen's kappa, ...": the names in table order, for --help.
std::string coefficient_names();

}  // namespace qda
