// Writing the matrix: triangulation.yaml (docs/formats/triangulation-yaml.md), matrix.csv and
// pairs.csv (docs/formats/matrix-csv.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "qda/provenance.hpp"
#include "qda/yaml_writer.hpp"

namespace qda::triangulate {

// Everything triangulation.yaml holds besides the codes.
struct Header {
  Provenance provenance;
  std::string mode;  // coder | consensus
  std::vector<std::string> coders;
  std::size_t minimum = 1;
  std::string columns_by;
  ConvergenceRules rules;
  bool questions_coded = false;
};

// One human coder's results, code by code as the main results list them, for coder sensitivity.
struct CoderView {
  std::string coder;
  std::vector<CodeResult> codes;
};

class MatrixWriter {
 public:
  MatrixWriter(const Codebook& codebook, const Tally& tally, std::size_t list_pairs_up_to)
      : codebook_(codebook), tally_(tally), list_pairs_up_to_(list_pairs_up_to) {}

  // triangulation.yaml, checked against its schema part by part; throws if the writer broke it.
  std::string yaml(const Header& header, const std::vector<CodeResult>& codes, const std::vector<CoderView>& coders) const;
  void matrix_csv(std::ostream& out, const std::vector<CodeResult>& codes) const;
  void pairs_csv(std::ostream& out, const std::vector<CodeResult>& codes) const;

 private:
  std::string head_yaml(const Header& header) const;
  std::string sensitivity_yaml(const std::vector<CodeResult>& codes, const std::vector<CoderView>& coders) const;
  // A code's entry, as the root mapping of `out`.
  void write_code(YamlWriter& out, const CodeResult& code) const;
  void write_cell(YamlWriter& out, const CodeResult& code, const CellResult& cell) const;
  std::vector<std::string> column_ids(const std::vector<std::size_t>& columns) const;
  std::string stance_name(const std::optional<std::size_t>& stance) const;

  const Codebook& codebook_;
  const Tally& tally_;
  std::size_t list_pairs_up_to_;
};

}  // namespace qda::triangulate
