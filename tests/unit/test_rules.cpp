// Each rule kind on real sentences in Indonesian and English, stance cues and their scope, and
// participant-only coding.
#include <gtest/gtest.h>

#include "qda/codebook.hpp"
#include "qda/rules.hpp"
#include "codebook_fixture.hpp"

namespace qda {

namespace {

// A codebook from YAML text (the codes part), with the Brebes stance cues.
Codebook codebook_of(const std::string& codes, const std::string& scope = "sentence") {
  return testing::codebook_from_text(R"(kind: qda/codebook
version: 1
languages: [id, en]
stances:
  values: [present, partial, absent]
  default: present
  scope: )" + scope + R"(
  cues:
    - stance: absent
      terms: {id: ["belum ada", "tidak ada"], en: ["not yet", "there is no"]}
    - stance: partial
      terms: {id: ["belum optimal", "masih kurang"], en: ["not optimal"]}
    - stance: present
      terms: {id: ["sudah", "telah"], en: ["already"]}
codes:
)" + codes);
}

struct Coded {
  std::string code;
  std::string stance;
  std::string matched;
  std::string rule;
  std::string cue;
};

std::vector<Coded> code(const Codebook& codebook, const std::string& text, bool interviewer = false,
                        const std::string& speaker = "Informan 1") {
  const RuleIndex index(codebook);
  SegmentCoder coder(index);
  std::vector<AutoCoding> codings;
  coder.code({text, speaker, interviewer}, codings);
  std::vector<Coded> result;
  for (const auto& coding : codings) {
    result.push_back({codebook.codes[coding.code].id, std::string(coding.stance), text.substr(coding.begin, coding.end - coding.begin),
                      coding.rule->id, coding.cue ? coding.cue->pattern.text : ""});
  }
  return result;
}

}  // namespace

TEST(Rules, TermsMatchAfterCaseFolding) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E-Gov
    rules:
      - terms: {en: ["e-government"]}
)");
  ASSERT_EQ(code(codebook, "Our E-GOVERNMENT portal.").size(), 1u);
  EXPECT_EQ(code(codebook, "Our E-GOVERNMENT portal.")[0].matched, "E-GOVERNMENT");
  EXPECT_EQ(code(codebook, "the e-government service").size(), 1u);
  EXPECT_TRUE(code(codebook, "the government service").empty());
}

TEST(Rules, PhrasesMatchAcrossLineBreaksAndPunctuation) {
  const Codebook codebook = codebook_of(R"(  - id: participation
    name: P
    rules:
      - terms: {id: ["partisipasi publik"]}
)");
  const auto coded = code(codebook, "Menurut saya partisipasi\npublik masih rendah.");
  ASSERT_EQ(coded.size(), 1u);
  EXPECT_EQ(coded[0].matched, "partisipasi\npublik");
  EXPECT_EQ(code(codebook, "Partisipasi — publik, ya.").size(), 1u);
  EXPECT_TRUE(code(codebook, "partisipasi masyarakat dan publik").empty());
}

TEST(Rules, StemsMatchInflectedFormsInBothLanguages) {
  const Codebook codebook = codebook_of(R"(  - id: openness
    name: O
    rules:
      - stem: true
        terms: {id: ["terbuka"], en: ["transparent"]}
)");
  EXPECT_EQ(code(codebook, "Keterbukaan informasi sudah berjalan.").size(), 1u);
  EXPECT_EQ(code(codebook, "Budget transparency is improving.").size(), 1u);
  const Codebook unstemmed = codebook_of(R"(  - id: openness
    name: O
    rules:
      - terms: {id: ["terbuka"]}
)");
  EXPECT_TRUE(code(unstemmed, "Keterbukaan informasi sudah berjalan.").empty()) << "without stem: only the word itself";
}

TEST(Rules, PrefixWildcards) {
  const Codebook codebook = codebook_of(R"(  - id: audit
    name: A
    rules:
      - terms: {id: ["transparan*"]}
)");
  EXPECT_EQ(code(codebook, "Laporan itu transparansi anggaran.")[0].matched, "transparansi");
  EXPECT_EQ(code(codebook, "Sangat TRANSPARAN.")[0].matched, "TRANSPARAN");
  EXPECT_TRUE(code(codebook, "Trans Jawa.").empty());
}

TEST(Rules, RegularExpressionsThroughRe2) {
  const Codebook codebook = codebook_of(R"(  - id: budget
    name: B
    rules:
      - regex: '(?i)\bSIPD\b|e-?budgeting'
)");
  EXPECT_EQ(code(codebook, "Kami sudah pakai ebudgeting lewat portal.")[0].matched, "ebudgeting");
  EXPECT_EQ(code(codebook, "Semua lewat sipd sekarang.")[0].matched, "sipd");
  EXPECT_TRUE(code(codebook, "SIPDX bukan itu.").empty());
}

