// sources.csv, written beside corpus.yaml: one row per source with its attributes, for joining
// segments.csv with the sources in R, pandas or a spreadsheet (docs/formats/sources-csv.md).
#pragma once

#include <ostream>

#include "qda/corpus.hpp"

namespace qda {

// With `byte_order_mark`, the file starts with a UTF-8 byte-order mark, which Excel needs to read
// it as UTF-8.
void write_sources_csv(std::ostream& out, const Corpus& corpus, bool byte_order_mark);

}  // namespace qda
