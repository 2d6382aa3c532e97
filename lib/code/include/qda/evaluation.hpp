// Auto-coding against human coders (qda-code --evaluate, docs/qda-code.md#--evaluate): per code and over
// all codes, presence precision, recall and F1 at the level of segments, and stance agreement over the
// segments both coded with the code: Krippendorff's alpha (nominal, qda-agree's coefficient) and the
// table of auto's stances against the coder's.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/provenance.hpp"

namespace qda {

struct PresenceCounts {
  std::size_t both = 0, auto_only = 0, human_only = 0;
  std::size_t auto_count() const { return both + auto_only; }
  std::size_t human_count() const { return both + human_only; }
  std::optional<double> precision() const;
  std::optional<double> recall() const;
  std::optional<double> f1() const;  // 2 both / (auto + human), the harmonic mean of the two
};

struct StanceAgreement {
  std::size_t units = 0;       // segments both coded with the code (for all codes: segment × code)
  std::size_t agreements = 0;  // of which auto and the coder gave the same stance
  std::optional<double> alpha;
  std::string alpha_undefined_because;
  // [auto stance][coder stance]: how many units, stances by index in StanceVocabulary::values
  std::vector<std::vector<std::size_t>> confusion;
};

struct CoderEvaluation {
  PresenceCounts presence;
  StanceAgreement stance;
};

class Evaluation {
 public:
  Evaluation(const Codebook& codebook, std::vector<std::string> coders);

  // One segment and code that auto or a coder coded: auto's stance (empty if auto did not code it) and
  // each coder's, in the order of the constructor's coders (empty for a coder who did not).
  void add(std::size_t code, std::string_view auto_stance, const std::vector<std::string_view>& coder_stances);

  // The figures, once every segment is added: per code that anyone coded, in codebook order, then over
  // all codes; each with one entry per coder.
  std::vector<std::pair<std::size_t, std::vector<CoderEvaluation>>> per_code() const;
  std::vector<CoderEvaluation> overall() const;
  const std::vector<std::string>& coders() const { return coders_; }

  void print(std::ostream& out) const;
  std::string yaml(const Provenance& provenance) const;
  void write_csv(std::ostream& out) const;

 private:
  struct Counts {
    PresenceCounts presence;
    std::vector<std::size_t> confusion;  // stances² cells
  };
  CoderEvaluation finish(const Counts& counts) const;

  const Codebook& codebook_;
  std::vector<std::string> coders_;
  std::map<std::size_t, std::vector<Counts>> counts_;  // by code, then coder
};

}  // namespace qda
