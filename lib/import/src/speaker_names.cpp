// What a speaker's name looks like, and what a transcriber's bracketed note looks like.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>

#include "qda/speakers.hpp"
#include "qda/text.hpp"
#include "qda/tokens.hpp"
#include "qda/timestamps.hpp"

namespace qda {

namespace {

// The words of `text` split at blanks.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    const std::size_t start = at;
    while (at < text.size() && text[at] != ' ' && text[at] != '\t') ++at;
    if (at > start) words.push_back(text.substr(start, at - start));
  }
  return words;
}

UChar32 first_code_point(std::string_view word) {
  if (word.empty()) return U_SENTINEL;
  int32_t at = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), at, static_cast<int32_t>(word.size()), c);
  return c;
}

bool has_letter(std::string_view word) {
  for (int32_t at = 0; at < static_cast<int32_t>(word.size());) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), at, static_cast<int32_t>(word.size()), c);
    if (u_isalpha(c)) return true;
  }
  return false;
}

// A token such as "P3", "admin-1" or "SPEAKER_00": letters with a digit, hyphen or underscore.
bool is_code_token(std::string_view word) {
  return has_letter(word) && word.find_first_of("0123456789-_") != std::string_view::npos;
}

// Lower-case words inside names: "Ana de Souza", "Ludwig van Beethoven", "Siti binti Ahmad".
constexpr std::array<std::string_view, 24> kNameParticles = {
    "al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "do", "dos",
    "du", "e", "el", "la", "le", "of", "ten", "ter", "van", "von", "y", "zu"};

// First words of notes transcribers put in brackets, in English and Indonesian and a few others
// ("[laughs]", "[Interrupts]", "[tertawa]"), compared lower-cased. A name is never one of these.
constexpr std::string_view kNoteWords[] = {
    "applause", "applauding", "audio", "background", "beep", "beeps", "both", "break", "breaks", "brief",
    "cheering", "cheers", "chuckle", "chuckles", "chuckling", "clapping", "claps", "clears", "clearing",
    "comment", "connection", "cough", "coughing", "coughs", "cries", "cross-talk", "crosstalk", "cry",
    "crying", "door", "edited", "editor", "emphasis", "end", "ends", "endnote", "foreign", "footnote",
    "gasps", "gestures", "giggles", "groans", "hesitates", "inaudible", "incomprehensible", "indistinct",
    "interrupted", "interrupting", "interruption", "interrupts", "knock", "knocking", "language",
    "laugh", "laughing", "laughs", "laughter", "long", "mumbles", "mumbling", "music", "muted", "name",
    "nods", "noise", "noises", "note", "off", "overlapping", "overtalk", "pause", "paused", "pauses",
    "phone", "recording", "redacted", "removed", "ringing", "rings", "short", "sic", "sigh", "sighing",
    "sighs", "silence", "simultaneous", "sneezes", "sniffs", "sobbing", "sound", "sounds", "speaking",
    "static", "stutters", "technical", "transcriber", "translation", "translator", "typing",
    "unclear", "unintelligible", "whispers", "whispering", "yawns",
    // Indonesian
    "batuk", "bisik", "berbisik", "bising", "catatan", "diam", "gangguan", "hening", "jeda", "ketawa",
    "keterangan", "menangis", "musik", "rekaman", "senyum", "sinyal", "suara", "tawa", "tepuk",
    "tersenyum", "tertawa", "tidak",
    // Spanish (subtitles' sound descriptions: "[música]", "[tartamudea]", "[solloza]")
    "aplausos", "balbucea", "carcajadas", "grita", "gritos", "inaudible", "ininteligible", "llora", "llorando",
    "murmura", "murmullos", "música", "pausa", "ríe", "riendo", "risas", "risita", "ruido", "silencio",
    "sollozando", "solloza", "sollozos", "suspira", "susurra", "susurrando", "tartamudea", "tose", "vítores",
    // Portuguese
    "chora", "chorando", "inaudível", "ininteligível", "risos", "silêncio", "suspiro", "tosse",
    // French
    "applaudissements", "musique", "pleure", "rire", "rires", "soupir", "soupire", "toux",
    // German, Dutch
    "applaus", "husten", "lachen", "lacht", "musik", "seufzt", "stille", "unverständlich", "weint", "gelach", "muziek",
    // Italian
    "applausi", "risate", "sospira", "tossisce",  // not "ride", nor Spanish "risa": Risa is a given name
};

