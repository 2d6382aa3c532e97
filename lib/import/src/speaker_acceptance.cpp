// Which of a source's candidate labels name speakers. A label is judged with the whole source in
// view: how often its name labels a line, whether the source is a dialogue yet, whether a roster says.
#include <algorithm>
#include <array>
#include <unordered_map>
#include <string>

#include "qda/speakers.hpp"

namespace qda {

namespace {

// First words of the "Word: text" lines that are headings, metadata or prose rather than a speaker
// ("Note: ...", "Date: ...", "Question 3: ...", "Contohnya: ..."), compared lower-cased (ASCII). They
// are kept out of one-time labels only: a source that uses such a word as a label twice still gets it.
constexpr std::string_view kNotSpeakers[] = {
    "address", "agenda", "alamat", "alasan", "answer", "artinya", "attendees", "bab", "background", "bagian",
    "catatan", "cc", "chapter", "comment", "comments", "conclusion", "contoh", "contohnya", "date", "definisi",
    "definition", "duration", "durasi", "e-mail", "email", "example", "fase", "goal", "hadir", "hari", "hasil",
    "important", "intinya", "issue", "item", "jadi", "jam", "jawaban", "judul", "kesimpulan", "keterangan",
    "komentar", "kutipan", "langkah", "latar", "link", "location", "lokasi", "maksudnya", "masalah", "memo",
    "method", "metode", "misal", "misalnya", "nb", "note", "notes", "objective", "participants", "penting",
    "pertanyaan", "peserta", "phase", "phone", "place", "point", "poin", "present", "problem", "ps", "purpose",
    "question", "quote", "re", "reason", "recording", "rekaman", "result", "ringkasan", "section", "session",
    "sesi", "solusi", "solution", "source", "status", "step", "subject", "sumber", "summary", "tahap",
    "tanggal", "tel", "telp", "tema", "tempat", "theme", "time", "tip", "title", "topic", "topik", "total",
    "transcript", "transkrip", "tujuan", "update", "url", "venue", "waktu", "warning", "wawancara", "website",
    "yaitu", "yakni",
};

bool is_not_a_speaker_word(const std::string& name) {
  std::string first = name.substr(0, name.find_first_of(" \t"));
  while (!first.empty() && (first.back() == '.' || first.back() == ',')) first.pop_back();
  std::transform(first.begin(), first.end(), first.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return std::find(std::begin(kNotSpeakers), std::end(kNotSpeakers), first) != std::end(kNotSpeakers);
}

bool names_someone(const SpeakerLabel& label) {
  return label.form != LabelForm::TimeOnly && label.form != LabelForm::Footer;
}

bool starts_lower_case(const std::string& name) {
  return !name.empty() && static_cast<unsigned char>(name.front()) < 0x80 && name.front() >= 'a' && name.front() <= 'z';
}

// A single lower-case token, as labels of a lower-case transcript are ("ana", "interviewer").
bool is_lower_case_token(const std::string& name) {
  return starts_lower_case(name) && name.find_first_of(" \t") == std::string::npos;
}

}  // namespace

std::vector<bool> SpeakerRules::accept(const std::vector<const SpeakerLabel*>& candidates,
                                       const std::vector<bool>& opens_paragraph, const SpeakerRoster& roster,
                                       const std::set<std::string>& known) const {
  const std::size_t n = candidates.size();
  std::vector<bool> accepted(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const SpeakerLabel* label = candidates[i];
    if (label == nullptr) continue;
    if (!names_someone(*label) || is_custom()) {
      accepted[i] = true;
    } else if (!roster.empty()) {
      accepted[i] = roster.count(label->name) > 0;
    }
  }
  if (is_custom() || !roster.empty()) return accepted;

  // How often each name labels a line, looked up once per candidate.
  std::unordered_map<std::string_view, int> uses;
  for (const SpeakerLabel* label : candidates) {
    if (label != nullptr && names_someone(*label)) ++uses[label->name];
  }
  for (const std::string& name : known) {
    if (const auto found = uses.find(name); found != uses.end()) found->second += 2;
  }
  std::vector<int> uses_of(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (candidates[i] != nullptr && names_someone(*candidates[i])) uses_of[i] = uses[candidates[i]->name];
  }

  // Labels the source uses twice or more are speakers; the first of them opens the dialogue.
  std::size_t dialogue_from = n;
  bool lower_case_labels = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (uses_of[i] < 2) continue;
    accepted[i] = true;
    dialogue_from = std::min(dialogue_from, i);
    lower_case_labels = lower_case_labels || is_lower_case_token(candidates[i]->name);
  }
  // A label used once is a speaker who spoke once ("John: One question.") when its name looks like a
  // name and not like a heading word; a plain or heading label needs the dialogue to have begun and
  // to open a paragraph, so that a title block's "Date: ..." or a line of prose stays text.
  for (std::size_t i = 0; i < n; ++i) {
    const SpeakerLabel* label = candidates[i];
    if (uses_of[i] != 1) continue;
    if (!label->explicit_form && !(i > dialogue_from && opens_paragraph[i])) continue;
    const bool shaped = label->name_shaped || looks_like_name(label->name, label->form == LabelForm::Plain ? 4 : 6) ||
                        (lower_case_labels && is_lower_case_token(label->name));
    accepted[i] = shaped && !is_not_a_speaker_word(label->name);
  }
  return accepted;
}

}  // namespace qda
