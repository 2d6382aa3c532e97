// Reading QDA-XML (project.qde, .qdc) with pugixml into the REFI project model. Elements are matched
// by local name, so a prefixed namespace reads as the default one; GUIDs are compared upper-case
// without braces, as tools write them either way.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "qda/refi_xml.hpp"
#include "qda/yaml.hpp"

namespace qda::refi {

namespace {

constexpr std::string_view kProjectNamespace = "urn:QDA-XML:project:1.0";
constexpr std::string_view kCodebookNamespace = "urn:QDA-XML:codebook:1.0";

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Line and column of byte offsets in one XML text, by a binary search over its line starts.
class XmlPositions {
 public:
  XmlPositions(std::string_view xml, std::string file_name) : file_name_(std::move(file_name)) {
    line_starts_.push_back(0);
    for (std::size_t i = xml.find('\n'); i != std::string_view::npos; i = xml.find('\n', i + 1)) line_starts_.push_back(i + 1);
  }
  Location at(std::ptrdiff_t offset) const {
    if (offset < 0) return {file_name_};
    const auto byte = static_cast<std::size_t>(offset);
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
    const auto line = static_cast<std::size_t>(next - line_starts_.begin());
    return {file_name_, line, byte - *std::prev(next) + 1};
  }
  const std::string& file_name() const { return file_name_; }

 private:
  std::string file_name_;
  std::vector<std::size_t> line_starts_;
};

class ProjectReader {
 public:
  ProjectReader(std::string_view xml, const std::string& file_name) : positions_(xml, file_name) {}

  pugi::xml_node parse(std::string_view xml, std::string_view root_name, std::string_view expected_namespace) {
    // No DTDs or entities beyond XML's five are processed, so no document can reach outside itself.
    const pugi::xml_parse_result result = document_.load_buffer(
        xml.data(), xml.size(), (pugi::parse_default | pugi::parse_doctype) & ~pugi::parse_wconv_attribute, pugi::encoding_utf8);
    if (!result) {
      throw invalid_input(fmt::format("malformed XML: {}; expected a QDA-XML document", result.description()),
                          positions_.at(result.offset));
    }
    // A DOCTYPE's entities would be left in the text unexpanded ("&name;" read as the name itself):
    // refused rather than read otherwise than its author meant. QDA-XML declares none.
    for (const pugi::xml_node& node : document_.children()) {
      if (node.type() == pugi::node_doctype) {
        throw invalid_input("a <!DOCTYPE> declaration; expected a QDA-XML document without one (its entities are not "
                            "expanded)",
                            positions_.at(static_cast<std::ptrdiff_t>(std::min(xml.find("<!DOCTYPE"), xml.size()))));
      }
    }
    const pugi::xml_node root = document_.document_element();
    if (local_name(root) != root_name) {
      fail(root, fmt::format("the root element is <{}>; expected <{}> in the namespace {}", root.name(), root_name,
                             expected_namespace));
    }
    const std::string_view full_name = root.name();
    const std::size_t colon = full_name.find(':');
    const std::string_view prefix = colon == std::string_view::npos ? std::string_view() : full_name.substr(0, colon);
    const std::string attribute = prefix.empty() ? "xmlns" : fmt::format("xmlns:{}", prefix);
    const std::string_view name_space = root.attribute(attribute.c_str()).value();
    if (!name_space.empty() && name_space != expected_namespace) {
      fail(root, fmt::format("the namespace is '{}'; expected {}", name_space, expected_namespace));
    }
    return root;
  }

  Project read_project(const pugi::xml_node& root) {
    Project project;
    project.name = root.attribute("name").value();
    project.origin = root.attribute("origin").value();
    for (const pugi::xml_node& part : root.children()) {
      const std::string_view name = local_name(part);
      if (name == "Users") {
        for (const auto& user : elements(part, "User")) project.users.push_back({guid_of(user, "guid"), user.attribute("name").value()});
      } else if (name == "CodeBook") {
        read_codes(part, project.codes, project.unsupported);
      } else if (name == "Description") {
        ++project.unsupported["descriptions of the project"];
      } else if (name == "Variables") {
        for (const auto& variable : elements(part, "Variable")) {
          project.variables.push_back({guid_of(variable, "guid"), variable.attribute("name").value(),
                                       variable.attribute("typeOfVariable").as_string("Text")});
          if (element(variable, "Description")) ++project.unsupported["descriptions of variables"];
        }
      } else if (name == "Cases") {
        for (const auto& element : elements(part, "Case")) project.cases.push_back(read_case(element, project.unsupported));
      } else if (name == "Sources") {
        read_sources(part, project);
      } else if (name == "Notes") {
        count(project.unsupported, "notes", part, "Note");
      } else if (name == "Links") {
        count(project.unsupported, "links", part, "Link");
      } else if (name == "Sets") {
        count(project.unsupported, "sets", part, "Set");
      } else if (name == "Graphs") {
        count(project.unsupported, "graphs", part, "Graph");
      }
    }
    check_code_refs(project);
    return project;
  }

