// triangulation.yaml, matrix.csv and pairs.csv from the worked-out matrix.
#include "writer.hpp"

#include "qda/csv.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"

namespace qda::triangulate {

namespace {

std::string stance_counts_text(const Codebook& codebook, const Cell& cell) {
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < cell.stance_counts.size(); ++k) {
    if (cell.stance_counts[k] > 0) parts.push_back(codebook.stances.values[k] + ":" + std::to_string(cell.stance_counts[k]));
  }
  return join(parts, ";");
}

}  // namespace

std::vector<std::string> MatrixWriter::column_ids(const std::vector<std::size_t>& columns) const {
  std::vector<std::string> ids;
  for (const std::size_t c : columns) ids.push_back(tally_.columns()[c].id);
  return ids;
}

std::string MatrixWriter::stance_name(const std::optional<std::size_t>& stance) const {
  return stance ? codebook_.stances.values[*stance] : std::string();
}

namespace {

// A document whose root mapping is one entry of a top-level sequence, as that entry: "key: v" at the
// root becomes "  - key: v", the lines after it indented to match. YamlWriter writes every scalar on
// one line, so lines can be shifted as they are.
void append_as_item(std::string& out, std::string_view document) {
  bool first = true;
  while (!document.empty()) {
    const std::size_t end = document.find('\n');
    out += first ? "  - " : "    ";
    out.append(document.substr(0, end + 1));
    document.remove_prefix(end + 1);
    first = false;
  }
}

}  // namespace

std::string MatrixWriter::yaml(const Header& header, const std::vector<CodeResult>& codes, const std::vector<CoderView>& coders) const {
  // Written, and checked against the schema, in parts: the document without its codes, then each code
  // against the schema of a code (a corpus of thousands of sources makes a large file, whose JSON in
  // one piece would take most of the run's memory).
  const std::string head = head_yaml(header);
  const std::string tail = sensitivity_yaml(codes, coders);
  const std::string name = "triangulation.yaml (as about to be written)";
  validate_output(head + "codes: []\n" + tail, "triangulation", name);
  std::string text = head;
  text += codes.empty() ? "codes: []\n" : "codes:\n";
  for (const CodeResult& code : codes) {
    YamlWriter out;
    write_code(out, code);
    validate_output(out.text(), "triangulation", name, "/properties/codes/items");
    append_as_item(text, out.text());
  }
  return text + tail;
}

std::string MatrixWriter::head_yaml(const Header& header) const {
  YamlWriter out;
  out.string_entry("kind", "qda/triangulation");
  out.integer_entry("version", 1);
  write_provenance(out, header.provenance);
  out.begin_mapping("counted");
  out.string_entry("mode", header.mode);
  out.flow_sequence_entry("coders", header.coders);
  out.integer_entry("minimum", header.minimum);
  out.end();
  out.flow_sequence_entry("stances", codebook_.stances.values);
  out.string_entry("columns_by", header.columns_by);
  out.begin_mapping("rules");
  out.string_entry("source_stance", "the stance of most of the column's coded segments (each segment's stance: the one most of the counted coders gave it)");
  out.string_entry("tie", tie_rule_name(header.rules.tie));
  out.number_entry("prominence_ratio", decimal(header.rules.prominence_ratio));
  out.number_entry("agreement_share", decimal(header.rules.agreement_share));
  out.number_entry("dissonance_share", decimal(header.rules.dissonance_share));
  out.number_entry("generic_example_share", decimal(header.rules.generic_example_share));
  out.string_entry("asked", header.questions_coded ? "coded questions" : "unknown: no interviewer turn is coded");
  out.end();
  out.begin_sequence("columns");
  for (const Column& column : tally_.columns()) {
    out.begin_mapping_item();
    out.string_entry("id", column.id);
    std::vector<std::string> sources;
    for (const std::size_t source : column.sources) sources.push_back(tally_.corpus().sources[source].id);
    out.flow_sequence_entry("sources", sources);
    out.integer_entry("participant_segments", column.participant_segments);
    out.begin_mapping("attributes");
    for (const auto& [name, value] : column.attributes) out.string_entry(name, value);
    out.end();
    out.end();
  }
  out.end();
  return out.text();
}

