// qda-agree: intercoder agreement that matches the published formulas (docs/qda-agree.md).
#include <cstdint>
#include <iostream>

#include "qda/agree_run.hpp"
#include "qda/agreement_weights.hpp"
#include "qda/cli.hpp"
#include "qda/coefficient_table.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"

int main(int argc, char** argv) {
  qda::AgreeOptions options;
  qda::cli::Tool tool("qda-agree", "Intercoder agreement (" + qda::coefficient_names() + ") per code and overall, "
                                   "to agreement.yaml.");
  CLI::App& app = tool.app();
  app.add_option("codings", options.codings, "codings.csv written by qda-code");
  app.add_option("--corpus", options.corpus, "corpus.yaml whose segments are the units (with codings)");
  app.add_option("--codebook", options.codebook, "Order codes and stances as this codebook does");
  app.add_option("--coders", options.coders, "Coders to compare, comma-separated (default: all but auto)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_option("--codes", options.codes, "Codes to compare, comma-separated (default: all coded)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_flag("--all-segments", options.all_segments, "Count interviewers' turns as units too");
  app.add_flag("--all-sources", options.all_sources,
               "Count the segments of sources no compared coder coded as units too (the coders read every source)");
  app.add_option("--disagreements", options.disagreements, "Write every unit where the coders differ (CSV)");
  app.add_option("--ratings", options.ratings, "A reliability-data matrix: one row per unit, one column per coder");
  app.add_option("--metric", options.metric, "Level of measurement of --ratings")
      ->check(CLI::IsMember({"nominal", "ordinal", "interval", "ratio"}))->capture_default_str();
  // Each --categories value is one CSV record, so a label with a comma can be given in double quotes.
  std::vector<std::string> category_lists;
  app.add_option("--categories", category_lists,
                 "Categories in order, comma-separated; quote a label holding a comma: '\"1,000+\",other'")
      ->allow_extra_args(false);
  app.add_option("--weights", options.weights,
                 "Weighted coefficients to report too, comma-separated: " + qda::weight_scheme_names() +
                     ", or none (default for ordered --ratings: linear,quadratic)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_option("--weights-file", options.weights_file, "A matrix of agreement weights (CSV) for ordered --ratings");
  app.add_option("--population", options.population,
                 "Units in the population, for the finite-population correction of standard errors (0: none)")
      ->capture_default_str();
  app.add_option("--missing", options.missing, "A cell value meaning 'not coded', e.g. NA (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--bootstrap", options.bootstrap, "Bootstrap samples for alpha's confidence interval (0: none)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Seed of the bootstrap")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}))->capture_default_str();
  qda::cli::add_decimal_option(app, "--level", options.level, "Confidence level of the intervals");
  qda::cli::add_decimals_option(app, "--minimum", options.minimums, "Report the probability that alpha is below this (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-j,--jobs", options.jobs, "Threads: with two, segments.csv and codings.csv are read ahead on others; the output is the same")
      ->capture_default_str();
  app.add_option("-o,--output", options.output, "Where to write agreement.yaml ('-': stdout)")->capture_default_str();
  tool.add_raw_csv_option();
  return tool.run(argc, argv, [&] {
    for (const auto& list : category_lists) {
      try {
        for (auto& category : qda::split_csv_list(list, "--categories")) options.categories.push_back(std::move(category));
      } catch (const qda::Error& error) {
        throw qda::usage_error(qda::describe(error.where(), error.message()));
      }
    }
    qda::run_agree(options, std::cout);
  });
}
