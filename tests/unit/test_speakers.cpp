// Speaker labels: the built-in conventions and a user's pattern.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/speakers.hpp"

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

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
  // After U+FEFF (a second byte order mark, an ODT made from a marked file), which the label takes in.
  const auto after_mark = rules.match("\xEF\xBB\xBF\xEF\xBB\xBFInterviewer: Hello.");
  ASSERT_TRUE(after_mark);
  EXPECT_EQ(after_mark->name, "Interviewer");
  EXPECT_EQ(after_mark->length, 6 + std::string("Interviewer: ").size());
  // Counted in a loop: a line of a million of them overflowed the stack.
  std::string many;
  for (int i = 0; i < 1000000; ++i) many += "\xEF\xBB\xBF";
  EXPECT_EQ(rules.match(many + "Ana: Ya.")->length, many.size() + 5);
  EXPECT_FALSE(rules.match(many));
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

namespace qda {

namespace {
// The label `line` opens with, by the built-in rules; a test failure if there is none.
SpeakerLabel label_of(const std::string& line) {
  const auto label = SpeakerRules().match(line);
  EXPECT_TRUE(label) << line;
  return label.value_or(SpeakerLabel{});
}

// The labels SpeakerRules::accept takes among `lines`, by line: the name, or "-" for none.
std::vector<std::string> accepted_names(const std::vector<std::string>& lines, const SpeakerRoster& roster = {}) {
  const SpeakerRules rules;
  std::vector<std::optional<SpeakerLabel>> found;
  std::vector<const SpeakerLabel*> candidates;
  std::vector<bool> opens;
  for (const auto& line : lines) found.push_back(rules.match(line));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    candidates.push_back(found[i] ? &*found[i] : nullptr);
    opens.push_back(i == 0 || lines[i - 1].empty() || found[i - 1].has_value());
  }
  const std::vector<bool> accepted = rules.accept(candidates, opens, roster);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].empty()) names.push_back(accepted[i] ? found[i]->name : "-");
  }
  return names;
}
}  // namespace

TEST(SpeakerRules, BracketedNotesAreNeverLabels) {
  const SpeakerRules rules;
  for (const char* line : {"[laughs] Fine.", "[pause]", "[inaudible 00:05:15] only on weekdays.", "[Interrupts] Sorry.",
                           "[music]", "[MUSIC PLAYING]", "[Crosstalk] And?", "[crosstalk 00:06:02]", "[Sukabumi?] kata dia",
                           "[tertawa] Ya.", "[jeda]", "[the dog barks at the door outside]", "[...]", "[1] see the report",
                           "[--]", "[música]", "[MÚSICA]", "[tartamudea] Lo siento.", "[risas]", "[musique]", "[Seufzt]"}) {
    EXPECT_FALSE(rules.match(line)) << line;
  }
  EXPECT_EQ(rules.match("[Pewawancara] Selamat pagi")->name, "Pewawancara") << "a name in brackets is still a label";
  EXPECT_EQ(rules.match("[SPEAKER_00]: So the first thing")->name, "SPEAKER_00");
}

TEST(SpeakerRules, TimesAreNeverNames) {
  const SpeakerLabel diarized = label_of("[00:00:02] SPEAKER_01: hi");
  EXPECT_EQ(diarized.name, "SPEAKER_01");
  EXPECT_EQ(diarized.start_ms, 2000);
  EXPECT_EQ(diarized.length, std::string("[00:00:02] SPEAKER_01: ").size());
  const SpeakerLabel time_only = label_of("[00:15:00] and then the second part");
  EXPECT_EQ(time_only.form, LabelForm::TimeOnly);
  EXPECT_TRUE(time_only.name.empty());
  EXPECT_FALSE(SpeakerRules().match("10:30 rapat dimulai")) << "a bare time in prose";
}