std::string MatrixWriter::sensitivity_yaml(const std::vector<CodeResult>& codes, const std::vector<CoderView>& coders) const {
  if (coders.empty()) return {};
  YamlWriter out;
  out.begin_mapping("coder_sensitivity");
  std::vector<std::string> names;
  for (const CoderView& view : coders) names.push_back(view.coder);
  out.flow_sequence_entry("coders", names);
  out.begin_sequence("codes");
  for (std::size_t k = 0; k < codes.size(); ++k) {
    out.begin_mapping_item();
    out.string_entry("code", codebook_.codes[codes[k].code].id);
    bool changes = false;
    out.begin_mapping("categories");
    for (const CoderView& view : coders) {
      const CodeResult& result = view.codes[k];
      out.string_entry(view.coder, convergence_name(result.verdict.category));
      changes = changes || result.verdict.category != coders.front().codes[k].verdict.category;
    }
    out.end();
    out.begin_mapping("stances");
    for (const CoderView& view : coders) {
      const CodeResult& result = view.codes[k];
      if (result.stance) out.string_entry(view.coder, stance_name(result.stance));
      else out.null_entry(view.coder);
      changes = changes || result.stance != coders.front().codes[k].stance;
    }
    out.end();
    out.bool_entry("changes", changes);
    out.end();
  }
  out.end();
  out.end();
  return out.text();
}

void MatrixWriter::write_code(YamlWriter& out, const CodeResult& code) const {
  const Code& definition = codebook_.codes[code.code];
  out.string_entry("code", definition.id);
  out.string_entry("name", definition.name);
  out.string_entry("path", definition.path);
  out.string_entry("category", convergence_name(code.verdict.category));
  out.string_entry("decided_by", code.verdict.decided_by);
  if (code.stance) out.string_entry("stance", stance_name(code.stance));
  else out.null_entry("stance");
  out.bool_entry("single_source", code.single_source);
  out.flow_sequence_entry("spoke", column_ids(code.spoke));
  out.flow_sequence_entry("silent", column_ids(code.silent));
  out.flow_sequence_entry("not_asked", column_ids(code.not_asked));
  out.begin_mapping("stance_shares");
  for (std::size_t k = 0; k < code.stance_shares.size(); ++k) out.number_entry(codebook_.stances.values[k], decimal(code.stance_shares[k]));
  out.end();
  out.begin_mapping("sugiyono");
  out.flow_sequence_entry("same", column_ids(code.same));
  out.flow_sequence_entry("differ", column_ids(code.differ));
  out.flow_sequence_entry("specific", column_ids(code.specific));
  out.end();
  out.begin_sequence("corroboration");
  for (const Corroboration& support : code.corroboration) {
    out.begin_mapping_item();
    out.string_entry("stance", codebook_.stances.values[support.stance]);
    out.integer_entry("columns", support.columns);
    out.integer_entry("sources", support.sources);
    for (const auto& [attribute, count] : support.attributes) out.integer_entry(attribute, count);
    out.bool_entry("single_source", support.sources == 1);
    out.end();
  }
  out.end();
  out.begin_mapping("pairs");
  out.integer_entry("agreement", code.pairs.agreement);
  out.integer_entry("partial_agreement", code.pairs.partial_agreement);
  out.integer_entry("dissonance", code.pairs.dissonance);
  out.integer_entry("silence", code.pairs.silence);
  out.integer_entry("not_asked", code.pairs.not_asked);
  out.end();
  if (tally_.columns().size() <= list_pairs_up_to_) {
    out.begin_sequence("pair_list");
    for (const PairResult& pair : code.pair_list) {
      out.begin_mapping_item();
      out.string_entry("a", tally_.columns()[pair.a].id);
      out.string_entry("b", tally_.columns()[pair.b].id);
      out.string_entry("category", convergence_name(pair.convergence.category));
      const bool both = code.cells[pair.a].view.spoke && code.cells[pair.b].view.spoke;
      out.string_entry("meaning", !both ? "-" : pair.convergence.meaning_agrees ? "agree" : "differ");
      std::vector<std::string> shared;
      for (const std::uint32_t id : pair.convergence.shared_examples) shared.push_back(tally_.examples().display(id));
      out.flow_sequence_entry("shared_examples", shared);
      out.end();
    }
    out.end();
  }
  out.begin_sequence("cells");
  for (const CellResult& cell : code.cells) {
    if (cell.view.spoke) write_cell(out, code, cell);
  }
  out.end();
}

