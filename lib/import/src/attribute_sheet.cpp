// Reading and matching the attribute sheet.
#include "qda/attribute_sheet.hpp"

#include <fstream>
#include <unordered_set>

#include <fmt/format.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/paths.hpp"
#include "qda/text.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

// "Ana; Budi Santoso;" -> {"Ana", "Budi Santoso"}.
std::vector<std::string> split_names(std::string_view cell) {
  std::vector<std::string> names;
  while (!cell.empty()) {
    const std::size_t semicolon = cell.find(';');
    const std::string_view name = trim(cell.substr(0, semicolon));
    if (!name.empty()) names.emplace_back(name);
    if (semicolon == std::string_view::npos) break;
    cell.remove_prefix(semicolon + 1);
  }
  return names;
}

}  // namespace

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
  std::unordered_set<std::string_view> ids;  // of every row, viewing rows_
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
      } else if (column == "encoding") {
        row.encoding = std::move(value);
      } else if (column == "speakers") {
        row.speakers = split_names(value);
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
    // Rows are found by file, or by id where no file is given (a sheet has one column or the other
    // as its key, both unique): looked up, not searched, as a folder of thousands of sources needs.
    const std::size_t index = rows_.size();
    const AttributeRow& kept = rows_.emplace_back(std::move(row));
    if (has_file && !row_of_file_.emplace(kept.file, index).second) {
      throw invalid_input(fmt::format("file '{}' has a second row", kept.file), {name, kept.line});
    }
    if (!kept.id.empty() && !ids.insert(kept.id).second) {
      throw invalid_input(fmt::format("source id '{}' has a second row", kept.id), {name, kept.line});
    }
    if (!has_file) row_of_id_.emplace(kept.id, index);
  }
}

// portable_relative_path(input, the sheet's folder), by string operations where the input is a plain
// path under the folder (no ".", ".." or doubled '/'), as a walk gives them: a sheet of tens of
// thousands of rows is matched before the first source is read, and taking each path apart into
// components cost more than the lookup. Any other path is taken apart as before.
std::string AttributeSheet::relative_to_folder(std::string_view input) {
  if (folder_.empty()) {
    folder_ = fs::absolute(path_.parent_path().empty() ? fs::path(".") : path_.parent_path()).lexically_normal().generic_string();
    while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
    working_folder_ = fs::current_path().generic_string();
  }
  const std::string absolute = joined_absolute(input, working_folder_);
  const auto plain = [](std::string_view path) {
    return path.find("//") == std::string_view::npos && path.find("/./") == std::string_view::npos &&
           path.find("/../") == std::string_view::npos && path.back() != '/' &&
           !(path.size() >= 2 && path.substr(path.size() - 2) == "/.") && !(path.size() >= 3 && path.substr(path.size() - 3) == "/..");
  };
  const std::size_t prefix = folder_ == "/" ? 1 : folder_.size() + 1;
  if (absolute.size() > prefix && absolute.compare(0, folder_.size(), folder_) == 0 && absolute[prefix - 1] == '/' &&
      plain(absolute)) {
    return absolute.substr(prefix);
  }
  return portable_relative_path(fs::path(input), path_.parent_path());
}

AttributeRow* AttributeSheet::find(std::string_view input, const std::string& default_id) {
  const std::string_view file_name = input.substr(input.rfind('/') + 1);
  const std::string relative = relative_to_folder(input);
  if (const auto found = row_of_file_.find(relative); found != row_of_file_.end()) {
    AttributeRow& row = rows_[found->second];
    row.matched = input;
    return &row;
  }
  if (const auto found = row_of_file_.find(file_name); found != row_of_file_.end()) {
    AttributeRow& row = rows_[found->second];
    if (!row.matched.empty() && row.matched != input) {
      throw invalid_input(fmt::format("this row's file '{}' matches both {} and {}; give the path relative to the "
                                      "sheet's folder, such as '{}'",
                                      row.file, row.matched, input, relative),
                          {path_.string(), row.line});
    }
    row.matched = input;
    return &row;
  }
  if (const auto found = row_of_id_.find(default_id); found != row_of_id_.end()) {
    AttributeRow& row = rows_[found->second];
    row.matched = input;
    return &row;
  }
  return nullptr;
}

std::vector<const AttributeRow*> AttributeSheet::unused_rows() const {
  std::vector<const AttributeRow*> unused;
  for (const auto& row : rows_) {
    if (row.matched.empty()) unused.push_back(&row);
  }
  return unused;
}

}  // namespace qda
