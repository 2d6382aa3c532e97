// qda-score as a library function: a rubric applied to triangulation.yaml -> scores.yaml, with each
// indicator's level and the condition that decided it, the roll-up and verdict, and their sensitivity
// to each source, to alternative triangulations (each coder's) and to a bootstrap over sources.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace qda {

struct ScoreOptions {
  std::string triangulation;              // triangulation.yaml from qda-triangulate
  std::string rubric;                     // rubric.yaml
  std::vector<std::string> alternatives;  // NAME=triangulation.yaml (e.g. each coder's), scored for comparison
  std::size_t bootstrap = 0;              // samples of the columns, with replacement; 0: none
  std::uint64_t seed = 1;
  std::string output = "-";               // scores.yaml; "-": stdout
};

// Throws qda::Error on bad input, writing nothing.
void run_score(const ScoreOptions& options, std::ostream& stdout_stream);

}  // namespace qda
