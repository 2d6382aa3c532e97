// Coefficients of any number of coders in Gwet's (2014) framework for missing values: Fleiss' kappa and its
// per-category kappas, Conger's kappa, Brennan-Prediger, Gwet's AC1 and AC2, weighted or not, each with
// Gwet's linearized standard error (the variances of his irrCAC package's *.raw functions).
#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "agreement_common.hpp"
#include "qda/agreement.hpp"
#include "qda/error.hpp"

namespace qda {

using namespace agreement_detail;

namespace {

// The values of one unit as a profile (for the chance terms that depend on who coded what).
void profile_of(const ReliabilityData& data, std::size_t unit, std::vector<std::int32_t>& scratch, ValueProfile& profile) {
  scratch.clear();
  for (const std::int32_t cell : data.unit_values(unit)) {
    if (cell != kMissing) scratch.push_back(cell);
  }
  std::sort(scratch.begin(), scratch.end());
  profile.counts.clear();
  profile.values = static_cast<std::int64_t>(scratch.size());
  profile.units = 1;
  for (std::size_t i = 0; i < scratch.size(); ++i) {
    if (i == 0 || scratch[i] != scratch[i - 1]) profile.counts.emplace_back(scratch[i], 0);
    ++profile.counts.back().second;
  }
}

// p_e|i of one unit, by its profile and (for chance terms that depend on the coders) its index.
using UnitChance = std::function<double(const ValueProfile&, std::size_t unit)>;

// The parts of Gwet's framework that do not depend on the chance model: per unit, the weighted observed
// agreement p_a|i = sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1)) with r*_ik = sum_l w_kl r_il (units with two or
// more values); pi_k, each unit's category shares averaged over the units with a value. Units with the same
// values are taken once, with their number (ReliabilityData::summary).
class ManyCoders {
 public:
  ManyCoders(const ReliabilityData& data, const AgreementWeights& weights, AgreementCounts& counts)
      : data_(data), w_(weights), pi_(data.category_count(), 0.0), used_(data.category_count(), 0) {
    count_units(data, counts);
    double observed_sum = 0;
    for (const ValueProfile& profile : data.summary().profiles) {
      const double units = static_cast<double>(profile.units);
      for (const auto& [k, count] : profile.counts) {
        pi_[static_cast<std::size_t>(k)] += units * static_cast<double>(count) / static_cast<double>(profile.values);
        used_[static_cast<std::size_t>(k)] += count * static_cast<std::int64_t>(profile.units);
      }
      if (profile.values >= 2) observed_sum += units * unit_agreement(profile);
    }
    units_ = counts.units_used + counts.units_one_value;
    pairable_units_ = counts.units_used;
    if (units_ > 0) {
      for (double& share : pi_) share /= static_cast<double>(units_);
    }
    if (pairable_units_ > 0) observed_ = observed_sum / static_cast<double>(pairable_units_);
  }

  double observed() const { return observed_; }
  const std::vector<double>& pi() const { return pi_; }
  const std::vector<std::int64_t>& used() const { return used_; }
  std::size_t units() const { return units_; }
  std::size_t pairable_units() const { return pairable_units_; }

  // Gwet's linearized variance of (p_a - p_e) / (1 - p_e): each unit with a value contributes
  // (n / n2) (p_a|i - p_e [r_i >= 2]) / (1 - p_e) - 2 (1 - value) (p_e|i - p_e) / (1 - p_e), and the
  // variance is their sum of squared deviations from the value over n (n - 1). Without `unit_chance` the
  // chance term is a constant (Brennan-Prediger). `by_unit`: the chance term depends on the coders (Conger),
  // so every unit is visited instead of every profile.
  double variance(double value, double pe, const UnitChance& unit_chance, bool by_unit) const {
    double squares = 0;
    const auto add = [&](const ValueProfile& profile, std::size_t unit) {
      const double n = static_cast<double>(units_), n2 = static_cast<double>(pairable_units_);
      const bool pairable = profile.values >= 2;
      double term = (n / n2) * (pairable ? unit_agreement(profile) - pe : 0.0) / (1 - pe);
      if (unit_chance) term -= 2 * (1 - value) * (unit_chance(profile, unit) - pe) / (1 - pe);
      squares += static_cast<double>(profile.units) * (term - value) * (term - value);
    };
    if (by_unit) {
      std::vector<std::int32_t> scratch;
      ValueProfile profile;
      for (std::size_t u = 0; u < data_.unit_count(); ++u) {
        profile_of(data_, u, scratch, profile);
        if (profile.values > 0) add(profile, u);
      }
    } else {
      for (const ValueProfile& profile : data_.summary().profiles) add(profile, 0);
    }
    const double n = static_cast<double>(units_);
    return squares / (n * (n - 1));
  }

