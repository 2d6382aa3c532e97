// Writing sources.csv: the fixed columns, then every attribute column of the sheet.
#include "qda/sources_table.hpp"

#include <algorithm>
#include <map>

#include "qda/strings.hpp"

namespace qda {

namespace {

constexpr std::string_view kFixedColumns[] = {"id", "title", "path", "format", "media_type", "language", "encoding",
                                              "characters", "turns", "segments", "speakers"};

}  // namespace

void AttributeColumns::add(const Attributes& attributes) {
  for (const auto& [name, value] : attributes) {
    if (seen_.insert(name).second) names_.push_back(name);
  }
}

SourcesCsvWriter::SourcesCsvWriter(std::ostream& out, std::vector<std::string> attribute_columns, bool byte_order_mark)
    : csv_(out), attributes_(std::move(attribute_columns)) {
  std::vector<std::string> header(std::begin(kFixedColumns), std::end(kFixedColumns));
  // An attribute named like a fixed column gets a prefix.
  for (const auto& name : attributes_) {
    const bool clashes = std::find(std::begin(kFixedColumns), std::end(kFixedColumns), name) != std::end(kFixedColumns);
    header.push_back(clashes ? "attribute_" + name : name);
  }
  if (byte_order_mark) out << "\xEF\xBB\xBF";
  csv_.write_row(header);
}

void SourcesCsvWriter::write(const SourceRecord& source) {
  std::vector<std::string> speakers;
  for (const auto& speaker : source.speakers) speakers.push_back(speaker.name);
  std::vector<std::string> row = {source.id, source.title, source.path, source.format, source.media_type,
                                  source.language, source.encoding, std::to_string(source.characters),
                                  std::to_string(source.turns), std::to_string(source.segments), join(speakers, "; ")};
  std::map<std::string_view, std::string_view> values(source.attributes.begin(), source.attributes.end());
  for (const auto& name : attributes_) {
    const auto found = values.find(name);
    row.push_back(found == values.end() ? std::string() : std::string(found->second));
  }
  csv_.write_row(row);
}

void write_sources_csv(std::ostream& out, const Corpus& corpus, bool byte_order_mark) {
  AttributeColumns columns;
  for (const auto& source : corpus.sources) columns.add(source.attributes);
  SourcesCsvWriter writer(out, columns.names(), byte_order_mark);
  for (const auto& source : corpus.sources) writer.write(source);
}

}  // namespace qda
