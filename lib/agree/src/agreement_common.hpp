// What every coefficient's file shares: starting a result, one pass over the units with their counts,
// tallies of categories within a unit, and the reasons a coefficient is undefined.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qda/agreement.hpp"
#include "qda/agreement_weights.hpp"
#include "qda/reliability_data.hpp"

namespace qda::agreement_detail {

AgreementResult start_result(const ReliabilityData& data, std::string_view coefficient, std::string metric);

// Fills the unit and coder counts every coefficient reports, from the data's summary.
void count_units(const ReliabilityData& data, AgreementCounts& counts);

void set_undefined(AgreementResult& result, std::string reason);
std::string single_category_label(const ReliabilityData& data, const std::vector<std::int64_t>& counts);
std::size_t categories_used(const std::vector<std::int64_t>& counts);
std::string no_pairable_units_reason(const AgreementResult& result);
// "'low', 'mid', 'high', ...": the first categories, for messages.
std::string first_labels(const ReliabilityData& data);
// Identity weights of the data's size when `weights` is the default (empty) identity; otherwise checks
// that the weights fit the data's categories (a Usage error if not) and returns them.
AgreementWeights weights_for(const ReliabilityData& data, const AgreementWeights& weights);
// The metric a result names: "nominal" (or `unweighted_name`) for identity weights, else the weights' name.
std::string weights_metric(const AgreementWeights& weights, std::string_view unweighted_name = "nominal");
// sqrt of a variance estimate, 0 for a negative one that rounding produced.
double standard_error_of(double variance);

}  // namespace qda::agreement_detail
