// The specific examples a passage gives (Farmer et al.'s second ground of comparison, beside meaning):
// the named items in it, the systems, programmes, organisations and places it names. A named item is
// an acronym (a word with two or more capitals: PPID, SIPD, QRIS) or a proper name (a capitalised word
// that does not start a sentence: Srikandi, Singapura), other than the English "I" and its
// contractions and the names of days and months (English and Indonesian). The codebook's own terms are not examples:
// they are the topic's vocabulary, which every passage coded with the code shares by construction.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>


namespace qda {

struct FoundExample {
  std::string key;      // case-folded: how examples are compared
  std::string display;  // as first written in the passage
};

// Finds examples in passages. Holds a tokenizer: one per thread.
class ExampleFinder {
 public:
  ExampleFinder();
  ~ExampleFinder();
  ExampleFinder(const ExampleFinder&) = delete;
  ExampleFinder& operator=(const ExampleFinder&) = delete;

  // Every named item in `text`, once each, in the order they first occur.
  void find(std::string_view text, std::vector<FoundExample>& found);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