TEST(Rules, NearCountsWordsBetweenOperandsEitherWay) {
  const Codebook codebook = codebook_of(R"(  - id: commitment
    name: C
    rules:
      - near: 'anggaran NEAR/3 "smart city"'
        language: id
)");
  EXPECT_EQ(code(codebook, "Anggaran untuk program smart city naik.").size(), 1u);   // 2 words between
  EXPECT_EQ(code(codebook, "Smart city itu butuh anggaran.").size(), 1u);            // reversed
  EXPECT_TRUE(code(codebook, "Anggaran tahun ini untuk program besar smart city.").empty());  // 5 words between
}

TEST(Rules, ExclusionsVetoTheRuleForTheSegment) {
  const Codebook codebook = codebook_of(R"(  - id: collaboration
    name: K
    rules:
      - terms: {id: ["kerja sama"]}
        unless: {id: ["RKUD"]}
)");
  EXPECT_EQ(code(codebook, "Ada kerja sama dengan provider.").size(), 1u);
  EXPECT_TRUE(code(codebook, "Kerja sama dengan Bank Jateng sebagai bank RKUD.").empty());
}

TEST(Rules, ParticipantsOnlyByDefault) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
  - id: question
    name: Q
    rules:
      - terms: {id: ["e-government"]}
        speakers: interviewers
  - id: named
    name: N
    rules:
      - terms: {id: ["e-government"]}
        speakers: ["Informan 2"]
)");
  const auto participant = code(codebook, "E-government sudah ada.", false, "Informan 1");
  ASSERT_EQ(participant.size(), 1u);
  EXPECT_EQ(participant[0].code, "egov");
  const auto interviewer = code(codebook, "Bagaimana e-government di sini?", true, "Pewawancara");
  ASSERT_EQ(interviewer.size(), 1u);
  EXPECT_EQ(interviewer[0].code, "question");
  EXPECT_EQ(code(codebook, "E-government.", false, "Informan 2").size(), 2u);
}

TEST(Rules, StanceCuesDecideTheStanceNearestCueWinning) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"], en: ["e-government"]}
)");
  EXPECT_EQ(code(codebook, "E-government kita sudah mengikuti standar PPID.")[0].stance, "present");
  const auto partial = code(codebook, "Sudah ada, tapi e-government kita belum optimal.");
  EXPECT_EQ(partial[0].stance, "partial") << "'belum optimal' is nearer than 'sudah'";
  EXPECT_EQ(partial[0].cue, "belum optimal");
  EXPECT_EQ(code(codebook, "There is no e-government for transport yet.")[0].stance, "absent");
  EXPECT_EQ(code(codebook, "Our e-government is not optimal.")[0].stance, "partial");
  EXPECT_EQ(code(codebook, "E-government di Brebes.")[0].stance, "present") << "no cue: the default";
}

TEST(Rules, SentenceScopeIgnoresCuesInOtherSentences) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
)");
  EXPECT_EQ(code(codebook, "SOP keamanan belum ada. E-government berjalan.")[0].stance, "present");
  EXPECT_EQ(code(codebook, "SOP keamanan belum ada. E-government berjalan.")[0].cue, "");
  const Codebook windowed = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
)", "{window: 3}");
  EXPECT_EQ(code(windowed, "SOP keamanan belum ada. E-government berjalan.")[0].stance, "absent")
      << "a window of 3 words crosses the sentence end";
  EXPECT_EQ(code(windowed, "Belum ada satu dua tiga empat e-government.")[0].cue, "") << "four words away: outside";
}

TEST(Rules, TheFirstHitWithACueInItsSentenceDecides) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
)");
  const auto coded = code(codebook, "E-government berjalan. Lalu portal e-government kami belum optimal.");
  ASSERT_EQ(coded.size(), 1u);
  EXPECT_EQ(coded[0].stance, "partial") << "the second hit has a cue in its sentence, the first has none";
  EXPECT_EQ(coded[0].cue, "belum optimal");
  EXPECT_EQ(coded[0].matched, "e-government") << "lower case: the second hit's own words";
  EXPECT_EQ(code(codebook, "Sudah. E-government berjalan. E-government lagi.")[0].stance, "present");
  EXPECT_EQ(code(codebook, "Sudah. E-government berjalan. E-government lagi.")[0].cue, "") << "no hit shares the cue's sentence";
}

