// Writing sources.csv: the fixed columns, then every attribute column of the sheet.
#include "qda/sources_table.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "qda/csv.hpp"
#include "qda/strings.hpp"

namespace qda {

namespace {

constexpr std::string_view kFixedColumns[] = {"id", "title", "path", "format", "media_type", "language", "encoding",
                                              "characters", "turns", "segments", "speakers"};

}  // namespace

void write_sources_csv(std::ostream& out, const Corpus& corpus, bool byte_order_mark) {
  // Attribute columns in the order they first appear; one named like a fixed column gets a prefix.
  // A set beside the list: a sheet of 200,000 attribute columns took 81 s searching the list.
  std::vector<std::string> attributes;
  std::set<std::string_view> seen;
  for (const auto& source : corpus.sources) {
    for (const auto& [name, value] : source.attributes) {
      if (seen.insert(name).second) attributes.push_back(name);
    }
  }
  std::vector<std::string> header(std::begin(kFixedColumns), std::end(kFixedColumns));
  for (const auto& name : attributes) {
    const bool clashes = std::find(std::begin(kFixedColumns), std::end(kFixedColumns), name) != std::end(kFixedColumns);
    header.push_back(clashes ? "attribute_" + name : name);
  }
  if (byte_order_mark) out << "\xEF\xBB\xBF";
  CsvWriter csv(out);
  csv.write_row(header);
  for (const auto& source : corpus.sources) {
    std::vector<std::string> speakers;
    for (const auto& speaker : source.speakers) speakers.push_back(speaker.name);
    std::vector<std::string> row = {source.id, source.title, source.path, source.format, source.media_type,
                                    source.language, source.encoding, std::to_string(source.characters),
                                    std::to_string(source.turns), std::to_string(source.segments), join(speakers, "; ")};
    std::map<std::string_view, std::string_view> values(source.attributes.begin(), source.attributes.end());
    for (const auto& name : attributes) {
      const auto found = values.find(name);
      row.push_back(found == values.end() ? std::string() : std::string(found->second));
    }
    csv.write_row(row);
  }
}

}  // namespace qda
