// The report's tables as CSV files (--tables). Each is spooled to an unnamed temporary file as its rows
// are made, so that a table of thousands of rows (a row per source) is never held, and copied to its
// file only when the report is written: the tables' folder and files are made, and checked, with the
// report's other outputs, and a spool begins again cheaply when the corpus is read a second time.
// Without a folder, the rows are dropped.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qda/csv.hpp"
#include "qda/output.hpp"
#include "qda/spool_file.hpp"

namespace qda::report {

class Tables {
  struct Table;

 public:
  // Where the rows of one table go (nowhere without a folder).
  class Rows {
   public:
    explicit Rows(Table* table) : table_(table) {}
    void add(const std::vector<std::string>& fields);

   private:
    Table* table_;
  };

  // Tables for `folder` (none when empty), spooled in the system's temporary folder.
  explicit Tables(std::filesystem::path folder);

  // The table `name`, begun with its `header` if it is not yet: a table with no rows still has a file.
  Rows begin(const std::string& name, const std::vector<std::string>& header);
  // Drops the rows of `name` spooled so far, keeping its header (the corpus's items are given again).
  void restart(const std::string& name);
  // Creates the folder (through `folders`) and adds each table to `outputs`, checked against `guard`.
  void write(OutputSet& outputs, const InputGuard& guard, CreatedFolders& folders);

 private:
  struct Table {
    std::vector<std::string> header;
    std::unique_ptr<SpoolFile> spool;
    std::unique_ptr<CsvWriter> csv;
    void start();  // an empty spool, with the header
  };

  std::filesystem::path folder_;
  std::map<std::string, Table> tables_;
};

}  // namespace qda::report
