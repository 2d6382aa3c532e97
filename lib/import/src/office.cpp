// Word-processor sources: DOCX (WordprocessingML) and ODT (OpenDocument), their paragraphs read from
// the ZIP container with pugixml.
#include <pugixml.hpp>

#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/blocks.hpp"
#include "qda/office.hpp"
#include "qda/text.hpp"
#include "qda/zip.hpp"
#include "readers.hpp"

namespace qda {

namespace {

// The namespaces read here, by URI, with the prefix the readers below match names by. A file may
// bind any prefix (or the default namespace) to them: names are rewritten to these prefixes first.
struct KnownNamespace {
  std::string_view uri;
  std::string_view prefix;
};
constexpr KnownNamespace kKnownNamespaces[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w"},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", "w"},  // Strict Office Open XML
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", "mc"},
    {"urn:oasis:names:tc:opendocument:xmlns:office:1.0", "office"},
    {"urn:oasis:names:tc:opendocument:xmlns:text:1.0", "text"},
};

using PrefixBindings = std::vector<std::pair<std::string, std::string_view>>;  // prefix ("" default) -> canonical

std::string canonical_name(std::string_view name, const PrefixBindings& bindings, bool is_attribute) {
  const std::size_t colon = name.find(':');
  // Unprefixed attributes are in no namespace; unprefixed elements are in the default one.
  if (colon == std::string_view::npos && is_attribute) return std::string(name);
  const std::string_view prefix = colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
  const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
  for (auto it = bindings.rbegin(); it != bindings.rend(); ++it) {  // innermost declaration first
    if (it->first == prefix) return it->second.empty() ? std::string(name) : fmt::format("{}:{}", it->second, local);
  }
  return std::string(name);
}

void canonicalise_names(pugi::xml_node node, PrefixBindings bindings) {
  for (const pugi::xml_attribute& attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if (name != "xmlns" && name.rfind("xmlns:", 0) != 0) continue;
    const std::string prefix(name == "xmlns" ? std::string_view() : name.substr(6));
    std::string_view canonical;  // empty: a namespace not read here, names left as they are
    for (const auto& known : kKnownNamespaces) {
      if (known.uri == attribute.value()) canonical = known.prefix;
    }
    bindings.emplace_back(prefix, canonical);
  }
  node.set_name(canonical_name(node.name(), bindings, false).c_str());
  for (pugi::xml_attribute attribute : node.attributes()) {
    attribute.set_name(canonical_name(attribute.name(), bindings, true).c_str());
  }
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) canonicalise_names(child, bindings);
  }
}

pugi::xml_document parse_entry(const ZipArchive& archive, std::string_view entry, const std::string& file_name,
                               std::string_view format) {
  if (!archive.contains(entry)) {
    throw invalid_input(fmt::format("the archive has no {}; expected a {} document", entry, format), {file_name});
  }
  const std::string xml = archive.read(entry);
  pugi::xml_document document;
  // No DOCTYPE or external entities are processed by pugixml, so no XML bomb can expand here.
  // parse_ws_pcdata keeps runs that hold only a space (<w:t xml:space="preserve"> </w:t>).
  const pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!parsed) {
    throw invalid_input(fmt::format("{} is not well-formed XML at byte {}: {}", entry, parsed.offset, parsed.description()),
                        {file_name});
  }
  canonicalise_names(document.document_element(), {});
  return document;
}

bool is(const pugi::xml_node& node, std::string_view qualified_name) { return qualified_name == node.name(); }

// WordprocessingML: text runs (w:t), tabs and breaks; deleted text and field codes are not content.
void collect_docx_text(const pugi::xml_node& node, std::string& out) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (is(child, "w:t")) {
      out += child.text().get();
    } else if (is(child, "w:tab") || is(child, "w:ptab")) {
      out += '\t';
    } else if (is(child, "w:br") || is(child, "w:cr")) {
      out += '\n';
    } else if (is(child, "w:noBreakHyphen")) {
      out += '-';
    } else if (is(child, "w:del") || is(child, "w:delText") || is(child, "w:instrText") || is(child, "w:p") ||
               is(child, "w:rPr") || is(child, "w:pPr") || is(child, "mc:Fallback")) {
      continue;  // nested paragraphs (text boxes) are visited on their own; a fallback repeats its choice
    } else {
      collect_docx_text(child, out);
    }
  }
}

