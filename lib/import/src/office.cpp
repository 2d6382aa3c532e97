// Word-processor sources: DOCX (WordprocessingML) and ODT (OpenDocument), their paragraphs, tables,
// notes and comments read from the ZIP container with pugixml.
#include <pugixml.hpp>

#include <cstdlib>
#include <map>
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
#include "speaker_tables.hpp"
#include "xml_budget.hpp"

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
    {"urn:oasis:names:tc:opendocument:xmlns:table:1.0", "table"},
    {"http://purl.org/dc/elements/1.1/", "dc"},
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
  parse_xml_within_budget(document, xml, entry, file_name, pugi::parse_default | pugi::parse_ws_pcdata,
                          archive.limits().max_xml_document_bytes);
  canonicalise_names(document.document_element(), {});
  return document;
}

bool is(const pugi::xml_node& node, std::string_view qualified_name) { return qualified_name == node.name(); }

// Tracked changes count as accepted: text deleted (w:del) or moved away (w:moveFrom, whose copy stands
// at its new place in a w:moveTo) is not read.
bool is_tracked_removal(const pugi::xml_node& node) { return is(node, "w:del") || is(node, "w:moveFrom"); }

// Appends a note ("[footnote 1: ...]") to running text, a space apart from what precedes it.
void append_note(std::string& out, const std::string& note) {
  if (!out.empty() && out.back() != ' ' && out.back() != '\n' && out.back() != '\t') out += ' ';
  out += note;
}

// Footnotes, endnotes and comments, kept in the text where they are anchored so that none is lost.
struct Note {
  std::string author;  // of a comment
  std::string text;    // its paragraphs as one line
};
struct NoteTexts {
  std::map<std::string, Note> footnotes;  // by id
  std::map<std::string, Note> endnotes;
  std::map<std::string, Note> comments;
  std::size_t footnotes_used = 0;
  std::size_t endnotes_used = 0;
  std::size_t comments_used = 0;
  // Notes anchored before any text of the paragraph being read: they go at its end instead, so that
  // a comment on a whole paragraph does not push its speaker label off the start of the line.
  std::string* leading = nullptr;
  // The spaces ODT's <text:s text:c="n"/> may still add, all of them together: at most as many bytes
  // as one entry may unzip to (30,000 of them in a 2 KB file once made 300 MB of text).
  std::size_t spaces_left = static_cast<std::size_t>(-1);
  const std::string* file_name = nullptr;
};

void add_note(std::string& out, NoteTexts& notes, const std::string& note) {
  if (notes.leading != nullptr && is_blank(out)) {
    append_note(*notes.leading, note);
  } else {
    append_note(out, note);
  }
}

// A paragraph's text as `collect` reads it, its leading notes moved to its end.
template <typename Collect>
std::string paragraph_text(const pugi::xml_node& paragraph, NoteTexts& notes, Collect collect) {
  std::string leading;
  std::string* const outer = notes.leading;
  notes.leading = &leading;
  std::string text;
  collect(paragraph, text, notes);
  notes.leading = outer;
  if (!leading.empty()) append_note(text, leading);
  return text;
}

std::string note_text(const std::string& kind, std::size_t number, const std::string& text) {
  return fmt::format("[{} {}: {}]", kind, number, text);
}

std::string comment_text(const std::string& author, const std::string& text) {
  return author.empty() ? fmt::format("[comment: {}]", text) : fmt::format("[comment by {}: {}]", author, text);
}

// ---- WordprocessingML ---------------------------------------------------------------------------

// Text runs (w:t), tabs and breaks; deleted text and field codes are not content. Footnote, endnote
// and comment references bring their text in as notes.
void collect_docx_text(const pugi::xml_node& node, std::string& out, NoteTexts& notes) {
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
    } else if (is(child, "w:footnoteReference") || is(child, "w:endnoteReference")) {
      const bool footnote = is(child, "w:footnoteReference");
      const auto& texts = footnote ? notes.footnotes : notes.endnotes;
      const auto found = texts.find(child.attribute("w:id").value());
      if (found != texts.end()) {
        std::size_t& number = footnote ? notes.footnotes_used : notes.endnotes_used;
        add_note(out, notes, note_text(footnote ? "footnote" : "endnote", ++number, found->second.text));
      }
    } else if (is(child, "w:commentReference")) {
      const auto found = notes.comments.find(child.attribute("w:id").value());
      if (found != notes.comments.end()) {
        add_note(out, notes, comment_text(found->second.author, found->second.text));
        ++notes.comments_used;
      }
    } else if (is_tracked_removal(child) || is(child, "w:delText") || is(child, "w:instrText") || is(child, "w:p") ||
               is(child, "w:tbl") || is(child, "w:rPr") || is(child, "w:pPr") || is(child, "mc:Fallback")) {
      continue;  // nested paragraphs and tables (text boxes) are visited on their own; a fallback repeats its choice
    } else {
      collect_docx_text(child, out, notes);
    }
  }
}