TEST(SpeakerRules, LabelsCarryingTimes) {
  const SpeakerLabel otter = label_of("Ana Wijaya  0:08  ");
  EXPECT_EQ(otter.name, "Ana Wijaya");
  EXPECT_TRUE(otter.heading);
  EXPECT_EQ(otter.start_ms, 8000);
  const SpeakerLabel zoom = label_of("[Maria Lopez] 14:02:11");
  EXPECT_EQ(zoom.name, "Maria Lopez");
  EXPECT_EQ(zoom.clock_time, "14:02:11");
  EXPECT_FALSE(zoom.start_ms) << "a time of day is not an offset into the recording";
  const SpeakerLabel rev = label_of("Dr. Amara Okafor (00:06):");
  EXPECT_EQ(rev.name, "Dr. Amara Okafor");
  EXPECT_EQ(rev.start_ms, 6000);
  EXPECT_TRUE(rev.explicit_form);
  EXPECT_EQ(label_of("Speaker 1 (00:00): blah").length, std::string("Speaker 1 (00:00): ").size());
  const SpeakerLabel website = label_of("Chris Wallace: (01:09:00)");
  EXPECT_EQ(website.name, "Chris Wallace");
  EXPECT_EQ(website.start_ms, 4140000);
  const SpeakerLabel bold = label_of("**Rina** [0:09] How did it start?");
  EXPECT_EQ(bold.name, "Rina");
  EXPECT_EQ(bold.start_ms, 9000);
  const SpeakerLabel bold_rev = label_of("**Speaker 1 (00:20):** Also");
  EXPECT_EQ(bold_rev.name, "Speaker 1");
  EXPECT_EQ(bold_rev.start_ms, 20000);
  EXPECT_FALSE(SpeakerRules().match("**00:40** - Emma's story")) << "a show note's time is no name";
  EXPECT_EQ(label_of("Transcribed by https://otter.ai").form, LabelForm::Footer);
}

TEST(SpeakerRules, LowerCaseAndHyphenatedLabels) {
  const SpeakerLabel admin = label_of("admin-1: Sure.");
  EXPECT_EQ(admin.name, "admin-1");
  EXPECT_TRUE(looks_like_name(admin.name, 4));
  EXPECT_EQ(label_of("interviewer: thanks").name, "interviewer");
  EXPECT_EQ(label_of("SPEAKER_00: so").name, "SPEAKER_00");
  EXPECT_FALSE(SpeakerRules().match("jadi begini: anggaran sudah ada")) << "lower-case prose of several words";
}

// Scripts without case (Arabic, Chinese, Japanese, Devanagari) write names as they write every word;
// Chinese and Japanese write the full-width colon, with no space after it.
TEST(SpeakerRules, LabelsInScriptsWithoutCase) {
  const SpeakerRules rules;
  for (const auto& [line, name] : std::vector<std::pair<std::string, std::string>>{
           {"المحاور: السلام عليكم.", "المحاور"},
           {"主持人: 您好。", "主持人"},
           {"主持人：您好。", "主持人"},
           {"山田 太郎： はい。", "山田 太郎"},
           {"साक्षात्कारकर्ता: नमस्ते।", "साक्षात्कारकर्ता"}}) {  // its vowel signs are combining marks
    const auto label = rules.match(line);
    ASSERT_TRUE(label) << line;
    EXPECT_EQ(label->name, name);
    EXPECT_EQ(line.substr(label->length).find_first_of(":："), std::string::npos) << line;
    EXPECT_TRUE(looks_like_name(label->name, 4)) << line;
  }
  EXPECT_FALSE(rules.match("会议于10:30开始")) << "a time, not a label";
  EXPECT_FALSE(rules.match("9：30 主旨发言")) << "a time with the full-width colon";
  EXPECT_FALSE(rules.match("１０：３０ 开幕式")) << "full-width digits";
  // A clause before a colon (Chinese writes no spaces) or a name holding a time does not look like a
  // name, so once-used it stays text.
  EXPECT_FALSE(looks_like_name("我觉得最大的问题是", 4));
  EXPECT_FALSE(looks_like_name("会议于10", 4));
  EXPECT_TRUE(looks_like_name("主持人", 4));
}

TEST(SpeakerRules, NamesLookLikeNames) {
  for (const char* name : {"Ana", "Dr. Lee", "MR. DALTON", "Speaker 2", "Ana de Souza", "Informan 3 (Kabid)", "P3", "admin-1"}) {
    EXPECT_TRUE(looks_like_name(name, 4)) << name;
  }
  for (const char* name : {"My answer was simple", "The problem is", "Yes, I", "12", "interviewer", "A B C D E"}) {
    EXPECT_FALSE(looks_like_name(name, 4)) << name;
  }
}

TEST(SpeakerAcceptance, ASpeakerWhoSpeaksOnceIsASpeaker) {
  EXPECT_EQ(accepted_names({"Ana: Pertanyaan pertama?", "", "Budi: Jawaban.", "", "John: One question.", "", "Ana: Silakan.",
                            "", "Budi: Ya."}),
            (std::vector<std::string>{"Ana", "Budi", "John", "Ana", "Budi"}));
}

