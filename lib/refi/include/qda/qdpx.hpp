// The .qdpx container: a ZIP archive holding project.qde and the sources it refers to (in sources/ or
// Sources/, by "internal://" paths or plain relative ones).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qda/refi_project.hpp"
#include "qda/zip.hpp"

namespace qda::refi {

// The project file's name, as qda writes it. Another tool's archive may name it otherwise (Project.qde,
// MyStudy.qde): QdpxArchive::project_entry() is the entry read.
inline constexpr std::string_view kProjectEntry = "project.qde";

// A text source's stored text as the archive holds it.
struct SourceEntry {
  enum class Kind { PlainText, RichText };
  Kind kind = Kind::PlainText;
  std::string entry;  // the archive entry, or "" for <PlainTextContent>
  std::string bytes;
};

class QdpxArchive {
 public:
  // Opens the archive and parses its project file: project.qde, else project.qde in any letters' case,
  // else the single .qde file at the archive's top. `bytes` must outlive the object.
  QdpxArchive(std::string_view bytes, std::string file_name, ZipLimits limits = {});

  const Project& project() const { return project_; }
  Project& project() { return project_; }
  const std::string& file_name() const { return file_name_; }
  // The entry the project was read from ("project.qde", "Project.qde", ...).
  const std::string& project_entry() const { return project_entry_; }
  // The plain text of a source, else its rich text (.docx); nullopt if the archive holds neither (a
  // source linked to a file outside the archive). An InvalidInput error if a path leaves the archive.
  std::optional<SourceEntry> read_source(const TextSource& source) const;
  // Whether read_source() finds the source's text, without reading it.
  bool holds_text(const TextSource& source) const;
  // The archive entry read_source() reads a source's text from: "" for <PlainTextContent>, nullopt if
  // the archive does not hold its text.
  std::optional<std::string> text_entry(const TextSource& source) const;
  // Whether the archive has an entry of that name (qda's own entries, for example).
  bool contains(std::string_view entry) const { return archive_.contains(entry); }
  std::string read(std::string_view entry) const;
  // SHA-256 of the project file's bytes.
  const std::string& project_sha256() const { return project_sha256_; }
  // The archive's files that nothing has read so far (media, PDFs, the .docx of a source read from its
  // plain text, ...), in archive order; folders are left out.
  std::vector<std::string> entries_not_read() const;

 private:
  // `where`: the source's element in project.qde, which an error names.
  std::optional<std::string> resolve(const std::string& path, const Location& where) const;

  std::string file_name_;
  ZipArchive archive_;
  std::string project_entry_;
  std::string project_sha256_;
  Project project_;
  mutable std::set<std::string, std::less<>> entries_read_;
};

// One file of a project to write: its entry name (e.g. "sources/inf-01.txt") and bytes.
struct ArchiveEntry {
  std::string name;
  std::string bytes;
};

// project.qde's bytes: the project as QDA-XML.
std::string project_qde(const Project& project);

// The .qdpx bytes: `project_qde` first, then `entries` in order.
std::string write_qdpx(std::string project_qde, std::vector<ArchiveEntry> entries, const std::string& file_name);

}  // namespace qda::refi
