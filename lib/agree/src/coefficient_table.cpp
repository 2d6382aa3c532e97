// The coefficient table: each row says which data its coefficient applies to and how it is computed.
#include "qda/coefficient_table.hpp"

#include "qda/strings.hpp"

namespace qda {

namespace {

bool any_data(const ReliabilityData&, Metric) { return true; }
bool two_coders(const ReliabilityData& data, Metric) { return data.coder_count() == 2; }
bool nominal_data(const ReliabilityData&, Metric metric) { return metric == Metric::Nominal; }

std::vector<CoefficientValue> one(AgreementResult result) { return {{std::move(result), std::nullopt}}; }

std::vector<CoefficientValue> percent(const ReliabilityData& data, const CoefficientRequest&) {
  return one(percent_agreement(data));
}

// Unweighted, and with linear and quadratic weights when the categories are ordered and more than nominal.
std::vector<CoefficientValue> cohen(const ReliabilityData& data, const CoefficientRequest& request) {
  std::vector<CoefficientValue> values = one(cohen_kappa(data));
  if (request.metric != Metric::Nominal && data.ordered()) {
    values.push_back({cohen_kappa(data, KappaWeights::Linear), std::nullopt});
    values.push_back({cohen_kappa(data, KappaWeights::Quadratic), std::nullopt});
  }
  return values;
}

std::vector<CoefficientValue> scott(const ReliabilityData& data, const CoefficientRequest&) { return one(scott_pi(data)); }
std::vector<CoefficientValue> fleiss(const ReliabilityData& data, const CoefficientRequest&) { return one(fleiss_kappa(data)); }
std::vector<CoefficientValue> gwet(const ReliabilityData& data, const CoefficientRequest&) { return one(gwet_ac1(data)); }

std::vector<CoefficientValue> alpha(const ReliabilityData& data, const CoefficientRequest& request) {
  if (!request.bootstrap) return one(krippendorff_alpha(data, request.metric));
  AlphaBootstrap bootstrap = bootstrap_alpha(data, request.metric, *request.bootstrap);
  AgreementResult result = bootstrap.alpha;
  return {{std::move(result), std::move(bootstrap)}};
}

}  // namespace

const std::vector<CoefficientRow>& coefficient_table() {
  static const std::vector<CoefficientRow> table = {
      {"percent_agreement", "percent agreement", "Krippendorff (2011), A_o of the coincidence matrix", "any data", any_data,
       percent},
      {"cohen_kappa", "Cohen's kappa", "Cohen (1960); weighted: Cohen (1968), Cicchetti & Allison (1971)",
       "two coders; weighted too for ordered categories beyond nominal", two_coders, cohen},
      {"scott_pi", "Scott's pi", "Scott (1955)", "two coders", two_coders, scott},
      {"fleiss_kappa", "Fleiss' kappa", "Fleiss (1971); missing values: Gwet (2014)", "nominal data", nominal_data, fleiss},
      {"krippendorff_alpha", "Krippendorff's alpha",
       "Krippendorff (2011); bootstrap: Hayes & Krippendorff (2007)", "any data, at its metric", any_data, alpha},
      {"gwet_ac1", "Gwet's AC1", "Gwet (2008); missing values and many coders: Gwet (2014)", "nominal data", nominal_data,
       gwet},
  };
  return table;
}

const CoefficientRow* find_coefficient(std::string_view id) {
  for (const auto& row : coefficient_table()) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

std::vector<CoefficientValue> compute_coefficients(const ReliabilityData& data, const CoefficientRequest& request) {
  std::vector<CoefficientValue> values;
  for (const auto& row : coefficient_table()) {
    if (!row.applies_to(data, request.metric)) continue;
    for (auto& value : row.compute(data, request)) values.push_back(std::move(value));
  }
  return values;
}

std::string coefficient_names() {
  std::vector<std::string> names;
  for (const auto& row : coefficient_table()) names.emplace_back(row.name);
  return join(names);
}

}  // namespace qda