void find_docx_paragraphs(const pugi::xml_node& node, std::vector<std::string>& paragraphs, NoteTexts& notes);

void find_table_parts(const pugi::xml_node& node, std::string_view name, std::vector<pugi::xml_node>& found);

TableRow docx_row(const pugi::xml_node& row, NoteTexts& notes) {
  TableRow table_row;
  table_row.header = static_cast<bool>(row.child("w:trPr").child("w:tblHeader"));
  std::vector<pugi::xml_node> cells;
  find_table_parts(row, "w:tc", cells);
  for (const pugi::xml_node& cell : cells) {
    table_row.cells.emplace_back();
    find_docx_paragraphs(cell, table_row.cells.back(), notes);
  }
  return table_row;
}

// Every paragraph (w:p) under `node` in document order, nested ones (text boxes) after the one that
// holds them; a table's rows through append_table, so a speaker table becomes turns.
void find_docx_items(const pugi::xml_node& node, std::vector<SourceParagraph>& out, NoteTexts& notes,
                     const SpeakerRoster& roster) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element || is_tracked_removal(child) || is(child, "mc:Fallback")) continue;
    if (is(child, "w:tbl")) {
      std::vector<pugi::xml_node> row_nodes;
      find_table_parts(child, "w:tr", row_nodes);
      std::vector<TableRow> rows;
      for (const pugi::xml_node& row : row_nodes) rows.push_back(docx_row(row, notes));
      append_table(rows, roster, out);
      continue;
    }
    if (is(child, "w:p")) out.push_back({paragraph_text(child, notes, collect_docx_text), {}, false, {}});
    find_docx_items(child, out, notes, roster);
  }
}

// The paragraphs under `node` (a table cell, a note) as text: a speaker table nested in it keeps its
// speakers as labels, "Name: text".
std::vector<std::string> paragraph_texts(std::vector<SourceParagraph> items) {
  std::vector<std::string> paragraphs;
  for (auto& item : items) paragraphs.push_back(item.speaker.empty() ? std::move(item.text) : item.speaker + ": " + item.text);
  return paragraphs;
}

void find_docx_paragraphs(const pugi::xml_node& node, std::vector<std::string>& paragraphs, NoteTexts& notes) {
  std::vector<SourceParagraph> items;
  find_docx_items(node, items, notes, {});
  for (auto& text : paragraph_texts(std::move(items))) paragraphs.push_back(std::move(text));
}

// The elements named `name` under `node`, in document order, however deep (content controls and
// custom XML may wrap a table's rows and cells), but not those of a table nested inside.
void find_table_parts(const pugi::xml_node& node, std::string_view name, std::vector<pugi::xml_node>& found) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element || is(child, "w:tbl") || is_tracked_removal(child)) continue;
    if (is(child, name)) {
      found.push_back(child);
    } else {
      find_table_parts(child, name, found);
    }
  }
}

// The notes of the footnotes, endnotes or comments part, by id; the separators Word keeps among the
// footnotes are left out.
std::map<std::string, Note> docx_notes(const ZipArchive& archive, std::string_view entry, std::string_view element,
                                       const std::string& file_name) {
  std::map<std::string, Note> texts;
  if (!archive.contains(entry)) return texts;
  const pugi::xml_document part = parse_entry(archive, entry, file_name, "Word (DOCX)");
  NoteTexts none;
  for (const pugi::xml_node& note : part.document_element().children()) {
    if (!is(note, element)) continue;
    const std::string_view type = note.attribute("w:type").value();
    if (!type.empty() && type != "normal") continue;  // separator, continuationSeparator, ...
    std::vector<std::string> paragraphs;
    find_docx_paragraphs(note, paragraphs, none);
    std::string text;
    for (const auto& paragraph : paragraphs) {
      const std::string_view piece = trim(paragraph);
      if (piece.empty()) continue;
      if (!text.empty()) text += ' ';
      text += piece;
    }
    texts[note.attribute("w:id").value()] = {note.attribute("w:author").value(), std::move(text)};
  }
  return texts;
}

