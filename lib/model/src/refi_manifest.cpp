// qda/manifest.yaml written and read, and the segments it keeps (segments.csv without the text).
#include "qda/refi_manifest.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "qda/coding.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

namespace {

constexpr std::string_view kKind = "refi-manifest";

void entry_mapping(YamlWriter& yaml, std::string_view key, const RefiManifest::Entry& entry) {
  yaml.begin_mapping(key);
  yaml.string_entry("entry", entry.entry);
  yaml.string_entry("sha256", entry.sha256);
  yaml.end();
}

RefiManifest::Entry entry_of(const nlohmann::ordered_json& json) {
  return {json.at("entry").get<std::string>(), json.at("sha256").get<std::string>()};
}

// The columns of the manifest's segments file: segments.csv's, less what the text and the source's id
// give back (id, interviewer, text).
constexpr std::array<std::string_view, 9> kStoredColumns = {"source", "seq",           "turn",        "speaker",   "start",
                                                            "end",    "start_seconds", "end_seconds", "attributes"};
constexpr std::size_t kAttributesColumn = 8;

// A time in the recording as segments.csv writes it ("2.400", at most three decimals) in milliseconds;
// none when empty.
std::optional<std::int64_t> milliseconds_of(const std::string& text, std::string_view column, const Location& where) {
  if (text.empty()) return std::nullopt;
  const std::size_t point = text.find('.');
  const std::string whole = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  const auto digits = [](const std::string& part) {
    return !part.empty() && part.size() <= 15 && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(whole) || (point != std::string::npos && (!digits(fraction) || fraction.size() > 3))) {
    throw invalid_input(fmt::format("{} is '{}'; expected seconds with at most three decimals, such as 2.400", column, text), where);
  }
  fraction.resize(3, '0');
  return std::stoll(whole) * 1000 + std::stoll(fraction);
}

}  // namespace

void write_refi_manifest(std::ostream& out, const RefiManifest& manifest) {
  YamlWriter yaml;
  yaml.string_entry("kind", "qda/refi-manifest");
  yaml.integer_entry("version", 1);
  entry_mapping(yaml, "project", manifest.project);
  yaml.string_entry("unit", manifest.unit);
  yaml.flow_sequence_entry("interviewers", manifest.interviewers);
  yaml.begin_sequence("sources");
  for (const auto& source : manifest.sources) {
    yaml.begin_mapping_item();
    yaml.string_entry("guid", source.guid);
    yaml.string_entry("id", source.id);
    yaml.string_entry("title", source.title);
    yaml.string_entry("language", source.language);
    entry_mapping(yaml, "text", source.text);
    yaml.end();
  }
  yaml.end();
  entry_mapping(yaml, "segments", manifest.segments);
  if (manifest.codebook) entry_mapping(yaml, "codebook", *manifest.codebook);
  if (manifest.codings) entry_mapping(yaml, "codings", *manifest.codings);
  out << yaml.text();
}

RefiManifest read_refi_manifest(std::string_view yaml, const std::string& file_name) {
  const nlohmann::ordered_json json = validated_json(parse_yaml(yaml, file_name), kKind, file_name);
  RefiManifest manifest;
  manifest.project = entry_of(json.at("project"));
  manifest.unit = json.at("unit").get<std::string>();
  manifest.interviewers = json.at("interviewers").get<std::vector<std::string>>();
  for (const auto& source : json.at("sources")) {
    manifest.sources.push_back({source.at("guid").get<std::string>(), source.at("id").get<std::string>(),
                                source.at("title").get<std::string>(), source.at("language").get<std::string>(),
                                entry_of(source.at("text"))});
  }
  manifest.segments = entry_of(json.at("segments"));
  if (json.contains("codebook")) manifest.codebook = entry_of(json.at("codebook"));
  if (json.contains("codings")) manifest.codings = entry_of(json.at("codings"));
  return manifest;
}

void write_stored_segments(std::ostream& out, const std::filesystem::path& segments_csv) {
  std::ifstream in(segments_csv, std::ios::binary);
  if (!in) throw io_error("cannot open the segments", {segments_csv.string()});
  CsvTableReader table(in, segments_csv.string());
  std::vector<std::size_t> columns;
  // A corpus imported before segments had times has no time columns: its stored times stay empty.
  constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  for (const std::string_view name : kStoredColumns) {
    const bool optional = name == "start_seconds" || name == "end_seconds";
    columns.push_back(optional && !table.has_column(name) ? kAbsent : table.column(name));
  }
  CsvWriter csv(out);
  csv.write_row(std::vector<std::string_view>(kStoredColumns.begin(), kStoredColumns.end()));
  std::vector<std::string> row, stored(kStoredColumns.size());
  while (table.read_row(row)) {
    for (std::size_t i = 0; i < columns.size(); ++i) stored[i] = columns[i] == kAbsent ? std::string() : row[columns[i]];
    csv.write_row(stored);
  }
}

