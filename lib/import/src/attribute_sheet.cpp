// Reading and matching the attribute sheet.
#include "qda/attribute_sheet.hpp"

#include <fstream>
#include <set>

#include <fmt/format.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/paths.hpp"
#include "qda/text.hpp"

namespace qda {
namespace fs = std::filesystem;

AttributeSheet::AttributeSheet(const fs::path& path) : path_(path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw io_error("no such attribute sheet", {path.string()});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error("cannot open the attribute sheet", {path.string()});
  const std::string name = path.string();
  CsvTableReader table(in, name);
  const bool has_file = table.has_column("file");
  const bool has_id = table.has_column("id");
  if (!has_file && !has_id) {
    throw invalid_input("expected a 'file' or an 'id' column to say which source each row describes", {name, 1});
  }
  std::set<std::string> files;
  std::set<std::string> ids;
  std::vector<std::string> fields;
  while (table.read_row(fields)) {
    AttributeRow row;
    row.line = table.row_line();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string& column = table.header()[i];
      std::string value = std::string(trim(normalize_source_text(decode_to_utf8(fields[i], name))));
      if (column == "file") {
        row.file = std::move(value);
      } else if (column == "id") {
        row.id = std::move(value);
      } else if (column == "title") {
        row.title = std::move(value);
      } else if (column == "language") {
        row.language = std::move(value);
      } else {
        row.attributes.emplace_back(column, std::move(value));
      }
    }
    if (has_file && row.file.empty()) throw invalid_input("the 'file' cell is empty; expected a file name", {name, row.line});
    if (!has_file && row.id.empty()) throw invalid_input("the 'id' cell is empty; expected a source id", {name, row.line});
    if (!row.id.empty() && slugify(row.id) != row.id) {
      throw invalid_input(fmt::format("source id '{}' is not a slug; expected lower-case letters, digits and "
                                      "hyphens such as '{}'",
                                      row.id, slugify(row.id)),
                          {name, row.line});
    }
    if (has_file && !files.insert(row.file).second) {
      throw invalid_input(fmt::format("file '{}' has a second row", row.file), {name, row.line});
    }
    if (!row.id.empty() && !ids.insert(row.id).second) {
      throw invalid_input(fmt::format("source id '{}' has a second row", row.id), {name, row.line});
    }
    rows_.push_back(std::move(row));
  }
}

AttributeRow* AttributeSheet::find(const fs::path& input, const std::string& slug) {
  const std::string file_name = input.filename().string();
  const std::string relative = portable_relative_path(input, path_.parent_path());
  for (auto& row : rows_) {
    if (!row.file.empty() && (row.file == file_name || row.file == relative)) {
      row.used = true;
      return &row;
    }
  }
  for (auto& row : rows_) {
    if (row.file.empty() && row.id == slug) {
      row.used = true;
      return &row;
    }
  }
  return nullptr;
}

std::vector<const AttributeRow*> AttributeSheet::unused_rows() const {
  std::vector<const AttributeRow*> unused;
  for (const auto& row : rows_) {
    if (!row.used) unused.push_back(&row);
  }
  return unused;
}

}  // namespace qda
