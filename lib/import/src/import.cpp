// qda-import: collect the inputs, give each source an id and its attributes, read and segment
// each source in turn (streaming its segments out), then commit every output together.
#include "qda/import.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/attribute_sheet.hpp"
#include "qda/corpus.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/source_format.hpp"
#include "qda/hash.hpp"
#include "qda/ordered_pipeline.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/progress.hpp"
#include "qda/refi_manifest.hpp"
#include "qda/segmentation.hpp"
#include "qda/source_report.hpp"
#include "qda/sources_table.hpp"
#include "qda/speakers.hpp"
#include "qda/spool_file.hpp"
#include "qda/text.hpp"
#include "qda/version.hpp"
#include "qda/yaml.hpp"
#include "project_import.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

// A file to import, with its path relative to the folder it was found in (its name, if it was named
// on the command line).
struct InputFile {
  std::string path;  // a string: a path keeps each component besides, and a folder gives thousands
  std::string relative;
};

struct PlannedSource {
  std::string path;  // a string: a path keeps each component besides, and a plan holds thousands
  std::string id;
  std::string title;
  std::string language;
  Attributes attributes;
  std::string encoding;               // the sheet's, for this file
  std::vector<std::string> speakers;  // the sheet's roster, for this file
  // A source of a REFI-QDA project (.qdpx) rather than a file of its own.
  ProjectImport* project = nullptr;
  const ProjectImport::Source* project_source = nullptr;
};

// What an earlier import wrote into the output folder, which a walk of an enclosing folder must not
// take for transcripts. The locations are resolved once.
class OwnOutputs {
 public:
  explicit OwnOutputs(const fs::path& output_dir) {
    for (const char* name : {"texts", "corpus.yaml", "segments.csv", "sources.csv", "codebook.yaml", "codings.csv", "codings"}) {
      locations_.push_back(resolved_path(output_dir / name));
    }
  }
  bool contains(const fs::path& resolved) const {
    for (const auto& location : locations_) {
      auto mismatch = std::mismatch(location.begin(), location.end(), resolved.begin(), resolved.end());
      if (mismatch.first == location.end()) return true;
    }
    return false;
  }

 private:
  std::vector<fs::path> locations_;
};

// The files named, and the files under the folders named (sorted, hidden entries skipped), leaving
// out qda's own outputs and the attribute sheet.
std::vector<InputFile> collect_inputs(const ImportOptions& options, const fs::path& output_dir) {
  std::vector<InputFile> files;
  const OwnOutputs own_outputs(output_dir);
  // Each file is resolved once (a walked one without a system call unless it is a link), for both checks.
  PathResolver resolver;
  const fs::path sheet = options.attributes_file.empty() ? fs::path() : resolver.resolve(fs::path(options.attributes_file));
  const auto is_sheet = [&](const fs::path& resolved) { return !sheet.empty() && !resolved.empty() && resolved.native() == sheet.native(); };
  for (const auto& input : options.inputs) {
    const fs::path path(input);
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) throw io_error("no such file or folder", {input});
    // A named pipe or a shell's <(...) is read like a file, once, as it comes.
    if (fs::is_regular_file(status) || fs::is_fifo(status)) {
      if (!is_sheet(resolver.resolve(path))) files.push_back({path.string(), path.filename().generic_string()});
      continue;
    }
    if (!fs::is_directory(status)) throw invalid_input("neither a file nor a folder", {input});
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::none, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      // The owner files Microsoft Office keeps beside an open document ("~$ID1.docx") are no transcripts.
      if (name.rfind("~$", 0) == 0 && !it->is_directory()) continue;
      const fs::path resolved = resolver.resolve(*it);
      if (own_outputs.contains(resolved)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && !is_sheet(resolved)) found.push_back(it->path().string());
    }
    if (ec) throw io_error(fmt::format("cannot walk the folder: {}", ec.message()), {input});
    // By their POSIX paths, all starting with the folder as given and joined by single slashes below it.
    std::sort(found.begin(), found.end());
    for (auto& file : found) {
      std::string relative = fs::path(file).lexically_relative(path).generic_string();
      files.push_back({std::move(file), std::move(relative)});
    }
  }

  std::vector<InputFile> inputs;
  inputs.reserve(files.size());
  for (auto& file : files) {
    const fs::path path(file.path);
    // A file whose extension names no format may still carry a format's signature.
    if (format_for_extension(path) == nullptr && recognise_format(path, read_file_head(path, kSignatureBytes)) == nullptr) {
      const std::string message = fmt::format("unsupported file type '{}'; expected {}, or a file whose content "
                                              "a format recognises", path.extension().string(), known_extensions());
      if (!options.skip_unknown) throw invalid_input(message + " (--skip-unknown skips such files)", {file.path});
      spdlog::warn("{}: {}; skipped", file.path, message);
      continue;
    }
    inputs.push_back(std::move(file));
  }
  if (inputs.empty()) throw invalid_input("no transcripts found in the inputs given");
  return inputs;
}