TEST(SpeakerAcceptance, HeaderLinesNotesAndProseStayText) {
  // Before the dialogue, "Key: value" lines are a header; within it, "Note:" is a heading word and
  // a line of prose with a colon is no name.
  EXPECT_EQ(accepted_names({"Date: 4 May 2023", "Location: Ward 3", "", "Lina: Mulai?", "", "Joko: Ya.", "",
                            "Note: the recorder was paused.", "", "My answer was simple: no.", "", "Lina: Baik.", "",
                            "Joko: Sudah."}),
            (std::vector<std::string>{"-", "-", "Lina", "Joko", "-", "-", "Lina", "Joko"}));
  // A one-time label inside a paragraph, after a line of its text, stays text; right after another
  // label's line (a transcript with a label on every line), it is a speaker.
  EXPECT_EQ(accepted_names({"Lina: Mulai?", "", "Joko: Ya, begini.", "saya bilang ke dia,", "Rina: kata dia waktu itu.", "",
                            "Lina: Lalu?", "Joko: Sudah.", "Dewi: Betul."}),
            (std::vector<std::string>{"Lina", "Joko", "-", "-", "Lina", "Joko", "Dewi"}));
}

TEST(SpeakerAcceptance, ABareTimeBeforeAHeadingWordIsAnAgendaNotATurn) {
  // "09:00 Opening:" in an agenda is as weak as "Opening:"; "[00:00:02] SPEAKER_01:" is a tool's line.
  EXPECT_EQ(accepted_names({"Agenda", "09:00 Opening: welcome", "09:15 Budget: finance team", "", "Lina: Mulai?", "",
                            "Joko: Ya.", "", "[00:01:10] Sari: Saya juga.", "", "Lina: Baik.", "", "Joko: Sudah."}),
            (std::vector<std::string>{"-", "-", "-", "Lina", "Joko", "Sari", "Lina", "Joko"}));
}

TEST(SpeakerAcceptance, ARosterMakesDetectionExact) {
  const SpeakerRoster roster{"Lina", "Joko"};
  EXPECT_EQ(accepted_names({"Catatan: direkam.", "", "Lina: Mulai?", "", "Joko: Ya.", "", "Rina: Saya juga.", "",
                            "Catatan: selesai."},
                           roster),
            (std::vector<std::string>{"-", "Lina", "Joko", "-", "-"}));
}

// A roster's names are labels whatever their form; the built-in plain form takes at most four words
// without commas, ampersands or "@" (found with real Zoom display names).
TEST(SpeakerRules, ARostersNameWithAColonIsALabelWhateverItsForm) {
  const SpeakerRoster roster{"Ana", "Ana Wijaya", "Dr. María de la Cruz López", "O'Neil, Mary", "Budi & Sari", "ana@example.org"};
  for (const auto& [line, name, text] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"Dr. María de la Cruz López: Pagi.", "Dr. María de la Cruz López", "Pagi."},
           {"O'Neil, Mary :  Yes.", "O'Neil, Mary", "Yes."},
           {"Budi & Sari: Kami berdua.", "Budi & Sari", "Kami berdua."},
           {"ana@example.org\uFF1A好", "ana@example.org", "好"},
           {"Ana Wijaya: the longest name that fits", "Ana Wijaya", "the longest name that fits"},
           {"Ana: the shorter one", "Ana", "the shorter one"}}) {
    const auto label = roster_label(line, roster);
    ASSERT_TRUE(label) << line;
    EXPECT_EQ(label->name, name);
    EXPECT_EQ(line.substr(label->length), text);
  }
  for (const char* line : {"Anastasia: not Ana", "Ana Wijaya said: no colon after the name", "ana: case counts", "Pagi, Ana: no",
                           "Ana:B testing showed it", "Ana:30 minutes"}) {  // a blank after the colon, as the plain form asks
    EXPECT_FALSE(roster_label(line, roster)) << line;
  }
  // Zoom's pronouns need no roster: the plain form's later words may hold a slash.
  EXPECT_EQ(label_of("Budi Santoso (he/him): Morning.").name, "Budi Santoso (he/him)");
}

TEST(SpeakerAcceptance, LowerCaseTranscriptsAcceptLowerCaseOneTimeLabels) {
  EXPECT_EQ(accepted_names({"interviewer: hi", "ana: hello", "interviewer: and?", "ana: yes", "budi: me too",
                            "interviewer: ok"}),
            (std::vector<std::string>{"interviewer", "ana", "interviewer", "ana", "budi", "interviewer"}));
}

}  // namespace qda
