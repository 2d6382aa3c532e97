// An open-addressing hash table over one array of word blocks: no allocation per word, and a lookup
// is usually one hash, one probe and a comparison of one or two integers.
#include "qda/word_cache.hpp"

namespace qda {

std::uint32_t WordCache::add(const std::uint64_t* blocks, std::size_t size, std::uint64_t hash) {
  if (2 * (this->size() + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot] != 0) slot = (slot + 1) & mask;
  const auto id = static_cast<std::uint32_t>(entries_.size());
  slots_[slot] = (hash >> 32) << 32 | (std::uint64_t{id} + 1);
  blocks_.pop_back();  // the padding, put back after the word
  entries_.push_back({static_cast<std::uint32_t>(blocks_.size()), static_cast<std::uint32_t>(size)});
  blocks_.insert(blocks_.end(), blocks, blocks + blocks_for(size));
  blocks_.push_back(0);
  return id;
}

void WordCache::grow() {
  std::vector<std::uint64_t> slots(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
  const std::size_t mask = slots.size() - 1;
  for (std::uint32_t id = 0; id < size(); ++id) {
    const std::uint64_t hash = hash_blocks(&blocks_[entries_[id].first_block], entries_[id].size);
    std::size_t slot = hash & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = (hash >> 32) << 32 | (std::uint64_t{id} + 1);
  }
  slots_ = std::move(slots);
}

void WordCache::clear() {
  slots_.clear();
  entries_.clear();
  blocks_.assign(1, 0);
}

}  // namespace qda
