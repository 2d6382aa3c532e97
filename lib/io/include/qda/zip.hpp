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
  // Most bytes any one entry read may expand to: checked against what its header claims before it
  // is inflated, and enforced while inflating, whatever the header claims.
  std::uint64_t max_entry_bytes = 256ULL << 20;
  // Most bytes the entries read may expand to together.
  std::uint64_t max_total_bytes = 1ULL << 30;
  // Most memory the parsed document of one XML entry may take (pugixml's nodes cost several times the
  // bytes of tiny elements: 200 MB of "<a/>" took 3.5 GB).
  std::uint64_t max_xml_document_bytes = 512ULL << 20;
};

// The limits apply to the entries read, not to every entry of the archive: a project may carry a
// video or a PDF that qda never opens, and its size is no risk to qda.
class ZipArchive {
 public:
  // Opens the archive and checks every entry's path: an InvalidInput error if it is not a ZIP archive
  // or if an entry's path is absolute or contains "..". `bytes` must outlive the archive;
  // `file_name` is used in messages.
  ZipArchive(std::string_view bytes, std::string file_name, ZipLimits limits = {});
  const ZipLimits& limits() const { return limits_; }
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::vector<std::string>& entry_names() const { return names_; }
  bool contains(std::string_view name) const;
  // The entry's bytes; an InvalidInput error if it is missing, or if it claims or expands to more
  // than the limits allow (counting every entry read so far towards the total).
  std::string read(std::string_view name) const;

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string file_name_;
  ZipLimits limits_;
  std::vector<std::string> names_;
  mutable std::uint64_t bytes_read_ = 0;  // by read(), towards max_total_bytes
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