// An encoding named by the sheet (an input: a bad name is the sheet's error) or by --encoding (a
// usage error).
void check_encoding_name(const std::string& name, const Location& sheet_row) {
  if (is_known_encoding(name)) return;
  const std::string message = fmt::format("unknown encoding '{}' (ICU has no converter by that name); expected a name "
                                          "such as UTF-8, windows-1252, ISO-8859-1 or Shift_JIS", name);
  if (sheet_row.file.empty()) throw usage_error("--encoding: " + message);
  throw invalid_input(message, sheet_row);
}

// The default id and title of a file: from its name, or with --id-from path from its path relative to
// the folder it was found in ("site-a/interview.md" -> "site-a-interview").
std::pair<std::string, std::string> default_id_and_title(const InputFile& input, const ImportOptions& options) {
  if (options.id_from != "path") {
    const std::string stem = fs::path(input.path).stem().string();
    return {slugify(stem), to_nfc(stem)};
  }
  const fs::path relative = fs::path(input.relative);
  const std::string without_extension = (relative.parent_path() / relative.stem()).generic_string();
  return {slugify(without_extension), to_nfc(without_extension)};
}

// Each file as a source, and each text source of a project (.qdpx) as one, opening the projects
// into `projects`: one a run, as each brings its codebook.
std::vector<PlannedSource> expand_projects(const std::vector<InputFile>& inputs, const ImportOptions& options,
                                           std::vector<std::unique_ptr<ProjectImport>>& projects) {
  std::vector<PlannedSource> planned;
  planned.reserve(inputs.size());  // a source a file, but for a project's: no copy of thousands
  ReadOptions read_options;
  read_options.zip_limits.max_entry_bytes = options.max_unzipped_bytes;
  for (const auto& input : inputs) {
    const fs::path path(input.path);
    const SourceFormat* format = format_for_extension(path);
    if (format == nullptr || !format->holds_project) {
      auto [id, title] = default_id_and_title(input, options);
      planned.push_back({path.string(), std::move(id), std::move(title), options.language, {}, {}, {}});
      continue;
    }
    if (!projects.empty()) {
      throw invalid_input(fmt::format("a second REFI-QDA project after {}; expected one project a run, as each brings its "
                                      "codebook",
                                      projects.front()->path().string()),
                          {path.string()});
    }
    ProjectImport& project = *projects.emplace_back(std::make_unique<ProjectImport>(path, read_options));
    for (const auto& source : project.sources()) {
      const std::string& language = source.language.empty() ? options.language : source.language;
      planned.push_back({path.string(), source.id, source.title, language, source.attributes, {}, {}, &project, &source});
    }
  }
  return planned;
}

