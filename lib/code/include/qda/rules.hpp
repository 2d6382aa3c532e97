// The rule engine: every codebook pattern in one index, matched against a segment's words in one
// pass; hits become at most one auto coding per code, its stance read from the cues that govern the
// hits (the stance model, docs/stance-model.md).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "qda/codebook.hpp"

namespace qda {

struct SegmentView {
  std::string_view text;
  std::string_view speaker;
  bool interviewer = false;
  std::string_view language = "und";  // the source's: picks ICU's sentence rules for the cue scope
};

struct AutoCoding {
  std::size_t code = 0;          // index into Codebook::codes
  std::string_view stance;       // one of the codebook's stance values, held by the codebook
  std::size_t begin = 0;         // bytes into the segment text: the hit that decided the coding
  std::size_t end = 0;
  const Rule* rule = nullptr;
  const Cue* cue = nullptr;      // the cue that decided the stance, if any
  // When more than one cue decided it, all of them as codings.csv names them ("bukan + tidak ada", or
  // "sudah; belum merata" for a mixed stance); empty otherwise. Valid until the next segment is coded.
  std::string_view cues;
};

// A pattern of the codebook that can match words other than its own: a stemmed term or a wildcard,
// of a rule (a term, an exclusion, a NEAR operand) or a cue. For --lint.
struct BroadPattern {
  const TermPattern* term = nullptr;
  std::string owner;  // "rule 'x'", "cue (partial)"
  Location where;
};

// Built once from a codebook; immutable and shared by all threads.
class RuleIndex {
 public:
  explicit RuleIndex(const Codebook& codebook);
  ~RuleIndex();
  const Codebook& codebook() const { return codebook_; }
  std::size_t rule_count() const;
  // The stemmed terms and wildcards, by their number in the index (others are null).
  const std::vector<BroadPattern>& broad_patterns() const;

  struct Data;
  const Data& data() const { return *data_; }

 private:
  const Codebook& codebook_;
  std::unique_ptr<Data> data_;
};

// Codes segments with a RuleIndex. One per thread (it owns a tokenizer, stemmers and buffers).
class SegmentCoder {
 public:
  // With `collect_words`, it keeps the words each stemmed term and wildcard matched (for --lint).
  explicit SegmentCoder(const RuleIndex& index, bool collect_words = false);
  ~SegmentCoder();

  // Appends the segment's auto codings to `codings`: at most one per code, in codebook order (qda-code
  // writes them in this order without sorting them).
  void code(const SegmentView& segment, std::vector<AutoCoding>& codings);
  // How many segments each rule (by RuleIndex order) fired in, vetoes left out: for --lint.
  const std::vector<std::size_t>& rule_hits() const;
  // [pattern number]: each word (as written) a broad pattern matched, with how often; empty unless
  // collect_words.
  using WordCounts = std::map<std::string, std::size_t, std::less<>>;
  const std::vector<WordCounts>& matched_words() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