TEST(Rules, ACueRunningPastItsSentenceIsInNoSentence) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
)");
  // "belum ada" matches across the full stop (phrases match across punctuation), but it is not
  // inside the hit's sentence.
  const auto coded = code(codebook, "Portal e-government belum. Ada rencana baru.");
  ASSERT_EQ(coded.size(), 1u);
  EXPECT_EQ(coded[0].cue, "");
  EXPECT_EQ(coded[0].stance, "present");
}

TEST(Rules, AHitStartingWithWhiteSpaceInsideASentenceHasThatSentenceAsItsScope) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - regex: '(?i)\sberjalan'
)");
  // The match " berjalan" starts at the space between two words of the second sentence, which is
  // inside it: the cue in the first sentence is out of scope.
  const auto coded = code(codebook, "SOP keamanan belum ada. Portal berjalan.");
  ASSERT_EQ(coded.size(), 1u);
  EXPECT_EQ(coded[0].matched, " berjalan");
  EXPECT_EQ(coded[0].cue, "");
  EXPECT_EQ(coded[0].stance, "present");
}

TEST(Rules, AHitStartingBetweenSentencesHasTheWholeTextAsItsScope) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - regex: '(?i)\s+e-government'
)");
  // The regex's match starts in the white space after the first sentence, so no sentence holds it.
  const auto coded = code(codebook, "SOP keamanan belum ada.  E-government berjalan.");
  ASSERT_EQ(coded.size(), 1u);
  EXPECT_EQ(coded[0].matched, "  E-government");
  EXPECT_EQ(coded[0].cue, "belum ada");
  EXPECT_EQ(coded[0].stance, "absent");
}

TEST(Rules, RuleAndCodeDefaultStances) {
  const Codebook codebook = codebook_of(R"(  - id: sectors
    name: S
    default_stance: absent
    rules:
      - terms: {id: ["transportasi publik"]}
      - terms: {id: ["Singapura"]}
        stance: partial
)");
  EXPECT_EQ(code(codebook, "Transportasi publik di sini.")[0].stance, "absent");
  EXPECT_EQ(code(codebook, "Seperti di Singapura.")[0].stance, "partial");
}

TEST(Rules, OneCodingPerCodeInCodebookOrder) {
  const Codebook codebook = codebook_of(R"(  - id: budget
    name: B
    rules:
      - terms: {id: ["SIPD"]}
      - terms: {id: ["e-budgeting"]}
  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
)");
  const auto coded = code(codebook, "E-government dan e-budgeting lewat SIPD.");
  ASSERT_EQ(coded.size(), 2u);
  EXPECT_EQ(coded[0].code, "budget");
  EXPECT_EQ(coded[0].matched, "e-budgeting") << "the first hit in the text";
  EXPECT_EQ(coded[1].code, "egov");
}

}  // namespace qda

namespace qda {

TEST(Rules, NearNeedsTwoOccurrencesNotOneMatchingBothOperands) {
  const Codebook codebook = codebook_of(R"(  - id: data
    name: D
    rules:
      - near: 'data NEAR/3 data'
        language: en
)");
  EXPECT_TRUE(code(codebook, "The data is here.").empty());
  EXPECT_EQ(code(codebook, "The data and more data.").size(), 1u);
}

TEST(Rules, SentenceScopeFollowsTheSourceLanguage) {
  const Codebook codebook = codebook_of(R"(  - id: egov
    name: E
    rules:
      - terms: {en: ["e-government"]}
)");
  // English rules keep "Mr." inside its sentence, so the cue before it is in the hit's sentence.
  const RuleIndex index(codebook);
  SegmentCoder coder(index);
  std::vector<AutoCoding> codings;
  const std::string text = "There is no portal, Mr. Budi said, for e-government.";
  coder.code({text, "A", false, "en"}, codings);
  ASSERT_EQ(codings.size(), 1u);
  EXPECT_EQ(codings[0].stance, "absent");
}

}  // namespace qda

namespace qda {

// Touched rules are kept as bits, 64 to a word, and visited in codebook order: codes on both sides
// of the 64th rule come out in order, once each.
TEST(Rules, CodesPastTheSixtyFourthRuleComeOutInCodebookOrder) {
  std::string codes;
  for (int i = 0; i < 70; ++i) {
    codes += "  - id: code-" + std::to_string(i) + "\n    name: C" + std::to_string(i) + "\n    rules:\n      - terms: {id: [\"kata" +
             std::to_string(i) + "\"]}\n";
  }
  const Codebook codebook = codebook_of(codes);
  const auto coded = code(codebook, "kata69 kata64 kata0 kata63 kata65 kata64 kata1");
  std::vector<std::string> ids;
  for (const auto& coding : coded) ids.push_back(coding.code);
  EXPECT_EQ(ids, (std::vector<std::string>{"code-0", "code-1", "code-63", "code-64", "code-65", "code-69"}));
}

}  // namespace qda