namespace {

// A CSV file the manifest keeps, read row by row under its header: a header other than `columns`, a
// row of another width, or a field that should be a whole number and is not is an error naming the line.
template <std::size_t N>
class KeptTable {
 public:
  KeptTable(std::string_view csv, const std::string& file_name, const std::array<std::string_view, N>& columns, std::string_view kept)
      : reader_(csv, file_name), file_name_(file_name), columns_(columns) {
    if (!reader_.read_row(row_) || row_ != std::vector<std::string>(columns.begin(), columns.end())) {
      throw invalid_input(fmt::format("the header is not {}; expected the {} as qda writes them, with no other columns",
                                      fmt::join(columns, ","), kept),
                          {file_name, 1});
    }
  }
  bool next() {
    if (!reader_.read_row(row_)) return false;
    if (row_.size() != N) throw invalid_input(fmt::format("the row has {} fields; expected {}", row_.size(), N), where());
    return true;
  }
  const std::vector<std::string>& row() const { return row_; }
  Location where() const { return {file_name_, reader_.row_line()}; }
  std::size_t number(std::size_t column) const {
    std::size_t value = 0;
    const std::string& text = row_[column];
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      throw invalid_input(fmt::format("{} is '{}'; expected a whole number", columns_[column], text), where());
    }
    return value;
  }

 private:
  CsvReader reader_;
  std::string file_name_;
  const std::array<std::string_view, N>& columns_;
  std::vector<std::string> row_;
};

}  // namespace

std::map<std::string, std::vector<StoredSegment>> read_stored_segments(std::string_view csv, const std::string& file_name) {
  KeptTable table(csv, file_name, kStoredColumns, "segments");
  std::map<std::string, std::vector<StoredSegment>> segments;
  while (table.next()) {
    const std::vector<std::string>& row = table.row();
    const Location where = table.where();
    StoredSegment segment;
    const std::size_t seq = table.number(1);
    segment.turn = table.number(2);
    segment.speaker = row[3];
    segment.start = table.number(4);
    segment.end = table.number(5);
    segment.start_ms = milliseconds_of(row[6], kStoredColumns[6], where);
    segment.end_ms = milliseconds_of(row[7], kStoredColumns[7], where);
    segment.line = where.line;
    if (!row[kAttributesColumn].empty()) {
      const nlohmann::ordered_json attributes = nlohmann::ordered_json::parse(row[kAttributesColumn], nullptr, false);
      if (!attributes.is_object()) throw invalid_input("the attributes are not a JSON object; expected one of strings", where);
      for (const auto& [name, value] : attributes.items()) {
        if (!value.is_string()) throw invalid_input(fmt::format("attribute '{}' is not a string", name), where);
        segment.attributes.emplace_back(name, value.get<std::string>());
      }
    }
    std::vector<StoredSegment>& of_source = segments[row[0]];
    const StoredSegment* previous = of_source.empty() ? nullptr : &of_source.back();
    if (seq != of_source.size() + 1 || segment.end <= segment.start || segment.turn == 0 ||
        (previous != nullptr && (segment.start < previous->end || segment.turn < previous->turn))) {
      throw invalid_input(fmt::format("segment {} of source '{}' is out of order; expected seq {} after the previous "
                                      "segment, a non-empty span and turns that do not go back",
                                      seq, row[0], of_source.size() + 1),
                          where);
    }
    of_source.push_back(std::move(segment));
  }
  return segments;
}

void check_kept_codings(std::string_view csv, const std::string& file_name,
                        const std::map<std::string, std::vector<StoredSegment>>& segments) {
  KeptTable table(csv, file_name, kCodingColumns, "codings");
  constexpr std::size_t kSource = 0, kSegment = 1, kStart = 5, kEnd = 6;
  while (table.next()) {
    const std::vector<std::string>& row = table.row();
    const Location where = table.where();
    const std::string& source = row[kSource];
    const std::string& segment_id = row[kSegment];
    const auto of_source = segments.find(source);
    const auto seq = seq_in_source(segment_id, source);
    const bool named = of_source != segments.end() && seq && *seq >= 1 && *seq <= of_source->second.size();
    if (!named) {
      throw invalid_input(fmt::format("segment '{}' is not a stored segment of source '{}'; expected one of the "
                                      "source's segments, as segments.csv lists them",
                                      segment_id, source),
                          where);
    }
    // Inside the text its segments cover (qda-export runs this same check on the codings.csv it is given).
    const std::size_t covered = of_source->second.back().end;
    const std::size_t start = table.number(kStart), end = table.number(kEnd);
    if (start >= end || end > covered) {
      throw invalid_input(fmt::format("the span [{}, {}) of source '{}' is empty or ends past its last segment, at {}; "
                                      "expected a span inside the text",
                                      start, end, source, covered),
                          where);
    }
  }
}

}  // namespace qda
