// triangulation.yaml read back, for the tools after qda-triangulate (qda-score, qda-report), and a
// code's convergence worked out again over some of its columns: leave one source out, or a bootstrap
// sample of them, by the same rules the file records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "qda/document.hpp"
#include "qda/triangulation.hpp"

namespace qda {

struct TriangulationPassage {
  std::string source;
  std::string segment;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string text;
};

struct TriangulationColumn {
  std::string id;
  std::vector<std::string> sources;
  Attributes attributes;
  std::size_t participant_segments = 0;
  // The sources and the attributes' (name, value) pairs as numbers (TriangulationFile's source_count
  // and attribute_pairs), so that counting the distinct ones over many selections of columns needs
  // no set of strings.
  std::vector<std::uint32_t> source_ids;
  std::vector<std::uint32_t> attribute_pair_ids;
};

// One column's cell of one code; every column has one (those that did not speak, with spoke false).
struct TriangulationCell {
  ColumnView view;                      // as the pairwise comparison needs it (examples as ids)
  std::size_t segments = 0;
  std::vector<std::string> examples;    // as written
  std::vector<std::string> segment_ids;
  std::optional<TriangulationPassage> passage;
};

struct TriangulationCode {
  std::string id, name, path;
  Convergence category = Convergence::Silence;
  std::string decided_by;
  std::optional<std::size_t> stance;
  bool single_source = false;
  std::vector<TriangulationCell> cells;  // by column
};

struct TriangulationFile {
  std::filesystem::path path;
  std::string mode;                      // coder | consensus
  std::vector<std::string> coders;
  std::vector<std::string> stances;      // most favourable first
  std::string columns_by;
  ConvergenceRules rules;
  std::vector<TriangulationColumn> columns;
  std::size_t source_count = 0;  // distinct sources over the columns
  std::vector<std::pair<std::string, std::string>> attribute_pairs;  // by id: (name, value)
  std::vector<TriangulationCode> codes;
  nlohmann::ordered_json provenance;     // as recorded, for a report's appendix
  const TriangulationCode* find(const std::string& code) const;
  std::optional<std::size_t> stance_index(const std::string& stance) const;
};

// Reads and validates triangulation.yaml (schemas/v1/triangulation.schema.json).
TriangulationFile read_triangulation(const std::filesystem::path& path);

// What the triangulated evidence says of a code over a selection of columns (indexes into the file's
// columns; one may come more than once, as in a bootstrap sample).
struct CodeEvidence {
  CodeConvergence convergence;
  std::optional<std::size_t> stance;        // the stance most selected columns that spoke hold
  std::vector<double> stance_shares;        // per stance, over the selected columns that spoke
  std::size_t spoke = 0;
  std::size_t columns = 0;                  // selected
  bool single_source = false;
  std::vector<std::size_t> sources_holding;  // per stance: distinct sources of the columns holding it
  // Per stance: for each attribute, the distinct values among the columns holding it.
  std::vector<std::map<std::string, std::size_t>> attribute_values_holding;
};

// `spoke_pairs`, when given, are the counts of the pairs of the selected columns that both spoke,
// known already (LeaveOneOutPairs); otherwise the pairs are compared here.
CodeEvidence code_evidence(const TriangulationFile& file, const TriangulationCode& code, const std::vector<std::size_t>& columns,
                           const PairCounts* spoke_pairs = nullptr);

// A code's pairs of columns that both spoke, compared once: the counts over every column and the
// counts of the pairs each column is in. Leaving column c out leaves the total less those of c, so
// scoring with each column left out in turn costs one comparison of every pair, not one per column.
class LeaveOneOutPairs {
 public:
  LeaveOneOutPairs(const TriangulationFile& file, const TriangulationCode& code);
  PairCounts leaving_out(std::size_t column) const { return total_.without(of_column_[column]); }

 private:
  PairCounts total_;
  std::vector<PairCounts> of_column_;
};

// Every column, once.
std::vector<std::size_t> all_columns(const TriangulationFile& file);

}  // namespace qda
