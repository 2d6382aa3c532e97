// An open-addressing hash table over one string of word bytes: no allocation per word, and a lookup
// is usually one hash, one probe and one comparison.
#include "qda/word_cache.hpp"

namespace qda {

std::uint32_t WordCache::add(std::string_view word, std::uint64_t hash) {
  if (2 * (size() + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot] != 0) slot = (slot + 1) & mask;
  const auto id = static_cast<std::uint32_t>(size());
  slots_[slot] = id + 1;
  hashes_.push_back(static_cast<std::uint32_t>(hash));
  text_.append(word);
  offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
  return id;
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
