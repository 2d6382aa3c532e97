// codings.csv and manual codings: reading, checking, writing.
#include "qda/coding.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "qda/ordered_pipeline.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

bool split_segment_id(std::string_view id, std::string& source, std::size_t& seq) {
  const std::size_t colon = id.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const auto number = parse_count(id.substr(colon + 1));
  if (!number || *number == 0) return false;
  source = std::string(id.substr(0, colon));
  seq = *number;
  return slugify(source) == source;
}

std::optional<std::size_t> seq_in_source(std::string_view segment, std::string_view source) {
  if (segment.size() <= source.size() + 1 || segment.substr(0, source.size()) != source || segment[source.size()] != ':') {
    return std::nullopt;
  }
  return parse_count(segment.substr(source.size() + 1));
}

void append_coding_row(std::string& out, const CodingFields& coding) {
  // The numbers go through to_chars into the stack, not std::to_string: no allocation per row.
  char start[24], end[24];
  const auto start_end = std::to_chars(std::begin(start), std::end(start), coding.start).ptr;
  const auto end_end = std::to_chars(std::begin(end), std::end(end), coding.end).ptr;
  append_csv_row(out, {coding.source, coding.segment, coding.code, coding.coder, coding.stance,
                       std::string_view(start, static_cast<std::size_t>(start_end - start)),
                       std::string_view(end, static_cast<std::size_t>(end_end - end)), coding.rule, coding.cue, coding.memo});
}

CodingWriter::CodingWriter(std::ostream& out) : out_(out) {
  CsvWriter(out_).write_row(std::vector<std::string_view>(kCodingColumns.begin(), kCodingColumns.end()));
}

void CodingWriter::write(const CodingFields& coding) {
  row_.clear();
  append_coding_row(row_, coding);
  write_formatted(row_);
}

void CodingWriter::write_formatted(std::string_view rows) { out_.write(rows.data(), static_cast<std::streamsize>(rows.size())); }

CodingReader::CodingReader(std::istream& in, std::string file_name) : table_(in, std::move(file_name)) {
  for (std::size_t i = 0; i < kCodingColumns.size(); ++i) columns_[i] = table_.column(kCodingColumns[i]);
}

namespace {

// The first of a coding's source, segment, code and coder that is empty (each names what the row is
// about: an empty coder was taken for a coder named "", an empty code for a code), or nullopt.
template <typename Field>
std::optional<std::size_t> empty_required_field(const Field& field) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::string_view(field(i)).empty()) return i;
  }
  return std::nullopt;
}

std::string empty_field_message(std::size_t column) {
  return fmt::format("the {} is empty; expected one in every row", kCodingColumns[column]);
}

}  // namespace

bool CodingReader::read(CodingRecord& coding) {
  if (!table_.read_row(row_)) return false;
  const auto field = [&](std::size_t i) -> std::string& { return row_[columns_[i]]; };
  if (const auto empty = empty_required_field(field)) {
    throw invalid_input(empty_field_message(*empty), {table_.file_name(), table_.row_line()});
  }
  const auto number = [&](std::size_t i) {
    const auto value = parse_count(field(i));
    if (!value) {
      throw invalid_input(fmt::format("'{}' in column {} is not a count; expected a whole number", field(i), kCodingColumns[i]),
                          {table_.file_name(), table_.row_line()});
    }
    return *value;
  };
  coding = {std::move(field(0)), std::move(field(1)), std::move(field(2)), std::move(field(3)), std::move(field(4)),
            number(5), number(6), std::move(field(7)), std::move(field(8)), std::move(field(9))};
  return true;
}

CodingChunkReader::CodingChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes)
    : reader_(path, "the codings", chunk_bytes) {
  if (reader_.header().empty()) throw invalid_input("the file is empty; expected a header row", {reader_.file_name(), 1, 1});
  for (std::size_t i = 0; i < kCodingColumns.size(); ++i) columns_[i] = reader_.column(kCodingColumns[i]);
}

bool CodingChunkReader::next(CodingChunk& chunk) {
  chunk.codings.clear();
  chunk.lines.clear();
  return reader_.next(chunk.chunk);
}

void CodingChunkReader::parse(CodingChunk& chunk) const {
  CsvChunkRecords records;
  split_csv_chunk(chunk.chunk, reader_.header().size(), reader_.file_name(), records);
  chunk.codings.resize(records.size());
  chunk.lines = std::move(records.lines);
  chunk.error = records.error;
  for (std::size_t r = 0; r < chunk.codings.size(); ++r) {
    const std::string_view* fields = records.record(r);
    const auto field = [&](std::size_t i) { return fields[columns_[i]]; };
    const auto number = [&](std::size_t i) -> std::optional<std::size_t> {
      const auto value = parse_count(field(i));
      if (!value) {
        chunk.error = std::make_exception_ptr(
            invalid_input(fmt::format("'{}' in column {} is not a count; expected a whole number", field(i), kCodingColumns[i]),
                          {reader_.file_name(), chunk.lines[r]}));
      }
      return value;
    };
    const auto empty = empty_required_field(field);
    if (empty) chunk.error = std::make_exception_ptr(invalid_input(empty_field_message(*empty), {reader_.file_name(), chunk.lines[r]}));
    const auto start = empty ? std::nullopt : number(5), end = start ? number(6) : std::nullopt;
    if (!end) {  // the codings end before this one, whose error comes when it is reached
      chunk.codings.resize(r);
      chunk.lines.resize(r);
      return;
    }
    chunk.codings[r] = {field(0), field(1), field(2), field(3), field(4), *start, *end, field(7), field(8), field(9)};
  }
}

