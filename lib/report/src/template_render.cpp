// Rendering a template within bounds (template_render.hpp).
#include "template_render.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/template_depth.hpp"

namespace qda::report {

namespace {

namespace mustache = kainjow::mustache;

// How much a render has made, and upper bounds of what kainjow holds unwritten and of the steps it
// has taken. kainjow keeps the current line and writes it out when it ends, so repetitions with no line
// break in them grew unseen: 30 nested {{#sources}} over three sources on one line would never end.
// Between two lookups of a name (or two items of a list, which push and pop the context) kainjow adds
// at most the template's longest text between lookups inside a section, and the value looked up; the
// text inside no section it walks once in the whole render, and the template's size bounds it. So
// counting those at each lookup bounds the line. Each lookup also counts a byte of the render, so a
// template that multiplies lookups into nothing stops too. And kainjow walks parts that write nothing
// (comments, the white space of a line that holds only a section tag, which it drops, and values on
// such lines; 150,000 comments in 8 nested sections over three sources took 4.6 s, and each level
// three times longer), and splits each name it looks up at its dots: the steps count the text between
// lookups (every part of it is at least a byte), each value and each name, up to 4 a byte of the
// render's bound.
class RenderBudget {
 public:
  struct Exceeded {};
  RenderBudget(std::size_t bound, std::size_t template_bytes, std::size_t text_between_lookups)
      : bound_(bound),
        steps_bound_(4 * bound),
        template_bytes_(template_bytes),
        text_between_lookups_(text_between_lookups),
        unwritten_(template_bytes),
        steps_(template_bytes) {}

  // A name looked up, a list item entered; `value_bytes` is what the lookup may add, `name_bytes` the
  // name kainjow splits.
  void lookup(std::size_t value_bytes, std::size_t name_bytes = 0) {
    count(value_bytes, name_bytes);
    if (lookups_ + written_ > bound_ || unwritten_ > bound_ || steps_ > steps_bound_) throw Exceeded{};
  }
  // A list item left: kainjow pops the context in a destructor, where nothing may throw; the next
  // lookup or line written checks the count.
  void count(std::size_t value_bytes, std::size_t name_bytes = 0) {
    ++lookups_;
    unwritten_ += text_between_lookups_ + value_bytes;
    steps_ += text_between_lookups_ + value_bytes + name_bytes + 1;
  }
  void escaped(std::size_t bytes) { lookup(bytes); }
  // kainjow wrote out its line (and cleared it): what is left unwritten is at most the rest of the
  // text before the next lookup, inside a section or not.
  void written(std::size_t bytes) {
    written_ += bytes;
    unwritten_ = template_bytes_;
    if (lookups_ + written_ > bound_) throw Exceeded{};
  }

 private:
  std::size_t bound_, steps_bound_, template_bytes_, text_between_lookups_;
  std::size_t written_ = 0, lookups_ = 0, unwritten_, steps_;
};

// The data as kainjow looks names up in it, but with no partials: kainjow would take any text of the
// data as one, so a title of "{{> title}}" rendered itself until the stack ran out, and data became
// template. `{{> name}}` renders nothing, as qda-report supplies no partials. Every lookup, push and
// pop is counted in the budget.
class BudgetedContext final : public mustache::context<std::string> {
 public:
  BudgetedContext(const mustache::data* data, RenderBudget& budget) : mustache::context<std::string>(data), budget_(budget) {}
  void push(const mustache::data* data) override {
    budget_.lookup(0);
    mustache::context<std::string>::push(data);
  }
  void pop() override {
    budget_.count(0);
    mustache::context<std::string>::pop();
  }
  const mustache::data* get(const std::string& name) const override {
    budget_.lookup(0, name.size());  // before kainjow splits the name
    const mustache::data* value = mustache::context<std::string>::get(name);
    if (value != nullptr && value->is_string()) budget_.lookup(value->string_value().size());
    return value;
  }
  const mustache::data* get_partial(const std::string&) const override {
    budget_.lookup(0);
    return nullptr;
  }

 private:
  RenderBudget& budget_;
};

// Where kainjow writes the rendered text (it takes any type with <<).
class BudgetedText {
 public:
  explicit BudgetedText(RenderBudget& budget) : budget_(budget) {}
  BudgetedText& operator<<(const std::string& piece) {
    budget_.written(piece.size());
    text_ += piece;
    return *this;
  }
  std::string take() { return std::move(text_); }

 private:
  RenderBudget& budget_;
  std::string text_;
};

}  // namespace

std::string render_template(const std::string& template_name, const std::string& source, const mustache::data& data,
                            const std::function<std::string(const std::string&)>& escape, std::size_t max_rendered_bytes) {
  if (source.size() > kMaxTemplateBytes) {
    throw invalid_input(fmt::format("the template is {} bytes; expected at most {} (1 MiB)", source.size(), kMaxTemplateBytes),
                        {template_name});
  }
  // kainjow's parse takes memory the sections' depth times the template's size: refused before it.
  const TemplateDepth scan = template_section_depth(source);
  if (scan.depth > kMaxSectionDepth) {
    const std::string_view before = std::string_view(source).substr(0, scan.position);
    const std::size_t line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;  // bytes
    throw invalid_input(fmt::format("sections nest {} deep, the deepest here; expected at most {}", scan.depth, kMaxSectionDepth),
                        {template_name, line, column});
  }
  mustache::mustache engine(source);
  if (!engine.is_valid()) throw invalid_input(fmt::format("the template does not parse: {}", engine.error_message()), {template_name});
  RenderBudget budget(max_rendered_bytes, source.size(), scan.text_between_lookups);
  // An escaped value may be longer than the value the lookup counted.
  engine.set_custom_escape([&escape, &budget](const std::string& text) {
    std::string escaped = escape(text);
    budget.escaped(escaped.size());
    return escaped;
  });
  BudgetedContext context(&data, budget);
  BudgetedText text(budget);
  try {
    engine.render(context, text);
  } catch (const RenderBudget::Exceeded&) {
    throw invalid_input(fmt::format("the template renders more than {} bytes, or takes as long as that would; expected a "
                                    "report (are sections over lists nested in each other?)",
                                    max_rendered_bytes),
                        {template_name});
  }
  if (!engine.is_valid()) throw invalid_input(fmt::format("the template failed to render: {}", engine.error_message()), {template_name});
  return text.take();
}

}  // namespace qda::report
