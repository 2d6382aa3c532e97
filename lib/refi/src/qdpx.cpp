// The .qdpx container: finding project.qde and the sources' entries, and writing the archive.
#include "qda/qdpx.hpp"

#include <sstream>

#include <fmt/format.h>

#include "qda/refi_xml.hpp"

namespace qda::refi {

namespace {

constexpr std::string_view kProjectEntry = "project.qde";

std::string project_of(const ZipArchive& archive, const std::string& file_name) {
  if (!archive.contains(kProjectEntry)) {
    throw invalid_input("the archive has no project.qde; expected a REFI-QDA project (.qdpx) with project.qde at its top",
                        {file_name});
  }
  return archive.read(kProjectEntry);
}

}  // namespace

QdpxArchive::QdpxArchive(std::string_view bytes, std::string file_name, ZipLimits limits)
    : file_name_(std::move(file_name)), archive_(bytes, file_name_, limits),
      project_(read_project_xml(project_of(archive_, file_name_), fmt::format("{}:{}", file_name_, kProjectEntry))) {}

// "internal://x.txt" and a relative "x.txt" name a file of the archive's sources folder (sources/ or
// Sources/, or the top for a relative path); any other scheme or an absolute path names a file
// outside the archive, which a project may link to and qda cannot read.
std::optional<std::string> QdpxArchive::resolve(const std::string& path) const {
  if (path.empty()) return std::nullopt;
  constexpr std::string_view internal = "internal://";
  const bool is_internal = path.rfind(internal, 0) == 0;
  std::string name = is_internal ? path.substr(internal.size()) : path;
  for (char& c : name) {
    if (c == '\\') c = '/';
  }
  if (!is_internal && (name.find("://") != std::string::npos || name.front() == '/' || (name.size() > 1 && name[1] == ':'))) {
    return std::nullopt;
  }
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (name.compare(start, end - start, "..") == 0 || name.front() == '/') {
      throw invalid_input(fmt::format("the source path '{}' leaves the archive; expected a file inside its sources folder", path),
                          {file_name_});
    }
    start = end + 1;
  }
  for (const std::string candidate : {"sources/" + name, "Sources/" + name, is_internal ? std::string() : name}) {
    if (!candidate.empty() && archive_.contains(candidate)) return candidate;
  }
  if (is_internal) {
    throw invalid_input(fmt::format("the project names the source file '{}', which the archive does not hold; expected it "
                                    "in sources/",
                                    path),
                        {file_name_});
  }
  return std::nullopt;
}

std::optional<SourceEntry> QdpxArchive::read_source(const TextSource& source) const {
  if (source.plain_text_content) return SourceEntry{SourceEntry::Kind::PlainText, "", *source.plain_text_content};
  if (auto entry = resolve(source.plain_text_path)) return SourceEntry{SourceEntry::Kind::PlainText, *entry, archive_.read(*entry)};
  if (auto entry = resolve(source.rich_text_path)) return SourceEntry{SourceEntry::Kind::RichText, *entry, archive_.read(*entry)};
  return std::nullopt;
}

bool QdpxArchive::holds_text(const TextSource& source) const {
  return source.plain_text_content || resolve(source.plain_text_path) || resolve(source.rich_text_path);
}

std::string write_qdpx(const Project& project, std::vector<ArchiveEntry> entries, const std::string& file_name) {
  std::ostringstream xml;
  write_project_xml(xml, project);
  ZipWriter zip(file_name);
  zip.add(kProjectEntry, std::move(xml).str());
  for (auto& entry : entries) zip.add(entry.name, std::move(entry.bytes));
  return zip.finish();
}

}  // namespace qda::refi