std::vector<PlannedSource> plan_sources(std::vector<PlannedSource> planned, const ImportOptions& options,
                                        AttributeSheet* sheet) {
  std::unordered_map<std::string_view, std::size_t> source_of_id;  // viewing the ids of `planned`, once set
  // A row's attributes, encoding and roster are moved into the first source it describes, not copied (a
  // sheet of tens of thousands of rows would be held twice while the plan is made); a row may describe a
  // second file (one by its path, one by its name), which copies them from the first.
  std::unordered_map<const AttributeRow*, std::pair<std::size_t, std::size_t>> taken;  // -> (source, attributes)
  const auto take_row = [&taken](AttributeRow& row, std::size_t index, std::vector<PlannedSource>& sources) {
    PlannedSource& source = sources[index];
    if (const auto first = taken.find(&row); first != taken.end()) {
      const PlannedSource& earlier = sources[first->second.first];
      const std::size_t count = first->second.second;
      source.attributes.insert(source.attributes.end(), earlier.attributes.end() - static_cast<std::ptrdiff_t>(count),
                               earlier.attributes.end());
      source.encoding = earlier.encoding;
      source.speakers = earlier.speakers;
      return;
    }
    taken.emplace(&row, std::make_pair(index, row.attributes.size()));
    if (source.attributes.empty()) {
      source.attributes = std::move(row.attributes);
    } else {  // a project's source, with the project's own attributes first
      source.attributes.reserve(source.attributes.size() + row.attributes.size());
      for (auto& attribute : row.attributes) source.attributes.push_back(std::move(attribute));
    }
    Attributes().swap(row.attributes);
    source.encoding = std::move(row.encoding);
    source.speakers = std::move(row.speakers);
  };
  for (std::size_t index = 0; index < planned.size(); ++index) {
    PlannedSource& source = planned[index];
    const fs::path path(source.path);
    if (sheet != nullptr) {
      // A project's sources are matched by id only: the file is the whole project.
      // Found by the project source's id, or the file's path: both outlive the sheet; source.id may change.
      if (AttributeRow* row = sheet->find(source.project ? std::string_view(source.project_source->id) : source.path, source.id)) {
        if (source.project != nullptr && source.project->manifest() != nullptr && !row->id.empty() && row->id != source.id) {
          throw invalid_input(fmt::format("this row gives source '{}' of {} the id '{}'; the project's codings and segments "
                                          "name its sources by the ids qda exported them with (qda/manifest.yaml); "
                                          "expected no id, or '{}'",
                                          source.id, path.string(), row->id, source.id),
                              {sheet->path().string(), row->line});
        }
        if (!row->id.empty()) source.id = row->id;
        if (!row->title.empty()) source.title = row->title;
        if (!row->language.empty()) source.language = row->language;
        if (!row->encoding.empty()) check_encoding_name(row->encoding, {sheet->path().string(), row->line});
        take_row(*row, index, planned);
      } else if (options.allow_missing_attributes) {
        spdlog::warn("{}: no row in {} describes this file", path.string(), sheet->path().string());
      } else {
        throw invalid_input(fmt::format("no row in {} describes this file; expected a row whose 'file' is '{}' "
                                        "(--allow-missing-attributes makes this a warning)",
                                        sheet->path().string(), path.filename().string()),
                            {path.string()});
      }
    }
    if (source.id.empty()) {
      throw invalid_input("cannot make a source id from this file name; give it an id in the attribute sheet",
                          {path.string()});
    }
    auto [existing, inserted] = source_of_id.emplace(source.id, index);
    if (!inserted) {
      const fs::path existing_path(planned[existing->second].path);
      const bool same_name = existing_path.filename() == path.filename() && options.id_from != "path";
      throw invalid_input(fmt::format("source id '{}' is also the id of {}; expected unique ids ({})", source.id,
                                      existing_path.string(),
                                      same_name ? "--id-from path makes ids from the folders too"
                                                : "rename a file or give ids in the attribute sheet"),
                          {path.string()});
    }
  }
  if (sheet != nullptr) {
    for (const AttributeRow* row : sheet->unused_rows()) {
      const std::string key = row->file.empty() ? row->id : row->file;
      const std::string message = fmt::format("this row names '{}', which is not among the files imported", key);
      if (!options.allow_missing_attributes) {
        throw invalid_input(message + " (--allow-missing-attributes makes this a warning)",
                            {sheet->path().string(), row->line});
      }
      spdlog::warn("{}", describe({sheet->path().string(), row->line}, message));
    }
  }
  return planned;
}

Provenance import_provenance(const ImportOptions& options, SegmentUnit unit) {
  Provenance provenance{"qda-import", std::string(kVersion), {}, {}};
  const auto list = [](const std::vector<std::string>& values) {
    YAML::Node node(YAML::NodeType::Sequence);
    for (const auto& value : values) node.push_back(value);
    return node;
  };
  provenance.options = {
      {"unit", YAML::Node(std::string(unit_name(unit)))},
      {"interviewers", list(options.interviewers)},
      {"speakers", list(options.speakers)},
      {"speaker_pattern", YAML::Node(options.speaker_pattern)},
      {"id_from", YAML::Node(options.id_from)},
      {"text_columns", list(options.text_columns)},
      {"respondent_column", YAML::Node(options.respondent_column)},
      {"encoding", YAML::Node(options.encoding)},
      {"min_encoding_confidence", YAML::Node(options.min_encoding_confidence)},
      {"language", YAML::Node(options.language)},
      {"max_unzipped_bytes", YAML::Node(options.max_unzipped_bytes)},
      {"byte_order_mark", YAML::Node(options.byte_order_mark)},
  };
  return provenance;
}