std::vector<std::string> coders_in(const std::filesystem::path& codings, unsigned jobs) {
  // Each chunk's coders found on a worker thread; a chunk names few, so merging them costs nothing.
  struct CoderFinder {
    const CodingChunkReader& reader;
    std::set<std::string, std::less<>> operator()(CodingChunk chunk) const {
      reader.parse(chunk);
      if (chunk.error) std::rethrow_exception(chunk.error);
      std::set<std::string, std::less<>> coders;
      std::string_view last;
      for (const CodingFields& coding : chunk.codings) {
        if (coding.coder == last) continue;  // a segment's codings, one coder's after another
        last = coding.coder;
        coders.emplace(coding.coder);
      }
      return coders;
    }
  };
  CodingChunkReader reader(codings);
  std::vector<std::unique_ptr<CoderFinder>> workers;
  for (unsigned i = 0; i < std::max(jobs, 1U); ++i) workers.push_back(std::make_unique<CoderFinder>(CoderFinder{reader}));
  OrderedPipeline<CodingChunk, std::set<std::string, std::less<>>, CoderFinder> pipeline(std::move(workers));
  std::set<std::string, std::less<>> coders;
  pipeline.run([&](CodingChunk& chunk) { return reader.next(chunk); },
               [&](std::set<std::string, std::less<>>& found) { coders.merge(found); });
  return {coders.begin(), coders.end()};
}

std::vector<ManualCoding> read_manual_codings(const std::filesystem::path& path, const Codebook& codebook) {
  std::vector<ManualCoding> codings;
  read_manual_codings(path, codebook, [&](ManualCoding&& coding) { codings.push_back(std::move(coding)); });
  return codings;
}

std::size_t manual_codings_lines(const std::vector<std::string>& paths) {
  std::size_t lines = 0;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) lines += static_cast<std::size_t>(std::count(block, block + in.gcount(), '\n'));
  }
  return lines;
}

void read_manual_codings(const std::filesystem::path& path, const Codebook& codebook, const std::function<void(ManualCoding&&)>& take) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error("cannot open the manual codings", {path.string()});
  const std::string file = path.string();
  CsvTableReader table(in, file);
  const auto optional_column = [&](std::string_view name) -> std::optional<std::size_t> {
    if (!table.has_column(name)) return std::nullopt;
    return table.column(name);
  };
  const auto coder_column = optional_column("coder"), segment_column = optional_column("segment"),
             source_column = optional_column("source"), start_column = optional_column("start"),
             end_column = optional_column("end"), stance_column = optional_column("stance"),
             memo_column = optional_column("memo");
  const std::size_t code_column = table.column("code");
  if (!segment_column && !(source_column && start_column && end_column)) {
    throw invalid_input("expected a 'segment' column, or 'source', 'start' and 'end' columns", {file, 1});
  }
  const std::string default_coder = path.stem().string();
  const auto shared_file = std::make_shared<const std::string>(file);
  std::vector<std::string> row;
  while (table.read_row(row)) {
    const std::size_t line = table.row_line();
    const auto cell = [&](const std::optional<std::size_t>& column) {
      return column ? std::string(trim(row[*column])) : std::string();
    };
    ManualCoding coding;
    coding.file = shared_file;
    coding.line = line;
    coding.coder = coder_column ? cell(coder_column) : default_coder;
    if (coding.coder.empty()) throw invalid_input("the 'coder' cell is empty; expected the coder's name", {file, line});
    if (coding.coder == kAutoCoder) throw invalid_input("'auto' is the rule engine's name; expected a human coder's name", {file, line});
    const std::string code = cell(code_column);
    const auto code_index = codebook.find(code);
    if (!code_index) throw invalid_input(fmt::format("unknown code '{}'; expected a code id or path of the codebook", code), {file, line});
    if (!codebook.codes[*code_index].codable) {
      throw invalid_input(fmt::format("code '{}' is not codable (a category); expected one of its sub-codes", code), {file, line});
    }
    coding.code = *code_index;
    coding.stance = cell(stance_column);
    if (coding.stance.empty()) coding.stance = codebook.codes[*code_index].default_stance;
    if (!codebook.stances.is_stance(coding.stance)) {
      throw invalid_input(fmt::format("unknown stance '{}'", coding.stance), {file, line});
    }
    coding.memo = cell(memo_column);
    coding.segment = cell(segment_column);
    if (!coding.segment.empty()) {
      std::string source;
      std::size_t seq = 0;
      if (!split_segment_id(coding.segment, source, seq)) {
        throw invalid_input(fmt::format("'{}' is not a segment id; expected '<source>:<number>' as in segments.csv", coding.segment),
                            {file, line});
      }
    } else {
      coding.source = cell(source_column);
      if (coding.source.empty()) throw invalid_input("expected a segment id, or a source with a span where start < end", {file, line});
      for (const auto& [name, column, offset] : {std::tuple{"start", start_column, &coding.start}, {"end", end_column, &coding.end}}) {
        const std::string text = cell(column);
        *offset = parse_count(text);
        if (text.empty()) {
          throw invalid_input(fmt::format("a source without a span: no '{}' {}; expected a segment id, or a source with a span "
                                          "where start < end",
                                          name, column ? "in this row" : "column"),
                              {file, line});
        }
        if (!*offset) {
          throw invalid_input(fmt::format("'{}' in column {} is not a whole number of characters (at most 18446744073709551615); expected "
                                          "the span's offsets in the source's text",
                                          text, name),
                              {file, line});
        }
      }
      if (*coding.end <= *coding.start) {
        throw invalid_input(fmt::format("the span [{}, {}) is empty; expected a span where start < end", *coding.start, *coding.end),
                            {file, line});
      }
    }
    take(std::move(coding));
  }
}

}  // namespace qda
