// Speaker labels: the built-in conventions and a user's pattern.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/speakers.hpp"

namespace qda {

TEST(SpeakerRules, RecognisesBuiltInLabels) {
  const SpeakerRules rules;
  const auto plain = rules.match("Informan 2: Ya, jadi begini.");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->name, "Informan 2");
  EXPECT_EQ(plain->length, std::string("Informan 2: ").size());
  EXPECT_FALSE(plain->explicit_form);
  EXPECT_EQ(rules.match("Q: What?")->name, "Q");
  const auto bracket = rules.match("[Pewawancara] Selamat pagi");
  ASSERT_TRUE(bracket);
  EXPECT_EQ(bracket->name, "Pewawancara");
  EXPECT_TRUE(bracket->explicit_form);
  EXPECT_EQ(rules.match("**Informan 4:** Sudah.")->name, "Informan 4");
  EXPECT_EQ(rules.match("**Informan 4**: Sudah.")->name, "Informan 4");
  EXPECT_EQ(rules.match("Ibu Siti Rahayu: Baik.")->name, "Ibu Siti Rahayu");
}

TEST(SpeakerRules, IgnoresProseThatIsNotALabel) {
  const SpeakerRules rules;
  EXPECT_FALSE(rules.match("jadi begini: anggaran sudah ada"));          // lower-case start
  EXPECT_FALSE(rules.match("Pada rapat tanggal 3 Maret kami bahas: ya"));  // more than four words
  EXPECT_FALSE(rules.match("Pukul 10:30 rapat dimulai"));                 // no blank after the colon
  EXPECT_FALSE(rules.match("- Tanggal: 13 Maret 2023"));                  // a list item
}

TEST(SpeakerRules, UsesACustomPatternWithANamedGroup) {
  const SpeakerRules rules(R"((?P<speaker>[A-Z]{2,})>\s*)");
  EXPECT_TRUE(rules.is_custom());
  const auto label = rules.match("INT> Apa kabar?");
  ASSERT_TRUE(label);
  EXPECT_EQ(label->name, "INT");
  EXPECT_EQ(label->length, 5u);
  EXPECT_FALSE(rules.match("Informan 2: built-ins are off"));
}

TEST(SpeakerRules, RejectsBadPatterns) {
  try {
    SpeakerRules rules("(unclosed");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
    EXPECT_NE(error.message().find("RE2"), std::string::npos);
  }
  EXPECT_THROW(SpeakerRules("no group:"), Error);
}

}  // namespace qda

namespace qda {

TEST(SpeakerRules, ACustomPatternMayHaveManyGroups) {
  const SpeakerRules rules("(a)?(b)?(c)?(d)?(e)?(f)?(g)?(h)?(i)?(j)?(k)?(l)?(m)?(n)?(o)?(p)?(q)?(?P<speaker>[A-Z]+)> ");
  const auto label = rules.match("XX> hello");
  ASSERT_TRUE(label);
  EXPECT_EQ(label->name, "XX");
}

}  // namespace qda
