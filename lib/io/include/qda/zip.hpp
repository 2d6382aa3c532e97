// ZIP containers through libzip: reading the entries of DOCX, ODT and QDPX files, defended against zip
// bombs and entries whose paths leave the archive; writing QDPX files the same bytes every time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

struct ZipLimits {
  // Most bytes any one entry may expand to; the real count is enforced while reading, whatever
  // the archive's header claims.
  std::uint64_t max_entry_bytes = 256ULL << 20;
  // Most bytes all entries together may claim to expand to.
  std::uint64_t max_total_bytes = 1ULL << 30;
};

class ZipArchive {
 public:
  // Opens and checks the archive: an InvalidInput error if it is not a ZIP archive, if an entry's
  // path is absolute or contains "..", or if the sizes its entries declare exceed `limits`.
  // `bytes` must outlive the archive; `file_name` is used in messages.
  ZipArchive(std::string_view bytes, std::string file_name, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::vector<std::string>& entry_names() const { return names_; }
  bool contains(std::string_view name) const;
  // The entry's bytes; an InvalidInput error if it is missing or expands past the limit.
  std::string read(std::string_view name) const;

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string file_name_;
  ZipLimits limits_;
  std::vector<std::string> names_;
};

// Builds a ZIP archive in memory, entries deflated in the order added. Every entry is dated
// 1980-01-01 00:00 (a fixed DOS date, not the clock or the time zone), so the same entries give the
// same bytes on any machine.
class ZipWriter {
 public:
  explicit ZipWriter(std::string file_name);  // used in messages
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void add(std::string_view name, std::string bytes);
  // The archive's bytes; the writer takes no more entries.
  std::string finish();

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string file_name_;
};

}  // namespace qda
