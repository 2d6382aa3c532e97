// Importing a REFI-QDA project: sources named and given attributes from the project, each read and
// its codings converted when qda-import reaches it, the codebook and the coders' files written with
// the other outputs. A project qda-export wrote comes back through its manifest while that holds.
#include "project_import.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/blocks.hpp"
#include "qda/csv.hpp"
#include "qda/file.hpp"
#include "qda/hash.hpp"
#include "qda/paths.hpp"
#include "qda/refi_codebook.hpp"
#include "qda/refi_manifest.hpp"
#include "qda/text.hpp"
#include "readers.hpp"

namespace qda {
namespace fs = std::filesystem;

struct ProjectImport::Row {
  std::string source;
  std::size_t start = 0, end = 0;
  std::string code;
  std::string memo;
};

struct ProjectImport::Pending {
  SourceOffsetMap offsets;
  std::size_t original_length = 0;  // code points of the text the project's positions count
  // For a project that counts UTF-16 units (NVivo): where each character past U+FFFF in that text
  // starts, in UTF-16 units, in order; each counts two.
  std::optional<std::vector<std::size_t>> astral;

  // The project's position `units` as a code point of that text; a position between the two units
  // of one character is that character's start.
  std::size_t code_point_of(std::size_t units) const {
    if (!astral) return units;
    // The characters past U+FFFF wholly before `units`.
    const auto before = static_cast<std::size_t>(
        std::upper_bound(astral->begin(), astral->end(), units, [](std::size_t value, std::size_t start) { return value < start + 2; }) -
        astral->begin());
    if (before < astral->size() && (*astral)[before] + 1 == units) return units - 1 - before;
    return units - before;
  }
  std::size_t length_in_units() const { return original_length + (astral ? astral->size() : 0); }
};

namespace {

// Where each character past U+FFFF in `text` starts, in UTF-16 units, in order.
std::vector<std::size_t> astral_characters(std::string_view text) {
  std::vector<std::size_t> found;
  std::size_t units = 0;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if ((c & 0xC0) == 0x80) continue;
    if (c >= 0xF0) {
      found.push_back(units);
      ++units;
    }
    ++units;
  }
  return found;
}

}  // namespace

namespace {

// "Interview 1.docx" -> "Interview 1": tools often name a source after its file.
std::string without_document_extension(const std::string& name) {
  const fs::path path(name);
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* known : {".txt", ".docx", ".doc", ".rtf", ".odt", ".md", ".pdf", ".html", ".htm"}) {
    if (extension == known) return path.stem().string();
  }
  return name;
}

