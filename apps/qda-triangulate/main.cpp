// qda-triangulate: source triangulation as a computed, traceable convergence matrix (docs/qda-triangulate.md).
#include <iostream>

#include "qda/cli.hpp"
#include "qda/triangulate_run.hpp"

int main(int argc, char** argv) {
  qda::TriangulateOptions options;
  qda::cli::Tool tool("qda-triangulate", "Source triangulation (Farmer et al. 2006): what each source says about each code, "
                                         "how the sources converge, to triangulation.yaml.");
  CLI::App& app = tool.app();
  app.add_option("codings", options.codings, "codings.csv written by qda-code")->required();
  app.add_option("--corpus", options.corpus, "corpus.yaml whose sources are the columns")->required();
  app.add_option("-c,--codebook", options.codebook, "The codebook: codes, their order, the stances")->required();
  app.add_option("--coder", options.coder, "Count this coder's codings: a human coder, a reconciled consensus, or auto for the rules'");
  app.add_option("--consensus", options.consensus, "Count a coding when all, or at least K, of --coders made it (all|K)");
  app.add_option("--coders", options.coders, "The coders of --consensus or --each-coder, comma-separated (default: all but auto)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_flag("--each-coder", options.each_coder, "Also triangulate each human coder alone: which codes' categories change");
  app.add_option("--by", options.by, "Columns: each source, or the sources grouped by this attribute")->capture_default_str();
  app.add_option("--tie", options.tie, "Which stance a tie goes to: cautious (the later in the codebook) or favourable")
      ->check(CLI::IsMember({"cautious", "favourable"}))->capture_default_str();
  // At most six decimals each: triangulation.yaml records six, and qda-score decides again from them.
  qda::cli::add_decimal_option(app, "--prominence-ratio", options.prominence_ratio,
                               "Prominences agree when the larger is at most this times the smaller (six decimals at most)");
  qda::cli::add_decimal_option(app, "--agreement-share", options.agreement_share,
                               "Share of agreeing pairs that makes a code's category agreement (six decimals at most)");
  qda::cli::add_decimal_option(app, "--dissonance-share", options.dissonance_share,
                               "Share of dissonant pairs that makes it dissonance (six decimals at most)");
  qda::cli::add_decimal_option(app, "--generic-example-share", options.generic_example_share,
                               "A named item in the passages of more than this share of the topics is background, not an "
                               "example (six decimals at most)");
  app.add_option("--corroborate", options.corroborate, "Attributes whose distinct values are counted per stance, comma-separated")
      ->delimiter(',')->allow_extra_args(false)->capture_default_str();
  app.add_option("--max-examples", options.max_examples, "Examples kept per cell: those named in most of its segments")
      ->capture_default_str();
  app.add_option("--max-segment-ids", options.max_segment_ids, "Segment ids listed per cell")->capture_default_str();
  app.add_option("--list-pairs", options.list_pairs, "List every pair in triangulation.yaml up to this many columns")
      ->capture_default_str();
  app.add_option("--matrix", options.matrix, "Write matrix.csv: one row per code and column");
  app.add_option("--pairs", options.pairs, "Write pairs.csv: one row per code and pair of columns");
  app.add_option("-j,--jobs", options.jobs, "Threads; the outputs do not depend on them")->capture_default_str();
  app.add_option("-o,--output", options.output, "Where to write triangulation.yaml ('-': stdout)")->capture_default_str();
  tool.add_raw_csv_option();
  return tool.run(argc, argv, [&] { qda::run_triangulate(options, std::cout); });
}
