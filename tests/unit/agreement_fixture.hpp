// Agreement test data: reliability data from rows of labels, digit strings or a contingency table, and
// the published data sets the agreement tests check their values on, each with its source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qda/reliability_data.hpp"

namespace qda {

inline std::vector<std::string> coder_names(std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < count; ++c) names.push_back("coder" + std::to_string(c + 1));
  return names;
}

// Reliability data from rows of labels, one row per unit and one label per coder ("" is missing).
inline ReliabilityData data_of(const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& order = {}) {
  ReliabilityDataBuilder builder(coder_names(rows.at(0).size()));
  for (const auto& row : rows) builder.add_unit(row);
  return std::move(builder).build(order);
}

// One string per unit, one character per coder, '.' for a missing value: "11.1".
inline ReliabilityData digits(const std::vector<std::string>& units, const std::vector<std::string>& order = {}) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& unit : units) {
    std::vector<std::string> row;
    for (const char c : unit) row.push_back(c == '.' ? std::string() : std::string(1, c));
    rows.push_back(row);
  }
  return data_of(rows, order);
}

// Two coders from a contingency table: counts[i][j] units on which the first coder said labels[i] and the
// second labels[j]. The labels become the categories in their given order.
inline ReliabilityData from_table(const std::vector<std::vector<int>>& counts, const std::vector<std::string>& labels) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    for (std::size_t j = 0; j < counts[i].size(); ++j) {
      for (int n = 0; n < counts[i][j]; ++n) rows.push_back({labels[i], labels[j]});
    }
  }
  return data_of(rows, labels);
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers A-D, twelve
// units, values 1-5, missing values. One string per unit, observers A, B, C, D. Gwet's irrCAC ships the same
// data as cac.raw4raters.
inline const std::vector<std::string> kKrippendorff2011FourCoders = {"11.1", "2232", "3333", "3333", "2222", "1234",
                                                              "4444", "1121", "2222", ".555", "..11", ".3.."};

// Hayes & Krippendorff (2007), "Answering the call for a standard reliability measure for coding data",
// Communication Methods and Measures 1(1), 77-89: their example of 40 units judged by five observers on an
// ordinal scale 0-3, with missing judgments. One string per unit, observers 1-5.
inline const std::vector<std::string> kHayesKrippendorff2007 = {
    "112.2", "1101.", "2333.", ".00.0", "000.0", "000.0", "102.1", "1.20.", "222.2", "2111.",
    ".100.", "0000.", "1222.", "33223", "111.1", "111.1", "212.2", "1233.", "1101.", "000.0",
    "0011.", "00.00", "2333.", "0000.", "12.22", "0111.", "00010", "1212.", "1122.", "112.2",
    "110.0", "2121.", "22.22", "3222.", "222.2", "223.2", "222.2", "22.12", "2222.", "111.1"};

// Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5):
// 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia,
// 4 neurosis, 5 other). R irr ships it as `diagnoses`; the first 15 subjects are Gwet's irrCAC
// `distrib.6raters`.
inline const std::vector<std::string> kFleiss1971Diagnoses = {
    "444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444", "555555",
    "144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112", "224444", "133555",
    "555555", "244444", "224555", "114444", "144445", "222224", "111155", "224444", "133333", "555555"};

// Gwet's irrCAC documentation (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.), cont3x3abstractors:
// two abstractors classifying 100 pregnancies as ectopic, AIU or NIU.
inline const std::vector<std::vector<int>> kGwetAbstractors = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};

// Cohen (1960), "A coefficient of agreement for nominal scales", Table 2b, reused as Table 1 of Cohen (1968),
// "Weighted kappa", Psychological Bulletin 70(4): two judges, 200 cases, three diagnoses. Rows are judge B,
// columns judge A, as printed (and as in the psych package's cohen.kappa examples).
inline const std::vector<std::vector<int>> kCohenDiagnoses = {{88, 14, 18}, {10, 40, 10}, {2, 6, 12}};
inline const std::vector<std::string> kCohenCategories = {"personality disorder", "neurosis", "psychosis"};

// A reproducible scatter of values for relation tests: a small linear congruential generator.
inline ReliabilityData scattered(std::size_t units, std::size_t coders, int categories, std::uint32_t seed,
                          bool with_missing) {
  std::vector<std::vector<std::string>> rows;
  std::uint32_t state = seed;
  const auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (std::size_t unit = 0; unit < units; ++unit) {
    std::vector<std::string> row;
    for (std::size_t coder = 0; coder < coders; ++coder) {
      const auto draw = next();
      row.push_back(with_missing && draw % 7 == 0 ? std::string() : std::to_string(1 + (draw / 7) % categories));
    }
    rows.push_back(row);
  }
  return data_of(rows);
}


// Gwet's irrCAC cac.raw4raters: Krippendorff's (2011) four coders and twelve units, except that irrCAC
// gives the lone value of unit 12 to its third rater where Krippendorff has the second: the same for
// every coefficient but Conger's, whose chance term follows each coder.
inline const std::vector<std::string> kIrrCacRaw4Raters = {"11.1", "2232", "3333", "3333", "2222", "1234",
                                                           "4444", "1121", "2222", ".555", "..11", "..3."};

// The first 15 subjects of Fleiss (1971), Gwet's irrCAC distrib.6raters, with the five diagnoses as categories.
inline ReliabilityData irrcac_distrib_6raters() {
  return digits(std::vector<std::string>(kFleiss1971Diagnoses.begin(), kFleiss1971Diagnoses.begin() + 15),
                {"1", "2", "3", "4", "5"});
}

}  // namespace qda
