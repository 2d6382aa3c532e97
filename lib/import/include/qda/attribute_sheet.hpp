// The attribute sheet (sources.csv): one row per source, keyed by file name or source id; its
// other columns become the source's attributes (role, organisation, date, ...).
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qda/document.hpp"

namespace qda {

struct AttributeRow {
  std::size_t line = 0;
  std::string file;      // the "file" column: a file name, or a path relative to the sheet
  std::string id;        // the "id" column: the source id to give the file
  std::string title;     // the "title" column
  std::string language;  // the "language" column
  std::string encoding;  // the "encoding" column: the file's encoding (an ICU converter name)
  std::vector<std::string> speakers;  // the "speakers" column, names separated by ';': the file's roster
  Attributes attributes; // every other column, in sheet order
  std::string_view matched;  // the file the row was matched to, once it is: find's `input`
};

class AttributeSheet {
 public:
  // Reads and checks the sheet: it needs a "file" or an "id" column; keys must be unique.
  explicit AttributeSheet(const std::filesystem::path& path);
  AttributeSheet(const AttributeSheet&) = delete;  // its indexes view its rows
  AttributeSheet& operator=(const AttributeSheet&) = delete;

  // The row for an input file: by its path relative to the sheet's folder or its name (the "file"
  // column), else by its default source id (the "id" column). Marks the row used. A row that names
  // a file by its name alone and is matched by a second file (two folders with an "interview.md")
  // is an error: the row must give the path.
  // `input` is viewed by the row, so must outlive the sheet's use (a sheet of tens of thousands of rows
  // held a copy of every path); the sheet's destructor does not read it.
  AttributeRow* find(std::string_view input, const std::string& default_id);
  std::vector<const AttributeRow*> unused_rows() const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::string relative_to_folder(std::string_view input);

  std::filesystem::path path_;
  std::string folder_, working_folder_;  // absolute, set at the first find
  // A deque: a sheet of thousands of rows grows without being copied, and the indexes below view
  // its rows' strings, which stay where they are.
  std::deque<AttributeRow> rows_;
  std::unordered_map<std::string_view, std::size_t> row_of_file_;  // rows that name a file
  std::unordered_map<std::string_view, std::size_t> row_of_id_;    // rows that give only an id
};

}  // namespace qda
