// Speaker tables: which column holds the speakers, which the text and which the times, decided from
// the cells themselves, since documents mark none of it.
#include "speaker_tables.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "qda/text.hpp"
#include "qda/timestamps.hpp"

namespace qda {

namespace {

constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// Column headings of speaker tables, compared lower-cased (ASCII).
constexpr std::string_view kHeadings[] = {
    "#", "content", "dialog", "dialogue", "hablante", "isi", "jam", "nama", "name", "narasumber", "no", "no.",
    "nomor", "orador", "participant", "pembicara", "penutur", "peran", "person", "role", "speaker", "speakers",
    "sprecher", "teks", "text", "time", "timestamp", "transcript", "transcription", "transkrip", "ucapan",
    "utterance", "waktu", "who",
};

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return lower;
}

const std::vector<std::string>& cell(const TableRow& row, std::size_t column) {
  static const std::vector<std::string> empty;
  return column < row.cells.size() ? row.cells[column] : empty;
}

std::string cell_text(const TableRow& row, std::size_t column) {
  std::string text;
  for (const auto& paragraph : cell(row, column)) {
    if (is_blank(paragraph)) continue;
    if (!text.empty()) text += '\n';
    text += trim(paragraph);
  }
  return text;
}

std::string_view without_colon(std::string_view label) {
  label = trim(label);
  if (!label.empty() && label.back() == ':') label = trim(label.substr(0, label.size() - 1));
  return label;
}

// A cell that can name a speaker: one short line, a few words, no sentence.
bool is_label_cell(std::string_view text) {
  const std::string_view label = without_colon(text);
  if (label.empty() || label.size() > 60 || label.find('\n') != std::string_view::npos) return false;
  if (std::count(label.begin(), label.end(), ' ') > 5) return false;
  const char last = label.back();
  return last != '.' && last != '?' && last != '!' && last != ',';
}

std::optional<std::int64_t> time_cell(std::string_view text) {
  text = trim(text);
  const auto mark = time_mark_at_start(text);
  if (!mark || mark->length != text.size()) return std::nullopt;
  return mark->start_ms;
}

bool is_number_cell(std::string_view text) {
  text = trim(text);
  while (!text.empty() && text.back() == '.') text.remove_suffix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_heading_row(const TableRow& row) {
  if (row.header) return true;
  bool any = false;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const std::string text = lower_ascii(without_colon(cell_text(row, c)));
    if (text.empty()) continue;
    if (std::find(std::begin(kHeadings), std::end(kHeadings), text) == std::end(kHeadings)) return false;
    any = true;
  }
  return any;
}

struct ColumnStats {
  std::size_t filled = 0, labels = 0, times = 0, numbers = 0, characters = 0;
  std::map<std::string, int> values;
};

}  // namespace

void append_table(const std::vector<TableRow>& rows, const SpeakerRoster& roster, std::vector<SourceParagraph>& out) {
  const auto as_read = [&] {
    for (const auto& row : rows) {
      for (const auto& paragraphs : row.cells) {
        for (const auto& paragraph : paragraphs) out.push_back({paragraph, {}, false, {}});
      }
    }
  };
  std::size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.cells.size());
  const std::size_t first = !rows.empty() && is_heading_row(rows.front()) ? 1 : 0;
  if (columns < 2 || rows.size() < first + 2) return as_read();

  std::vector<ColumnStats> stats(columns);
  for (std::size_t r = first; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string text = cell_text(rows[r], c);
      if (text.empty()) continue;
      ColumnStats& column = stats[c];
      ++column.filled;
      column.characters += text.size();
      if (time_cell(text)) ++column.times;
      if (is_number_cell(text)) ++column.numbers;
      if (is_label_cell(text)) {
        ++column.labels;
        ++column.values[std::string(without_colon(text))];
      }
    }
  }
  std::size_t time_column = kNoColumn, speaker_column = kNoColumn, text_column = kNoColumn;
  for (std::size_t c = 0; c < columns; ++c) {
    const ColumnStats& column = stats[c];
    if (column.filled == 0) continue;
    if (column.numbers == column.filled) continue;  // row numbers
    if (time_column == kNoColumn && column.times * 5 >= column.filled * 4) {
      time_column = c;
    } else if (speaker_column == kNoColumn && column.labels == column.filled && column.filled >= 2) {
      speaker_column = c;
    } else if (text_column == kNoColumn || column.characters > stats[text_column].characters) {
      text_column = c;
    }
  }
  if (speaker_column == kNoColumn || text_column == kNoColumn ||
      stats[text_column].characters <= stats[speaker_column].characters) {
    return as_read();
  }
  // Speakers come back: some label recurs, or the roster knows one.
  const auto& values = stats[speaker_column].values;
  const bool recurs = std::any_of(values.begin(), values.end(), [](const auto& value) { return value.second >= 2; });
  const bool known = std::any_of(values.begin(), values.end(), [&](const auto& value) { return roster.count(value.first) > 0; });
  if (!recurs && !known) return as_read();

  for (std::size_t r = first; r < rows.size(); ++r) {
    const TableRow& row = rows[r];
    std::string speaker(without_colon(cell_text(row, speaker_column)));
    std::optional<std::int64_t> start_ms;
    if (time_column != kNoColumn) start_ms = time_cell(cell_text(row, time_column));
    if (const auto time = trailing_time(speaker); !start_ms && time && time->begin > 0) {
      start_ms = time->ms;  // "Ana 00:01:02" in the speaker's cell
      speaker = std::string(without_colon(std::string_view(speaker).substr(0, time->begin)));
    }
    // What the row says: the text column's paragraphs, then any other column's (none is lost).
    std::vector<std::string> said;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (c == speaker_column || c == time_column || (c != text_column && stats[c].numbers == stats[c].filled)) continue;
      for (const auto& paragraph : row.cells[c]) {
        if (!is_blank(paragraph)) said.push_back(paragraph);
      }
    }
    if (speaker.empty()) {
      for (auto& paragraph : said) out.push_back({std::move(paragraph), {}, true, {}});
      continue;
    }
    out.push_back({said.empty() ? std::string() : std::move(said.front()), speaker, false, start_ms});
    for (std::size_t p = 1; p < said.size(); ++p) out.push_back({std::move(said[p]), {}, true, {}});
  }
}

}  // namespace qda
