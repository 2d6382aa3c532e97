// What qda-triangulate gathers in one pass over the coded segments: per code × column cell, the
// segments coded, their stances, examples and a candidate passage per stance; per source, when each
// code was first asked about and first spoken to. Memory grows with codes × columns, never with the
// number of segments or codings (segment ids are kept up to a limit per cell).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/coded_units.hpp"
#include "qda/corpus.hpp"
#include "qda/examples.hpp"
#include "qda/strings.hpp"
#include "qda/triangulation.hpp"

namespace qda::triangulate {

// A column of the matrix: one source, or the sources sharing a value of the --by attribute.
struct Column {
  std::string id;
  std::vector<std::size_t> sources;  // indexes into the corpus's sources
  Attributes attributes;             // a source's own; for a group, the grouping attribute and its value
  std::size_t participant_segments = 0;
};

// An exact span of a source's normalised text that represents a cell.
struct Passage {
  std::string source;
  std::string segment;
  std::size_t start = 0;  // code points into the source's normalised text
  std::size_t end = 0;
  std::string text;
};

inline constexpr std::size_t kTrackedExamples = 40;

struct Cell {
  std::size_t segments = 0;
  std::vector<std::size_t> stance_counts;  // in the codebook's stance order
  std::vector<std::string> segment_ids;    // the first ones, up to the limit
  std::size_t more_segments = 0;
  // How many of its segments name each example (ids in the ExampleDictionary), for at most
  // kTrackedExamples distinct examples: memory stays bounded whatever the passages hold.
  std::map<std::uint32_t, std::uint32_t> examples;
  // The best passage seen so far for each stance: the segment most of the counted coders coded,
  // the earliest on a tie.
  std::vector<std::size_t> passage_strength;
  std::vector<std::optional<Passage>> passages;
};

// Which codings count: those of `coders` (indexes of coder names) that at least `minimum` of them made.
struct Selection {
  std::string name;  // the coder, or "consensus"
  std::vector<std::size_t> coders;
  std::size_t minimum = 1;
  bool keep_evidence = true;                     // segment ids and passages (the main selection only)
  std::vector<Cell> cells;                       // [code * columns + column]
  std::vector<std::size_t> first_spoken;         // [source * codes + code]: seq + 1, 0 for never
};

// Examples interned: the same key is one id, displayed as it was first seen.
class ExampleDictionary {
 public:
  std::uint32_t intern(const FoundExample& example);
  const std::string& display(std::uint32_t id) const { return display_[id]; }

 private:
  std::map<std::string, std::uint32_t> ids_;
  std::vector<std::string> display_;
};

struct TallySettings {
  const Codebook* codebook = nullptr;
  const CorpusInfo* corpus = nullptr;
  std::vector<std::string> coder_names;  // every coder of codings.csv, sorted
  TieRule tie = TieRule::Cautious;
  std::size_t max_segment_ids = 50;
};

class Tally {
 public:
  Tally(const TallySettings& settings, std::vector<Column> columns, std::vector<Selection> selections);

  // Adds one segment of the corpus with its codings (errors name the line of codings.csv).
  // `examples`: the named examples of the unit's text when it is a participant's coded segment, found
  // already (on another thread); otherwise the tally finds them.
  void add(const CodedUnit& unit, const std::string& codings_file, const std::vector<FoundExample>* examples = nullptr);

  std::size_t code_count() const { return settings_.codebook->codes.size(); }
  const CorpusInfo& corpus() const { return *settings_.corpus; }
  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<std::size_t>& column_of_source() const { return column_of_source_; }
  const std::vector<Selection>& selections() const { return selections_; }
  const ExampleDictionary& examples() const { return examples_; }
  // Whether any interviewer segment of the corpus is coded: only then can "not asked" be told from silence.
  bool questions_coded() const { return questions_coded_; }
  // [source * codes + code]: seq + 1 of the first interviewer segment coded with the code, 0 for never.
  const std::vector<std::size_t>& first_asked() const { return first_asked_; }

 private:
  struct Coded {
    std::size_t code = 0;
    std::vector<std::optional<std::size_t>> stance_by_coder;  // [coder name index]: the coder's first stance
    std::optional<std::pair<std::size_t, std::size_t>> auto_hit;  // code points into the source
    std::size_t auto_stance = 0;                                   // the stance the rules gave it
    std::vector<std::pair<std::size_t, std::size_t>> spans;       // [coder name index]: its span
  };
  void count(Selection& selection, const CodedUnit& unit, std::size_t source, const std::vector<Coded>& coded,
             const std::vector<FoundExample>& found);
  Passage passage_of(const CodedUnit& unit, const Coded& coded, std::size_t stance, const Selection& selection) const;

  TallySettings settings_;
  std::vector<Column> columns_;
  std::vector<std::size_t> column_of_source_;
  std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>> source_index_;
  // Codes by id, then by path (Codebook::find's order, without its walk through every code).
  std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>> code_index_;
  std::vector<Selection> selections_;
  ExampleDictionary examples_;
  ExampleFinder finder_;
  std::vector<std::size_t> first_asked_;
  bool questions_coded_ = false;
  std::vector<FoundExample> found_;  // reused
};

}  // namespace qda::triangulate
