// A Mustache template rendered by kainjow within bounds that a --template cannot pass: its size, its
// sections' depth, and what it renders. Every bound is an InvalidInput error naming the template.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <kainjow/mustache.hpp>

namespace qda::report {

// Far above any report's needs: the shipped templates are 9 kB or less and nest sections 4 deep.
inline constexpr std::size_t kMaxTemplateBytes = 1 << 20;
inline constexpr std::size_t kMaxSectionDepth = 64;

// Renders `source` (the text of `template_name`) over `data`, each value escaped by `escape`. What it
// renders, counting every name looked up as a byte, is at most `max_rendered_bytes`, and so is the line
// kainjow holds before it writes it out.
std::string render_template(const std::string& template_name, const std::string& source, const kainjow::mustache::data& data,
                            const std::function<std::string(const std::string&)>& escape, std::size_t max_rendered_bytes);

}  // namespace qda::report
