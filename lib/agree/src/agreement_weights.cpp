// The agreement weights of Gwet (2014, ch. 3) and his irrCAC package, and a user's weights from CSV.
#include "qda/agreement_weights.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

constexpr WeightScheme kNamedSchemes[] = {WeightScheme::Linear,  WeightScheme::Quadratic, WeightScheme::Ordinal,
                                          WeightScheme::Radical, WeightScheme::Ratio,     WeightScheme::Circular,
                                          WeightScheme::Bipolar};

}  // namespace

std::string_view weight_scheme_name(WeightScheme scheme) {
  switch (scheme) {
    case WeightScheme::Identity: return "unweighted";
    case WeightScheme::Linear: return "linear";
    case WeightScheme::Quadratic: return "quadratic";
    case WeightScheme::Ordinal: return "ordinal";
    case WeightScheme::Radical: return "radical";
    case WeightScheme::Ratio: return "ratio";
    case WeightScheme::Circular: return "circular";
    case WeightScheme::Bipolar: return "bipolar";
    case WeightScheme::Custom: return "custom";
  }
  return "unweighted";
}

std::string weight_scheme_names() {
  std::vector<std::string> names;
  for (const WeightScheme scheme : kNamedSchemes) names.emplace_back(weight_scheme_name(scheme));
  return join(names);
}

WeightScheme parse_weight_scheme(std::string_view name) {
  for (const WeightScheme scheme : kNamedSchemes) {
    if (weight_scheme_name(scheme) == name) return scheme;
  }
  throw usage_error(fmt::format("unknown weights '{}'; expected one of {}", name, weight_scheme_names()));
}

AgreementWeights::AgreementWeights(std::size_t categories)
    : size_(categories), total_(static_cast<double>(categories)) {}

AgreementWeights::AgreementWeights(WeightScheme scheme, const std::vector<double>& scores)
    : scheme_(scheme), size_(scores.size()), scores_(scores) {
  if (scheme == WeightScheme::Identity || scheme == WeightScheme::Custom) {
    throw usage_error("identity and custom weights are not built from scores");
  }
  total_ = static_cast<double>(size_);
  if (size_ > kMaxCategoriesForPairwiseWeights && scheme != WeightScheme::Linear && scheme != WeightScheme::Quadratic) {
    throw usage_error(fmt::format("{} weights over {} categories (distinct values) take time in their square, {} pairs; "
                                  "expected at most {} categories for them, or linear or quadratic weights, which take any number",
                                  weight_scheme_name(scheme), size_, static_cast<std::uint64_t>(size_) * (size_ - 1) / 2,
                                  kMaxCategoriesForPairwiseWeights));
  }
  if (size_ < 2) return;
  const auto [low, high] = std::minmax_element(scores_.begin(), scores_.end());
  low_ = *low;
  high_ = *high;
  if (!(high_ > low_)) throw usage_error("weights need categories with different scores");
  if (scheme == WeightScheme::Ratio && low_ < 0) throw usage_error("ratio weights need scores of 0 or more");
  const bool scaled = scheme == WeightScheme::Circular || scheme == WeightScheme::Bipolar || scheme == WeightScheme::Ordinal;
  if (scaled) {
    largest_ = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      for (std::size_t l = k + 1; l < size_; ++l) largest_ = std::max(largest_, disagreement(k, l));
    }
  }
  by_score_.resize(size_);
  std::iota(by_score_.begin(), by_score_.end(), std::size_t{0});
  std::stable_sort(by_score_.begin(), by_score_.end(), [&](std::size_t a, std::size_t b) { return scores_[a] < scores_[b]; });
  total_ = 0;
  for (const double sum : weighted_sums(std::vector<double>(size_, 1.0))) total_ += sum;
}

