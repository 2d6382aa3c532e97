// The distinct case-folded words a thread has seen, each under a small dense id, so that what a word
// means to the codebook (its form ids, stems, wildcards) is worked out once and reused for every
// occurrence. Words follow Zipf's law, so nearly every word of a corpus is found here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

class WordCache {
 public:
  // Hashes a folded word for find_or_add().
  static std::uint64_t hash(std::string_view word);

  // The word's id, adding it with the next id (size() before the call) if it is new.
  std::uint32_t find_or_add(std::string_view word, std::uint64_t hash, bool& added);
  std::string_view word(std::uint32_t id) const {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  std::size_t size() const { return hashes_.size(); }
  std::size_t bytes() const { return text_.size(); }  // of all the words together
  // Forgets every word; ids start again from 0.
  void clear();

 private:
  void grow();

  std::vector<std::uint32_t> slots_;  // open addressing, linear probing: id + 1, or 0 for empty
  std::vector<std::uint32_t> hashes_;  // per id: the hash's low bits, to skip most comparisons
  std::vector<std::uint32_t> offsets_{0};  // per id: where its bytes start in text_; one past the last
  std::string text_;
};

}  // namespace qda
