// The sentence around one place in a text, by ICU's sentence rules: the span that sentence_spans()
// (text.hpp) would give for the whole text, worked out only around the places asked about. A cue's
// scope needs the sentences of the few hits a segment has, not all of its sentences. Where ICU would
// apply UAX #29's default rules unchanged, the same boundaries are found without it (sentence_rules.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace qda {

// One per thread: ICU break iterators are not thread-safe.
class SentenceFinder {
 public:
  SentenceFinder();
  ~SentenceFinder();
  SentenceFinder(const SentenceFinder&) = delete;
  SentenceFinder& operator=(const SentenceFinder&) = delete;

  // Starts on a text, which must stay alive and unchanged until the next call, in a language (a BCP
  // 47 tag; "und" or empty for ICU's root rules).
  void set_text(std::string_view utf8, const std::string& language);
  // The span of sentence_spans(text, language) that holds byte `offset`, a code point boundary before
  // the end of the text; nullopt if none does (the offset is in white space between sentences).
  std::optional<std::pair<std::size_t, std::size_t>> sentence_at(std::size_t offset);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