std::vector<double> AgreementWeights::weighted_sums(const std::vector<double>& v, bool transposed) const {
  const std::size_t q = v.size();
  // One category agrees fully with itself (w = 1) whatever the scheme; the constructor leaves such weights
  // without scores in order, which the sums below walk (the fuzzer found that read of an empty vector).
  if (identity() || size_ < 2) return v;
  std::vector<double> out(q, 0.0);
  if (scheme_ == WeightScheme::Linear || scheme_ == WeightScheme::Quadratic) {
    // sum_l (1 - d_kl) v_l = V - sum_l d_kl v_l, with d linear or quadratic in the score gap: sums of v and
    // of v times the score (and its square), taken over the categories in score order. Scores are taken
    // as shares of the range, z = (x - x_min) / range in [0, 1], so that no square overflows.
    const double range = high_ - low_;
    std::vector<double> z(q);
    for (std::size_t l = 0; l < q; ++l) z[l] = (scores_[l] - low_) / range;
    double volume = 0, first = 0, second = 0;
    for (std::size_t l = 0; l < q; ++l) {
      volume += v[l];
      first += v[l] * z[l];
      second += v[l] * z[l] * z[l];
    }
    if (scheme_ == WeightScheme::Quadratic) {
      for (std::size_t k = 0; k < q; ++k) out[k] = volume - (z[k] * z[k] * volume - 2 * z[k] * first + second);
      return out;
    }
    // |x_k - x_l|: below k in score order x_k - x_l, above it x_l - x_k.
    double volume_below = 0, first_below = 0;
    for (std::size_t i = 0; i < q;) {
      std::size_t j = i;  // categories with equal scores are neither below nor above one another
      double volume_here = 0, first_here = 0;
      while (j < q && scores_[by_score_[j]] == scores_[by_score_[i]]) {
        volume_here += v[by_score_[j]];
        first_here += v[by_score_[j]] * z[by_score_[j]];
        ++j;
      }
      const double x = z[by_score_[i]];
      const double volume_above = volume - volume_below - volume_here, first_above = first - first_below - first_here;
      const double gaps = (x * volume_below - first_below) + (first_above - x * volume_above);
      for (std::size_t m = i; m < j; ++m) out[by_score_[m]] = volume - gaps;
      volume_below += volume_here;
      first_below += first_here;
      i = j;
    }
    return out;
  }
  for (std::size_t k = 0; k < q; ++k) {
    double sum = 0;
    for (std::size_t l = 0; l < q; ++l) {
      if (v[l] != 0) sum += (transposed ? (*this)(l, k) : (*this)(k, l)) * v[l];
    }
    out[k] = sum;
  }
  return out;
}

double AgreementWeights::disagreement(std::size_t k, std::size_t l) const {
  const double x = scores_[k], y = scores_[l], gap = std::abs(x - y), range = high_ - low_;
  if (gap == 0 && scheme_ != WeightScheme::Ordinal) return 0.0;  // two categories with one score agree fully
  switch (scheme_) {
    case WeightScheme::Linear: return gap / range;
    case WeightScheme::Quadratic: return (gap / range) * (gap / range);
    case WeightScheme::Radical: return std::sqrt(gap) / std::sqrt(range);
    case WeightScheme::Ratio: {
      const double ratio = x + y == 0 ? 0.0 : (x - y) / (x + y);
      const double widest = (high_ - low_) / (high_ + low_);
      return ratio * ratio / (widest * widest);
    }
    case WeightScheme::Circular: {
      const double sine = std::sin(std::numbers::pi * (x - y) / (range + 1));
      return sine * sine;
    }
    case WeightScheme::Bipolar: return ((x - y) / (x + y - 2 * low_)) * ((x - y) / (2 * high_ - x - y));
    case WeightScheme::Ordinal: {
      // Positions whatever the scores: the categories from k to l, taken two at a time.
      const double span = std::abs(static_cast<double>(k) - static_cast<double>(l)) + 1;
      return span * (span - 1) / 2;
    }
    case WeightScheme::Identity:
    case WeightScheme::Custom: break;
  }
  return 0.0;
}

double AgreementWeights::computed(std::size_t k, std::size_t l) const {
  return 1 - disagreement(k, l) / largest_;
}

AgreementWeights AgreementWeights::custom(std::vector<double> matrix, std::size_t categories) {
  if (matrix.size() != categories * categories) {
    throw usage_error(fmt::format("expected {} weights ({} categories squared), found {}", categories * categories,
                                  categories, matrix.size()));
  }
  double total = 0;
  for (std::size_t k = 0; k < categories; ++k) {
    for (std::size_t l = 0; l < categories; ++l) {
      const double w = matrix[k * categories + l];
      if (!std::isfinite(w) || w < 0 || w > 1) throw usage_error("agreement weights must lie between 0 and 1");
      if (k == l && w != 1) throw usage_error("a category agrees fully with itself: the diagonal weights must be 1");
      total += w;
    }
  }
  AgreementWeights weights(categories);
  weights.scheme_ = WeightScheme::Custom;
  weights.matrix_ = std::move(matrix);
  weights.total_ = total;
  return weights;
}