  void read_codes(const pugi::xml_node& codebook, std::vector<Code>& codes, UnsupportedParts& unsupported) {
    for (const pugi::xml_node& part : codebook.children()) {
      if (local_name(part) == "Codes") {
        for (const auto& code : elements(part, "Code")) read_code(code, std::nullopt, 1, codes);
      } else if (local_name(part) == "Sets") {
        count(unsupported, "sets", part, "Set");
      }
    }
  }

 private:
  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
    throw invalid_input(message, where(node));
  }

  // An element's place: its '<' (pugixml gives the offset of its name).
  Location where(const pugi::xml_node& node) const {
    const std::ptrdiff_t offset = node.offset_debug();
    return positions_.at(offset > 0 && node.type() == pugi::node_element ? offset - 1 : offset);
  }

  static std::vector<pugi::xml_node> elements(const pugi::xml_node& parent, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (const pugi::xml_node& child : parent.children()) {
      if (child.type() == pugi::node_element && local_name(child) == name) found.push_back(child);
    }
    return found;
  }

  static pugi::xml_node element(const pugi::xml_node& parent, std::string_view name) {
    for (const pugi::xml_node& child : parent.children()) {
      if (child.type() == pugi::node_element && local_name(child) == name) return child;
    }
    return {};
  }

  static void count(UnsupportedParts& unsupported, const std::string& kind, const pugi::xml_node& parent, std::string_view name) {
    const std::size_t n = elements(parent, name).size();
    if (n > 0) unsupported[kind] += n;
  }

  // A GUID attribute, upper-case and without braces; a missing or malformed one is an error.
  std::string guid_of(const pugi::xml_node& node, const char* attribute) const {
    std::string value = node.attribute(attribute).value();
    if (value.size() == 38 && value.front() == '{' && value.back() == '}') value = value.substr(1, 36);
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    static constexpr std::string_view shape = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    bool ok = value.size() == shape.size();
    for (std::size_t i = 0; ok && i < shape.size(); ++i) {
      ok = shape[i] == '-' ? value[i] == '-' : std::isxdigit(static_cast<unsigned char>(value[i])) != 0;
    }
    if (!ok) {
      fail(node, fmt::format("<{}> has {}=\"{}\"; expected a GUID such as 0F2A61C3-52B3-4C1D-8E0A-3C5E1F2D4B6A",
                             local_name(node), attribute, node.attribute(attribute).value()));
    }
    return value;
  }

  std::string optional_guid(const pugi::xml_node& node, const char* attribute) const {
    return node.attribute(attribute).empty() ? std::string() : guid_of(node, attribute);
  }

  std::size_t position(const pugi::xml_node& node, const char* attribute) const {
    const std::string_view text = node.attribute(attribute).value();
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      fail(node, fmt::format("<{}> has {}=\"{}\"; expected a character position, a whole number from 0", local_name(node),
                             attribute, text));
    }
    return value;
  }

  void read_code(const pugi::xml_node& node, std::optional<std::size_t> parent, std::size_t depth, std::vector<Code>& codes) {
    if (depth > kMaxCodeDepth) {
      fail(node, fmt::format("<Code> nested {} levels deep; expected sub-codes at most {} levels deep", depth, kMaxCodeDepth));
    }
    Code code;
    code.guid = guid_of(node, "guid");
    code.name = node.attribute("name").value();
    code.color = node.attribute("color").value();
    code.codable = node.attribute("isCodable").as_bool(true);
    code.description = element(node, "Description").text().get();
    code.parent = parent;
    code.where = where(node);
    if (!seen_codes_.insert(code.guid).second) fail(node, fmt::format("code GUID {} is used twice; expected unique GUIDs", code.guid));
    codes.push_back(std::move(code));
    const std::size_t self = codes.size() - 1;
    for (const auto& child : elements(node, "Code")) read_code(child, self, depth + 1, codes);
  }

  std::vector<VariableValue> values_of(const pugi::xml_node& node) const {
    std::vector<VariableValue> values;
    for (const auto& value : elements(node, "VariableValue")) {
      VariableValue read;
      read.variable_guid = guid_of(element(value, "VariableRef"), "targetGUID");
      for (const pugi::xml_node& child : value.children()) {
        if (child.type() == pugi::node_element && local_name(child) != "VariableRef") read.value = child.text().get();
      }
      values.push_back(std::move(read));
    }
    return values;
  }

  Case read_case(const pugi::xml_node& node, UnsupportedParts& unsupported) const {
    Case read{guid_of(node, "guid"), node.attribute("name").value(), values_of(node), {}};
    for (const auto& ref : elements(node, "SourceRef")) read.source_guids.push_back(guid_of(ref, "targetGUID"));
    count(unsupported, "codes of cases", node, "CodeRef");
    count(unsupported, "selections in cases", node, "SelectionRef");
    return read;
  }

