// Confidence intervals from Gwet's standard errors: Student's t (Boost.Math), as irrCAC computes them.
#include <algorithm>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include "qda/agreement.hpp"
#include "qda/error.hpp"

namespace qda {

std::optional<ConfidenceInterval> gwet_interval(const AgreementResult& result, double level,
                                                std::optional<double> population) {
  if (!(level > 0 && level < 1)) {
    throw usage_error(fmt::format("a confidence level is between 0 and 1 (such as 0.95), not {}", level));
  }
  if (!result.value || !result.standard_error || result.variance_units < 2) return std::nullopt;
  const double n = static_cast<double>(result.variance_units);
  double correction = 1;
  if (population) {
    if (!(*population >= n)) {
      throw usage_error(fmt::format("--population {} is smaller than the {} units that {} ({}) rests on", *population,
                                    result.variance_units, result.coefficient, result.unit_of_comparison));
    }
    correction = 1 - n / *population;
  }
  ConfidenceInterval interval;
  interval.level = level;
  interval.standard_error = *result.standard_error * std::sqrt(correction);
  const boost::math::students_t t(n - 1);
  const double margin = boost::math::quantile(t, 1 - (1 - level) / 2) * interval.standard_error;
  interval.lower = *result.value - margin;
  interval.upper = std::min(1.0, *result.value + margin);
  return interval;
}

}  // namespace qda
