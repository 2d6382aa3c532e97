// Writing QDA-XML as text, element by element in the order the standard's schema requires, without
// building a document in memory first. Dates are left out, so the same project gives the same bytes.
#include <fmt/format.h>

#include "qda/hash.hpp"
#include "qda/refi_xml.hpp"
#include "qda/strings.hpp"

namespace qda::refi {

std::string derive_guid(std::string_view key) {
  std::string hex = sha256_hex(key).substr(0, 32);
  hex[12] = '8';  // version 8: a UUID whose bits the application defines (RFC 9562, 5.8)
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 0x3];  // the RFC's variant
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4), hex.substr(16, 4), hex.substr(20));
}

bool counts_crlf_as_one(const Project& project) { return project.origin.rfind("ATLAS.ti", 0) == 0; }

bool counts_utf16_units(const Project& project) { return project.origin.rfind("NVivo", 0) == 0; }

namespace {

// Text for XML 1.0: the five specials escaped, in attributes also the white space an attribute would
// otherwise lose, and the characters XML 1.0 cannot carry at all replaced by U+FFFD (xml_1_0_text).
std::string escaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (const char c : xml_1_0_text(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

class XmlWriter {
 public:
  explicit XmlWriter(std::ostream& out) : out_(out) { out_ << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"; }

  // <name a="v" ...> (or <name .../> with `empty`), indented by depth.
  void open(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> attributes,
            bool empty = false) {
    out_ << std::string(2 * depth_, ' ') << '<' << name;
    for (const auto& [key, value] : attributes) {
      if (!value.empty()) out_ << ' ' << key << "=\"" << escaped(value, true) << '"';  // absent, not empty
    }
    out_ << (empty ? "/>\n" : ">\n");
    if (!empty) ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    out_ << std::string(2 * depth_, ' ') << "</" << name << ">\n";
  }
  void text_element(std::string_view name, std::string_view text) {
    out_ << std::string(2 * depth_, ' ') << '<' << name << '>' << escaped(text, false) << "</" << name << ">\n";
  }

 private:
  std::ostream& out_;
  std::size_t depth_ = 0;
};

using Children = std::vector<std::vector<std::size_t>>;

void write_code(XmlWriter& xml, const std::vector<Code>& codes, const Children& children, std::size_t index) {
  const Code& code = codes[index];
  const bool empty = children[index].empty() && code.description.empty();
  xml.open("Code", {{"guid", code.guid}, {"name", code.name}, {"isCodable", code.codable ? "true" : "false"}, {"color", code.color}},
           empty);
  if (empty) return;
  if (!code.description.empty()) xml.text_element("Description", code.description);
  for (const std::size_t child : children[index]) write_code(xml, codes, children, child);
  xml.close("Code");
}

void write_codes(XmlWriter& xml, const std::vector<Code>& codes) {
  Children children(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].parent) children[*codes[i].parent].push_back(i);
  }
  xml.open("Codes", {});
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!codes[i].parent) write_code(xml, codes, children, i);
  }
  xml.close("Codes");
}

void write_values(XmlWriter& xml, const std::vector<VariableValue>& values) {
  for (const auto& value : values) {
    xml.open("VariableValue", {});
    xml.open("VariableRef", {{"targetGUID", value.variable_guid}}, true);
    xml.text_element("TextValue", value.value);
    xml.close("VariableValue");
  }
}

void write_selection(XmlWriter& xml, const PlainTextSelection& selection) {
  const std::string start = std::to_string(selection.start), end = std::to_string(selection.end);
  const std::string& user = selection.codings.empty() ? std::string() : selection.codings.front().user_guid;
  xml.open("PlainTextSelection",
           {{"guid", selection.guid}, {"name", selection.name}, {"startPosition", start}, {"endPosition", end}, {"creatingUser", user}});
  if (!selection.description.empty()) xml.text_element("Description", selection.description);
  for (const auto& coding : selection.codings) {
    xml.open("Coding", {{"guid", coding.guid}, {"creatingUser", coding.user_guid}});
    xml.open("CodeRef", {{"targetGUID", coding.code_guid}}, true);
    xml.close("Coding");
  }
  xml.close("PlainTextSelection");
}

}  // namespace

void write_project_xml(std::ostream& out, const Project& project) {
  XmlWriter xml(out);
  xml.open("Project", {{"name", project.name},
                       {"origin", project.origin},
                       {"xmlns", "urn:QDA-XML:project:1.0"},
                       {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                       {"xsi:schemaLocation", "urn:QDA-XML:project:1.0 Project.xsd"}});
  if (!project.users.empty()) {
    xml.open("Users", {});
    for (const auto& user : project.users) xml.open("User", {{"guid", user.guid}, {"name", user.name}}, true);
    xml.close("Users");
  }
  if (!project.codes.empty()) {
    xml.open("CodeBook", {});
    write_codes(xml, project.codes);
    xml.close("CodeBook");
  }
  if (!project.variables.empty()) {
    xml.open("Variables", {});
    for (const auto& variable : project.variables) {
      xml.open("Variable", {{"guid", variable.guid}, {"name", variable.name}, {"typeOfVariable", variable.type}}, true);
    }
    xml.close("Variables");
  }
  if (!project.cases.empty()) {
    xml.open("Cases", {});
    for (const auto& each : project.cases) {
      xml.open("Case", {{"guid", each.guid}, {"name", each.name}});
      write_values(xml, each.values);
      for (const auto& source : each.source_guids) xml.open("SourceRef", {{"targetGUID", source}}, true);
      xml.close("Case");
    }
    xml.close("Cases");
  }
  if (!project.sources.empty()) {
    xml.open("Sources", {});
    for (const auto& source : project.sources) {
      xml.open("TextSource", {{"guid", source.guid}, {"name", source.name}, {"plainTextPath", source.plain_text_path}},
               source.selections.empty() && source.values.empty());
      if (source.selections.empty() && source.values.empty()) continue;
      for (const auto& selection : source.selections) write_selection(xml, selection);
      write_values(xml, source.values);
      xml.close("TextSource");
    }
    xml.close("Sources");
  }
  xml.close("Project");
}

void write_codebook_xml(std::ostream& out, const std::vector<Code>& codes) {
  XmlWriter xml(out);
  xml.open("CodeBook", {{"xmlns", "urn:QDA-XML:codebook:1.0"},
                        {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                        {"xsi:schemaLocation", "urn:QDA-XML:codebook:1.0 Codebook.xsd"}});
  write_codes(xml, codes);
  xml.close("CodeBook");
}

}  // namespace qda::refi