// The segments qda-export kept for a source of a project (qda/segments.csv), as segment_document()
// gives them, each checked against the source's text.
void emit_stored_segments(const std::vector<StoredSegment>& stored, std::string_view text, const std::string& file_name,
                          const std::string& source_id, const std::function<void(const SegmentSpan&)>& emit) {
  std::size_t byte = 0, code_point = 0;
  // Byte offsets of increasing code-point offsets, in one pass over the text.
  const auto byte_of = [&](std::size_t target, const StoredSegment& segment) {
    while (code_point < target && byte < text.size()) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
      ++code_point;
    }
    if (code_point != target) {
      throw invalid_input(fmt::format("the segment [{}, {}) of source '{}' ends past its text of {} characters; expected "
                                      "segments inside the text",
                                      segment.start, segment.end, source_id, code_point),
                          {file_name, segment.line});
    }
    return byte;
  };
  for (const StoredSegment& segment : stored) {
    const std::size_t begin = byte_of(segment.start, segment);
    const std::size_t end = byte_of(segment.end, segment);
    emit({segment.turn, segment.speaker, begin, end, segment.attributes, segment.start_ms, segment.end_ms});
  }
}

// A source as the pipeline's serial reading stage hands it to a worker. A project's source is read
// there, as a .qdpx archive is read by one thread at a time; a file is read by the worker.
struct SourceToImport {
  const PlannedSource* planned = nullptr;
  std::optional<Document> project_document;
  std::string project_entry, project_sha256;
  ReadReport report;
};

// One source read, decoded and segmented, with its rows of segments.csv formatted: everything but
// what goes into the outputs, which the writing stage does in the sources' order.
struct ImportedSource {
  const PlannedSource* planned = nullptr;
  SourceRecord record;
  std::string original_sha256;
  std::size_t bytes_read = 0;
  std::unique_ptr<OutputFile> text;  // texts/<id>.txt, written and finished, not yet committed
  std::string segment_rows;  // its rows of segments.csv
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // code points; a project's codings must touch a segment
  ReadReport report;
  SpeakerRoster roster;
};

// The per-source work of qda-import, one per thread: each has its own speaker rules.
class SourceReader {
 public:
  SourceReader(const ImportOptions& options, SegmentUnit unit, const fs::path& output_dir, StagingFolder* staging)
      : options_(options), unit_(unit), output_dir_(output_dir), staging_(staging), speakers_(options.speaker_pattern),
        interviewers_(options.interviewers.begin(), options.interviewers.end()) {
    read_options_.encoding = options.encoding;
    read_options_.min_encoding_confidence = options.min_encoding_confidence;
    read_options_.text_columns = options.text_columns;
    read_options_.respondent_column = options.respondent_column;
    read_options_.zip_limits.max_entry_bytes = options.max_unzipped_bytes;
  }

  // On the reading stage: a project's source is read from its archive.
  void read_project_source(SourceToImport& item) const {
    const PlannedSource& planned = *item.planned;
    const ReadOptions read_options = read_options_for(planned);
    item.project_document = planned.project->read(*planned.project_source, {planned.path, read_options, speakers_, &item.report},
                                                  item.project_entry, item.project_sha256);
  }