 private:
  double unit_agreement(const ValueProfile& profile) const {
    double sum = 0;
    for (const auto& [k, rk] : profile.counts) {
      double weighted = static_cast<double>(rk);  // r*_ik: identity weights count the category itself
      if (!w_.identity()) {
        weighted = 0;
        for (const auto& [l, rl] : profile.counts) {
          weighted += w_(static_cast<std::size_t>(k), static_cast<std::size_t>(l)) * static_cast<double>(rl);
        }
      }
      sum += static_cast<double>(rk) * (weighted - 1);
    }
    const double m = static_cast<double>(profile.values);
    return sum / (m * (m - 1));
  }

  const ReliabilityData& data_;
  const AgreementWeights& w_;
  std::vector<double> pi_;
  std::vector<std::int64_t> used_;  // values per category, over units with any value
  double observed_ = 0;
  std::size_t units_ = 0;
  std::size_t pairable_units_ = 0;
};

// Sets value, terms and standard error, or the reason the value is undefined. `chance_is_one` is the reason
// when p_e is 1 (nothing left to correct for).
void finish(AgreementResult& result, const ManyCoders& terms, double pe, const std::string& chance_is_one,
            const UnitChance& unit_chance, bool by_unit = false) {
  result.observed = terms.observed();
  result.expected = pe;
  if (terms.pairable_units() == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return;
  }
  if (1 - pe <= 1e-15) {
    set_undefined(result, chance_is_one);
    return;
  }
  const double value = (terms.observed() - pe) / (1 - pe);
  result.value = value;
  if (terms.units() < 2) return;
  result.standard_error = standard_error_of(terms.variance(value, pe, unit_chance, by_unit));
  result.variance_units = terms.units();
}

std::string one_category_reason(const ReliabilityData& data, const ManyCoders& terms) {
  return fmt::format("every value is the same category ('{}'): chance agreement is 1",
                     single_category_label(data, terms.used()));
}

// The shares of a unit's values weighted as a chance term sees them: sum_k (r_ik / r_i) x_k.
double unit_mean(const ValueProfile& unit, const std::vector<double>& x) {
  double sum = 0;
  for (const auto& [k, count] : unit.counts) sum += static_cast<double>(count) * x[static_cast<std::size_t>(k)];
  return sum / static_cast<double>(unit.values);
}

AgreementResult gwet_ac(const ReliabilityData& data, const AgreementWeights& given, std::string_view id) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, id, weights_metric(w));
  const ManyCoders terms(data, w, result.counts);
  const std::size_t q = data.category_count();
  if (terms.pairable_units() > 0 && q < 2) {
    result.observed = terms.observed();
    set_undefined(result, "Gwet's AC1 needs at least two categories to choose from: its chance term divides by the "
                          "number of categories minus 1");
    return result;
  }
  const double scale = q < 2 ? 0.0 : w.total() / (static_cast<double>(q) * static_cast<double>(q - 1));
  double spread = 0;
  std::vector<double> complement(terms.pi().size());
  for (std::size_t k = 0; k < terms.pi().size(); ++k) {
    spread += terms.pi()[k] * (1 - terms.pi()[k]);
    complement[k] = 1 - terms.pi()[k];
  }
  const double pe = scale * spread;  // at most T_w / q^2 < 1, so the value is always defined
  finish(result, terms, pe, "", [&](const ValueProfile& unit, std::size_t) { return scale * unit_mean(unit, complement); });
  return result;
}

}  // namespace