void MatrixWriter::write_cell(YamlWriter& out, const CodeResult&, const CellResult& cell) const {
  out.begin_mapping_item();
  out.string_entry("column", tally_.columns()[cell.column].id);
  out.integer_entry("segments", cell.cell->segments);
  out.begin_mapping("stances");
  for (std::size_t k = 0; k < cell.cell->stance_counts.size(); ++k) {
    if (cell.cell->stance_counts[k] > 0) out.integer_entry(codebook_.stances.values[k], cell.cell->stance_counts[k]);
  }
  out.end();
  if (cell.view.stance) out.string_entry("stance", stance_name(cell.view.stance));
  else out.null_entry("stance");
  out.number_entry("prominence", decimal(cell.view.prominence));
  out.string_entry("raised", raised_name(cell.view.raised));
  out.flow_sequence_entry("examples", cell.examples);
  out.flow_sequence_entry("segment_ids", cell.cell->segment_ids);
  if (cell.cell->more_segments > 0) out.integer_entry("more_segments", cell.cell->more_segments);
  if (cell.passage != nullptr) {
    out.begin_mapping("passage");
    out.string_entry("source", cell.passage->source);
    out.string_entry("segment", cell.passage->segment);
    out.integer_entry("start", cell.passage->start);
    out.integer_entry("end", cell.passage->end);
    out.string_entry("text", cell.passage->text);
    out.end();
  }
  out.end();
}

void MatrixWriter::matrix_csv(std::ostream& out, const std::vector<CodeResult>& codes) const {
  CsvWriter csv(out);
  csv.write_row({"code", "column", "segments", "stances", "stance", "prominence", "raised", "examples", "segment_ids",
                 "more_segments", "passage_source", "passage_segment", "passage_start", "passage_end", "passage_text"});
  for (const CodeResult& code : codes) {
    for (const CellResult& cell : code.cells) {
      const Passage* passage = cell.passage;
      csv.write_row(std::vector<std::string>{
          codebook_.codes[code.code].id, tally_.columns()[cell.column].id, std::to_string(cell.cell->segments),
          stance_counts_text(codebook_, *cell.cell), stance_name(cell.view.stance), decimal(cell.view.prominence),
          std::string(raised_name(cell.view.raised)), join(cell.examples, "; "), join(cell.cell->segment_ids, " "),
          std::to_string(cell.cell->more_segments), passage ? passage->source : "", passage ? passage->segment : "",
          passage ? std::to_string(passage->start) : "", passage ? std::to_string(passage->end) : "", passage ? passage->text : ""});
    }
  }
}

void MatrixWriter::pairs_csv(std::ostream& out, const std::vector<CodeResult>& codes) const {
  CsvWriter csv(out);
  csv.write_row({"code", "a", "b", "category", "meaning", "stance_a", "stance_b", "prominence_a", "prominence_b", "shared_examples"});
  for (const CodeResult& code : codes) {
    for (const PairResult& pair : code.pair_list) {
      const ColumnView& a = code.cells[pair.a].view;
      const ColumnView& b = code.cells[pair.b].view;
      std::vector<std::string> shared;
      for (const std::uint32_t id : pair.convergence.shared_examples) shared.push_back(tally_.examples().display(id));
      csv.write_row(std::vector<std::string>{
          codebook_.codes[code.code].id, tally_.columns()[pair.a].id, tally_.columns()[pair.b].id,
          std::string(convergence_name(pair.convergence.category)),
          !(a.spoke && b.spoke) ? "-" : pair.convergence.meaning_agrees ? "agree" : "differ", stance_name(a.stance),
          stance_name(b.stance), decimal(a.prominence), decimal(b.prominence), join(shared, "; ")});
    }
  }
}

}  // namespace qda::triangulate
