// Stored ZIP archives (APPNOTE 6.3.10, sections 4.3.7, 4.3.12 and 4.3.16), for the office targets.
#include "stored_zip.hpp"

#include <zlib.h>

#include <cstdint>

namespace qda::fuzz {

namespace {

void put16(std::string& out, std::uint32_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>((value >> 8) & 0xFF));
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

// The fields a local header and a central directory entry share, from "version needed" to the extra
// field's length.
void put_common_fields(std::string& out, const std::string& name, std::string_view data) {
  const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  put16(out, 20);  // version needed to extract: 2.0
  put16(out, 0);   // flags
  put16(out, 0);   // method: stored
  put16(out, 0);   // time
  put16(out, 0x21);  // date: 1980-01-01
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(data.size()));  // compressed size
  put32(out, static_cast<std::uint32_t>(data.size()));  // uncompressed size
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, 0);  // extra field length
}

}  // namespace

std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string archive, directory;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(archive.size());
    put32(archive, 0x04034B50);
    put_common_fields(archive, name, data);
    archive += name;
    archive += data;

    put32(directory, 0x02014B50);
    put16(directory, 20);  // version made by
    put_common_fields(directory, name, data);
    put16(directory, 0);  // comment length
    put16(directory, 0);  // disk number
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(archive.size());
  archive += directory;
  put32(archive, 0x06054B50);  // end of central directory
  put16(archive, 0);
  put16(archive, 0);
  put16(archive, static_cast<std::uint32_t>(entries.size()));
  put16(archive, static_cast<std::uint32_t>(entries.size()));
  put32(archive, static_cast<std::uint32_t>(directory.size()));
  put32(archive, directory_offset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace qda::fuzz
