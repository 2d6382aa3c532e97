// The report's tables, written as they are made.
#include "tables.hpp"

namespace qda::report {

Tables::Tables(std::filesystem::path folder, const InputGuard& guard, CreatedFolders& folders)
    : folder_(std::move(folder)), guard_(guard), folders_(folders) {}

Tables::Table* Tables::open(const std::string& name, const std::vector<std::string>& header) {
  if (folder_.empty()) return nullptr;
  auto [found, made] = tables_.try_emplace(name);
  Table& table = found->second;
  if (made) {
    if (tables_.size() == 1) folders_.create(folder_);
    const std::filesystem::path path = folder_ / name;
    guard_.check(path);
    table.header = header;
    table.file = std::make_unique<OutputFile>(path);
    table.csv = std::make_unique<CsvWriter>(table.file->stream());
    table.csv->write_row(header);
  }
  return &table;
}

Tables::Rows Tables::begin(const std::string& name, const std::vector<std::string>& header) { return Rows(open(name, header)); }

void Tables::Rows::add(const std::vector<std::string>& fields) {
  if (table_ != nullptr) table_->csv->write_row(fields);
}

void Tables::restart(const std::string& name) {
  const auto found = tables_.find(name);
  if (found == tables_.end()) return;
  // A new temporary file; the old one is removed as its OutputFile goes.
  Table& table = found->second;
  table.csv.reset();
  table.file.reset();
  table.file = std::make_unique<OutputFile>(folder_ / name);
  table.csv = std::make_unique<CsvWriter>(table.file->stream());
  table.csv->write_row(table.header);
}

void Tables::hand_over(OutputSet& outputs) {
  for (auto& [name, table] : tables_) {
    table.csv.reset();
    outputs.adopt(std::move(table.file));
  }
  tables_.clear();
}

}  // namespace qda::report