  ImportedSource operator()(SourceToImport item) {
    const PlannedSource& planned = *item.planned;
    const std::string& file_name = planned.path;
    ImportedSource source;
    source.planned = item.planned;
    source.report = std::move(item.report);
    source.roster = roster_for(planned);
    std::string bytes;
    const SourceFormat* format = nullptr;
    Document document;
    if (planned.project != nullptr) {
      format = &source_format("qdpx");
      document = std::move(*item.project_document);
      source.original_sha256 = std::move(item.project_sha256);
    } else {
      ReadOptions read_options = read_options_for(planned);
      bytes = read_file(planned.path);
      source.bytes_read = bytes.size();
      source.original_sha256 = sha256_hex(bytes);
      format = recognise_format(planned.path, bytes);
      if (format == nullptr) throw invalid_input(fmt::format("not a format qda reads; expected {}", known_extensions()), {file_name});
      document = read_document(bytes, *format, {file_name, read_options, speakers_, &source.report});
    }

    SourceRecord& record = source.record;
    record.id = planned.id;
    record.title = planned.title;
    record.path = portable_relative_path(planned.path, output_dir_) + (item.project_entry.empty() ? "" : ":" + item.project_entry);
    record.format = std::string(format->name);
    record.media_type = std::string(format->media_type);
    record.sha256 = source.original_sha256;
    record.language = planned.language;
    record.encoding = source.report.encoding;
    record.encoding_confidence = source.report.encoding_confidence;
    record.attributes = planned.attributes;
    record.text_path = "texts/" + planned.id + ".txt";
    // Most plain-text transcripts come through decoding and normalisation unchanged: hash them once.
    record.text_sha256 = document.text == bytes ? source.original_sha256 : sha256_hex(document.text);

    CodePointCursor cursor(document.text);
    std::size_t last_turn = 0;
    const auto add_segment = [&](const SegmentSpan& span) {
      const bool interviewer = interviewers_.count(std::string(span.speaker)) > 0;
      if (span.turn != last_turn) {
        last_turn = span.turn;
        ++record.turns;
        count_turn(record, span.speaker, interviewer);
      }
      const std::size_t start = cursor.advance_to(span.begin);
      const std::size_t end = cursor.advance_to(span.end);
      ++record.segments;
      if (planned.project != nullptr) source.spans.emplace_back(start, end);
      append_segment_row(source.segment_rows,
                         {record.id, record.segments, span.turn, span.speaker, interviewer, start, end, span.start_ms,
                          span.end_ms, &span.attributes, std::string_view(document.text).substr(span.begin, span.end - span.begin)});
    };
    const std::vector<StoredSegment>* stored =
        planned.project != nullptr ? planned.project->stored_segments(*planned.project_source) : nullptr;
    if (stored != nullptr) {
      emit_stored_segments(*stored, document.text, planned.project->stored_segments_file(), planned.id, add_segment);
    } else {
      segment_document(document, unit_, planned.language, add_segment);
    }
    record.characters = cursor.advance_to(document.text.size());  // the cursor has counted all but the tail
    // Covered by segments.csv's lock. Finished at once, which closes it, so thousands of sources never
    // hold thousands of descriptors.
    source.text = std::make_unique<OutputFile>(output_dir_ / record.text_path, Locking::CoveredByAnother, staging_);
    source.text->stream() << document.text;
    source.text->finish();
    return source;
  }

 private:
  ReadOptions read_options_for(const PlannedSource& planned) const {
    ReadOptions read_options = read_options_;
    read_options.declared_encoding = planned.encoding;
    read_options.roster = roster_for(planned);
    return read_options;
  }

  // The names labels may give in this source, when the researcher gave any: the sheet's "speakers"
  // for it, else --speakers; the interviewers always.
  SpeakerRoster roster_for(const PlannedSource& planned) const {
    const std::vector<std::string>& names = planned.speakers.empty() ? options_.speakers : planned.speakers;
    if (names.empty()) return {};
    SpeakerRoster roster(names.begin(), names.end());
    roster.insert(options_.interviewers.begin(), options_.interviewers.end());
    return roster;
  }

  static void count_turn(SourceRecord& record, std::string_view speaker, bool interviewer) {
    if (speaker.empty()) return;
    auto found = std::find_if(record.speakers.begin(), record.speakers.end(),
                              [&](const SpeakerSummary& summary) { return summary.name == speaker; });
    if (found == record.speakers.end()) {
      record.speakers.push_back({std::string(speaker), interviewer, 0});
      found = std::prev(record.speakers.end());
    }
    ++found->turns;
  }

  const ImportOptions& options_;
  SegmentUnit unit_;
  fs::path output_dir_;
  StagingFolder* staging_;  // this thread's, for its texts
  ReadOptions read_options_;
  SpeakerRules speakers_;
  std::set<std::string> interviewers_;
};

