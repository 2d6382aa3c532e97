// The distinct case-folded words a thread has seen, each under a small dense id, so that what a word
// means to the codebook (its form ids, stems, wildcards) is worked out once and reused for every
// occurrence. Words follow Zipf's law, so nearly every word of a corpus is found here.
#pragma once

#include <bit>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

// Blocks are loaded from text with memcpy, and a word's first byte must be the lowest of its block.
static_assert(std::endian::native == std::endian::little, "WordCache and its callers assume little-endian blocks");

class WordCache {
 public:
  // Words are kept, hashed and compared as 8-byte blocks, the last padded with zero bytes: a lookup
  // compares a few integers instead of calling memcmp, since it is on the path of every word of the
  // corpus. The hash steps are public so that a caller can hash a word while it folds it
  // (hash_start, hash_block per block, the last one too if padded, hash_finish) and get
  // hash_blocks()'s value.
  static std::uint64_t hash_start(std::size_t size) { return 0x9E3779B97F4A7C15ull ^ size; }
  static std::uint64_t hash_block(std::uint64_t h, std::uint64_t block) {
    h = (h ^ block) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  }
  static std::uint64_t hash_finish(std::uint64_t h) { return h ^ (h >> 32); }
  static std::size_t blocks_for(std::size_t size) { return (size + 7) / 8; }
  static std::uint64_t hash_blocks(const std::uint64_t* blocks, std::size_t size) {
    std::uint64_t h = hash_start(size);
    for (std::size_t k = 0; k < blocks_for(size); ++k) h = hash_block(h, blocks[k]);
    return hash_finish(h);
  }
  // The word as zero-padded blocks.
  static void to_blocks(std::string_view word, std::vector<std::uint64_t>& blocks) {
    blocks.assign(blocks_for(word.size()), 0);
    // Bounded by the blocks' bytes, not just the word's size: GCC 12 otherwise warns of a size near
    // 2^64 (where blocks_for() would wrap), which no word has.
    if (!word.empty()) std::memcpy(blocks.data(), word.data(), std::min(word.size(), 8 * blocks.size()));
  }

  // The id of the word of `size` bytes held in `blocks` (zero-padded), adding it with the next id
  // (size() before the call) if it is new. `hash` is hash_blocks(blocks, size).
  std::uint32_t find_or_add(const std::uint64_t* blocks, std::size_t size, std::uint64_t hash, bool& added) {
    if (!slots_.empty()) {  // the lookup, inline: nearly every word is found
      const std::size_t mask = slots_.size() - 1;
      const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
      for (std::size_t slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
        if (static_cast<std::uint32_t>(slots_[slot] >> 32) != short_hash) continue;
        const auto id = static_cast<std::uint32_t>(slots_[slot]) - 1;
        if (entries_[id].size == size && same_blocks(&blocks_[entries_[id].first_block], blocks, blocks_for(size))) {
          added = false;
          return id;
        }
      }
    }
    added = true;
    return add(blocks, size, hash);
  }
  // As find_or_add() for a word of 1 to 16 bytes given as two blocks (the second zero for a word of up
  // to 8 bytes), compared without a loop: the path of nearly every word.
  std::uint32_t find_or_add_short(std::uint64_t first, std::uint64_t second, std::size_t size, std::uint64_t hash, bool& added) {
    if (!slots_.empty()) {
      const std::size_t mask = slots_.size() - 1;
      const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
      const std::uint64_t second_mask = 0 - static_cast<std::uint64_t>(size > 8);  // all ones or none, without a branch
      for (std::size_t slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
        if (static_cast<std::uint32_t>(slots_[slot] >> 32) != short_hash) continue;
        const auto id = static_cast<std::uint32_t>(slots_[slot]) - 1;
        // For a one-block word, a[1] is the next word's block or the padding: masked off.
        const std::uint64_t* a = &blocks_[entries_[id].first_block];
        if (entries_[id].size == size && ((a[0] ^ first) | ((a[1] ^ second) & second_mask)) == 0) {
          added = false;
          return id;
        }
      }
    }
    added = true;
    const std::uint64_t blocks[2] = {first, second};
    return add(blocks, size, hash);
  }
  std::uint32_t find_or_add(std::string_view word, bool& added) {
    to_blocks(word, scratch_);
    return find_or_add(scratch_.data(), word.size(), hash_blocks(scratch_.data(), word.size()), added);
  }
  // Valid until the next word is added.
  std::string_view word(std::uint32_t id) const {
    return {reinterpret_cast<const char*>(blocks_.data() + entries_[id].first_block), entries_[id].size};
  }
  std::size_t size() const { return entries_.size(); }
  std::size_t bytes() const { return 8 * (blocks_.size() - 1); }  // of all the words together, padded
  // Forgets every word; ids start again from 0.
  void clear();

 private:
  struct Entry {
    std::uint32_t first_block;
    std::uint32_t size;  // bytes
  };
  static bool same_blocks(const std::uint64_t* a, const std::uint64_t* b, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  std::uint32_t add(const std::uint64_t* blocks, std::size_t size, std::uint64_t hash);
  void grow();

  // Open addressing, linear probing: the hash's high half << 32 | id + 1, or 0 for an empty slot.
  std::vector<std::uint64_t> slots_;
  std::vector<Entry> entries_;        // per id
  // Every word's blocks, one after another, then one zero block, so that a word's second block can
  // be read (and masked off) whatever its size.
  std::vector<std::uint64_t> blocks_ = std::vector<std::uint64_t>(1, 0);
  std::vector<std::uint64_t> scratch_;
};

}  // namespace qda