  Coding read_coding(const pugi::xml_node& node, const std::string& selection_user) {
    const pugi::xml_node ref = element(node, "CodeRef");
    if (!ref) fail(node, "<Coding> has no <CodeRef>; expected the code it applies");
    Coding coding{optional_guid(node, "guid"), guid_of(ref, "targetGUID"), optional_guid(node, "creatingUser"),
                  where(ref)};
    if (coding.user_guid.empty()) coding.user_guid = selection_user;
    return coding;
  }

  void read_sources(const pugi::xml_node& sources, Project& project) {
    for (const pugi::xml_node& node : sources.children()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view kind = local_name(node);
      if (kind != "TextSource") {
        static const std::map<std::string_view, std::string> names = {
            {"PDFSource", "PDF"}, {"PictureSource", "picture"}, {"AudioSource", "audio"}, {"VideoSource", "video"}};
        const auto found = names.find(kind);
        const std::string label = found == names.end() ? std::string(kind) : found->second;
        ++project.unsupported[label + " sources"];
        const std::size_t selections = count_selections(node);
        if (selections > 0) project.unsupported[label + " selections"] += selections;
        continue;
      }
      TextSource source;
      source.guid = guid_of(node, "guid");
      source.name = node.attribute("name").value();
      source.plain_text_path = node.attribute("plainTextPath").value();
      source.rich_text_path = node.attribute("richTextPath").value();
      source.where = where(node);
      if (const pugi::xml_node content = element(node, "PlainTextContent")) source.plain_text_content = content.text().get();
      if (element(node, "Description")) ++project.unsupported["descriptions of sources"];
      const std::string source_user = optional_guid(node, "creatingUser");
      for (const pugi::xml_node& child : node.children()) {
        const std::string_view name = local_name(child);
        if (name == "PlainTextSelection") {
          PlainTextSelection selection;
          selection.guid = optional_guid(child, "guid");
          selection.name = child.attribute("name").value();
          selection.start = position(child, "startPosition");
          selection.end = position(child, "endPosition");
          selection.description = element(child, "Description").text().get();
          selection.where = where(child);
          if (selection.end < selection.start) {
            fail(child, fmt::format("the selection ends at {}, before its start {}; expected startPosition <= endPosition",
                                    selection.end, selection.start));
          }
          const std::string selection_user = optional_guid(child, "creatingUser");
          for (const auto& coding : elements(child, "Coding")) selection.codings.push_back(read_coding(coding, selection_user));
          if (selection.codings.empty()) ++project.unsupported["selections without a coding"];
          source.selections.push_back(std::move(selection));
        } else if (name == "Coding") {
          // A code applied to the whole source: a selection of all of its text.
          PlainTextSelection whole;
          whole.end = kWholeSource;
          whole.where = where(child);
          whole.codings.push_back(read_coding(child, source_user));
          source.selections.push_back(std::move(whole));
        }
      }
      source.values = values_of(node);
      project.sources.push_back(std::move(source));
    }
  }

  static std::size_t count_selections(const pugi::xml_node& node) {
    std::size_t n = 0;
    for (const pugi::xml_node& child : node.children()) {
      const std::string_view name = local_name(child);
      if (name.size() > 9 && name.substr(name.size() - 9) == "Selection") ++n;
      n += count_selections(child);
    }
    return n;
  }

  void check_code_refs(const Project& project) const {
    for (const auto& source : project.sources) {
      for (const auto& selection : source.selections) {
        for (const auto& coding : selection.codings) {
          if (seen_codes_.count(coding.code_guid) == 0) {
            throw invalid_input(fmt::format("the coding refers to code {}, which the project's codebook does not have; "
                                            "expected a CodeRef to one of its codes",
                                            coding.code_guid),
                                coding.where);
          }
        }
      }
    }
  }

  XmlPositions positions_;
  pugi::xml_document document_;
  std::unordered_set<std::string> seen_codes_;
};

}  // namespace

Project read_project_xml(std::string_view xml, const std::string& file_name) {
  ProjectReader reader(xml, file_name);
  return reader.read_project(reader.parse(xml, "Project", kProjectNamespace));
}

std::vector<Code> read_codebook_xml(std::string_view xml, const std::string& file_name, UnsupportedParts* unsupported) {
  ProjectReader reader(xml, file_name);
  const pugi::xml_node root = reader.parse(xml, "CodeBook", kCodebookNamespace);
  std::vector<Code> codes;
  UnsupportedParts parts;
  reader.read_codes(root, codes, parts);
  if (unsupported != nullptr) *unsupported = std::move(parts);
  return codes;
}

}  // namespace qda::refi
