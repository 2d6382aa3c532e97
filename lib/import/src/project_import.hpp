// A REFI-QDA project (.qdpx) as qda-import's input: its text sources, each read when its turn comes;
// its codings as one manual-codings file per REFI user, offsets turned into code points of the
// normalised text; its codebook as codebook.yaml; and one warning for what qda does not read.
// A project qda-export wrote carries qda's manifest (refi_manifest.hpp): while it holds, the project
// comes back as it was exported — ids, titles, languages, segments, codebook.yaml and codings.csv.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qda/document.hpp"
#include "qda/output.hpp"
#include "qda/qdpx.hpp"
#include "qda/refi_manifest.hpp"
#include "qda/source_format.hpp"

namespace qda {

class ProjectImport {
 public:
  struct Source {
    std::string id;     // the manifest's, else the slug of its name (else of its file's name), unique
    std::string title;  // the manifest's, else its name
    std::string language;   // the manifest's; empty: the run's --language
    Attributes attributes;  // its variables, then "case" and its cases' variables
    std::size_t index = 0;  // into the project's sources
  };

  ProjectImport(const std::filesystem::path& path, const ReadOptions& options);
  ~ProjectImport();

  const std::filesystem::path& path() const { return path_; }
  const std::vector<Source>& sources() const { return sources_; }
  // The manifest, if the archive has one that holds (every hash it records matches); else nullptr.
  const RefiManifest* manifest() const { return manifest_ ? &*manifest_ : nullptr; }
  // The segments the manifest keeps for a source (empty for a source with none), or nullptr without a
  // manifest, when the source is segmented as it is read.
  const std::vector<StoredSegment>* stored_segments(const Source& source) const;
  // The file name messages give the manifest's segments file.
  std::string stored_segments_file() const;

  // Reads a source's text (its plain text, else its .docx); `entry` is the archive entry read (or
  // the project file, project.qde, for text inside it), `sha256` that of its bytes. With stored
  // segments the document has no blocks: the caller emits the stored segments instead.
  Document read(const Source& source, const ReadContext& context, std::string& entry, std::string& sha256);
  // Turns the source's codings into rows of its users' manual codings files, now that its text is
  // read; `segments` are the [start, end) code points of its segments, in order: each coding is
  // clipped to those it overlaps. (With a manifest, codings.csv comes back whole instead.)
  void add_codings(const Source& source, const std::vector<std::pair<std::size_t, std::size_t>>& segments);
  // codebook.yaml and the codings (codings.csv from the manifest, else one file per coder), added to
  // `outputs`.
  void write_outputs(const std::filesystem::path& output_dir, OutputSet& outputs) const;
  // The outputs' paths, for the guard against overwriting an input.
  std::vector<std::filesystem::path> output_paths(const std::filesystem::path& output_dir) const;
  // One warning naming every part that was not imported, or nothing if all was.
  void warn_unsupported() const;

 private:
  struct Row;
  struct Pending;  // the text a source was read into, until add_codings

  // Takes the archive's manifest if it has one that holds, with the segments, codebook and codings it
  // keeps; a warning says why one that does not hold is not used. A manifest that is not one (YAML or
  // schema errors) is an error.
  bool adopt_manifest();
  void plan_from_manifest();
  void plan_codebook();
  void plan_coders();
  void plan_sources_from_refi();
  Attributes attributes_of(const refi::TextSource& text_source) const;
  std::string entry_file_name(std::string_view entry) const;  // "project.qdpx:qda/manifest.yaml"

  std::filesystem::path path_;
  std::string bytes_;
  std::unique_ptr<refi::QdpxArchive> archive_;
  std::optional<RefiManifest> manifest_;
  std::map<std::string, std::vector<StoredSegment>> stored_segments_;  // by source id
  std::string codings_csv_;  // the manifest's codings.csv
  std::vector<Source> sources_;
  std::map<std::string, std::string> coder_of_user_;  // user GUID -> coder name
  std::vector<std::string> coders_;                    // in order of first coding
  std::map<std::string, std::vector<Row>> rows_;       // by coder
  std::vector<std::string> code_ids_;                  // by index of the project's codes
  std::map<std::string, std::size_t> code_index_;      // by GUID
  std::string codebook_yaml_;
  refi::UnsupportedParts skipped_;
  // By source index: qda-import reads the next sources before it adds the codings of the one before.
  std::map<std::size_t, std::unique_ptr<Pending>> pending_;
};

}  // namespace qda
