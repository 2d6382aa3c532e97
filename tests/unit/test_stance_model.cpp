// The stance model (docs/stance-model.md) rule by rule, each on sentences where the rule decides: cue
// kinds, the side a cue governs, reach, clauses, lending, contrast, the mixed stance, and what is set
// apart (cues inside cues, names and conjunctions). The codebook is small and written here, so each test
// shows the parameters it depends on.
#include <gtest/gtest.h>

#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/rules.hpp"
#include "codebook_fixture.hpp"

namespace qda {

namespace {

// A codebook with one code per subject word and the stances block `stances` (indented by two).
Codebook codebook_with(const std::string& stances) {
  return testing::codebook_from_text(R"(kind: qda/codebook
version: 1
languages: [id, en]
stances:
  values: [present, partial, absent, planned]
  default: present
)" + stances + R"(
codes:
  - id: sop
    name: SOP
    rules:
      - terms: {id: ["SOP"], en: ["procedure"]}
  - id: tte
    name: TTE
    rules:
      - terms: {id: ["TTE"], en: ["signature"]}
  - id: plan
    name: Master plan
    rules:
      - terms: {id: ["rencana induk"], en: ["master plan"]}
)");
}

// The clause model of the Brebes example, cut down.
const std::string kClauses = R"(  scope: clause
  languages:
    id:
      governs: before
      boundaries: [karena]
      contrast: [tapi, "akan tetapi", meskipun]
    en:
      contrast: [but, however]
      boundaries: [if]
  cues:
    - kind: neutral
      terms: {id: ["tidak tahu"], en: ["not sure"]}
    - kind: negation
      stance: absent
      flips: {present: absent, absent: present}
      reach: 2
      terms: {id: [tidak, belum, "tidak ada"], en: [not, no, "there is no"]}
    - kind: negation
      flips: {present: absent, absent: present}
      terms: {en: ["not as if"]}
    - kind: modality
      stance: planned
      governs: both
      terms: {id: [akan, rencananya, rencana], en: [will, plan]}
    - stance: partial
      stem: true
      governs: both
      terms: {id: ["belum semua"], en: ["not all"]}
    - stance: partial
      terms: {id: ["masih kurang", "belum optimal"], en: [limited]}
    - stance: present
      terms: {id: [sudah, ada], en: [already, available]}
)";

struct Coded {
  std::string stance;
  std::string cues;  // as codings.csv names them
};

// The coding of `code` in `text` (a segment of a source in `language`); stance "-" if none.
Coded code_of(const Codebook& codebook, const std::string& code, const std::string& text, const std::string& language = "id") {
  const RuleIndex index(codebook);
  SegmentCoder coder(index);
  std::vector<AutoCoding> codings;
  coder.code({text, "Informan", false, language}, codings);
  for (const auto& coding : codings) {
    if (codebook.codes[coding.code].id != code) continue;
    return {std::string(coding.stance), !coding.cues.empty() ? std::string(coding.cues) : coding.cue ? coding.cue->pattern.text : ""};
  }
  return {"-", ""};
}

std::string stance_of(const Codebook& codebook, const std::string& code, const std::string& text, const std::string& language = "id") {
  return code_of(codebook, code, text, language).stance;
}

}  // namespace

TEST(StanceModel, ClausePunctuationKeepsEachListItemsPredicate) {
  const Codebook codebook = codebook_with(kClauses);
  const std::string text = "TTE belum semua, SOP sudah ada.";
  EXPECT_EQ(stance_of(codebook, "tte", text), "partial");
  EXPECT_EQ(stance_of(codebook, "sop", text), "present");
  const Codebook by_sentence = codebook_with(R"(  scope: sentence
  cues:
    - stance: partial
      terms: {id: ["belum semua"]}
    - stance: present
      terms: {id: [sudah]}
)");
  EXPECT_EQ(stance_of(by_sentence, "sop", text), "partial") << "one sentence: the nearest cue, 'belum semua', touches SOP";
}

TEST(StanceModel, AHitPrefersACueThatGovernsItsSide) {
  // Indonesian cues govern the hits before them first: the predicate follows its subject.
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(code_of(codebook, "sop", "TTE masih kurang SOP sudah ada").cues, "sudah")
      << "'masih kurang' touches SOP too, but it governs TTE, before it";
  EXPECT_EQ(stance_of(codebook, "tte", "TTE masih kurang SOP sudah ada"), "partial");
  // With no cue on its side, a hit takes the nearest on the other.
  EXPECT_EQ(stance_of(codebook, "sop", "Sudah lama kami pakai SOP"), "present");
}

