// The distinct case-folded words a thread has seen, each under a small dense id, so that what a word
// means to the codebook (its form ids, stems, wildcards) is worked out once and reused for every
// occurrence. Words follow Zipf's law, so nearly every word of a corpus is found here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

class WordCache {
 public:
  // Hashes a folded word for find_or_add(): eight bytes at a time, with a multiply and a shift per
  // step, since this is on the path of every word of the corpus. The steps are public so that a
  // caller can hash a word while it folds it (hash_start, hash_block per whole eight bytes,
  // hash_tail for the zero-padded rest if any, hash_finish) and get the same value.
  static std::uint64_t hash_start(std::size_t size) { return 0x9E3779B97F4A7C15ull ^ size; }
  static std::uint64_t hash_block(std::uint64_t h, std::uint64_t block) {
    h = (h ^ block) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  }
  static std::uint64_t hash_tail(std::uint64_t h, std::uint64_t block) {
    h = (h ^ block) * 0x94D049BB133111EBull;
    return h ^ (h >> 29);
  }
  static std::uint64_t hash_finish(std::uint64_t h) { return h ^ (h >> 32); }
  static std::uint64_t hash(std::string_view word) {
    std::uint64_t h = hash_start(word.size());
    std::size_t at = 0;
    for (; word.size() - at >= 8; at += 8) {
      std::uint64_t block = 0;
      std::memcpy(&block, word.data() + at, 8);
      h = hash_block(h, block);
    }
    if (at < word.size()) {
      std::uint64_t block = 0;
      std::memcpy(&block, word.data() + at, word.size() - at);
      h = hash_tail(h, block);
    }
    return hash_finish(h);
  }

  // The word's id, adding it with the next id (size() before the call) if it is new.
  std::uint32_t find_or_add(std::string_view word, std::uint64_t hash, bool& added) {
    if (!slots_.empty()) {  // the lookup, inline: nearly every word is found
      const std::size_t mask = slots_.size() - 1;
      const auto short_hash = static_cast<std::uint32_t>(hash);
      for (std::size_t slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
        const std::uint32_t id = slots_[slot] - 1;
        if (hashes_[id] == short_hash && this->word(id) == word) {
          added = false;
          return id;
        }
      }
    }
    added = true;
    return add(word, hash);
  }
  std::string_view word(std::uint32_t id) const {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  std::size_t size() const { return hashes_.size(); }
  std::size_t bytes() const { return text_.size(); }  // of all the words together
  // Forgets every word; ids start again from 0.
  void clear();

 private:
  std::uint32_t add(std::string_view word, std::uint64_t hash);
  void grow();

  std::vector<std::uint32_t> slots_;  // open addressing, linear probing: id + 1, or 0 for empty
  std::vector<std::uint32_t> hashes_;  // per id: the hash's low bits, to skip most comparisons
  std::vector<std::uint32_t> offsets_{0};  // per id: where its bytes start in text_; one past the last
  std::string text_;
};

}  // namespace qda