std::string file_part(std::string path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A name made unique among `taken` by a numeric suffix.
std::string unique(const std::string& base, std::set<std::string>& taken, const char* separator) {
  std::string name = base;
  for (std::size_t n = 2; !taken.insert(name).second; ++n) name = fmt::format("{}{}{}", base, separator, n);
  return name;
}

bool is_docx_path(const std::string& path) {
  return path.size() >= 5 && std::equal(path.end() - 5, path.end(), ".docx", [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

}  // namespace

ProjectImport::ProjectImport(const fs::path& path, const ReadOptions& options) : path_(path), bytes_(read_file(path)) {
  archive_ = std::make_unique<refi::QdpxArchive>(bytes_, path.string(), options.zip_limits);
  if (adopt_manifest()) {
    plan_from_manifest();
  } else {
    plan_codebook();
    plan_coders();
    plan_sources_from_refi();
  }
  if (sources_.empty()) throw invalid_input("the project has no text source qda can read; expected at least one", {path.string()});
}

std::string ProjectImport::entry_file_name(std::string_view entry) const { return fmt::format("{}:{}", path_.string(), entry); }

bool ProjectImport::adopt_manifest() {
  if (!archive_->contains(kManifestEntry)) return false;
  RefiManifest manifest = read_refi_manifest(archive_->read(kManifestEntry), entry_file_name(kManifestEntry));
  const auto stale = [&](const std::string& why) {
    spdlog::warn("{}: {} does not hold for this project: {}; it is imported as a project from another tool "
                 "(docs/refi-qda.md#the-qda-manifest)",
                 path_.string(), kManifestEntry, why);
    return false;
  };
  // qda-export names the entry it wrote; a project read from an entry of another name is not it.
  if (manifest.project.entry != archive_->project_entry() || manifest.project.sha256 != archive_->project_sha256()) {
    return stale(fmt::format("{} is not the one qda-export wrote beside it", archive_->project_entry()));
  }
  // An entry's bytes, if the archive has it and they are the bytes the manifest records.
  const auto read_kept = [&](const RefiManifest::Entry& kept) -> std::optional<std::string> {
    if (!archive_->contains(kept.entry)) return std::nullopt;
    std::string bytes = archive_->read(kept.entry);
    if (sha256_hex(bytes) != kept.sha256) return std::nullopt;
    return bytes;
  };
  const refi::Project& project = archive_->project();
  std::map<std::string, std::size_t> source_of_guid;
  for (std::size_t i = 0; i < project.sources.size(); ++i) source_of_guid.emplace(project.sources[i].guid, i);
  for (const auto& kept : manifest.sources) {
    const auto found = source_of_guid.find(kept.guid);
    const std::optional<std::string> entry = found == source_of_guid.end() ? std::nullopt : archive_->text_entry(project.sources[found->second]);
    if (!entry || *entry != kept.text.entry || !read_kept(kept.text)) {
      return stale(fmt::format("the text of source '{}' is not the one qda-export wrote", kept.id));
    }
  }
  const std::optional<std::string> segments = read_kept(manifest.segments);
  if (!segments) return stale(fmt::format("{} is not the one qda-export wrote", manifest.segments.entry));
  std::optional<std::string> codebook, codings;
  if (manifest.codebook && !(codebook = read_kept(*manifest.codebook))) {
    return stale(fmt::format("{} is not the one qda-export wrote", manifest.codebook->entry));
  }
  if (manifest.codings && !(codings = read_kept(*manifest.codings))) {
    return stale(fmt::format("{} is not the one qda-export wrote", manifest.codings->entry));
  }
  stored_segments_ = read_stored_segments(*segments, entry_file_name(manifest.segments.entry));
  if (codebook) codebook_yaml_ = std::move(*codebook);
  if (codings) {
    check_kept_codings(*codings, entry_file_name(manifest.codings->entry), stored_segments_);
    codings_csv_ = std::move(*codings);
  }
  manifest_ = std::move(manifest);
  return true;
}

void ProjectImport::plan_from_manifest() {
  const refi::Project& project = archive_->project();
  std::map<std::string, std::size_t> source_of_guid;
  for (std::size_t i = 0; i < project.sources.size(); ++i) source_of_guid.emplace(project.sources[i].guid, i);
  for (const auto& kept : manifest_->sources) {
    const std::size_t index = source_of_guid.at(kept.guid);
    sources_.push_back({kept.id, kept.title, kept.language, attributes_of(project.sources[index]), index});
  }
  for (const auto& [id, segments] : stored_segments_) {
    // Compared through a named copy: clang 14 (the fuzz build's compiler) cannot capture a structured binding.
    const std::string& stored_id = id;
    const bool known = std::any_of(sources_.begin(), sources_.end(), [&](const Source& source) { return source.id == stored_id; });
    if (!known && !segments.empty()) {
      throw invalid_input(fmt::format("segments of source '{}', which {} does not list; expected segments of its sources",
                                      id, kManifestEntry),
                          {stored_segments_file(), segments.front().line});
    }
  }
  // A codebook exported from a .qdc is the project's code tree, as from any tool.
  if (!manifest_->codebook) plan_codebook();
}

std::string ProjectImport::stored_segments_file() const { return manifest_ ? entry_file_name(manifest_->segments.entry) : std::string(); }

const std::vector<StoredSegment>* ProjectImport::stored_segments(const Source& source) const {
  if (!manifest_) return nullptr;
  static const std::vector<StoredSegment> none;
  const auto found = stored_segments_.find(source.id);
  return found == stored_segments_.end() ? &none : &found->second;
}

// Codes: a code that is not codable but has codings is made codable, so no coding is lost.
void ProjectImport::plan_codebook() {
  const refi::Project& project = archive_->project();
  std::set<std::string> coded;
  for (const auto& source : project.sources) {
    for (const auto& selection : source.selections) {
      for (const auto& coding : selection.codings) coded.insert(coding.code_guid);
    }
  }
  std::vector<refi::Code> codes = project.codes;
  for (auto& code : codes) {
    if (!code.codable && coded.count(code.guid) > 0) {
      code.codable = true;
      ++skipped_["codes marked not codable that have codings (imported as codable)"];
    }
  }
  const std::string title = project.name.empty() ? to_nfc(path_.stem().string()) : to_nfc(project.name);
  RefiCodebook codebook = codebook_from_refi(codes, title);
  if (codebook.dropped_colours > 0) skipped_["code colours that are not #RRGGBB or #RGB"] += codebook.dropped_colours;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    code_ids_.push_back(codebook.codebook.codes[i].id);
    code_index_.emplace(codes[i].guid, i);
  }
  if (!codes.empty()) {
    std::ostringstream yaml;
    const std::string origin = project.origin.empty() ? "" : fmt::format(" ({})", project.origin);
    write_refi_codebook_yaml(yaml, codebook.codebook,
                             fmt::format("The codes of the REFI-QDA project {}{}, as qda-import read them.",
                                         path_.filename().string(), origin));
    codebook_yaml_ = std::move(yaml).str();
  }
}

// Coders: each REFI user by name; "auto" is the rule engine's name, so a user called so is renamed.
void ProjectImport::plan_coders() {
  std::set<std::string> coder_names;
  for (const auto& user : archive_->project().users) {
    std::string name(trim(to_nfc(user.name)));
    if (name.empty()) name = "user-" + user.guid.substr(0, 8);
    if (name == "auto") name = "auto-imported";
    coder_of_user_.emplace(user.guid, unique(name, coder_names, "-"));
  }
}

Attributes ProjectImport::attributes_of(const refi::TextSource& text_source) const {
  const refi::Project& project = archive_->project();
  std::map<std::string, std::string> variable_names = {{"case", "case"}};
  for (const auto& variable : project.variables) variable_names.emplace(variable.guid, to_nfc(variable.name));
  const auto add_values = [&](Attributes& attributes, const std::vector<refi::VariableValue>& values) {
    for (const auto& value : values) {
      const auto found = variable_names.find(value.variable_guid);
      const std::string key = found == variable_names.end() ? value.variable_guid : found->second;
      const bool present = std::any_of(attributes.begin(), attributes.end(), [&](const auto& pair) { return pair.first == key; });
      if (!present) attributes.emplace_back(key, to_nfc(value.value));
    }
  };
  Attributes attributes;
  add_values(attributes, text_source.values);
  std::vector<const refi::Case*> cases;
  for (const auto& each : project.cases) {
    if (std::find(each.source_guids.begin(), each.source_guids.end(), text_source.guid) != each.source_guids.end()) {
      cases.push_back(&each);
    }
  }
  if (!cases.empty()) {
    std::string names;
    for (const refi::Case* each : cases) names += (names.empty() ? "" : "; ") + to_nfc(each->name);
    // qda-export writes the "case" attribute as a variable too; one such attribute is kept.
    add_values(attributes, {{"case", names}});
    for (const refi::Case* each : cases) add_values(attributes, each->values);
  }
  return attributes;
}

void ProjectImport::plan_sources_from_refi() {
  const refi::Project& project = archive_->project();
  std::set<std::string> ids;
  for (std::size_t i = 0; i < project.sources.size(); ++i) {
    const refi::TextSource& text_source = project.sources[i];
    const bool rich_only = !text_source.plain_text_content && text_source.plain_text_path.empty();
    if (!archive_->holds_text(text_source) || (rich_only && !is_docx_path(text_source.rich_text_path))) {
      ++skipped_["text sources whose text is not a plain text or .docx file inside the archive"];
      std::size_t codings = 0;
      for (const auto& selection : text_source.selections) codings += selection.codings.size();
      if (codings > 0) skipped_["codings of text sources not imported"] += codings;
      continue;
    }
    Source source;
    source.index = i;
    std::string name = to_nfc(text_source.name);
    if (name.empty()) name = to_nfc(file_part(text_source.plain_text_path.empty() ? text_source.rich_text_path : text_source.plain_text_path));
    source.title = name;
    std::string base = slugify(without_document_extension(name));
    if (base.empty()) base = "source";
    source.id = unique(base, ids, "-");
    source.attributes = attributes_of(text_source);
    sources_.push_back(std::move(source));
  }
  // A case is kept as attributes of the sources it names; one naming a source the project does not
  // have (QualCoder's cases name their sources by other GUIDs) would be lost without a word.
  std::set<std::string> source_guids;
  for (const auto& text_source : project.sources) source_guids.insert(text_source.guid);
  for (const auto& each : project.cases) {
    for (const auto& guid : each.source_guids) {
      if (source_guids.count(guid) == 0) ++skipped_["case references to no text source of the project (the case's name and variables are not kept there)"];
    }
  }
}

ProjectImport::~ProjectImport() = default;

Document ProjectImport::read(const Source& source, const ReadContext& context, std::string& entry, std::string& sha256) {
  const refi::Project& project = archive_->project();
  const refi::TextSource& text_source = project.sources[source.index];
  const std::optional<refi::SourceEntry> stored = archive_->read_source(text_source);
  entry = stored->entry.empty() ? archive_->project_entry() : stored->entry;
  const std::string file_name = path_.string() + ":" + entry;
  sha256 = sha256_hex(stored->bytes);
  Pending& pending = *(pending_[source.index] = std::make_unique<Pending>());
  Document document;
  // REFI-QDA keeps a plain-text source as UTF-8 (and a .docx is XML in UTF-8): that is what was read,
  // whatever the file the exporting tool first read.
  if (context.report != nullptr) {
    const bool named = stored->kind != refi::SourceEntry::Kind::RichText && !context.options.encoding.empty();
    context.report->encoding = named ? context.options.encoding : "UTF-8";
  }
  if (stored->kind == refi::SourceEntry::Kind::RichText) {
    // Positions then count the text as qda reads the .docx, which may differ from the tool's own
    // plain text (docs/refi-qda.md).
    document = read_docx(stored->bytes, {file_name, context.options, context.speakers});
    pending.original_length = count_code_points(document.text);
    if (refi::counts_utf16_units(project)) pending.astral = astral_characters(document.text);
    pending.offsets.stages.clear();
  } else {
    // The positions count the text as decoded, before qda normalises it.
    std::string decoded = decode_to_utf8(stored->bytes, file_name, context.options.encoding);
    pending.original_length = count_code_points(decoded);
    if (refi::counts_utf16_units(project)) pending.astral = astral_characters(decoded);
    NormalisedSource normalised = normalize_source_text_mapped(std::move(decoded), refi::counts_crlf_as_one(project));
    pending.offsets = std::move(normalised.offsets);
    document.text = std::move(normalised.text);
    document.blocks = split_into_blocks(document.text, context.speakers);
  }
  if (stored_segments(source) != nullptr) {
    document.blocks.clear();  // the stored segments are emitted instead
  } else if (document.blocks.empty()) {
    ++skipped_["text sources with no text (imported with no segments)"];
  }
  return document;
}

void ProjectImport::add_codings(const Source& source, const std::vector<std::pair<std::size_t, std::size_t>>& segments) {
  const auto found = pending_.find(source.index);
  const std::unique_ptr<Pending> pending_source = std::move(found->second);
  pending_.erase(found);
  if (manifest_) return;  // codings.csv comes back whole
  const refi::Project& project = archive_->project();
  const refi::TextSource& text_source = project.sources[source.index];
  const Pending& pending = *pending_source;
  std::set<std::tuple<std::string, std::size_t, std::size_t, std::string>> seen;
  for (const auto& selection : text_source.selections) {
    const std::size_t length = pending.length_in_units();
    const std::size_t end = selection.end == refi::kWholeSource ? length : selection.end;
    if (end > length) {
      throw invalid_input(fmt::format("the selection [{}, {}) of source '{}' ends past its text of {} {}; expected "
                                      "positions inside the text",
                                      selection.start, end, source.title, length,
                                      pending.astral ? "UTF-16 units (as NVivo counts)" : "characters"),
                          selection.where);
    }
    const std::size_t start = pending.offsets.to_normalised(pending.code_point_of(selection.start));
    const std::size_t stop = pending.offsets.to_normalised(pending.code_point_of(end));
    if (start >= stop) {
      skipped_["empty selections"] += std::max<std::size_t>(selection.codings.size(), 1);
      continue;
    }
    // Clipped to each segment it overlaps, as qda-code would clip it: one row per segment, and two
    // codings that clip to the same span are one.
    std::vector<std::pair<std::size_t, std::size_t>> clipped;
    for (auto segment = std::lower_bound(segments.begin(), segments.end(), start,
                                         [](const auto& each, std::size_t value) { return each.second <= value; });
         segment != segments.end() && segment->first < stop; ++segment) {
      clipped.emplace_back(std::max(start, segment->first), std::min(stop, segment->second));
    }
    if (clipped.empty()) {
      skipped_["codings of text in no segment (white space or a speaker label)"] += selection.codings.size();
      continue;
    }
    const std::string memo = to_nfc(normalize_newlines(selection.description));
    for (const auto& coding : selection.codings) {
      const auto user = coder_of_user_.find(coding.user_guid);
      const std::string coder = user == coder_of_user_.end() ? "unknown" : user->second;
      const std::string& code = code_ids_[code_index_.at(coding.code_guid)];
      for (const auto& [from, to] : clipped) {
        if (!seen.emplace(coder, from, to, code).second) {
          ++skipped_["codings that repeat another of the same coder, span and code"];
          continue;
        }
        if (rows_.find(coder) == rows_.end()) coders_.push_back(coder);
        rows_[coder].push_back({source.id, from, to, code, memo});
      }
    }
  }
}

std::vector<fs::path> ProjectImport::output_paths(const fs::path& output_dir) const {
  // The coders' files are known only as the sources are read; their folder is qda's own.
  std::vector<fs::path> paths = {output_dir / "codebook.yaml"};
  if (manifest_ && manifest_->codings) paths.push_back(output_dir / "codings.csv");
  return paths;
}

void ProjectImport::write_outputs(const fs::path& output_dir, OutputSet& outputs) const {
  if (!codebook_yaml_.empty()) outputs.add(output_dir / "codebook.yaml").stream() << codebook_yaml_;
  if (manifest_ && manifest_->codings) {
    OutputFile& file = outputs.add(output_dir / "codings.csv");
    file.stream() << codings_csv_;
    file.finish();
  }
  if (coders_.empty()) return;
  std::error_code ec;
  fs::create_directories(output_dir / "codings", ec);
  if (ec) throw io_error(fmt::format("cannot create the folder: {}", ec.message()), {(output_dir / "codings").string()});
  std::set<std::string> file_names;
  for (const auto& coder : coders_) {
    std::string base = slugify(coder);
    if (base.empty()) base = "coder";
    OutputFile& file = outputs.add(output_dir / "codings" / (unique(base, file_names, "-") + ".csv"));
    CsvWriter csv(file.stream());
    csv.write_row({"coder", "source", "start", "end", "code", "memo"});
    for (const Row& row : rows_.at(coder)) {
      csv.write_row({coder, row.source, std::to_string(row.start), std::to_string(row.end), row.code, row.memo});
    }
    file.finish();
  }
}

void ProjectImport::warn_unsupported() const {
  refi::UnsupportedParts parts = archive_->project().unsupported;
  for (const auto& [kind, count] : skipped_) parts[kind] += count;
  // Media, PDFs and pictures are no risk, as the ZIP limits count only what is read: they are named here.
  const std::vector<std::string> not_read = archive_->entries_not_read();
  if (!not_read.empty()) parts[fmt::format("archive files not read (such as {})", not_read.front())] = not_read.size();
  if (parts.empty()) return;
  std::string list;
  for (const auto& [kind, count] : parts) list += fmt::format("{}{} {}", list.empty() ? "" : ", ", count, kind);
  spdlog::warn("{}: not imported: {} (docs/refi-qda.md)", path_.string(), list);
}

}  // namespace qda