TEST(StanceModel, ACueWithReachGovernsOnlyHitsThatClose) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "sop", "SOP tidak dipakai"), "absent");
  EXPECT_EQ(stance_of(codebook, "sop", "SOP kami di kantor tidak dipakai"), "present")
      << "three words between 'tidak' and SOP, reach 2: no cue governs it, the default holds";
}

TEST(StanceModel, NegationTurnsTheNextCueOfItsClauseAndDoubleNegationTurnsItBack) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(code_of(codebook, "sop", "SOP tidak sudah").cues, "tidak + sudah");
  EXPECT_EQ(stance_of(codebook, "sop", "SOP tidak sudah"), "absent");
  EXPECT_EQ(stance_of(codebook, "sop", "Tidak ada SOP"), "absent") << "alone, a negation says its stance";
  EXPECT_EQ(code_of(codebook, "tte", "Tidak ada OPD yang tidak memakai TTE").cues, "tidak ada + tidak");
  EXPECT_EQ(stance_of(codebook, "tte", "Tidak ada OPD yang tidak memakai TTE"), "present");
  EXPECT_EQ(stance_of(codebook, "sop", "There is no procedure", "en"), "absent");
  EXPECT_EQ(stance_of(codebook, "sop", "It is not as if there is no procedure", "en"), "present");
}

TEST(StanceModel, ANegationWithoutAStanceOfItsOwnSaysNothingAlone) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(code_of(codebook, "sop", "Not as if the procedure matters", "en").cues, "");
}

TEST(StanceModel, AModalityLeadsToItsStanceAndTakesTheCueAfterIt) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "tte", "TTE akan diterapkan"), "planned");
  EXPECT_EQ(code_of(codebook, "tte", "Rencananya TTE sudah jalan").cues, "rencananya + sudah");
  EXPECT_EQ(stance_of(codebook, "tte", "Rencananya TTE sudah jalan"), "planned");
  EXPECT_EQ(stance_of(codebook, "tte", "TTE tidak akan dipakai"), "planned") << "a negated plan is still a plan";
}

TEST(StanceModel, ANeutralPhraseHidesTheCuesInsideIt) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "sop", "Saya tidak tahu SOP itu"), "present");
  EXPECT_EQ(stance_of(codebook, "sop", "I am not sure the procedure is available", "en"), "present");
}

TEST(StanceModel, ACueInsideALongerCueIsPartOfIt) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(code_of(codebook, "tte", "TTE belum optimal").cues, "belum optimal") << "not 'belum', a negation of 'optimal'";
}

TEST(StanceModel, CuesMatchedByStemsMatchInflectedForms) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(code_of(codebook, "tte", "TTE belum semuanya").cues, "belum semua");
  EXPECT_EQ(stance_of(codebook, "tte", "TTE belum semuanya"), "partial");
}

TEST(StanceModel, AModalityOrNegationInsideATermIsPartOfItsName) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "plan", "Rencana induk sudah ada"), "present") << "'rencana' is a word of the term, not a plan";
  EXPECT_EQ(stance_of(codebook, "plan", "The master plan is available", "en"), "present");
}

TEST(StanceModel, AClauseWithoutACueBorrowsFromTheClauseNextToIt) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "tte", "Kalau TTE, belum semua."), "partial");
  EXPECT_EQ(stance_of(codebook, "tte", "Rencananya, TTE dipakai semua OPD."), "planned");
  EXPECT_EQ(stance_of(codebook, "tte", "Kalau TTE, SOP belum semua."), "present") << "the next clause has a subject of its own";
  EXPECT_EQ(stance_of(codebook, "tte", "Kalau TTE, ya, belum semua."), "present") << "only the clause next to it lends";
}

TEST(StanceModel, AContrastQualifiesWhatTheClauseBeforeItAffirms) {
  const Codebook without_mixed = codebook_with(kClauses);
  EXPECT_EQ(stance_of(without_mixed, "tte", "TTE sudah ada, tapi belum optimal."), "partial");
  EXPECT_EQ(stance_of(without_mixed, "tte", "TTE sudah ada. Tapi belum optimal."), "partial") << "a contrast opening the next sentence";
  EXPECT_EQ(stance_of(without_mixed, "tte", "TTE sudah ada. Belum optimal."), "present") << "no contrast word";
  EXPECT_EQ(stance_of(without_mixed, "tte", "TTE sudah ada, tapi SOP belum optimal."), "present")
      << "the contrasting clause has a subject of its own";
  EXPECT_EQ(stance_of(without_mixed, "tte", "TTE sudah ada, tapi itu belum optimal."), "partial") << "'itu' is no hit";
  const Codebook mixed = codebook_with(kClauses + "  mixed: partial\n");
  EXPECT_EQ(stance_of(mixed, "tte", "TTE sudah ada, tapi tidak dipakai."), "partial") << "present qualified by absent";
  EXPECT_EQ(code_of(mixed, "tte", "TTE sudah ada, tapi tidak dipakai.").cues, "sudah; tidak");
  EXPECT_EQ(stance_of(mixed, "tte", "Signature is available, but it is limited.", "en"), "partial");
}

