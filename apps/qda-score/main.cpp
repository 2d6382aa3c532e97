// qda-score: a rubric's readiness levels and verdict from the triangulated evidence (docs/qda-score.md).
#include <cstdint>
#include <iostream>

#include "qda/cli.hpp"
#include "qda/score_run.hpp"

int main(int argc, char** argv) {
  qda::ScoreOptions options;
  qda::cli::Tool tool("qda-score", "Levels per indicator, roll-up and verdict from triangulation.yaml by a rubric, with what "
                                   "would change them, to scores.yaml.");
  CLI::App& app = tool.app();
  app.add_option("triangulation", options.triangulation, "triangulation.yaml written by qda-triangulate")->required();
  app.add_option("-r,--rubric", options.rubric, "The rubric: scale, conditions per level, roll-up, verdict bands")->required();
  app.add_option("--alternative", options.alternatives, "NAME=triangulation.yaml scored for comparison, e.g. one coder's (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--bootstrap", options.bootstrap, "Samples of the columns (sources, or groups of them), with replacement: how often each verdict comes out")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  app.add_option("--seed", options.seed, "Seed of the bootstrap")->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}))
      ->capture_default_str();
  app.add_option("-o,--output", options.output, "Where to write scores.yaml ('-': stdout)")->capture_default_str();
  return tool.run(argc, argv, [&] { qda::run_score(options, std::cout); });
}