// The options with what a project qda exported brings (qda/manifest.yaml): the unit its segments and
// codings were made with, and its interviewers when none are given. Another unit is refused, as the
// project's codings name its segments.
ImportOptions with_project_settings(const ImportOptions& given, const std::vector<std::unique_ptr<ProjectImport>>& projects) {
  ImportOptions options = given;
  for (const auto& project : projects) {
    const RefiManifest* manifest = project->manifest();
    if (manifest == nullptr) continue;
    if (options.unit.empty()) options.unit = manifest->unit;
    if (options.unit != manifest->unit) {
      throw usage_error(fmt::format("--unit {}: qda exported {} with {} segments, which it keeps and its codings "
                                    "name ({}); expected --unit {} or no --unit",
                                    options.unit, project->path().string(), manifest->unit, kManifestEntry, manifest->unit));
    }
    if (given.interviewers.empty()) options.interviewers = manifest->interviewers;
  }
  if (options.unit.empty()) options.unit = "turn";
  return options;
}

}  // namespace

ImportSummary run_import(const ImportOptions& given) {
  if (!given.unit.empty() && !parse_unit(given.unit)) {
    throw usage_error(fmt::format("--unit must be turn, paragraph or sentence, not '{}'", given.unit));
  }
  if (given.id_from != "name" && given.id_from != "path") {
    throw usage_error(fmt::format("--id-from must be name or path, not '{}'", given.id_from));
  }
  if (given.min_encoding_confidence < 0 || given.min_encoding_confidence > 100) {
    throw usage_error(fmt::format("--min-encoding-confidence must be 0 to 100, not {}", given.min_encoding_confidence));
  }
  if (!given.encoding.empty()) check_encoding_name(given.encoding, {});
  if (given.inputs.empty()) throw usage_error("no inputs given; expected files or folders of transcripts");
  if (given.output_dir.empty()) throw usage_error("--output-dir is required");
  if (given.jobs == 0) throw usage_error("--jobs must be at least 1");
  const fs::path output_dir(given.output_dir);

  // With threads to spare, the sheet is read while the folders are walked: for a survey's tens of
  // thousands of answers each is a fifth of the time before the first source is read. The walk's
  // error, if both fail, is the one reported, as when they run in turn.
  std::future<std::unique_ptr<AttributeSheet>> sheet_read;
  if (!given.attributes_file.empty()) {
    const auto read_sheet = [path = given.attributes_file] { return std::make_unique<AttributeSheet>(path); };
    sheet_read = std::async(given.jobs > 1 ? std::launch::async : std::launch::deferred, read_sheet);
  }
  auto inputs = collect_inputs(given, output_dir);
  std::unique_ptr<AttributeSheet> sheet = sheet_read.valid() ? sheet_read.get() : nullptr;
  std::vector<std::unique_ptr<ProjectImport>> projects;
  std::vector<PlannedSource> expanded = expand_projects(inputs, given, projects);
  std::vector<InputFile>().swap(inputs);  // the plan has what it needs of them, and they are thousands of paths
  const ImportOptions options = with_project_settings(given, projects);
  const auto unit = parse_unit(options.unit);
  std::vector<PlannedSource> planned = plan_sources(std::move(expanded), options, sheet.get());
  // The plan has the sheet's rows; of the sheet only its path is needed from here (thousands of rows).
  std::optional<fs::path> sheet_path;
  if (sheet) sheet_path = sheet->path();
  sheet.reset();
  {  // No output may be an input. The guard holds a hash of each input: freed once it has said so.
    const InputGuard guard(planned.size() + (sheet_path ? 1 : 0),
                           [&](std::size_t i) { return i < planned.size() ? planned[i].path : sheet_path->string(); });
    for (const char* name : {"corpus.yaml", "segments.csv", "sources.csv"}) guard.check(output_dir / name);
    for (const auto& source : planned) guard.check(output_dir / "texts" / (source.id + ".txt"));
    for (const auto& project : projects) {
      for (const auto& path : project->output_paths(output_dir)) guard.check(path);
    }
  }

  CreatedFolders folders;  // removed again if the import fails
  folders.create(output_dir / "texts");
  // A staging folder per thread for the texts' temporary files, so that creating them does not
  // serialise the threads (StagingFolder). Declared before the outputs, which are removed from them first.
  std::vector<std::unique_ptr<StagingFolder>> staging;
  for (unsigned i = 0; i < options.jobs; ++i) staging.push_back(std::make_unique<StagingFolder>(output_dir / "texts"));
  OutputSet outputs;
  OutputFile& segments_file = outputs.add(output_dir / "segments.csv");
  write_segments_header(segments_file.stream(), options.byte_order_mark);
  // sources.csv and corpus.yaml's sources are written as the sources come, so that no source's record
  // is held: sources.csv's columns are known from the plan, and corpus.yaml's sources, which follow
  // the provenance completed only at the end, wait in a spool file.
  AttributeColumns attribute_columns;
  for (const auto& source : planned) attribute_columns.add(source.attributes);
  // Joins the set at the end, so that it is renamed after the texts, just before corpus.yaml.
  auto sources_file = std::make_unique<OutputFile>(output_dir / "sources.csv");
  SourcesCsvWriter sources_table(sources_file->stream(), attribute_columns.names(), options.byte_order_mark);
  SpoolFile corpus_sources(output_dir);
  CorpusSourcesWriter corpus_entries(corpus_sources.stream());

  // Sources are read and segmented on the worker threads and written here in their planned order, so
  // the outputs are the same bytes for any --jobs (ordered_pipeline.hpp).
  std::vector<std::unique_ptr<SourceReader>> readers;
  for (unsigned i = 0; i < options.jobs; ++i) {
    readers.push_back(std::make_unique<SourceReader>(options, *unit, output_dir, staging[i].get()));
  }
  std::optional<SourceReader> project_reader;  // its speaker rules cost a little to build; it writes no text
  if (!projects.empty()) project_reader.emplace(options, *unit, output_dir, nullptr);
  OrderedPipeline<SourceToImport, ImportedSource, SourceReader> pipeline(std::move(readers));

  Corpus corpus{import_provenance(options, *unit), std::string(unit_name(*unit)), "segments.csv",
                options.interviewers, {}};
  ImportSummary summary;
  std::set<std::string> seen_speakers;
  {  // the progress line is erased before the messages that follow
    Progress progress("importing", planned.size(), "sources");
    std::size_t next = 0, written = 0;
    pipeline.run(
        [&](SourceToImport& item) {
          if (next == planned.size()) return false;
          item.planned = &planned[next++];
          if (item.planned->project != nullptr) project_reader->read_project_source(item);
          return true;
        },
        [&](ImportedSource& source) {
          const PlannedSource& planned_source = *source.planned;
          SourceRecord& record = source.record;
          segments_file.stream() << source.segment_rows;
          if (planned_source.project != nullptr) planned_source.project->add_codings(*planned_source.project_source, source.spans);
          outputs.adopt_finished(std::move(source.text));
          // A project's sources share its path: each message names the source too.
          report_source(planned_source.project_source == nullptr
                            ? planned_source.path
                            : fmt::format("{} (source '{}')", planned_source.path, planned_source.project_source->id),
                        record, source.report, source.roster);
          for (const auto& speaker : record.speakers) seen_speakers.insert(speaker.name);
          corpus.provenance.inputs.push_back({record.path, source.original_sha256});
          summary.segments += record.segments;
          summary.characters += record.characters;
          summary.bytes += source.bytes_read;
          ++summary.sources;
          sources_table.write(record);
          corpus_entries.write(record);
          progress.advance(1);
          // Written in planned order: its plan is not needed again, and its path and attributes are
          // freed now rather than at the end (thousands of them).
          if (source.planned != &planned[written]) throw std::logic_error("qda-import: a source came out of its planned order");
          PlannedSource finished;
          std::swap(planned[written++], finished);
        });
  }
  if (sheet_path) corpus.provenance.inputs.push_back({portable_relative_path(*sheet_path, output_dir), sha256_file(*sheet_path)});
  for (const auto& project : projects) {
    corpus.provenance.inputs.push_back({portable_relative_path(project->path(), output_dir), sha256_file(project->path())});
    project->write_outputs(output_dir, outputs);
    project->warn_unsupported();
  }
  for (const auto& name : options.interviewers) {
    if (seen_speakers.count(name) == 0) spdlog::warn("interviewer '{}' speaks in no source", name);
  }

  // The tests validate what this writes against schemas/v1/corpus.schema.json (Import.* and the
  // example's golden run); re-parsing it here cost a fifth of the run and memory per source.
  corpus_entries.finish();
  outputs.adopt(std::move(sources_file));
  OutputFile& corpus_file = outputs.add(output_dir / "corpus.yaml");
  write_corpus_head(corpus_file.stream(), corpus);
  corpus_sources.copy_to(corpus_file.stream());
  outputs.commit_all();
  folders.keep();
  spdlog::info("imported {} sources into {} ({} {} segments, {} characters)", summary.sources,
               output_dir.string(), summary.segments, corpus.unit, summary.characters);
  return summary;
}

}  // namespace qda
