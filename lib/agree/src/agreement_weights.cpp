// The agreement weights of Gwet (2014, ch. 3) and his irrCAC package, and a user's weights from CSV.
#include "qda/agreement_weights.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
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

// A disagreement d(k, l) >= 0 (0 on the diagonal) scaled to agreement weights 1 - d / max d.
std::vector<double> from_disagreements(std::vector<double> disagreement) {
  const double largest = *std::max_element(disagreement.begin(), disagreement.end());
  for (double& d : disagreement) d = largest > 0 ? 1 - d / largest : 1.0;
  return disagreement;
}

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

AgreementWeights::AgreementWeights(std::size_t categories) : size_(categories) {}

AgreementWeights::AgreementWeights(WeightScheme scheme, const std::vector<double>& scores)
    : scheme_(scheme), size_(scores.size()) {
  if (scheme == WeightScheme::Identity || scheme == WeightScheme::Custom) {
    throw usage_error("identity and custom weights are not built from scores");
  }
  const std::size_t q = scores.size();
  matrix_.assign(q * q, 1.0);
  if (q < 2) return;
  const auto [low, high] = std::minmax_element(scores.begin(), scores.end());
  const double xmin = *low, xmax = *high, range = xmax - xmin;
  if (!(range > 0)) throw usage_error("weights need categories with different scores");
  std::vector<double> d(q * q, 0.0);  // the scheme's disagreement between two categories
  for (std::size_t k = 0; k < q; ++k) {
    for (std::size_t l = 0; l < q; ++l) {
      const double x = scores[k], y = scores[l], gap = std::abs(x - y);
      double& out = d[k * q + l];
      switch (scheme) {
        case WeightScheme::Linear: out = gap / range; break;
        case WeightScheme::Quadratic: out = gap * gap / (range * range); break;
        case WeightScheme::Radical: out = std::sqrt(gap) / std::sqrt(range); break;
        case WeightScheme::Ratio: {
          if (xmin < 0) throw usage_error("ratio weights need scores of 0 or more");
          const double ratio = x + y == 0 ? 0.0 : (x - y) / (x + y);
          const double widest = (xmax - xmin) / (xmax + xmin);
          out = ratio * ratio / (widest * widest);
          break;
        }
        case WeightScheme::Circular: {
          const double s = std::sin(std::numbers::pi * (x - y) / (range + 1));
          out = s * s;
          break;
        }
        case WeightScheme::Bipolar:
          out = k == l ? 0.0 : (x - y) * (x - y) / ((x + y - 2 * xmin) * (2 * xmax - x - y));
          break;
        case WeightScheme::Ordinal: {
          // Positions whatever the scores: the number of categories from k to l, taken two at a time.
          const double span = std::abs(static_cast<double>(k) - static_cast<double>(l)) + 1;
          out = span * (span - 1) / 2;
          break;
        }
        case WeightScheme::Identity:
        case WeightScheme::Custom: break;
      }
    }
  }
  const bool rescaled = scheme == WeightScheme::Circular || scheme == WeightScheme::Bipolar || scheme == WeightScheme::Ordinal;
  matrix_ = rescaled ? from_disagreements(std::move(d)) : std::move(d);
  if (!rescaled) {
    for (double& w : matrix_) w = 1 - w;
  }
  for (std::size_t k = 0; k < q; ++k) matrix_[k * q + k] = 1.0;  // exact, whatever the rounding above
}

AgreementWeights AgreementWeights::custom(std::vector<double> matrix, std::size_t categories) {
  if (matrix.size() != categories * categories) {
    throw usage_error(fmt::format("expected {} weights ({} categories squared), found {}", categories * categories,
                                  categories, matrix.size()));
  }
  for (std::size_t k = 0; k < categories; ++k) {
    for (std::size_t l = 0; l < categories; ++l) {
      const double w = matrix[k * categories + l];
      if (!std::isfinite(w) || w < 0 || w > 1) throw usage_error("agreement weights must lie between 0 and 1");
      if (k == l && w != 1) throw usage_error("a category agrees fully with itself: the diagonal weights must be 1");
    }
  }
  AgreementWeights weights(categories);
  weights.scheme_ = WeightScheme::Custom;
  weights.matrix_ = std::move(matrix);
  return weights;
}

double AgreementWeights::total() const {
  if (identity()) return static_cast<double>(size_);
  double sum = 0;
  for (const double w : matrix_) sum += w;
  return sum;
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
    }
  }
  for (std::size_t k = 0; k < q; ++k) {
    if (!seen_row[k]) {
      throw invalid_input(fmt::format("category '{}' has no row; expected one row per category",
                                      data.categories()[k].label),
                          {file_name});
    }
  }
  return AgreementWeights::custom(std::move(matrix), q);
}

}  // namespace qda
