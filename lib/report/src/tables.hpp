// The report's tables as CSV files (--tables), each written as its rows are made, so that a table of
// thousands of rows (a row per source) is never held; without a folder, the rows are dropped.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qda/csv.hpp"
#include "qda/output.hpp"

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

  // Tables go into `folder` (none when empty), created through `folders` with the first table; each
  // file is checked against `guard` when it is made.
  Tables(std::filesystem::path folder, const InputGuard& guard, CreatedFolders& folders);

  // The table `name`, made with its `header` if it is not yet: a table with no rows still has a file.
  Rows begin(const std::string& name, const std::vector<std::string>& header);
  // Drops the rows of `name` written so far, keeping its header (the corpus's items are given again).
  void restart(const std::string& name);
  // Finishes the tables and hands them to `outputs`, to be committed with the report.
  void hand_over(OutputSet& outputs);

 private:
  struct Table {
    std::vector<std::string> header;
    std::unique_ptr<OutputFile> file;
    std::unique_ptr<CsvWriter> csv;
  };
  Table* open(const std::string& name, const std::vector<std::string>& header);

  std::filesystem::path folder_;
  const InputGuard& guard_;
  CreatedFolders& folders_;
  std::map<std::string, Table> tables_;
};

}  // namespace qda::report
