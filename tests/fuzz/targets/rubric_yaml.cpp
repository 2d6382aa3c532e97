// Fuzz target: rubric.yaml as qda-score loads it (load_rubric: YAML, the schema, and the checks against
// the triangulation it scores), then scored as qda-score scores it. Each input is tried against both
// examples' golden triangulations, so the seeds of either example pass the checks of codes and stances.
#include "fuzz_input.hpp"
#include "qda/rubric.hpp"
#include "qda/scoring.hpp"

namespace {

const std::vector<qda::TriangulationFile>& triangulations() {
  static const std::vector<qda::TriangulationFile> files = {
      qda::read_triangulation(qda::fuzz::repository_file("tests/golden/brebes-smart-governance/triangulation.yaml")),
      qda::read_triangulation(qda::fuzz::repository_file("tests/golden/quickstart/triangulation.yaml"))};
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const auto path = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "rubric.yaml");
  for (const qda::TriangulationFile& triangulation : triangulations()) {
    qda::fuzz::run_expecting_only_input_errors([&] {
      const qda::Rubric rubric = qda::load_rubric(path, triangulation);
      std::vector<std::size_t> every_column(triangulation.columns.size());
      for (std::size_t i = 0; i < every_column.size(); ++i) every_column[i] = i;
      qda::score(rubric, triangulation, every_column);
    });
  }
  return 0;
}