TEST(StanceModel, AQualifyingCueIsMeasuredFromTheClausesMissingSubject) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "tte", "TTE sudah ada, tapi tidak dipakai."), "absent");
  EXPECT_EQ(stance_of(codebook, "tte", "TTE sudah ada, tapi kata orang lain tidak dipakai."), "present")
      << "'tidak' is three words into its clause, beyond its reach of 2";
  EXPECT_EQ(stance_of(codebook, "tte", "Signature is available. However, it is not used.", "en"), "absent")
      << "the comma after 'However' does not cut its clause";
}

TEST(StanceModel, AConjunctionInsideACueOpensNoClauseAndACueInsideAConjunctionIsNone) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "sop", "It is not as if there is no procedure", "en"), "present") << "'if' inside 'not as if'";
  EXPECT_EQ(code_of(codebook, "tte", "TTE sudah ada, akan tetapi masih kurang.").cues, "masih kurang")
      << "'akan' in 'akan tetapi' is no plan";
}

TEST(StanceModel, ACodeWhoseHitsReadDifferentlyIsMixed) {
  const Codebook first_decides = codebook_with(kClauses);
  const std::string text = "TTE sudah ada. Lalu TTE di kecamatan masih kurang.";
  EXPECT_EQ(stance_of(first_decides, "tte", text), "present") << "without a mixed stance, the first hit with a cue decides";
  const Codebook mixed = codebook_with(kClauses + "  mixed: partial\n");
  EXPECT_EQ(stance_of(mixed, "tte", text), "partial");
  EXPECT_EQ(code_of(mixed, "tte", text).cues, "sudah; masih kurang");
  EXPECT_EQ(stance_of(mixed, "tte", "TTE sudah ada. TTE sudah dipakai."), "present") << "all hits agree";
}

TEST(StanceModel, ACodeNoCueSpeaksAboutTakesTheQualificationOfItsAnswer) {
  const std::string text = "TTE dipakai di dinas. Jaringannya masih kurang.";
  EXPECT_EQ(stance_of(codebook_with(kClauses), "tte", text), "present") << "without 'answer', the default";
  const Codebook answer = codebook_with(kClauses + "  answer: [partial]\n");
  EXPECT_EQ(stance_of(answer, "tte", text), "partial");
  EXPECT_EQ(code_of(answer, "tte", text).cues, "answer: masih kurang");
  EXPECT_EQ(stance_of(answer, "tte", "TTE sudah ada. Jaringannya masih kurang."), "present") << "its own cue decides";
  EXPECT_EQ(stance_of(answer, "tte", "TTE dipakai di dinas. SOP masih kurang."), "present")
      << "a cue of a sentence that names another code speaks about that code";
  EXPECT_EQ(stance_of(answer, "sop", "TTE dipakai di dinas. SOP masih kurang."), "partial");
  EXPECT_EQ(stance_of(answer, "tte", "SOP kami pakai, tapi masih kurang. TTE dipakai di dinas."), "present")
      << "nor does a contrast that qualified another code's hit";
  EXPECT_EQ(code_of(answer, "tte", "TTE dipakai di dinas, karena perintah bupati, jaringannya masih kurang.").cues,
            "answer: masih kurang")
      << "a sentence that names the code itself, beyond the clause next to its hit";
  EXPECT_EQ(stance_of(answer, "tte", "TTE dipakai di dinas. Servernya belum ada."), "present") << "absent is not listed";
  const Codebook absent_first = codebook_with(kClauses + "  answer: [absent, partial]\n");
  EXPECT_EQ(code_of(absent_first, "tte", "TTE dipakai. Jaringannya masih kurang. Servernya belum ada.").cues, "answer: belum + ada")
      << "the first listed stance that a cue of the answer reads, after negation";
  EXPECT_EQ(code_of(absent_first, "tte", "TTE dipakai. Jaringannya masih kurang.").cues, "answer: masih kurang");
  // Sentence scope: the sentences that name no other code, the same way.
  const Codebook sentences = codebook_with(R"(  answer: [partial]
  cues:
    - stance: partial
      terms: {id: ["masih kurang"]}
)");
  EXPECT_EQ(stance_of(sentences, "tte", "SOP masih kurang. TTE dipakai di dinas."), "present");
  EXPECT_EQ(stance_of(sentences, "tte", "TTE dipakai di dinas. Jaringannya masih kurang."), "partial");
  // What a code's or a rule's own stance says of an uncued hit stands.
  const Codebook declared = testing::codebook_from_text(R"(kind: qda/codebook
version: 1
stances:
  values: [present, partial, absent]
  default: present
  answer: [partial]
  cues:
    - stance: partial
      terms: {id: ["masih kurang"]}
codes:
  - id: tte
    name: TTE
    default_stance: absent
    rules:
      - terms: {id: ["TTE"]}
  - id: sop
    name: SOP
    rules:
      - terms: {id: ["SOP"]}
        stance: present
  - id: data
    name: Data
    rules:
      - terms: {id: ["pusat data"]}
)");
  const std::string three = "TTE, SOP dan pusat data kami pakai. Jaringannya masih kurang.";
  EXPECT_EQ(stance_of(declared, "tte", three), "absent");
  EXPECT_EQ(stance_of(declared, "sop", three), "present");
  EXPECT_EQ(stance_of(declared, "data", three), "partial");
}

