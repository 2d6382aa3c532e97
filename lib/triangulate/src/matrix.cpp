// A code's row of the convergence coding matrix: views of its cells, pairwise convergence, category.
#include "matrix.hpp"

#include <algorithm>
#include <set>

namespace qda::triangulate {

namespace {

// How the topic came up in a column: from each of its sources' first question and first mention.
Raised raised_in(const Tally& tally, const Selection& selection, const Column& column, std::size_t code, std::size_t codes) {
  if (!tally.questions_coded()) return Raised::Unknown;
  bool asked = false, unprompted = false;
  for (const std::size_t source : column.sources) {
    const std::size_t question = tally.first_asked()[source * codes + code];
    const std::size_t spoken = selection.first_spoken[source * codes + code];
    if (question != 0 && (spoken == 0 || question < spoken)) asked = true;
    else if (spoken != 0) unprompted = true;
  }
  return asked ? Raised::Asked : unprompted ? Raised::Unprompted : Raised::NotAsked;
}

}  // namespace

std::vector<bool> background_examples(const Tally& tally, const Selection& selection, const Codebook& codebook, double share) {
  // A sub-code's passages are mostly its parent's too: a code and its codable descendants count as one
  // topic, that of their topmost codable ancestor.
  const auto topic_of = [&](std::size_t code) {
    std::size_t topic = code;
    for (auto parent = codebook.codes[code].parent; parent; parent = codebook.codes[*parent].parent) {
      if (codebook.codes[*parent].codable) topic = *parent;
    }
    return topic;
  };
  const std::size_t columns = tally.columns().size();
  std::vector<std::set<std::size_t>> topics_of;  // [example id]: topics whose passages hold it
  std::set<std::size_t> topics_with_passages;
  for (std::size_t code = 0; code < codebook.codes.size(); ++code) {
    for (std::size_t column = 0; column < columns; ++column) {
      const Cell& cell = selection.cells[code * columns + column];
      if (cell.segments > 0) topics_with_passages.insert(topic_of(code));
      for (const auto& [id, count] : cell.examples) {
        if (id >= topics_of.size()) topics_of.resize(id + 1);
        topics_of[id].insert(topic_of(code));
      }
    }
  }
  std::vector<bool> background(topics_of.size(), false);
  for (std::size_t id = 0; id < topics_of.size(); ++id) {
    background[id] = static_cast<double>(topics_of[id].size()) > share * static_cast<double>(topics_with_passages.size());
  }
  return background;
}

CodeResult code_result(const Tally& tally, const Selection& selection, std::size_t code, const std::vector<bool>& background,
                       const CorpusInfo& corpus, const MatrixSettings& settings) {
  const auto& columns = tally.columns();
  const std::size_t codes = tally.code_count();
  CodeResult result;
  result.code = code;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Cell& cell = selection.cells[code * columns.size() + c];
    CellResult entry;
    entry.column = c;
    entry.cell = &cell;
    entry.view.spoke = cell.segments > 0;
    entry.view.stance = dominant_stance(cell.stance_counts, settings.rules.tie);
    entry.view.prominence = columns[c].participant_segments == 0
                                ? 0.0
                                : static_cast<double>(cell.segments) / static_cast<double>(columns[c].participant_segments);
    entry.view.raised = raised_in(tally, selection, columns[c], code, codes);
    // The examples named in most of its segments, background left out (ties: the first seen).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> named;  // (count, id)
    for (const auto& [id, count] : cell.examples) {
      if (id >= background.size() || !background[id]) named.emplace_back(count, id);
    }
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    if (named.size() > settings.max_examples) named.resize(settings.max_examples);
    for (const auto& [count, id] : named) {
      entry.view.examples.push_back(id);
      entry.examples.push_back(tally.examples().display(id));
    }
    std::sort(entry.view.examples.begin(), entry.view.examples.end());
    if (entry.view.stance && !cell.passages.empty() && cell.passages[*entry.view.stance]) {
      entry.passage = &*cell.passages[*entry.view.stance];
    }
    if (entry.view.spoke) result.spoke.push_back(c);
    else if (entry.view.raised == Raised::NotAsked) result.not_asked.push_back(c);
    else result.silent.push_back(c);
    result.cells.push_back(std::move(entry));
  }

  // Every pair with a column that spoke; the category counts only the pairs that both spoke.
  PairCounts spoke_pairs;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    for (std::size_t b = a + 1; b < columns.size(); ++b) {
      const ColumnView& first = result.cells[a].view;
      const ColumnView& second = result.cells[b].view;
      if (!first.spoke && !second.spoke) continue;
      PairConvergence pair = compare_columns(first, second, settings.rules, settings.keep_pairs);
      result.pairs.add(pair.category);
      if (first.spoke && second.spoke) spoke_pairs.add(pair.category);
      if (settings.keep_pairs) result.pair_list.push_back({a, b, std::move(pair)});
    }
  }
  result.verdict = code_convergence(result.spoke.size(), result.silent.size(), spoke_pairs, settings.rules);

  // The columns' stances: their shares, the dominant one, Sugiyono's sort, corroboration.
  const std::size_t stances = selection.cells.empty() ? 0 : selection.cells.front().stance_counts.size();
  std::vector<std::size_t> holding(stances, 0);
  for (const std::size_t c : result.spoke) ++holding[*result.cells[c].view.stance];
  result.stance = dominant_stance(holding, settings.rules.tie);
  for (const std::size_t count : holding) {
    result.stance_shares.push_back(result.spoke.empty() ? 0.0 : static_cast<double>(count) / static_cast<double>(result.spoke.size()));
  }
  result.single_source = result.stance && holding[*result.stance] == 1;
  for (const std::size_t c : result.spoke) {
    if (result.spoke.size() == 1) result.specific.push_back(c);
    else if (holding[*result.stance] >= 2 && result.cells[c].view.stance == result.stance) result.same.push_back(c);
    else result.differ.push_back(c);
  }
  for (std::size_t stance = 0; stance < stances; ++stance) {
    if (holding[stance] == 0) continue;
    Corroboration support{stance, holding[stance], 0, {}};
    std::vector<std::set<std::string>> values(settings.corroborate.size());
    for (const std::size_t c : result.spoke) {
      if (result.cells[c].view.stance != stance) continue;
      support.sources += columns[c].sources.size();
      for (const std::size_t source : columns[c].sources) {
        for (std::size_t k = 0; k < settings.corroborate.size(); ++k) {
          for (const auto& [name, value] : corpus.sources[source].attributes) {
            if (name == settings.corroborate[k]) values[k].insert(value);
          }
        }
      }
    }
    for (std::size_t k = 0; k < settings.corroborate.size(); ++k) support.attributes.emplace_back(settings.corroborate[k], values[k].size());
    result.corroboration.push_back(std::move(support));
  }
  return result;
}

}  // namespace qda::triangulate
