// The sections' depth in a Mustache template, read with kainjow's tag rules (template_depth.hpp).
#include "qda/template_depth.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace qda::report {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// A delimiter tag's contents ("=<% %>="), as kainjow accepts them: two delimiters without white space
// or '=' in them, separated by spaces. False where kainjow's parser stops with an error.
bool read_delimiters(std::string_view contents, std::string& begin, std::string& end) {
  if (contents.size() < 5 || contents.back() != '=') return false;
  const std::string_view inner = trimmed(contents.substr(1, contents.size() - 2));
  const std::size_t space = inner.find(' ');
  if (space == std::string_view::npos) return false;
  const std::size_t next = inner.find_first_not_of(' ', space + 1);
  if (next == std::string_view::npos) return false;
  const std::string_view first = inner.substr(0, space), second = inner.substr(next);
  for (const std::string_view delimiter : {first, second}) {
    for (const char c : delimiter) {
      if (c == '=' || is_space(c)) return false;
    }
  }
  begin = std::string(first);
  end = std::string(second);
  return true;
}

}  // namespace

TemplateDepth template_section_depth(std::string_view text) {
  std::string begin = "{{", end = "}}";
  TemplateDepth deepest;
  std::size_t depth = 0;
  std::size_t after_lookup = 0;  // where the text after the last lookup starts
  std::size_t stretch_depth = 0;  // the depth there: inside no section, the text is walked once
  const auto lookup = [&](std::size_t tag_at, std::size_t tag_end, std::size_t depth_after) {
    if (stretch_depth > 0) deepest.text_between_lookups = std::max(deepest.text_between_lookups, tag_at - after_lookup);
    after_lookup = tag_end;
    stretch_depth = depth_after;
  };
  for (std::size_t at = text.find(begin); at != std::string_view::npos; at = text.find(begin, at)) {
    std::size_t contents_at = at + begin.size();
    const bool braces = begin == "{{" && end == "}}";
    const bool triple = braces && contents_at < text.size() && text[contents_at] == '{';
    if (triple) ++contents_at;
    const std::string_view closing = triple ? std::string_view("}}}") : std::string_view(end);
    const std::size_t close_at = text.find(closing, contents_at);
    if (close_at == std::string_view::npos) break;
    const std::string_view contents = trimmed(text.substr(contents_at, close_at - contents_at));
    const std::size_t tag_end = close_at + closing.size();
    if (!contents.empty() && contents.front() == '=') {
      if (!read_delimiters(contents, begin, end)) break;
    } else if (!triple && !contents.empty() && (contents.front() == '#' || contents.front() == '^')) {
      if (++depth > deepest.depth) {
        deepest.depth = depth;
        deepest.position = at;
      }
      lookup(at, tag_end, depth);
    } else if (!triple && !contents.empty() && contents.front() == '/') {
      if (depth == 0) break;  // kainjow stops: a section closed that was not opened
      --depth;
    } else if (triple || contents.empty() || contents.front() != '!') {
      lookup(at, tag_end, depth);  // a variable (escaped or not) or a partial
    }
    at = tag_end;
  }
  // Where the scan stopped early kainjow stops too; the rest counts as text all the same.
  lookup(text.size(), text.size(), 0);
  return deepest;
}

}  // namespace qda::report
