// The coefficient table: each row says which data its coefficient applies to and how it is computed.
#include "qda/coefficient_table.hpp"

#include <cmath>

#include "qda/strings.hpp"

namespace qda {

namespace {

bool any_data(const ReliabilityData&, Metric) { return true; }
bool two_coders(const ReliabilityData& data, Metric) { return data.coder_count() == 2; }
bool three_or_more_coders(const ReliabilityData& data, Metric) { return data.coder_count() >= 3; }
bool nominal_data(const ReliabilityData&, Metric metric) { return metric == Metric::Nominal; }
bool weighted(const ReliabilityData&, Metric) { return true; }  // listed only when weights are asked for

std::vector<CoefficientValue> one(AgreementResult result) { return {{std::move(result), std::nullopt}}; }

// The unweighted value, then one per weights asked for.
template <class Compute>
std::vector<CoefficientValue> with_weights(const ReliabilityData& data, const CoefficientRequest& request, Compute compute) {
  std::vector<CoefficientValue> values = one(compute(data, AgreementWeights()));
  for (const auto& weights : request.weights) values.push_back({compute(data, weights), std::nullopt});
  return values;
}

std::vector<CoefficientValue> percent(const ReliabilityData& data, const CoefficientRequest&) {
  return one(percent_agreement(data));
}

std::vector<CoefficientValue> cohen(const ReliabilityData& data, const CoefficientRequest& request) {
  return with_weights(data, request, [](const ReliabilityData& d, const AgreementWeights& w) { return cohen_kappa(d, w); });
}

std::vector<CoefficientValue> scott(const ReliabilityData& data, const CoefficientRequest& request) {
  return with_weights(data, request, [](const ReliabilityData& d, const AgreementWeights& w) { return scott_pi(d, w); });
}

std::vector<CoefficientValue> fleiss(const ReliabilityData& data, const CoefficientRequest& request) {
  return with_weights(data, request, [](const ReliabilityData& d, const AgreementWeights& w) { return fleiss_kappa(d, w); });
}

std::vector<CoefficientValue> fleiss_categories(const ReliabilityData& data, const CoefficientRequest&) {
  std::vector<CoefficientValue> values;
  for (auto& result : fleiss_category_kappas(data)) values.push_back({std::move(result), std::nullopt});
  return values;
}

std::vector<CoefficientValue> conger(const ReliabilityData& data, const CoefficientRequest& request) {
  return with_weights(data, request, [](const ReliabilityData& d, const AgreementWeights& w) { return conger_kappa(d, w); });
}

std::vector<CoefficientValue> light(const ReliabilityData& data, const CoefficientRequest&) { return one(light_kappa(data)); }

std::vector<CoefficientValue> brennan(const ReliabilityData& data, const CoefficientRequest& request) {
  return with_weights(data, request,
                      [](const ReliabilityData& d, const AgreementWeights& w) { return brennan_prediger(d, w); });
}

std::vector<CoefficientValue> alpha(const ReliabilityData& data, const CoefficientRequest& request) {
  if (!request.bootstrap) return one(krippendorff_alpha(data, request.metric));
  AlphaBootstrap bootstrap = bootstrap_alpha(data, request.metric, *request.bootstrap);
  AgreementResult result = bootstrap.alpha;
  return {{std::move(result), std::move(bootstrap)}};
}

std::vector<CoefficientValue> ac1(const ReliabilityData& data, const CoefficientRequest&) { return one(gwet_ac1(data)); }

std::vector<CoefficientValue> ac2(const ReliabilityData& data, const CoefficientRequest& request) {
  std::vector<CoefficientValue> values;
  for (const auto& weights : request.weights) values.push_back({gwet_ac2(data, weights), std::nullopt});
  return values;
}

}  // namespace

const std::vector<CoefficientRow>& coefficient_table() {
  static const std::vector<CoefficientRow> table = {
      {"percent_agreement", "percent agreement", "Krippendorff (2011), A_o of the coincidence matrix", "any data",
       "none", any_data, percent},
      {"cohen_kappa", "Cohen's kappa", "Cohen (1960); weighted: Cohen (1968), Gwet (2014, ch. 3)",
       "two coders; weighted too with weights", "Gwet (2014), two raters", two_coders, cohen},
      {"scott_pi", "Scott's pi", "Scott (1955); weighted: Gwet (2014, ch. 3)", "two coders; weighted too with weights",
       "Gwet (2014), two raters", two_coders, scott},
      {"fleiss_kappa", "Fleiss' kappa", "Fleiss (1971); missing values and weights: Gwet (2014)",
       "any data; weighted too with weights", "Gwet (2008, 2014)", any_data, fleiss},
      {"fleiss_category_kappa", "Fleiss' kappa per category", "Fleiss (1971), each category against the others",
       "nominal data, one per category", "none", nominal_data, fleiss_categories},
      {"conger_kappa", "Conger's kappa", "Conger (1980); missing values and weights: Gwet (2014)",
       "any data; weighted too with weights", "Gwet (2014)", any_data, conger},
      {"light_kappa", "Light's kappa", "Light (1971), the mean of Cohen's kappa over pairs of coders",
       "three or more coders", "none", three_or_more_coders, light},
      {"brennan_prediger", "Brennan-Prediger coefficient",
       "Brennan & Prediger (1981); Bennett et al. (1954) S; Randolph (2005) free-marginal kappa",
       "any data; weighted too with weights", "Gwet (2014)", any_data, brennan},
      {"krippendorff_alpha", "Krippendorff's alpha", "Krippendorff (2011); bootstrap: Hayes & Krippendorff (2007)",
       "any data, at its metric", "bootstrap", any_data, alpha},
      {"gwet_ac1", "Gwet's AC1", "Gwet (2008); missing values and many coders: Gwet (2014)", "any data",
       "Gwet (2008, 2014)", any_data, ac1},
      {"gwet_ac2", "Gwet's AC2", "Gwet (2014, ch. 3), AC1 with agreement weights", "ordered data with weights",
       "Gwet (2014)", weighted, ac2},
  };
  return table;
}

const CoefficientRow* find_coefficient(std::string_view id) {
  for (const auto& row : coefficient_table()) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

namespace {

// A value no double can hold (numbers near 1e300 whose squares overflow) is reported as undefined with
// the reason, never written as NaN or infinity.
void refuse_overflow(CoefficientValue& value) {
  AgreementResult& result = value.result;
  const auto finite_or_unset = [](const std::optional<double>& x) { return !x || std::isfinite(*x); };
  const bool finite = std::isfinite(result.observed) && std::isfinite(result.expected) && finite_or_unset(result.value) &&
                      (!value.bootstrap || (finite_or_unset(value.bootstrap->lower) && finite_or_unset(value.bootstrap->upper)));
  if (!finite) {
    result.value.reset();
    result.standard_error.reset();
    result.observed = 0;
    result.expected = 0;
    result.undefined_because = "the computation overflowed: the numbers are too large for double precision "
                               "(their squares pass 1.8e308); rescale them";
    if (value.bootstrap) {
      value.bootstrap->lower.reset();
      value.bootstrap->upper.reset();
      value.bootstrap->below.clear();
    }
  }
  if (result.standard_error && !std::isfinite(*result.standard_error)) result.standard_error.reset();
}

}  // namespace

std::vector<CoefficientValue> compute_coefficients(const ReliabilityData& data, const CoefficientRequest& request) {
  std::vector<CoefficientValue> values;
  for (const auto& row : coefficient_table()) {
    if (!row.applies_to(data, request.metric)) continue;
    for (auto& value : row.compute(data, request)) {
      refuse_overflow(value);
      values.push_back(std::move(value));
    }
  }
  return values;
}

std::string coefficient_names() {
  std::vector<std::string> names;
  for (const auto& row : coefficient_table()) names.emplace_back(row.name);
  return join(names);
}

}  // namespace qda
