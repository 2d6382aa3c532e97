// libzip wrapper: entry-path checks on open; size checks on each entry read, before and while inflating;
// in-memory writing.
#include "qda/zip.hpp"

#include <zip.h>

#include <algorithm>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

// Owns the libzip handle, so it is released even when the constructor throws after opening it.
struct ZipArchive::Handle {
  zip_t* archive = nullptr;
  ~Handle() {
    if (archive != nullptr) zip_discard(archive);
  }
};

namespace {

bool is_unsafe_entry_path(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.front() == '\\') return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // a Windows drive letter
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes, std::string file_name, ZipLimits limits)
    : handle_(std::make_unique<Handle>()), file_name_(std::move(file_name)), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source != nullptr) {
    handle_->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (handle_->archive == nullptr) zip_source_free(source);
  }
  if (handle_->archive == nullptr) {
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw invalid_input(fmt::format("not a readable ZIP archive ({}); expected a ZIP container such as "
                                    "DOCX or ODT",
                                    reason),
                        {file_name_});
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(handle_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(handle_->archive, static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr) throw invalid_input(fmt::format("entry {} of the ZIP archive cannot be read", i), {file_name_});
    if (is_unsafe_entry_path(name)) {
      throw invalid_input(fmt::format("ZIP entry '{}' has an unsafe path (absolute or with '..'); refusing "
                                      "to read the archive",
                                      name),
                          {file_name_});
    }
    names_.emplace_back(name);
  }
  // Two entries of one name: readers differ on which they take (libzip the first, Python's zipfile,
  // which QualCoder uses, the last), so the archive would read as two different documents.
  std::vector<std::string_view> sorted(names_.begin(), names_.end());
  std::sort(sorted.begin(), sorted.end());
  if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end()) {
    throw invalid_input(fmt::format("the ZIP archive holds two entries named '{}'; expected each name once (tools differ "
                                    "on which of the two they read)",
                                    *twice),
                        {file_name_});
  }
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::contains(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::string ZipArchive::read(std::string_view name) const {
  const std::string entry(name);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(handle_->archive, entry.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0) {
    if (stat.size > limits_.max_entry_bytes) {
      throw invalid_input(fmt::format("ZIP entry '{}' claims to expand to {} bytes, more than the limit of {} "
                                      "(a zip bomb?)",
                                      entry, stat.size, limits_.max_entry_bytes),
                          {file_name_});
    }
    if (bytes_read_ + stat.size > limits_.max_total_bytes) {
      throw invalid_input(fmt::format("the ZIP entries read claim to expand to {} bytes in all, more than the limit of "
                                      "{} (a zip bomb?)",
                                      bytes_read_ + stat.size, limits_.max_total_bytes),
                          {file_name_});
    }
  }
  zip_file_t* file = zip_fopen(handle_->archive, entry.c_str(), 0);
  if (file == nullptr) {
    throw invalid_input(fmt::format("the ZIP archive has no readable entry '{}'", entry), {file_name_});
  }
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      std::string reason = zip_error_strerror(zip_file_get_error(file));
      zip_fclose(file);
      throw invalid_input(fmt::format("ZIP entry '{}' is corrupt ({})", entry, reason), {file_name_});
    }
    if (n == 0) break;
    const std::uint64_t size = bytes.size() + static_cast<std::uint64_t>(n);
    if (size > limits_.max_entry_bytes || bytes_read_ + size > limits_.max_total_bytes) {
      zip_fclose(file);
      throw invalid_input(fmt::format("ZIP entry '{}' expands to more than the limit of {} bytes{} (a zip bomb?)", entry,
                                      size > limits_.max_entry_bytes ? limits_.max_entry_bytes : limits_.max_total_bytes,
                                      size > limits_.max_entry_bytes ? "" : " for all the entries read"),
                          {file_name_});
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  zip_fclose(file);
  bytes_read_ += bytes.size();
  return bytes;
}

struct ZipWriter::Handle {
  zip_source_t* buffer = nullptr;  // where the archive is written, kept past zip_close
  zip_t* archive = nullptr;
  std::vector<std::unique_ptr<std::string>> contents;  // libzip reads them only at zip_close
  ~Handle() {
    if (archive != nullptr) zip_discard(archive);
    if (buffer != nullptr) zip_source_free(buffer);
  }
};

ZipWriter::ZipWriter(std::string file_name) : handle_(std::make_unique<Handle>()), file_name_(std::move(file_name)) {
  zip_error_t error;
  zip_error_init(&error);
  handle_->buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (handle_->buffer != nullptr) {
    zip_source_keep(handle_->buffer);
    handle_->archive = zip_open_from_source(handle_->buffer, ZIP_TRUNCATE, &error);
  }
  if (handle_->archive == nullptr) {
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw std::runtime_error(fmt::format("libzip cannot start an archive: {}", reason));
  }
  zip_error_fini(&error);
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::add(std::string_view name, std::string bytes) {
  auto& content = handle_->contents.emplace_back(std::make_unique<std::string>(std::move(bytes)));
  zip_source_t* source = zip_source_buffer(handle_->archive, content->data(), content->size(), 0);
  const std::string entry(name);
  const zip_int64_t index =
      source == nullptr ? -1 : zip_file_add(handle_->archive, entry.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    if (source != nullptr) zip_source_free(source);
    throw std::runtime_error(fmt::format("libzip cannot add '{}': {}", entry, zip_strerror(handle_->archive)));
  }
  const auto at = static_cast<zip_uint64_t>(index);
  constexpr zip_uint16_t kTime = 0, kDate = (0 << 9) | (1 << 5) | 1;  // 00:00:00, 1980-01-01
  if (zip_set_file_compression(handle_->archive, at, ZIP_CM_DEFLATE, 6) != 0 ||
      zip_file_set_dostime(handle_->archive, at, kTime, kDate, 0) != 0) {
    throw std::runtime_error(fmt::format("libzip cannot set up '{}': {}", entry, zip_strerror(handle_->archive)));
  }
}

std::string ZipWriter::finish() {
  if (zip_close(handle_->archive) != 0) {
    throw io_error(fmt::format("cannot write the ZIP archive: {}", zip_strerror(handle_->archive)), {file_name_});
  }
  handle_->archive = nullptr;
  handle_->contents.clear();
  zip_source_t* buffer = handle_->buffer;
  zip_stat_t stat;
  zip_stat_init(&stat);
  std::string bytes;
  if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0) {
    throw io_error("cannot read back the ZIP archive written in memory", {file_name_});
  }
  bytes.resize(stat.size);
  const zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
  zip_source_close(buffer);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    throw io_error("cannot read back the ZIP archive written in memory", {file_name_});
  }
  return bytes;
}

}  // namespace qda
