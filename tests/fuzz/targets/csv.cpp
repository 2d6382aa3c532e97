// Fuzz target: the CSV reader every CSV input goes through (csv.hpp). The same bytes are read from a
// stream and from memory, which must give the same rows on the same lines, and under a header, which
// must accept exactly the rows as long as the header.
#include <sstream>
#include <vector>

#include "fuzz_input.hpp"
#include "qda/csv.hpp"

namespace {

struct Row {
  std::vector<std::string> fields;
  std::size_t line = 0;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows_of(qda::CsvReader& reader) {
  std::vector<Row> rows;
  Row row;
  while (reader.read_row(row.fields)) {
    row.line = reader.row_line();
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const std::string_view text = qda::fuzz::as_text(data, size);
  std::optional<std::vector<Row>> from_memory;
  qda::fuzz::run_expecting_only_input_errors([&] {
    qda::CsvReader reader(text, "input.csv");
    from_memory = rows_of(reader);
  });
  std::optional<std::vector<Row>> from_stream;
  qda::fuzz::run_expecting_only_input_errors([&] {
    std::istringstream in{std::string(text)};
    qda::CsvReader reader(in, "input.csv");
    from_stream = rows_of(reader);
  });
  qda::fuzz::require(from_memory == from_stream, "the CSV reader reads memory and a stream differently");
  qda::fuzz::run_expecting_only_input_errors([&] {
    std::istringstream in{std::string(text)};
    qda::CsvTableReader table(in, "input.csv");
    std::vector<std::string> fields;
    while (table.read_row(fields)) {
      qda::fuzz::require(fields.size() == table.header().size(), "a row under a header is not as long as the header");
    }
  });
  return 0;
}