// ---- OpenDocument -------------------------------------------------------------------------------

void find_odt_items(const pugi::xml_node& node, std::vector<SourceParagraph>& out, NoteTexts& notes,
                    const SpeakerRoster& roster);

// The paragraphs inside a note or an annotation, as one line.
std::string odt_note_body(const pugi::xml_node& body, NoteTexts& notes) {
  std::vector<SourceParagraph> items;
  find_odt_items(body, items, notes, {});
  std::string text;
  for (const auto& item : items) {
    const std::string_view piece = trim(item.text);
    if (piece.empty()) continue;
    if (!text.empty()) text += ' ';
    text += piece;
  }
  return text;
}

// Text nodes, <text:s text:c="n"/> runs of spaces, tabs, line breaks; notes and annotations (comments)
// come in as bracketed notes where they are anchored.
void collect_odt_text(const pugi::xml_node& node, std::string& out, NoteTexts& notes) {
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
      const auto spaces = static_cast<std::size_t>(count > 0 && count < 10000 ? count : 1);
      if (spaces > notes.spaces_left) {
        throw invalid_input("content.xml: its <text:s> elements expand to more spaces than --max-unzipped-bytes allows one "
                            "entry; expected a document as an office program writes it",
                            {notes.file_name != nullptr ? *notes.file_name : std::string()});
      }
      notes.spaces_left -= spaces;
      out.append(spaces, ' ');
    } else if (is(child, "text:tab")) {
      out += '\t';
    } else if (is(child, "text:line-break")) {
      out += '\n';
    } else if (is(child, "text:note")) {
      const bool endnote = std::string_view(child.attribute("text:note-class").value()) == "endnote";
      std::size_t& number = endnote ? notes.endnotes_used : notes.footnotes_used;
      add_note(out, notes, note_text(endnote ? "endnote" : "footnote", ++number, odt_note_body(child.child("text:note-body"), notes)));
    } else if (is(child, "office:annotation")) {
      add_note(out, notes, comment_text(child.child("dc:creator").text().get(), odt_note_body(child, notes)));
      ++notes.comments_used;
    } else if (is(child, "text:p") || is(child, "text:h") || is(child, "table:table")) {
      continue;
    } else {
      collect_odt_text(child, out, notes);
    }
  }
}

void odt_rows(const pugi::xml_node& node, std::vector<TableRow>& rows, NoteTexts& notes, bool header) {
  for (const pugi::xml_node& child : node.children()) {
    if (is(child, "table:table-header-rows")) {
      odt_rows(child, rows, notes, true);
    } else if (is(child, "table:table-rows") || is(child, "table:table-row-group")) {
      odt_rows(child, rows, notes, header);
    } else if (is(child, "table:table-row")) {
      TableRow row;
      row.header = header;
      for (const pugi::xml_node& cell : child.children()) {
        if (!is(cell, "table:table-cell")) continue;  // covered cells repeat a merged one
        std::vector<SourceParagraph> items;
        find_odt_items(cell, items, notes, {});
        row.cells.push_back(paragraph_texts(std::move(items)));
      }
      rows.push_back(std::move(row));
    }
  }
}

void find_odt_items(const pugi::xml_node& node, std::vector<SourceParagraph>& out, NoteTexts& notes,
                    const SpeakerRoster& roster) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (is(child, "text:note") || is(child, "office:annotation")) continue;  // read where they are anchored
    // Tracked changes count as accepted: what they hold is the text deleted (a name taken out of a
    // transcript must not come back); insertions stand in the text itself.
    if (is(child, "text:tracked-changes")) continue;
    if (is(child, "table:table")) {
      std::vector<TableRow> rows;
      odt_rows(child, rows, notes, false);
      append_table(rows, roster, out);
      continue;
    }
    if (is(child, "text:p") || is(child, "text:h")) out.push_back({paragraph_text(child, notes, collect_odt_text), {}, false, {}});
    find_odt_items(child, out, notes, roster);
  }
}

}  // namespace

