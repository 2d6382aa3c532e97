// The per-thread table of folded words: ids dense and stable until cleared, words kept apart even
// when many share a prefix or the table grows.
#include <gtest/gtest.h>

#include <string>

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
