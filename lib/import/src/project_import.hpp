// A REFI-QDA project (.qdpx) as qda-import's input: its text sources, each read when its turn comes;
// its codings as one manual-codings file per REFI user, offsets turned into code points of the
// normalised text; its codebook as codebook.yaml; and one warning for what qda does not read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qda/document.hpp"
#include "qda/output.hpp"
#include "qda/qdpx.hpp"
#include "qda/source_format.hpp"

namespace qda {

class ProjectImport {
 public:
  struct Source {
    std::string id;     // the slug of its name (else of its file's name), unique in the project
    std::string title;  // its name
    Attributes attributes;  // its variables, then "case" and its cases' variables
    std::size_t index = 0;  // into the project's sources
  };

  ProjectImport(const std::filesystem::path& path, const ReadOptions& options);
  ~ProjectImport();

  const std::filesystem::path& path() const { return path_; }
  const std::vector<Source>& sources() const { return sources_; }

  // Reads a source's text (its plain text, else its .docx); `entry` is the archive entry read (or
  // project.qde for text inside it), `sha256` that of its bytes.
  Document read(const Source& source, const ReadContext& context, std::string& entry, std::string& sha256);
  // Turns the source's codings into rows of its users' manual codings files, now that its text is
  // read; `segments` are the [start, end) code points of its segments, in order: each coding is
  // clipped to those it overlaps.
  void add_codings(const Source& source, const std::vector<std::pair<std::size_t, std::size_t>>& segments);
  // codebook.yaml and the codings files, added to `outputs`.
  void write_outputs(const std::filesystem::path& output_dir, OutputSet& outputs) const;
  // The outputs' paths, for the guard against overwriting an input.
  std::vector<std::filesystem::path> output_paths(const std::filesystem::path& output_dir) const;
  // One warning naming every part that was not imported, or nothing if all was.
  void warn_unsupported() const;

 private:
  struct Row;
  std::filesystem::path path_;
  std::string bytes_;
  std::unique_ptr<refi::QdpxArchive> archive_;
  std::vector<Source> sources_;
  std::map<std::string, std::string> coder_of_user_;  // user GUID -> coder name
  std::vector<std::string> coders_;                    // in order of first coding
  std::map<std::string, std::vector<Row>> rows_;       // by coder
  std::vector<std::string> code_ids_;                  // by index of the project's codes
  std::map<std::string, std::size_t> code_index_;      // by GUID
  std::string codebook_yaml_;
  refi::UnsupportedParts skipped_;
  struct Pending;  // the text a source was read into, until add_codings
  std::unique_ptr<Pending> pending_;
};

}  // namespace qda