namespace {

// The paragraphs read from `entry`, with the count of notes kept. The XML parser does not check
// UTF-8; text that reaches the corpus must be valid.
OfficeText office_text(std::vector<SourceParagraph> paragraphs, const NoteTexts& notes, std::string_view entry,
                       const std::string& file_name) {
  for (const auto& paragraph : paragraphs) {
    if (find_invalid_utf8(paragraph.text) != std::string::npos || find_invalid_utf8(paragraph.speaker) != std::string::npos) {
      throw invalid_input(fmt::format("{} holds text that is not valid UTF-8", entry), {file_name});
    }
  }
  return {std::move(paragraphs), notes.footnotes_used + notes.endnotes_used, notes.comments_used};
}

}  // namespace

namespace {

// The package's main part, as its relationships (_rels/.rels) name it: word/document.xml as Word
// writes it, or another name (pandoc's tests hold a word/document2.xml). word/document.xml when the
// relationships name none the archive holds.
std::string docx_main_part(const ZipArchive& archive, const std::string& file_name) {
  constexpr std::string_view kDefault = "word/document.xml";
  if (!archive.contains("_rels/.rels")) return std::string(kDefault);
  const pugi::xml_document relationships = parse_entry(archive, "_rels/.rels", file_name, "Word (DOCX)");
  for (const pugi::xml_node& relationship : relationships.document_element().children()) {
    const std::string_view type = relationship.attribute("Type").value();
    constexpr std::string_view kOfficeDocument = "/officeDocument";
    if (type.size() < kOfficeDocument.size() || type.substr(type.size() - kOfficeDocument.size()) != kOfficeDocument) continue;
    std::string_view target = relationship.attribute("Target").value();
    while (!target.empty() && target.front() == '/') target.remove_prefix(1);
    if (!target.empty() && archive.contains(target)) return std::string(target);
  }
  return std::string(kDefault);
}

}  // namespace

OfficeText read_docx_text(std::string_view bytes, const std::string& file_name, const ZipLimits& limits,
                          const SpeakerRoster& roster) {
  const ZipArchive archive(bytes, file_name, limits);
  const std::string main_part = docx_main_part(archive, file_name);
  const pugi::xml_document document = parse_entry(archive, main_part, file_name, "Word (DOCX)");
  const pugi::xml_node body = document.child("w:document").child("w:body");
  if (!body) throw invalid_input(fmt::format("{} has no w:document/w:body; expected a Word document", main_part), {file_name});
  NoteTexts notes;
  notes.footnotes = docx_notes(archive, "word/footnotes.xml", "w:footnote", file_name);
  notes.endnotes = docx_notes(archive, "word/endnotes.xml", "w:endnote", file_name);
  notes.comments = docx_notes(archive, "word/comments.xml", "w:comment", file_name);
  std::vector<SourceParagraph> paragraphs;
  find_docx_items(body, paragraphs, notes, roster);
  return office_text(std::move(paragraphs), notes, main_part, file_name);
}

OfficeText read_odt_text(std::string_view bytes, const std::string& file_name, const ZipLimits& limits,
                         const SpeakerRoster& roster) {
  const ZipArchive archive(bytes, file_name, limits);
  const pugi::xml_document document = parse_entry(archive, "content.xml", file_name, "OpenDocument text (ODT)");
  const pugi::xml_node text = document.child("office:document-content").child("office:body").child("office:text");
  if (!text) {
    throw invalid_input("content.xml has no office:body/office:text; expected an OpenDocument text", {file_name});
  }
  NoteTexts notes;
  notes.spaces_left = limits.max_entry_bytes;
  notes.file_name = &file_name;
  std::vector<SourceParagraph> paragraphs;
  find_odt_items(text, paragraphs, notes, roster);
  return office_text(std::move(paragraphs), notes, "content.xml", file_name);
}

namespace {

Document document_of(OfficeText office, const ReadContext& context) {
  if (context.report != nullptr) {
    context.report->encoding = "UTF-8";
    context.report->footnotes = office.footnotes;
    context.report->comments = office.comments;
  }
  return document_from_paragraphs(office.paragraphs, context.speakers, context.options.roster,
                                  context.report != nullptr ? &context.report->unlisted_labels : nullptr);
}

}  // namespace

Document read_docx(std::string_view bytes, const ReadContext& context) {
  return document_of(read_docx_text(bytes, context.file_name, context.options.zip_limits, context.options.roster), context);
}

Document read_odt(std::string_view bytes, const ReadContext& context) {
  return document_of(read_odt_text(bytes, context.file_name, context.options.zip_limits, context.options.roster), context);
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
