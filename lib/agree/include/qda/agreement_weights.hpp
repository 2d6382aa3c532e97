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
// The most categories (distinct values) that weights other than linear and quadratic are computed
// over: they take time in the square of the categories (20,000 took 14 to 37 s a scheme, 200,000
// would take hours). Linear and quadratic weights take any number, in linear time.
inline constexpr std::size_t kMaxCategoriesForPairwiseWeights = 20000;

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
    if (k == l) return 1.0;
    if (identity()) return 0.0;
    return scheme_ == WeightScheme::Custom ? matrix_[k * size_ + l] : computed(k, l);
  }
  // The sum of every weight, T_w in Gwet's chance terms of Brennan-Prediger and AC2.
  double total() const { return total_; }
  // out[k] = sum_l w(k, l) v[l] (with `transposed`, sum_l w(l, k) v[l]): what every weighted chance term is
  // made of. Identity, linear and quadratic weights take time linear in the categories (sums over the
  // sorted scores); the others, and a custom matrix, their square.
  std::vector<double> weighted_sums(const std::vector<double>& v, bool transposed = false) const;

 private:
  // A predefined scheme's weight, computed when asked: no K × K matrix is held, so interval data with
  // thousands of distinct values costs time, not memory.
  double computed(std::size_t k, std::size_t l) const;
  // The scheme's disagreement between two categories, before scaling.
  double disagreement(std::size_t k, std::size_t l) const;

  WeightScheme scheme_ = WeightScheme::Identity;
  std::size_t size_ = 0;
  std::vector<double> matrix_;  // a custom matrix only
  std::vector<double> scores_;  // a predefined scheme's scores
  double low_ = 0, high_ = 0;   // the smallest and largest score
  double largest_ = 1;          // the largest disagreement, for the schemes scaled by it
  std::vector<std::size_t> by_score_;  // the categories in the order of their scores
  double total_ = 0;
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
