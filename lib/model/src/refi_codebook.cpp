// REFI codes <-> qda codebooks, and the YAML of a codebook that came from REFI.
#include "qda/refi_codebook.hpp"

#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/file.hpp"
#include "qda/refi_xml.hpp"
#include "qda/text.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

namespace {

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// "#RRGGBB" as it is, "#RGB" widened, anything else (tools also write names and RGB triples) empty.
std::string hex_colour(const std::string& colour) {
  if (colour.size() == 7 && colour[0] == '#' && is_hex(std::string_view(colour).substr(1))) return colour;
  if (colour.size() == 4 && colour[0] == '#' && is_hex(std::string_view(colour).substr(1))) {
    return {'#', colour[1], colour[1], colour[2], colour[2], colour[3], colour[3]};
  }
  return {};
}

}  // namespace

RefiCodebook codebook_from_refi(const std::vector<refi::Code>& refi_codes, std::string title) {
  RefiCodebook result;
  Codebook& codebook = result.codebook;
  codebook.title = std::move(title);
  codebook.stances.values = {"present"};
  codebook.stances.default_stance = "present";
  std::set<std::string> ids;
  for (const refi::Code& refi_code : refi_codes) {
    Code code;
    code.name = to_nfc(refi_code.name);
    if (code.name.empty()) code.name = "code";
    std::string base = slugify(code.name);
    if (base.empty()) base = "code";
    code.id = base;
    for (std::size_t n = 2; !ids.insert(code.id).second; ++n) code.id = fmt::format("{}-{}", base, n);
    code.parent = refi_code.parent;
    code.path = code.parent ? codebook.codes[*code.parent].path + "/" + code.id : code.id;
    code.definition = to_nfc(normalize_newlines(refi_code.description));
    code.colour = hex_colour(refi_code.color);
    if (code.colour.empty() && !refi_code.color.empty()) ++result.dropped_colours;
    code.codable = refi_code.codable;
    code.guid = refi_code.guid;
    code.default_stance = "present";
    code.where = refi_code.where;
    codebook.codes.push_back(std::move(code));
  }
  return result;
}

std::string code_guid(const Code& code) { return code.guid.empty() ? refi::derive_guid("code:" + code.id) : code.guid; }

std::vector<refi::Code> codebook_to_refi(const Codebook& codebook) {
  std::vector<refi::Code> codes;
  for (const Code& code : codebook.codes) {
    codes.push_back({code_guid(code), code.name, code.definition, code.colour, code.codable, code.parent, code.where});
  }
  return codes;
}

namespace {

using Children = std::vector<std::vector<std::size_t>>;

void write_code(YamlWriter& yaml, const Codebook& codebook, const Children& children, std::size_t index) {
  const Code& code = codebook.codes[index];
  yaml.begin_mapping_item();
  yaml.string_entry("id", code.id);
  yaml.string_entry("name", code.name);
  if (!code.definition.empty()) yaml.string_entry("definition", code.definition);
  if (!code.colour.empty()) yaml.string_entry("colour", code.colour);
  if (!code.codable) yaml.bool_entry("codable", false);
  if (!code.guid.empty()) yaml.string_entry("guid", code.guid);
  if (!children[index].empty()) {
    yaml.begin_sequence("codes");
    for (const std::size_t child : children[index]) write_code(yaml, codebook, children, child);
    yaml.end();
  }
  yaml.end();
}

}  // namespace

void write_refi_codebook_yaml(std::ostream& out, const Codebook& codebook, const std::string& description) {
  YamlWriter yaml;
  yaml.string_entry("kind", "qda/codebook");
  yaml.integer_entry("version", 1);
  if (!codebook.title.empty()) yaml.string_entry("title", codebook.title);
  if (!description.empty()) yaml.string_entry("description", description);
  Children children(codebook.codes.size());
  for (std::size_t i = 0; i < codebook.codes.size(); ++i) {
    if (codebook.codes[i].parent) children[*codebook.codes[i].parent].push_back(i);
  }
  yaml.begin_sequence("codes");
  for (std::size_t i = 0; i < codebook.codes.size(); ++i) {
    if (!codebook.codes[i].parent) write_code(yaml, codebook, children, i);
  }
  yaml.end();
  out << yaml.text();
}

Codebook load_qdc_codebook(const std::filesystem::path& path) {
  const std::string file = path.string();
  refi::UnsupportedParts unsupported;
  const std::vector<refi::Code> codes = refi::read_codebook_xml(read_file(path), file, &unsupported);
  if (codes.empty()) throw invalid_input("the codebook has no codes; expected at least one <Code>", {file});
  RefiCodebook result = codebook_from_refi(codes, to_nfc(path.stem().string()));
  for (const auto& [kind, count] : unsupported) spdlog::warn("{}: {} {} not read (qda reads only the codes)", file, count, kind);
  if (result.dropped_colours > 0) {
    spdlog::warn("{}: {} colours that are not #RRGGBB or #RGB left out", file, result.dropped_colours);
  }
  return std::move(result.codebook);
}

}  // namespace qda