bool is_note_word(std::string_view word) {
  while (!word.empty() && std::string_view(".,:;!").find(word.back()) != std::string_view::npos) word.remove_suffix(1);
  const std::string folded = to_nfc(case_fold(word));  // "[MÚSICA]" too
  return std::find(std::begin(kNoteWords), std::end(kNoteWords), folded) != std::end(kNoteWords);
}

}  // namespace

namespace {

// A word whose first letter is a capital, or a letter of a script without case (Arabic, Chinese),
// where every name looks as a capitalised one does.
bool starts_like_a_name(std::string_view word) {
  const UChar32 first = first_code_point(word);
  return u_isupper(first) || u_istitle(first) || u_charType(first) == U_OTHER_LETTER;
}

// Chinese, Japanese and Thai write no spaces between words: a clause before a colon ("我觉得最大的问题是：",
// I think the biggest problem is:) is one "word" to words_of. A name in them is short and holds no
// digit ("会议于10：30" holds a time).
bool too_long_for_a_name_without_spaces(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(first_code_point(name), &status);
  if (U_FAILURE(status) || (script != USCRIPT_HAN && script != USCRIPT_HIRAGANA && script != USCRIPT_KATAKANA &&
                            script != USCRIPT_THAI && script != USCRIPT_LAO && script != USCRIPT_KHMER)) {
    return false;
  }
  constexpr std::size_t kMaxLetters = 8;  // the blank of "山田 太郎" not counted
  const auto blanks = static_cast<std::size_t>(std::count(name.begin(), name.end(), ' '));
  return count_code_points(name) - blanks > kMaxLetters ||
         std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool looks_like_name(std::string_view name, std::size_t max_words) {
  const std::vector<std::string_view> words = words_of(name);
  if (words.empty() || words.size() > max_words || too_long_for_a_name_without_spaces(name)) return false;
  if (words.size() == 1 && is_code_token(words[0])) return true;
  if (!starts_like_a_name(words[0])) return false;
  // A comma between words is prose ("Yes, I"), not a name.
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].back() == ',') return false;
  }
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view word = words[i];
    const UChar32 first = first_code_point(word);
    const bool capitalised = starts_like_a_name(word);
    const bool number = u_isdigit(first);
    const bool aside = word.front() == '(' && word.back() == ')';  // "Informan 3 (Kabid)"
    const bool particle =
        std::find(kNameParticles.begin(), kNameParticles.end(), word) != kNameParticles.end();
    if (!capitalised && !number && !aside && !particle) return false;
  }
  // A name does not end a sentence: "Yes, I think so." is prose.
  const char last = name.back();
  return last != ',' && last != '?' && last != '!' && last != ';';
}

bool is_bracketed_note(std::string_view inside) {
  inside = trim(inside);
  if (inside.empty() || !has_letter(inside)) return true;  // "[1]": a reference, "[...]", "[--]"
  const std::vector<std::string_view> words = words_of(inside);
  if (words.size() > 6) return true;                    // a description, not a name
  if (inside.back() == '?') return true;                // "[Sukabumi?]": an uncertain word
  if (inside.find("...") != std::string_view::npos || inside.find("\xE2\x80\xA6") != std::string_view::npos) return true;
  for (const std::string_view word : words) {
    if (parse_time(word)) return true;                 // "[inaudible 00:05:15]", "[crosstalk 00:01:02]"
  }
  return is_note_word(words.front());
}

}  // namespace qda
