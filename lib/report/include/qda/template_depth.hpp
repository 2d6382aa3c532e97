// How deep a Mustache template nests its sections, found before kainjow parses it: kainjow keeps a
// copy of each section's text, so sections nested N deep cost memory N times the template's size (a
// 1.2 MB template of 100,000 nested sections took 24 GB and was killed).
#pragma once

#include <cstddef>
#include <string_view>

namespace qda::report {

struct TemplateDepth {
  std::size_t depth = 0;     // the deepest nesting of sections ({{#x}} and {{^x}})
  std::size_t position = 0;  // the byte offset of the section tag that first reached it
  // The most bytes between two tags that look a name up (variables, sections and partials; not
  // comments, closing or delimiter tags), or after the last, of the stretches that start inside a
  // section: the most literal text kainjow can add to its output between two lookups, and a bound of
  // the parts (text, white space, comments) it walks between them, each at least a byte (the render's
  // budget counts on it). A stretch that starts inside no section is walked once in the whole render,
  // and the template's size bounds all of them together.
  std::size_t text_between_lookups = 0;
};

// Reads the tags as kainjow's parser does: "{{" and "}}", "{{{...}}}" while the delimiters are
// braces, and delimiters set with {{=<% %>=}}. Stops where kainjow's parser would stop with an
// error (a tag not closed, a delimiter tag it refuses), as kainjow reads no further either.
TemplateDepth template_section_depth(std::string_view text);

}  // namespace qda::report