TEST(StanceModel, WithoutAMixedStanceTheFirstHitInTextOrderThatACueGovernsDecides) {
  // Two rules of one code: the first rule's hit comes later in the text than the second's, so the
  // code's hits are not in text order; the earlier hit, the second rule's, decides.
  const Codebook codebook = testing::codebook_from_text(R"(kind: qda/codebook
version: 1
stances:
  values: [present, partial]
  default: present
  cues:
    - stance: partial
      terms: {id: ["belum optimal"]}
    - stance: present
      terms: {id: ["sudah ada"]}
codes:
  - id: sop
    name: SOP
    rules:
      - terms: {id: ["SOP"]}
      - terms: {id: ["prosedur"]}
)");
  const RuleIndex index(codebook);
  SegmentCoder coder(index);
  std::vector<AutoCoding> codings;
  coder.code({"Prosedur sudah ada. SOP belum optimal.", "Informan", false, "id"}, codings);
  ASSERT_EQ(codings.size(), 1u);
  EXPECT_EQ(codings[0].stance, "present");
  EXPECT_EQ(codings[0].begin, 0u);
  EXPECT_EQ(codings[0].cue->pattern.text, "sudah ada");
}

TEST(StanceModel, ABoundaryWordCutsAClause) {
  const Codebook codebook = codebook_with(kClauses);
  EXPECT_EQ(stance_of(codebook, "sop", "SOP dipakai karena TTE belum optimal"), "present");
  EXPECT_EQ(stance_of(codebook, "tte", "SOP dipakai karena TTE belum optimal"), "partial");
}

TEST(StanceModel, CodebookChecksOfTheClauseModel) {
  const auto refused = [](const std::string& stances) {
    try {
      codebook_with(stances);
    } catch (const Error& error) {
      return error.message();
    }
    return std::string("(loaded)");
  };
  EXPECT_EQ(refused("  scope: {window: 3}\n  cues:\n    - kind: negation\n      flips: {present: absent}\n      terms: {id: [tidak]}\n"),
            "a negation negates the next cue of its clause, so it needs 'scope: sentence' or 'scope: clause'");
  EXPECT_EQ(refused("  scope: sentence\n  languages:\n    id:\n      contrast: [tapi]\n"),
            "the contrast words of language 'id' cut sentences into clauses, so they need 'scope: clause'");
  EXPECT_EQ(refused("  scope: clause\n  clause_punctuation: [\",\", \"dan\"]\n"),
            "clause punctuation 'dan' has letters or digits; expected marks such as ',' or ';'");
  EXPECT_EQ(refused("  cues:\n    - kind: negation\n      flips: {present: missing}\n      terms: {id: [tidak]}\n"),
            "unknown stance 'missing'; expected one of: present, partial, absent, planned");
  EXPECT_EQ(refused("  mixed: unsure\n"), "unknown stance 'unsure'; expected one of: present, partial, absent, planned");
  EXPECT_EQ(refused("  answer: [partial, unsure]\n"), "unknown stance 'unsure'; expected one of: present, partial, absent, planned");
  EXPECT_NE(refused("  answer: [partial, partial]\n").find("schema"), std::string::npos);
  EXPECT_EQ(refused("  scope: {window: 3}\n  answer: [partial]\n"),
            "answer stances are read from the sentences of an answer that name no other code, so they need 'scope: sentence' or "
            "'scope: clause'");
  EXPECT_NE(refused("  cues:\n    - kind: neutral\n      stance: absent\n      terms: {id: [tidak tahu]}\n").find("schema"), std::string::npos);
  EXPECT_NE(refused("  cues:\n    - stance: absent\n      flips: {present: absent}\n      terms: {id: [tidak]}\n").find("schema"),
            std::string::npos)
      << "flips belong to negations";
  EXPECT_EQ(refused("  cues:\n    - stance: partial\n      stem: true\n      terms: {jv: [kurang]}\n"), "no Snowball stemmer for language 'jv'");
}

}  // namespace qda
