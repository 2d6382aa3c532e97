// The per-thread table of folded words: ids dense and stable until cleared, words kept apart even
// when many share a prefix or the table grows.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "qda/word_cache.hpp"

namespace qda {

namespace {
std::uint32_t id_of(WordCache& cache, const std::string& word, bool& added) {
  return cache.find_or_add(word, added);
}
}  // namespace

TEST(WordCache, GivesEachDistinctWordTheNextIdOnce) {
  WordCache cache;
  bool added = false;
  EXPECT_EQ(id_of(cache, "layanan", added), 0u);
  EXPECT_TRUE(added);
  EXPECT_EQ(id_of(cache, "digital", added), 1u);
  EXPECT_TRUE(added);
  EXPECT_EQ(id_of(cache, "layanan", added), 0u);
  EXPECT_FALSE(added);
  EXPECT_EQ(cache.word(1), "digital");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.bytes(), 16u);  // each word padded to whole 8-byte blocks
}

TEST(WordCache, KeepsThousandsOfWordsApartAcrossGrowth) {
  WordCache cache;
  bool added = false;
  for (int i = 0; i < 20000; ++i) {
    ASSERT_EQ(id_of(cache, "w" + std::to_string(i), added), static_cast<std::uint32_t>(i));
    ASSERT_TRUE(added);
  }
  for (int i = 0; i < 20000; i += 7) {
    ASSERT_EQ(id_of(cache, "w" + std::to_string(i), added), static_cast<std::uint32_t>(i));
    ASSERT_FALSE(added);
    ASSERT_EQ(cache.word(static_cast<std::uint32_t>(i)), "w" + std::to_string(i));
  }
  // Words that differ only past the first eight bytes, or in length, are different words.
  EXPECT_NE(id_of(cache, "transparansi", added), id_of(cache, "transparansinya", added));
  EXPECT_NE(id_of(cache, "a", added), id_of(cache, std::string("a\0", 2), added));
}

TEST(WordCache, ClearStartsTheIdsAgain) {
  WordCache cache;
  bool added = false;
  id_of(cache, "sudah", added);
  id_of(cache, "belum", added);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(id_of(cache, "belum", added), 0u);
  EXPECT_TRUE(added);
}

}  // namespace qda

namespace qda {

// The two-block look-up of words of 1 to 16 bytes finds the words the general one added and the
// other way round, and never confuses a one-block word with a longer one that shares its first block
// (a one-block word's second block is its neighbour's in the table, masked off).
TEST(WordCache, ShortLookUpAgreesWithTheGeneralOne) {
  WordCache cache;
  bool added = false;
  const auto short_id = [&](const std::string& word) {
    std::uint64_t blocks[2] = {0, 0};
    std::memcpy(blocks, word.data(), word.size());
    return cache.find_or_add_short(blocks[0], blocks[1], word.size(), WordCache::hash_blocks(blocks, word.size()), added);
  };
  std::vector<std::string> words;
  for (std::size_t size = 1; size <= 16; ++size) {
    words.push_back(std::string(size, 'k'));
    words.push_back(std::string("transparansinya!").substr(0, size));
  }
  std::vector<std::uint32_t> ids;
  for (std::size_t i = 0; i < words.size(); ++i) {
    // Added through one look-up, found through both.
    const std::uint32_t id = i % 2 == 0 ? cache.find_or_add(words[i], added) : short_id(words[i]);
    ids.push_back(id);
    EXPECT_TRUE(added) << words[i];
    EXPECT_EQ(short_id(words[i]), id) << words[i];
    EXPECT_FALSE(added);
    EXPECT_EQ(cache.find_or_add(words[i], added), id) << words[i];
    EXPECT_FALSE(added);
    EXPECT_EQ(cache.word(id), words[i]);
  }
  // Found again once words follow each one in the table.
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(short_id(words[i]), ids[i]) << words[i];
    EXPECT_FALSE(added) << words[i];
  }
  EXPECT_EQ(cache.size(), 32u) << "16 sizes of two words each, all distinct";
  EXPECT_NE(short_id("transpar"), short_id("transparansi"));
}

}  // namespace qda
