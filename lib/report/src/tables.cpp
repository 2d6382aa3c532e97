// The report's tables, spooled as they are made.
#include "tables.hpp"

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::report {

Tables::Tables(std::filesystem::path folder) : folder_(std::move(folder)) {}

void Tables::Table::start() {
  csv.reset();
  std::error_code error;
  const std::filesystem::path temporary = std::filesystem::temp_directory_path(error);
  if (error) throw io_error(fmt::format("no folder for temporary files: {}", error.message()), {"TMPDIR"});
  spool = std::make_unique<SpoolFile>(temporary);
  csv = std::make_unique<CsvWriter>(spool->stream());
  csv->write_row(header);
}

Tables::Rows Tables::begin(const std::string& name, const std::vector<std::string>& header) {
  if (folder_.empty()) return Rows(nullptr);
  auto [found, made] = tables_.try_emplace(name);
  Table& table = found->second;
  if (made) {
    try {
      table.header = header;
      table.start();
    } catch (...) {
      tables_.erase(found);
      throw;
    }
  }
  return Rows(&table);
}

void Tables::Rows::add(const std::vector<std::string>& fields) {
  if (table_ != nullptr) table_->csv->write_row(fields);
}

void Tables::restart(const std::string& name) {
  if (const auto found = tables_.find(name); found != tables_.end()) found->second.start();
}

void Tables::write(OutputSet& outputs, const InputGuard& guard, CreatedFolders& folders) {
  if (folder_.empty()) return;
  folders.create(folder_);
  for (auto& [name, table] : tables_) {
    const std::filesystem::path path = folder_ / name;
    guard.check(path);
    table.csv.reset();
    table.spool->copy_to(outputs.add(path).stream());
  }
}

}  // namespace qda::report