void find_docx_paragraphs(const pugi::xml_node& node, std::vector<std::string>& paragraphs) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (is(child, "w:p")) {
      std::string text;
      collect_docx_text(child, text);
      paragraphs.push_back(std::move(text));
    }
    if (!is(child, "w:del") && !is(child, "mc:Fallback")) find_docx_paragraphs(child, paragraphs);
  }
}

// OpenDocument: text nodes, <text:s text:c="n"/> runs of spaces, tabs, line breaks; notes and
// annotations are not part of the running text.
void collect_odt_text(const pugi::xml_node& node, std::string& out) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      // ODF 6.1.2: white space in text content collapses to one space (text:s and text:tab are explicit).
      for (const char* c = child.value(); *c != '\0'; ++c) {
        const bool blank = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
        if (!blank) out += *c;
        else if (out.empty() || out.back() != ' ') out += ' ';
      }
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    if (is(child, "text:s")) {
      const int count = child.attribute("text:c").as_int(1);
      out.append(static_cast<std::size_t>(count > 0 && count < 10000 ? count : 1), ' ');
    } else if (is(child, "text:tab")) {
      out += '\t';
    } else if (is(child, "text:line-break")) {
      out += '\n';
    } else if (is(child, "text:note") || is(child, "office:annotation") || is(child, "text:p") || is(child, "text:h")) {
      continue;
    } else {
      collect_odt_text(child, out);
    }
  }
}

void find_odt_paragraphs(const pugi::xml_node& node, std::vector<std::string>& paragraphs) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (is(child, "text:note") || is(child, "office:annotation")) continue;
    if (is(child, "text:p") || is(child, "text:h")) {
      std::string text;
      collect_odt_text(child, text);
      paragraphs.push_back(std::move(text));
    }
    find_odt_paragraphs(child, paragraphs);
  }
}

}  // namespace

// The XML parser does not check UTF-8; text that reaches the corpus must be valid.
static void check_utf8(const std::vector<std::string>& paragraphs, std::string_view entry, const std::string& file_name) {
  for (const auto& paragraph : paragraphs) {
    if (find_invalid_utf8(paragraph) != std::string_view::npos) {
      throw invalid_input(fmt::format("{} holds text that is not valid UTF-8", entry), {file_name});
    }
  }
}

std::vector<std::string> docx_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits) {
  const ZipArchive archive(bytes, file_name, limits);
  const pugi::xml_document document = parse_entry(archive, "word/document.xml", file_name, "Word (DOCX)");
  const pugi::xml_node body = document.child("w:document").child("w:body");
  if (!body) throw invalid_input("word/document.xml has no w:document/w:body; expected a Word document", {file_name});
  std::vector<std::string> paragraphs;
  find_docx_paragraphs(body, paragraphs);
  check_utf8(paragraphs, "word/document.xml", file_name);
  return paragraphs;
}

std::vector<std::string> odt_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits) {
  const ZipArchive archive(bytes, file_name, limits);
  const pugi::xml_document document = parse_entry(archive, "content.xml", file_name, "OpenDocument text (ODT)");
  const pugi::xml_node text = document.child("office:document-content").child("office:body").child("office:text");
  if (!text) {
    throw invalid_input("content.xml has no office:body/office:text; expected an OpenDocument text", {file_name});
  }
  std::vector<std::string> paragraphs;
  find_odt_paragraphs(text, paragraphs);
  check_utf8(paragraphs, "content.xml", file_name);
  return paragraphs;
}

Document read_docx(std::string_view bytes, const ReadContext& context) {
  return document_from_paragraphs(docx_paragraphs(bytes, context.file_name, context.options.zip_limits), context.speakers);
}

Document read_odt(std::string_view bytes, const ReadContext& context) {
  return document_from_paragraphs(odt_paragraphs(bytes, context.file_name, context.options.zip_limits), context.speakers);
}

bool has_odt_signature(std::string_view head) {
  // OpenDocument's signature (ODF 1.2, part 3, 3.3): the archive's first entry is "mimetype", stored
  // uncompressed, so its content follows the local file header at a known place.
  constexpr std::string_view kMediaType = "application/vnd.oasis.opendocument.text";
  if (head.size() < 30 || head.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return false;
  const auto little_endian_16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(head[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(head[at + 1])) << 8;
  };
  const std::size_t name_length = little_endian_16(26), extra_length = little_endian_16(28);
  if (name_length != 8 || head.substr(30, 8) != "mimetype") return false;
  const std::size_t content = 30 + name_length + extra_length;
  return content < head.size() && head.substr(content, kMediaType.size()) == kMediaType &&
         (content + kMediaType.size() == head.size() || head[content + kMediaType.size()] == 'P');
}

}  // namespace qda