AgreementResult fleiss_kappa(const ReliabilityData& data, const AgreementWeights& given) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, "fleiss_kappa", weights_metric(w));
  const ManyCoders terms(data, w, result.counts);
  const auto& pi = terms.pi();
  // pi_w,k = sum_l (w_kl + w_lk) / 2 pi_l: the chance agreement a value of category k meets.
  std::vector<double> partner = w.weighted_sums(pi);
  if (w.scheme() == WeightScheme::Custom) {  // a custom matrix need not be symmetric
    const std::vector<double> transposed = w.weighted_sums(pi, true);
    for (std::size_t k = 0; k < pi.size(); ++k) partner[k] = (partner[k] + transposed[k]) / 2;
  }
  double pe = 0;
  for (std::size_t k = 0; k < pi.size(); ++k) pe += pi[k] * partner[k];
  const std::string reason = categories_used(terms.used()) == 1 ? one_category_reason(data, terms)
                                                                  : "the agreement expected by chance is 1 under these weights";
  finish(result, terms, pe, reason, [&](const ValueProfile& unit, std::size_t) { return unit_mean(unit, partner); });
  return result;
}

std::vector<AgreementResult> fleiss_category_kappas(const ReliabilityData& data) {
  std::vector<AgreementResult> results;
  AgreementCounts counts;
  const AgreementWeights identity(data.category_count());
  const ManyCoders terms(data, identity, counts);
  // Disagreeing pairs involving k in each pairable unit: sum_u r_uk (r_u - r_uk) / (r_u (r_u - 1)) / n2.
  std::vector<double> split(data.category_count(), 0.0);
  for (const ValueProfile& profile : data.summary().profiles) {
    if (profile.values < 2) continue;
    const double m = static_cast<double>(profile.values);
    for (const auto& [k, count] : profile.counts) {
      split[static_cast<std::size_t>(k)] +=
          static_cast<double>(profile.units) * static_cast<double>(count) * (m - static_cast<double>(count)) / (m * (m - 1));
    }
  }
  for (std::size_t k = 0; k < data.category_count(); ++k) {
    AgreementResult result = start_result(data, "fleiss_category_kappa", "nominal");
    result.category = data.categories()[k].label;
    // The pairable units and values the terms counted, with the data set's units and coders kept.
    const std::size_t units = result.counts.units, coders = result.counts.coders;
    result.counts = counts;
    result.counts.units = units;
    result.counts.coders = coders;
    if (terms.pairable_units() == 0) {
      set_undefined(result, no_pairable_units_reason(result));
      results.push_back(std::move(result));
      continue;
    }
    // Fleiss' kappa of k against the other categories merged: p_a = 1 - 2 d_k, p_e = 1 - 2 pi_k (1 - pi_k).
    const double pi = terms.pi()[k];
    const double disagreement = split[k] / static_cast<double>(terms.pairable_units());
    result.observed = 1 - 2 * disagreement;
    result.expected = 1 - 2 * pi * (1 - pi);
    if (terms.used()[k] == 0) {
      set_undefined(result, fmt::format("nobody used category '{}'", result.category));
    } else if (pi * (1 - pi) <= 0) {
      set_undefined(result, fmt::format("every value is category '{}': chance agreement is 1", result.category));
    } else {
      result.value = 1 - disagreement / (pi * (1 - pi));
    }
    results.push_back(std::move(result));
  }
  return results;
}

AgreementResult gwet_ac1(const ReliabilityData& data) { return gwet_ac(data, AgreementWeights(), "gwet_ac1"); }

AgreementResult gwet_ac2(const ReliabilityData& data, const AgreementWeights& weights) {
  return gwet_ac(data, weights, "gwet_ac2");
}

AgreementResult brennan_prediger(const ReliabilityData& data, const AgreementWeights& given) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, "brennan_prediger", weights_metric(w));
  const ManyCoders terms(data, w, result.counts);
  const double q = static_cast<double>(data.category_count());
  const double pe = q > 0 ? w.total() / (q * q) : 1.0;
  finish(result, terms, pe,
         "Brennan-Prediger's coefficient needs at least two categories to choose from: with one, chance agreement is 1",
         nullptr);
  return result;
}

