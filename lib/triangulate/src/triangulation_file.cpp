// triangulation.yaml read back, and a code's convergence over a selection of its columns.
#include "qda/triangulation_file.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "qda/error.hpp"
#include "qda/schema.hpp"

namespace qda {

namespace {

Convergence convergence_of(const std::string& name) {
  for (const Convergence convergence : {Convergence::Agreement, Convergence::PartialAgreement, Convergence::Dissonance,
                                        Convergence::Silence, Convergence::NotAsked}) {
    if (convergence_name(convergence) == name) return convergence;
  }
  return Convergence::Silence;  // the schema admits no other
}

Raised raised_of(const std::string& name) {
  for (const Raised raised : {Raised::Asked, Raised::Unprompted, Raised::NotAsked, Raised::Unknown}) {
    if (raised_name(raised) == name) return raised;
  }
  return Raised::Unknown;
}

std::vector<std::string> strings(const nlohmann::ordered_json& list) {
  std::vector<std::string> items;
  for (const auto& item : list) items.push_back(item.get<std::string>());
  return items;
}

}  // namespace

const TriangulationCode* TriangulationFile::find(const std::string& code) const {
  for (const auto& entry : codes) {
    if (entry.id == code) return &entry;
  }
  return nullptr;
}

std::optional<std::size_t> TriangulationFile::stance_index(const std::string& stance) const {
  const auto found = std::find(stances.begin(), stances.end(), stance);
  if (found == stances.end()) return std::nullopt;
  return static_cast<std::size_t>(found - stances.begin());
}

TriangulationFile read_triangulation(const std::filesystem::path& path) {
  const nlohmann::ordered_json document = load_validated_json(path, "triangulation");
  TriangulationFile file;
  file.path = path;
  file.mode = document.at("counted").at("mode").get<std::string>();
  file.coders = strings(document.at("counted").at("coders"));
  file.stances = strings(document.at("stances"));
  file.columns_by = document.at("columns_by").get<std::string>();
  file.provenance = document.at("provenance");
  const auto& rules = document.at("rules");
  file.rules.tie = rules.at("tie").get<std::string>() == "cautious" ? TieRule::Cautious : TieRule::Favourable;
  file.rules.prominence_ratio = rules.at("prominence_ratio").get<double>();
  file.rules.agreement_share = rules.at("agreement_share").get<double>();
  file.rules.dissonance_share = rules.at("dissonance_share").get<double>();
  file.rules.generic_example_share = rules.at("generic_example_share").get<double>();
  for (const auto& column : document.at("columns")) {
    TriangulationColumn entry{column.at("id").get<std::string>(), strings(column.at("sources")), {},
                              column.at("participant_segments").get<std::size_t>(), {}, {}};
    for (const auto& [name, value] : column.at("attributes").items()) entry.attributes.emplace_back(name, value.get<std::string>());
    file.columns.push_back(std::move(entry));
  }
  std::map<std::string, std::uint32_t> source_ids;
  std::map<std::pair<std::string, std::string>, std::uint32_t> pair_ids;
  for (auto& column : file.columns) {
    for (const auto& source : column.sources) {
      column.source_ids.push_back(source_ids.emplace(source, static_cast<std::uint32_t>(source_ids.size())).first->second);
    }
    for (const auto& pair : column.attributes) {
      const auto [found, added] = pair_ids.emplace(pair, static_cast<std::uint32_t>(pair_ids.size()));
      if (added) file.attribute_pairs.push_back(pair);
      column.attribute_pair_ids.push_back(found->second);
    }
  }
  file.source_count = source_ids.size();
  std::map<std::string, std::size_t> column_index;
  for (std::size_t c = 0; c < file.columns.size(); ++c) column_index.emplace(file.columns[c].id, c);
  std::map<std::string, std::uint32_t> example_ids;  // examples compared as ids, as qda-triangulate compares them
  for (const auto& code : document.at("codes")) {
    TriangulationCode entry;
    entry.id = code.at("code").get<std::string>();
    // A column a code names must be one the file lists (the schema cannot say so).
    const auto column_of = [&](const nlohmann::ordered_json& name, std::string_view list) -> std::size_t {
      const auto found = column_index.find(name.get<std::string>());
      if (found == column_index.end()) {
        throw invalid_input(fmt::format("code '{}' names the column '{}' in its {}, which is not among the file's columns; "
                                        "expected a triangulation.yaml as qda-triangulate writes it",
                                        entry.id, name.get<std::string>(), list),
                            {path.string()});
      }
      return found->second;
    };
    entry.name = code.at("name").get<std::string>();
    entry.path = code.at("path").get<std::string>();
    entry.category = convergence_of(code.at("category").get<std::string>());
    entry.decided_by = code.at("decided_by").get<std::string>();
    if (!code.at("stance").is_null()) entry.stance = file.stance_index(code.at("stance").get<std::string>());
    entry.single_source = code.at("single_source").get<bool>();
    entry.cells.resize(file.columns.size());
    for (const auto& silent : code.at("silent")) entry.cells[column_of(silent, "silent")].view.raised = Raised::Asked;
    for (const auto& not_asked : code.at("not_asked")) entry.cells[column_of(not_asked, "not_asked")].view.raised = Raised::NotAsked;
    for (const auto& cell : code.at("cells")) {
      TriangulationCell& target = entry.cells[column_of(cell.at("column"), "cells")];
      target.view.spoke = true;
      if (!cell.at("stance").is_null()) target.view.stance = file.stance_index(cell.at("stance").get<std::string>());
      target.view.prominence = cell.at("prominence").get<double>();
      target.view.raised = raised_of(cell.at("raised").get<std::string>());
      target.segments = cell.at("segments").get<std::size_t>();
      target.examples = strings(cell.at("examples"));
      for (const auto& example : target.examples) {
        target.view.examples.push_back(example_ids.emplace(example, static_cast<std::uint32_t>(example_ids.size())).first->second);
      }
      std::sort(target.view.examples.begin(), target.view.examples.end());
      target.segment_ids = strings(cell.at("segment_ids"));
      if (cell.contains("passage")) {
        const auto& passage = cell.at("passage");
        target.passage = TriangulationPassage{passage.at("source").get<std::string>(), passage.at("segment").get<std::string>(),
                                              passage.at("start").get<std::size_t>(), passage.at("end").get<std::size_t>(),
                                              passage.at("text").get<std::string>()};
      }
    }
    file.codes.push_back(std::move(entry));
  }
  return file;
}

std::vector<std::size_t> all_columns(const TriangulationFile& file) {
  std::vector<std::size_t> columns(file.columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) columns[c] = c;
  return columns;
}

LeaveOneOutPairs::LeaveOneOutPairs(const TriangulationFile& file, const TriangulationCode& code)
    : of_column_(code.cells.size()) {
  for (std::size_t a = 0; a < code.cells.size(); ++a) {
    if (!code.cells[a].view.spoke) continue;
    for (std::size_t b = a + 1; b < code.cells.size(); ++b) {
      if (!code.cells[b].view.spoke) continue;
      const Convergence category = compare_columns(code.cells[a].view, code.cells[b].view, file.rules, false).category;
      total_.add(category);
      of_column_[a].add(category);
      of_column_[b].add(category);
    }
  }
}

CodeEvidence code_evidence(const TriangulationFile& file, const TriangulationCode& code, const std::vector<std::size_t>& columns,
                           const PairCounts* known_pairs) {
  CodeEvidence evidence;
  evidence.columns = columns.size();
  std::size_t silent = 0;
  std::vector<std::size_t> spoke_columns;  // for the pairs, when they are compared here
  for (const std::size_t column : columns) {
    const ColumnView& view = code.cells[column].view;
    if (view.spoke) {
      ++evidence.spoke;
      if (known_pairs == nullptr) spoke_columns.push_back(column);
    } else {
      silent += view.raised != Raised::NotAsked;
    }
  }
  PairCounts spoke_pairs;
  if (known_pairs != nullptr) {
    spoke_pairs = *known_pairs;
  } else {
    // Each pair of distinct columns once, counted as often as the sample draws it (m × n for columns
    // drawn m and n times). A column drawn twice (a bootstrap sample) is not compared with itself: no
    // source corroborates itself.
    std::sort(spoke_columns.begin(), spoke_columns.end());
    std::vector<std::pair<std::size_t, std::size_t>> drawn;  // (column, times drawn)
    for (const std::size_t column : spoke_columns) {
      if (drawn.empty() || drawn.back().first != column) drawn.emplace_back(column, 0);
      ++drawn.back().second;
    }
    for (std::size_t a = 0; a < drawn.size(); ++a) {
      const ColumnView& first = code.cells[drawn[a].first].view;
      for (std::size_t b = a + 1; b < drawn.size(); ++b) {
        const Convergence category = compare_columns(first, code.cells[drawn[b].first].view, file.rules, false).category;
        spoke_pairs.add(category, drawn[a].second * drawn[b].second);
      }
    }
  }
  evidence.convergence = code_convergence(evidence.spoke, silent, spoke_pairs, file.rules);
  // Distinct sources and attribute values among the columns holding each stance, marked by their ids
  // (a column drawn twice counts once): sets of strings here were most of qda-score's time.
  const std::size_t stances = file.stances.size();
  std::vector<std::size_t> holding(stances, 0), distinct_sources(stances, 0);
  std::vector<std::uint8_t> source_seen(stances * file.source_count, 0), pair_seen(stances * file.attribute_pairs.size(), 0);
  std::vector<std::map<std::string, std::size_t>> values(stances);
  for (const std::size_t c : columns) {
    const ColumnView& view = code.cells[c].view;
    if (!view.spoke || !view.stance) continue;
    const std::size_t k = *view.stance;
    ++holding[k];
    for (const std::uint32_t source : file.columns[c].source_ids) {
      std::uint8_t& seen = source_seen[k * file.source_count + source];
      distinct_sources[k] += seen == 0;
      seen = 1;
    }
    for (const std::uint32_t pair : file.columns[c].attribute_pair_ids) {
      std::uint8_t& seen = pair_seen[k * file.attribute_pairs.size() + pair];
      if (seen == 0) ++values[k][file.attribute_pairs[pair].first];
      seen = 1;
    }
  }
  evidence.stance = dominant_stance(holding, file.rules.tie);
  for (std::size_t k = 0; k < stances; ++k) {
    evidence.stance_shares.push_back(evidence.spoke == 0 ? 0.0 : static_cast<double>(holding[k]) / static_cast<double>(evidence.spoke));
    evidence.sources_holding.push_back(distinct_sources[k]);
    evidence.attribute_values_holding.push_back(std::move(values[k]));
  }
  evidence.single_source = evidence.stance && distinct_sources[*evidence.stance] == 1;
  return evidence;
}

}  // namespace qda
