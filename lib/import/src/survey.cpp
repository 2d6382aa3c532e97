// CSV survey exports: one response per row; the --text-column cells are the text, every other
// column becomes an attribute of the row's segments.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "readers.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"

namespace qda {

Document read_csv_survey(std::string_view bytes, const ReadContext& context) {
  const std::string utf8 = decode_source_text(bytes, context);
  const std::string& file_name = context.file_name;
  const ReadOptions& options = context.options;
  std::istringstream in(utf8);
  CsvTableReader table(in, file_name);
  if (options.text_columns.empty()) {
    throw usage_error(fmt::format("{}: a CSV survey needs --text-column to say which column(s) hold the answers; "
                                  "its columns are: {}",
                                  file_name, join(table.header())));
  }
  std::vector<std::size_t> text_indexes;
  for (const auto& name : options.text_columns) {
    const std::size_t index = table.column(name);
    if (std::find(text_indexes.begin(), text_indexes.end(), index) != text_indexes.end()) {
      throw usage_error(fmt::format("--text-column names '{}' twice", name));
    }
    text_indexes.push_back(index);
  }
  for (const char* reserved : {"row", "column"}) {
    if (table.has_column(reserved)) {
      throw invalid_input(fmt::format("column '{}' clashes with the attribute qda gives each answer (its {}); rename the column",
                                      reserved, std::string(reserved) == "row" ? "line number" : "text column"),
                          {file_name, 1});
    }
  }
  const bool has_respondent = !options.respondent_column.empty();
  const std::size_t respondent_index = has_respondent ? table.column(options.respondent_column) : 0;

  Document document;
  std::vector<std::string> row;
  while (table.read_row(row)) {
    Attributes attributes{{"row", std::to_string(table.row_line())}};
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (std::find(text_indexes.begin(), text_indexes.end(), i) != text_indexes.end()) continue;
      attributes.emplace_back(table.header()[i], normalize_source_text(row[i]));
    }
    bool first_in_row = true;
    for (const std::size_t index : text_indexes) {
      const std::string answer = normalize_source_text(row[index]);
      const std::string_view content = trim(answer);
      if (content.empty()) continue;
      if (!document.text.empty()) document.text += "\n\n";
      Block block;
      block.begin = document.text.size();
      document.text += content;
      block.end = document.text.size();
      block.starts_turn = first_in_row;
      if (first_in_row && has_respondent) block.speaker = normalize_source_text(row[respondent_index]);
      block.attributes = attributes;
      block.attributes.emplace_back("column", table.header()[index]);
      document.blocks.push_back(std::move(block));
      first_in_row = false;
    }
  }
  return document;
}

}  // namespace qda