AgreementResult conger_kappa(const ReliabilityData& data, const AgreementWeights& given) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, "conger_kappa", weights_metric(w));
  const ManyCoders terms(data, w, result.counts);
  const std::size_t q = data.category_count();
  // Each coder's own proportions p_gk over the units they coded; coders who coded nothing are left out.
  std::vector<std::size_t> raters;
  std::vector<std::vector<double>> p;  // per rater with values
  std::vector<double> rated;           // n_g
  for (std::size_t g = 0; g < data.coder_count(); ++g) {
    std::vector<double> counts(q, 0.0);
    double n_g = 0;
    for (std::size_t u = 0; u < data.unit_count(); ++u) {
      const std::int32_t x = data.value(u, g);
      if (x == kMissing) continue;
      counts[static_cast<std::size_t>(x)] += 1;
      n_g += 1;
    }
    if (n_g == 0) continue;
    for (double& c : counts) c /= n_g;
    raters.push_back(g);
    p.push_back(std::move(counts));
    rated.push_back(n_g);
  }
  const std::size_t r = raters.size();
  if (r < 2) {
    result.observed = terms.observed();
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  const double rr = static_cast<double>(r);
  std::vector<double> total(q, 0.0);  // r p-bar_k = sum_g p_gk
  for (const auto& pg : p) {
    for (std::size_t k = 0; k < q; ++k) total[k] += pg[k];
  }
  // A_gk = sum_l w_kl p_gl; B_gk = sum_h p_hk - p_gk; C_gx = sum_k w_kx B_gk; D_g = sum_k A_gk B_gk.
  std::vector<std::vector<double>> C(r, std::vector<double>(q, 0.0));
  std::vector<double> D(r, 0.0);
  double pe_sum = 0;  // sum over ordered pairs g != h of sum_kl w_kl p_gk p_hl = sum_g D_g
  // Predefined weights are symmetric, so C_g = W total - A_g: one product per coder, not two.
  const bool symmetric = w.scheme() != WeightScheme::Custom;
  const std::vector<double> weighted_total = symmetric ? w.weighted_sums(total) : std::vector<double>();
  for (std::size_t g = 0; g < r; ++g) {
    std::vector<double> B(q, 0.0);
    for (std::size_t k = 0; k < q; ++k) B[k] = total[k] - p[g][k];
    const std::vector<double> A = w.weighted_sums(p[g]);
    if (symmetric) {
      C[g].resize(q);
      for (std::size_t k = 0; k < q; ++k) C[g][k] = weighted_total[k] - A[k];
    } else {
      C[g] = w.weighted_sums(B, true);
    }
    for (std::size_t k = 0; k < q; ++k) D[g] += A[k] * B[k];
    pe_sum += D[g];
  }
  const double pe = pe_sum / (rr * (rr - 1));
  const double n = static_cast<double>(terms.units());
  // p_e|i = sum_g lambda_ig / (r (r - 1)), lambda_ig = (n / n_g) (e_ig C_g,x_ig - (e_ig - n_g / n) D_g),
  // e_ig = 1 when coder g coded unit i: Gwet's (2014) linearization of Conger's chance term.
  const auto unit_chance = [&](const ValueProfile&, std::size_t u) {
    double sum = 0;
    for (std::size_t j = 0; j < r; ++j) {
      const std::int32_t x = data.value(u, raters[j]);
      const double coded = x == kMissing ? 0.0 : 1.0;
      const double own = x == kMissing ? 0.0 : C[j][static_cast<std::size_t>(x)];
      sum += (n / rated[j]) * (coded * own - (coded - rated[j] / n) * D[j]);
    }
    return sum / (rr * (rr - 1));
  };
  const std::string reason = categories_used(terms.used()) == 1 ? one_category_reason(data, terms)
                                                                  : "the agreement expected by chance is 1 under these weights";
  finish(result, terms, pe, reason, unit_chance, true);
  return result;
}

}  // namespace qda
