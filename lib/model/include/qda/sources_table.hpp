// sources.csv, written beside corpus.yaml: one row per source with its attributes, for joining
// segments.csv with the sources in R, pandas or a spreadsheet (docs/formats/sources-csv.md).
#pragma once

#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qda/corpus.hpp"
#include "qda/csv.hpp"

namespace qda {

// The attribute columns of sources.csv: every attribute name of the sources, in the order they first
// appear.
class AttributeColumns {
 public:
  void add(const Attributes& attributes);
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::set<std::string, std::less<>> seen_;  // a sheet of 200,000 columns took 81 s searching the list
};

// sources.csv a row at a time, as the sources are read (qda-import holds none of them); the attribute
// columns must be known first. With `byte_order_mark`, the file starts with a UTF-8 byte-order mark,
// which Excel needs to read it as UTF-8.
class SourcesCsvWriter {
 public:
  SourcesCsvWriter(std::ostream& out, std::vector<std::string> attribute_columns, bool byte_order_mark);
  void write(const SourceRecord& source);

 private:
  CsvWriter csv_;
  std::vector<std::string> attributes_;
};

// The whole corpus at once (qda-merge).
void write_sources_csv(std::ostream& out, const Corpus& corpus, bool byte_order_mark);

}  // namespace qda
