// The .qdpx container: finding the project file (project.qde) and the sources' entries, and writing the archive.
#include "qda/qdpx.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <fmt/format.h>

#include "qda/hash.hpp"
#include "qda/refi_xml.hpp"
#include "qda/strings.hpp"

namespace qda::refi {

namespace {

// Names compared with ASCII letters in either case: tools differ only in the case of the letters.
bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

// The entry that holds the project: project.qde; else project.qde in other letters' case
// (Project.qde); else the one .qde file at the archive's top, as QualCoder reads any. Several of
// either kind are refused, named: which of them is the project is not for qda to guess.
std::string project_entry_of(const ZipArchive& archive, const std::string& file_name) {
  if (archive.contains(kProjectEntry)) return std::string(kProjectEntry);
  std::vector<std::string> named_project, at_top;
  for (const auto& name : archive.entry_names()) {
    if (name.find('/') != std::string::npos) continue;
    if (equal_ignoring_case(name, kProjectEntry)) {
      named_project.push_back(name);
    } else if (name.size() > 4 && equal_ignoring_case(std::string_view(name).substr(name.size() - 4), ".qde")) {
      at_top.push_back(name);
    }
  }
  const std::vector<std::string>& candidates = named_project.empty() ? at_top : named_project;
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty()) {
    throw invalid_input("the archive has no project.qde; expected a REFI-QDA project (.qdpx) with project.qde, or a "
                        "single other .qde file, at its top",
                        {file_name});
  }
  std::vector<std::string> quoted;
  for (const auto& name : candidates) quoted.push_back("'" + name + "'");
  throw invalid_input(fmt::format("the archive holds {} project files at its top ({}) and none is named project.qde; "
                                  "expected one (rename the project's to project.qde)",
                                  candidates.size(), join(quoted)),
                      {file_name});
}

}  // namespace

QdpxArchive::QdpxArchive(std::string_view bytes, std::string file_name, ZipLimits limits)
    : file_name_(std::move(file_name)), archive_(bytes, file_name_, limits), project_entry_(project_entry_of(archive_, file_name_)) {
  const std::string xml = archive_.read(project_entry_);
  entries_read_.emplace(project_entry_);
  project_sha256_ = sha256_hex(xml);
  project_ = read_project_xml(xml, fmt::format("{}:{}", file_name_, project_entry_));
}

std::string QdpxArchive::read(std::string_view entry) const {
  std::string bytes = archive_.read(entry);
  entries_read_.emplace(entry);
  return bytes;
}

std::vector<std::string> QdpxArchive::entries_not_read() const {
  std::vector<std::string> names;
  for (const auto& name : archive_.entry_names()) {
    if (!name.empty() && name.back() != '/' && entries_read_.count(name) == 0) names.push_back(name);
  }
  return names;
}

// "internal://x.txt" and a relative "x.txt" name a file of the archive's sources folder (sources/ or
// Sources/, or the top for a relative path); any other scheme or an absolute path names a file
// outside the archive, which a project may link to and qda cannot read.
std::optional<std::string> QdpxArchive::resolve(const std::string& path, const Location& where) const {
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
                          where.file.empty() ? Location{file_name_} : where);
    }
    start = end + 1;
  }
  for (const std::string& candidate : {"sources/" + name, "Sources/" + name, is_internal ? std::string() : name}) {
    if (!candidate.empty() && archive_.contains(candidate)) return candidate;
  }
  if (is_internal) {
    throw invalid_input(fmt::format("the project names the source file '{}', which the archive does not hold; expected it "
                                    "in sources/",
                                    path),
                        where.file.empty() ? Location{file_name_} : where);
  }
  return std::nullopt;
}

std::optional<SourceEntry> QdpxArchive::read_source(const TextSource& source) const {
  if (source.plain_text_content) return SourceEntry{SourceEntry::Kind::PlainText, "", *source.plain_text_content};
  if (auto entry = resolve(source.plain_text_path, source.where)) return SourceEntry{SourceEntry::Kind::PlainText, *entry, read(*entry)};
  if (auto entry = resolve(source.rich_text_path, source.where)) return SourceEntry{SourceEntry::Kind::RichText, *entry, read(*entry)};
  return std::nullopt;
}

bool QdpxArchive::holds_text(const TextSource& source) const { return text_entry(source).has_value(); }

std::optional<std::string> QdpxArchive::text_entry(const TextSource& source) const {
  if (source.plain_text_content) return std::string();
  if (auto entry = resolve(source.plain_text_path, source.where)) return entry;
  return resolve(source.rich_text_path, source.where);
}

std::string project_qde(const Project& project) {
  std::ostringstream xml;
  write_project_xml(xml, project);
  return std::move(xml).str();
}

std::string write_qdpx(std::string project_qde, std::vector<ArchiveEntry> entries, const std::string& file_name) {
  ZipWriter zip(file_name);
  zip.add(kProjectEntry, std::move(project_qde));
  for (auto& entry : entries) zip.add(entry.name, std::move(entry.bytes));
  return zip.finish();
}

}  // namespace qda::refi
