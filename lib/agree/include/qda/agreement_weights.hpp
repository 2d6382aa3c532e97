// Agreement weights between categories (Gwet 2014, Handbook of Inter-Rater Reliability, ch. 3; the weights
// of his irrCAC package): 1 for a category with itself, less for categories further apart. Weighted
// kappa, weighted Scott's pi, weighted Fleiss' and Conger's kappa, Brennan-Prediger and Gwet's AC2 take
// them; identity weights give the unweighted coefficients.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qda/reliability_data.hpp"

namespace qda {

enum class WeightScheme { Identity, Linear, Quadratic, Ordinal, Radical, Ratio, Circular, Bipolar, Custom };

// "unweighted", "linear", "quadratic", "ordinal", "radical", "ratio", "circular", "bipolar", "custom":
// what agreement.yaml writes as a weighted coefficient's metric.
std::string_view weight_scheme_name(WeightScheme scheme);
// The named schemes (not Identity or Custom) by name; anything else is a Usage error listing them.
WeightScheme parse_weight_scheme(std::string_view name);
// "linear, quadratic, ordinal, radical, ratio, circular, bipolar": for --help and messages.
std::string weight_scheme_names();

// A K × K matrix of agreement weights w(k, l) in [0, 1], w(k, k) = 1, for the K categories of a data set.
class AgreementWeights {
 public:
  // Identity weights for `categories` categories: the unweighted coefficients.
  explicit AgreementWeights(std::size_t categories = 0);
  // A predefined scheme over the categories' scores x_k: their positions 1..K, or their numbers. The
  // ordinal weights always use positions (Gwet 2014). Usage errors when the scheme cannot take the
  // scores (ratio weights need scores of 0 or more, not all 0).
  AgreementWeights(WeightScheme scheme, const std::vector<double>& scores);
  // A user's matrix (row k, column l), checked: finite, within [0, 1], 1 on the diagonal.
  static AgreementWeights custom(std::vector<double> matrix, std::size_t categories);

  WeightScheme scheme() const { return scheme_; }
  std::string_view name() const { return weight_scheme_name(scheme_); }
  std::size_t size() const { return size_; }
  bool identity() const { return scheme_ == WeightScheme::Identity; }
  double operator()(std::size_t k, std::size_t l) const {
    return identity() ? (k == l ? 1.0 : 0.0) : matrix_[k * size_ + l];
  }
  // The sum of every weight, T_w in Gwet's chance terms of Brennan-Prediger and AC2.
  double total() const;

 private:
  WeightScheme scheme_ = WeightScheme::Identity;
  std::size_t size_ = 0;
  std::vector<double> matrix_;  // empty for identity weights
};

// How the scores of a predefined scheme are taken from the data: positions 1..K in the categories' order
// (ordinal data), or the categories' numbers (interval and ratio data, so 1, 2 and 10 are not evenly
// spaced). Usage error when the categories are unordered labels, or are not numbers for `numbers`.
std::vector<double> category_scores(const ReliabilityData& data, bool numbers);

// Reads a weights matrix from CSV: a header row of category labels after an empty first cell, then one
// row per category, its label first. Every category of the data must appear, in any order; the matrix
// is returned in the data's category order. InvalidInput errors name the file, line and column.
AgreementWeights read_weights_csv(std::string_view bytes, const std::string& file_name, const ReliabilityData& data);

}  // namespace qda