std::vector<double> category_scores(const ReliabilityData& data, bool numbers) {
  if (!data.ordered()) {
    throw usage_error("weights need ordered categories (numbers, or an explicit category order); these are labels in "
                      "no order");
  }
  std::vector<double> scores;
  for (std::size_t k = 0; k < data.category_count(); ++k) {
    const auto& number = data.categories()[k].number;
    if (numbers && !number) {
      throw usage_error(fmt::format("weights by the categories' numbers need numbers; '{}' is a label",
                                    data.categories()[k].label));
    }
    scores.push_back(numbers ? *number : static_cast<double>(k + 1));
  }
  return scores;
}

AgreementWeights read_weights_csv(std::string_view bytes, const std::string& file_name, const ReliabilityData& data) {
  const std::size_t q = data.category_count();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < q; ++k) index.emplace(data.categories()[k].label, k);
  const auto category_of = [&](const std::string& label, std::size_t line, std::size_t column) {
    const auto found = index.find(std::string(trim(label)));
    if (found == index.end()) {
      throw invalid_input(fmt::format("'{}' is not a category of the ratings; expected one of the {} categories",
                                      label, q),
                          {file_name, line, column});
    }
    return found->second;
  };
  CsvReader reader(bytes, file_name);
  std::vector<std::string> header;
  if (!reader.read_row(header)) throw invalid_input("the file is empty; expected a header row of categories", {file_name, 1, 1});
  if (header.size() != q + 1) {
    throw invalid_input(fmt::format("expected an empty cell and the {} categories in the header, found {} cells", q,
                                    header.size()),
                        {file_name, 1, 1});
  }
  std::vector<std::size_t> column_category(header.size(), 0);
  std::vector<bool> seen_column(q, false);
  for (std::size_t c = 1; c < header.size(); ++c) {
    column_category[c] = category_of(header[c], 1, c + 1);
    if (seen_column[column_category[c]]) {
      throw invalid_input(fmt::format("category '{}' appears twice in the header", header[c]), {file_name, 1, c + 1});
    }
    seen_column[column_category[c]] = true;
  }
  std::vector<double> matrix(q * q, -1.0);
  std::vector<std::pair<std::size_t, std::size_t>> cell_at(q * q);  // (line, column) of each weight
  std::vector<bool> seen_row(q, false);
  std::vector<std::string> fields;
  while (reader.read_row(fields)) {
    const std::size_t line = reader.row_line();
    if (fields.size() != header.size()) {
      throw invalid_input(fmt::format("expected {} fields as in the header, found {}", header.size(), fields.size()),
                          {file_name, line, 1});
    }
    const std::size_t row = category_of(fields[0], line, 1);
    if (seen_row[row]) throw invalid_input(fmt::format("category '{}' has a second row", fields[0]), {file_name, line, 1});
    seen_row[row] = true;
    for (std::size_t c = 1; c < fields.size(); ++c) {
      const std::string_view text = trim(fields[c]);
      double w = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), w);
      if (text.empty() || error != std::errc() || end != text.data() + text.size() || !(w >= 0 && w <= 1)) {
        throw invalid_input(fmt::format("'{}' is not a weight; expected a number from 0 to 1", fields[c]),
                            {file_name, line, c + 1});
      }
      if (row == column_category[c] && w != 1) {
        throw invalid_input(fmt::format("the weight of '{}' with itself is {}; expected 1", fields[0], fields[c]),
                            {file_name, line, c + 1});
      }
      matrix[row * q + column_category[c]] = w;
      cell_at[row * q + column_category[c]] = {line, c + 1};
    }
  }
  for (std::size_t k = 0; k < q; ++k) {
    if (!seen_row[k]) {
      throw invalid_input(fmt::format("category '{}' has no row; expected one row per category",
                                      data.categories()[k].label),
                          {file_name});
    }
  }
  // Coders are interchangeable in every coefficient of many coders (Fleiss, Conger, Gwet, Brennan and
  // Prediger, alpha): which coder gave which value cannot matter, and those formulas would average a
  // matrix that is not symmetric where Cohen's kappa would not, giving different answers for one pair.
  for (std::size_t k = 0; k < q; ++k) {
    for (std::size_t l = k + 1; l < q; ++l) {
      if (matrix[k * q + l] == matrix[l * q + k]) continue;
      const auto& [line, column] = std::max(cell_at[k * q + l], cell_at[l * q + k]);
      throw invalid_input(fmt::format("the weight of '{}' with '{}' is {}, and of '{}' with '{}' {}; expected the same "
                                      "(agreement weights are symmetric: it cannot matter which coder gave which value)",
                                      data.categories()[k].label, data.categories()[l].label, matrix[k * q + l],
                                      data.categories()[l].label, data.categories()[k].label, matrix[l * q + k]),
                          {file_name, line, column});
    }
  }
  return AgreementWeights::custom(std::move(matrix), q);
}

}  // namespace qda
