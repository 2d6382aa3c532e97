// qda-agree as a library function: investigator triangulation. Agreement between coders per code and
// overall, from qda-code's codings (segments as units) or from a ratings matrix, to agreement.yaml,
// with bootstrap confidence intervals for alpha and a CSV of the units where coders differ.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace qda {

struct AgreeOptions {
  // Codings mode: codings.csv with the corpus its segments come from.
  std::string codings;
  std::string corpus;
  std::string codebook;                 // optional: orders codes and stances as the codebook does
  std::vector<std::string> coders;      // default: every coder but "auto"
  std::vector<std::string> codes;       // default: every code coded by the coders
  bool all_segments = false;            // include interviewers' turns as units
  // Count the segments of sources no compared coder coded as units too: the coders read every source.
  // Without it, such a source is taken as outside the sample they coded.
  bool all_sources = false;
  unsigned jobs = 1;                    // threads: with two or more, segments.csv is read ahead on one
  std::string disagreements;            // CSV of the units where the coders differ
  // Ratings mode: a reliability-data matrix (one row per unit, one column per coder).
  std::string ratings;
  std::string metric = "nominal";
  std::vector<std::string> categories;  // the categories in order (ordinal labels, unused categories)
  std::vector<std::string> missing;     // cell values that mean "not coded", besides an empty cell
  // Weighted coefficients to report too: names of agreement_weights.hpp's schemes; empty: linear and
  // quadratic for ordinal, interval and ratio ratings, none for nominal data; {"none"}: none.
  std::vector<std::string> weights;
  std::string weights_file;             // a custom weights matrix (CSV), reported as metric "custom"
  // Both modes.
  std::size_t bootstrap = 0;            // samples for alpha's confidence interval; 0: none
  std::uint64_t seed = 1;
  double level = 0.95;                  // of the bootstrap's and of the standard errors' intervals
  std::uint64_t population = 0;         // units in the population, for the finite-population correction; 0: none
  std::vector<double> minimums = {0.667, 0.8};
  std::string output = "-";             // agreement.yaml; "-" for stdout
};

// Throws qda::Error on bad input, writing nothing.
void run_agree(const AgreeOptions& options, std::ostream& stdout_stream);

}  // namespace qda
