// An open-addressing hash table over one string of word bytes: no allocation per word, and a lookup
// is usually one hash, one probe and one comparison.
#include "qda/word_cache.hpp"

#include <cstring>

namespace qda {

std::uint64_t WordCache::hash(std::string_view word) {
  // Eight bytes at a time with a multiply and a shift per step: words are short, and this is on the
  // path of every word of the corpus.
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ word.size();
  const char* p = word.data();
  std::size_t left = word.size();
  for (; left >= 8; p += 8, left -= 8) {
    std::uint64_t block = 0;
    std::memcpy(&block, p, 8);
    h = (h ^ block) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (left > 0) {
    std::uint64_t block = 0;
    std::memcpy(&block, p, left);
    h = (h ^ block) * 0x94D049BB133111EBull;
    h ^= h >> 29;
  }
  return h ^ (h >> 32);
}

std::uint32_t WordCache::find_or_add(std::string_view word, std::uint64_t hash, bool& added) {
  if (2 * (size() + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  const auto short_hash = static_cast<std::uint32_t>(hash);
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t entry = slots_[slot];
    if (entry == 0) {
      const auto id = static_cast<std::uint32_t>(size());
      slots_[slot] = id + 1;
      hashes_.push_back(short_hash);
      text_.append(word);
      offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
      added = true;
      return id;
    }
    if (hashes_[entry - 1] == short_hash && this->word(entry - 1) == word) {
      added = false;
      return entry - 1;
    }
  }
}

void WordCache::grow() {
  std::vector<std::uint32_t> slots(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
  const std::size_t mask = slots.size() - 1;
  for (std::uint32_t id = 0; id < size(); ++id) {
    std::size_t slot = hash(word(id)) & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }
  slots_ = std::move(slots);
}

void WordCache::clear() {
  slots_.clear();
  hashes_.clear();
  offsets_.assign(1, 0);
  text_.clear();
}

}  // namespace qda
