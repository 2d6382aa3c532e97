// qda-check: each claim's checks against the outputs they name, a line per claim, a JUnit report.
#include "qda/check_run.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <variant>

#include <fmt/format.h>
#include <pugixml.hpp>
#include <spdlog/spdlog.h>

#include "qda/block_yaml.hpp"
#include "qda/claims_junit.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/list_projection.hpp"
#include "qda/output.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"
#include "qda/value_path.hpp"
#include "qda/yaml.hpp"

namespace qda {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Document = std::variant<Json, CsvTable>;

struct CheckOutcome {
  bool holds = false;
  bool error = false;  // the check could not address its value (a file or path that is not there)
  std::string text;
};

struct ClaimOutcome {
  std::string id, quote, cites, kind;
  std::vector<CheckOutcome> checks;
  bool holds() const {
    return std::all_of(checks.begin(), checks.end(), [](const CheckOutcome& check) { return check.holds; });
  }
  bool error() const {
    return std::any_of(checks.begin(), checks.end(), [](const CheckOutcome& check) { return check.error; });
  }
};

// The outputs the claims read, each read once.
class Documents {
 public:
  // `reads`: what the claims read of each file, so that of a YAML file's long lists only that is held.
  Documents(fs::path dir, std::map<std::string, std::vector<ValueRead>> reads) : dir_(std::move(dir)), reads_(std::move(reads)) {}

  const Document& get(const std::string& file) {
    auto found = cache_.find(file);
    if (found != cache_.end()) return found->second;
    if (auto failed = failures_.find(file); failed != failures_.end()) throw CheckError{failed->second};
    // Whatever makes a file unreadable is the ERROR of the claims that read it, where the check's line
    // names the file; the other claims are still checked (an empty CSV stopped the whole run). It is
    // read once, whether or not it can be.
    try {
      return cache_.emplace(file, read(dir_ / file, reads_[file])).first->second;
    } catch (const CheckError& error) {
      failures_.emplace(file, error.message);
      throw;
    } catch (const Error& error) {
      const Location& where = error.where();
      const std::string at = where.line == 0   ? ""
                             : where.column == 0 ? fmt::format("line {}: ", where.line)
                                                 : fmt::format("line {}, column {}: ", where.line, where.column);
      throw CheckError{failures_.emplace(file, at + error.message()).first->second};
    }
  }

 private:
  static Document read(const fs::path& path, const std::vector<ValueRead>& reads) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool csv = extension == ".csv";
    if (!csv) {
      if (auto json = read_projected(path, ListProjection(reads))) return *std::move(json);
    }
    std::string text;
    try {
      text = read_file(path);
    } catch (const Error& error) {
      throw CheckError{error.message()};  // the check's own line names the file
    }
    if (!csv) return yaml_to_json(parse_yaml(text, path.string()), path.string());
    std::istringstream in(text);
    CsvTableReader reader(in, path.string());
    CsvTable table{reader.header(), {}};
    std::vector<std::string> row;
    while (reader.read_row(row)) table.rows.push_back(row);
    return table;
  }

  // A YAML file in the block layout qda writes, read a line at a time with its lists projected; nullopt
  // for another layout, read whole.
  static std::optional<Json> read_projected(const fs::path& path, const ListProjection& projection) {
    std::map<std::vector<std::string>, Json> lists;
    BlockYamlStreaming streaming;
    streaming.streams = [&](const std::vector<std::string>& keys) { return projection.projects(keys); };
    streaming.on_item = [&](const std::vector<std::string>& keys, Json&& item) {
      lists[keys].push_back(projection.project(keys, std::move(item)));
    };
    std::optional<Json> json = read_block_yaml_file(path, streaming);
    if (!json) return std::nullopt;
    for (auto& [keys, items] : lists) {
      Json* list = &*json;
      for (const auto& key : keys) list = &(*list)[key];
      *list = std::move(items);
    }
    return json;
  }

  fs::path dir_;
  std::map<std::string, std::vector<ValueRead>> reads_;
  std::map<std::string, Document> cache_;
  std::map<std::string, std::string> failures_;  // the files that could not be read, and why
};

// Whether a check asserts something of a value (rather than only counting).
bool compares_a_value(const YAML::Node& check) {
  return check["equals"] || check["in"] || check["at_least"] || check["at_most"] || check["within"] || check["every"];
}

// A finite number, or text wholly one. Infinity and NaN are no numbers to a claim (from_chars reads
// "nan", "-inf" and "infinity", and YAML's .inf arrives as a double): NaN failed no comparison, so a
// claim held against at_least 0.8 and at_most 0.1 at once.
std::optional<double> number_of(const Json& value) {
  double number = 0;
  if (value.is_number()) {
    number = value.get<double>();
  } else if (value.is_string()) {
    const std::string text = value.get<std::string>();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

// A scalar as text: strings as they are, booleans and null as YAML writes them, numbers as JSON does.
std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "null";
  return show(value);  // numbers as JSON writes them, and infinity and NaN as YAML does
}

// Equal as values, whichever side is text (a CSV cell is always text): two numbers, or a number and
// text that reads as one, numerically ("6" equals 6, "1.000000" equals 1); any other pair of scalars
// by their text (true equals "true"); lists and mappings exactly.
bool same(const Json& value, const Json& expected) {
  if (value.is_structured() || expected.is_structured()) return value == expected;
  const auto a = number_of(value), b = number_of(expected);
  if (a && b && (value.is_number() || expected.is_number())) return *a == *b;
  return text_of(value) == text_of(expected);
}

// A number the claims give, as their schema reads it (YAML 1.2: 0x10 is 16, which yaml-cpp's
// as<double> refused with an internal error); the schema has checked its type, refuse_non_finite
// that it is finite.
double claimed_number(const YAML::Node& node) { return yaml_to_json(node).get<double>(); }
std::size_t claimed_count(const YAML::Node& node) { return yaml_to_json(node).get<std::size_t>(); }

// Every assertion of a check on the value it addresses (and, for counts, how many items or rows there are).
CheckOutcome assert_value(const YAML::Node& check, const Json* value, std::optional<std::size_t> count, const std::string& where) {
  std::vector<std::string> failures;
  const auto need_value = [&]() -> const Json& {
    if (value == nullptr) throw CheckError{fmt::format("{}: no row matches", where)};
    return *value;
  };
  const auto need_number = [&]() {
    const auto number = number_of(need_value());
    if (!number) throw CheckError{fmt::format("{} is {}, not a number", where, show(need_value()))};
    return *number;
  };
  if (check["equals"]) {
    const Json expected = yaml_to_json(check["equals"]);
    if (!same(need_value(), expected)) failures.push_back(fmt::format("expected {}", show(expected)));
  }
  if (check["in"]) {
    const Json options = yaml_to_json(check["in"]);
    if (std::none_of(options.begin(), options.end(), [&](const Json& option) { return same(need_value(), option); })) {
      std::vector<std::string> shown;
      for (const auto& option : options) shown.push_back(show(option));
      failures.push_back(fmt::format("expected one of {}", join(shown)));
    }
  }
  if (check["at_least"] && need_number() < claimed_number(check["at_least"])) {
    failures.push_back(fmt::format("expected at least {}", check["at_least"].as<std::string>()));
  }
  if (check["at_most"] && need_number() > claimed_number(check["at_most"])) {
    failures.push_back(fmt::format("expected at most {}", check["at_most"].as<std::string>()));
  }
  if (check["within"]) {
    const double of = claimed_number(check["within"]["of"]), tolerance = claimed_number(check["within"]["tolerance"]);
    if (!(std::fabs(need_number() - of) <= tolerance)) {
      failures.push_back(fmt::format("expected within {} of {}", check["within"]["tolerance"].as<std::string>(),
                                     check["within"]["of"].as<std::string>()));
    }
  }
  if (check["every"]) {
    const Json expected = yaml_to_json(check["every"]);
    const Json& list = need_value();
    if (!list.is_array()) throw CheckError{fmt::format("{} is {}, not a list", where, show(list))};
    // An empty list would pass every `every`: a claim about every item of nothing is not evidence.
    if (list.empty()) failures.push_back(fmt::format("expected every item {}, and the list is empty", show(expected)));
    for (const auto& item : list) {
      if (same(item, expected)) continue;
      failures.push_back(fmt::format("expected every item {}, found {}", show(expected), show(item)));
      break;
    }
  }
  std::string shown_count;
  if (check["count"]) {
    if (!count) throw CheckError{fmt::format("{} is {}: nothing to count", where, value ? show(*value) : "nothing")};
    shown_count = fmt::format(" (count {})", *count);
    const YAML::Node bounds = check["count"];
    if (bounds["equals"] && *count != claimed_count(bounds["equals"])) failures.push_back(fmt::format("expected count {}", claimed_count(bounds["equals"])));
    if (bounds["at_least"] && *count < claimed_count(bounds["at_least"])) {
      failures.push_back(fmt::format("expected count at least {}", claimed_count(bounds["at_least"])));
    }
    if (bounds["at_most"] && *count > claimed_count(bounds["at_most"])) {
      failures.push_back(fmt::format("expected count at most {}", claimed_count(bounds["at_most"])));
    }
  }
  const std::string actual = value != nullptr ? " = " + show(*value) : "";
  if (failures.empty()) return {true, false, where + actual + shown_count};
  return {false, false, fmt::format("{}{}{}: {}", where, actual, shown_count, join(failures, "; "))};
}

CheckOutcome run_one(const YAML::Node& check, Documents& documents) {
  const std::string file = check["file"].as<std::string>();
  try {
    const Document& document = documents.get(file);
    if (const auto* table = std::get_if<CsvTable>(&document)) {
      std::map<std::string, std::string> where;
      if (check["rows"]) {
        for (const auto& entry : check["rows"]) where.emplace(entry.first.as<std::string>(), entry.second.as<std::string>());
      }
      std::vector<std::string> shown;
      for (const auto& [column, value] : where) shown.push_back(column + "=" + value);
      const auto rows = select_rows(*table, where);
      std::string place = file + " rows [" + join(shown, ", ") + "]";
      std::optional<Json> value;
      if (check["column"]) {
        const std::string column = check["column"].as<std::string>();
        const auto found = std::find(table->header.begin(), table->header.end(), column);
        if (found == table->header.end()) throw CheckError{fmt::format("{} has no column '{}'", file, column)};
        place += " column " + column;
        if (!rows.empty()) value = (*rows.front())[static_cast<std::size_t>(found - table->header.begin())];
      }
      if (!check["column"] && compares_a_value(check)) {
        throw CheckError{"a CSV check compares a value only with `column` (which cell of the first row selected); without it, only `count`"};
      }
      return assert_value(check, value ? &*value : nullptr, rows.size(), place);
    }
    if (check["rows"] || check["column"]) throw CheckError{fmt::format("{} is not a CSV file: rows and column select CSV rows", file)};
    const std::string path = check["path"] ? check["path"].as<std::string>() : "";
    const Json& value = resolve_pointer(std::get<Json>(document), path);
    std::optional<std::size_t> count;
    if (value.is_array() || value.is_object()) count = value.size();
    return assert_value(check, &value, count, file + " " + (path.empty() ? "/" : path));
  } catch (const CheckError& error) {
    return {false, true, error.message.rfind(file, 0) == 0 ? error.message : file + ": " + error.message};
  }
}

// Whether `path` is the file or pipe standard output writes to. A device (/dev/null, a terminal) is
// not refused: nothing is lost in the one, and the other only shows both.
bool is_standard_output(const std::string& path) {
  struct stat out {}, named {};
  return ::fstat(STDOUT_FILENO, &out) == 0 && ::stat(path.c_str(), &named) == 0 && out.st_dev == named.st_dev &&
         out.st_ino == named.st_ino && (S_ISREG(named.st_mode) || S_ISFIFO(named.st_mode) || S_ISSOCK(named.st_mode));
}

// An expected value of .inf or .nan: no output of qda holds one (JSON has neither), and read as JSON
// they became null, so `equals: .nan` held against an undefined coefficient.
void refuse_non_finite(const YAML::Node& node, const std::string& file) {
  if (node.IsScalar() && node.Tag() == "?") {
    // As YAML 1.2 reads a plain scalar: .inf, .Inf, .INF (signed or not) and .nan, .NaN, .NAN are
    // floats, the only ones with a letter i or n; `.iNf` and `-.nan` are texts.
    const std::string& text = node.Scalar();
    if (plain_scalar_type(text) == PlainScalar::Float && text.find_first_of("iInN") != std::string::npos) {
      throw invalid_input(fmt::format("{} is not a finite number; expected a number, a text or ~ (qda's outputs hold no "
                                      "infinity or NaN)",
                                      node.Scalar()),
                          location_of(node, file));
    }
  }
  if (node.IsSequence()) {
    for (const auto& item : node) refuse_non_finite(item, file);
  }
  if (node.IsMap()) {
    for (const auto& entry : node) refuse_non_finite(entry.second, file);
  }
}

std::string junit(const std::vector<ClaimOutcome>& claims, const std::string& suite) {
  std::size_t failures = 0, errors = 0;
  for (const auto& claim : claims) {
    if (claim.error()) ++errors;
    else if (!claim.holds()) ++failures;
  }
  pugi::xml_document xml;
  auto declaration = xml.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto suites = xml.append_child("testsuites");
  suites.append_attribute("name") = "qda-check";
  suites.append_attribute("tests") = static_cast<unsigned long long>(claims.size());
  suites.append_attribute("failures") = static_cast<unsigned long long>(failures);
  suites.append_attribute("errors") = static_cast<unsigned long long>(errors);
  auto testsuite = suites.append_child("testsuite");
  testsuite.append_attribute("name") = xml_1_0_text(suite).c_str();
  testsuite.append_attribute("tests") = static_cast<unsigned long long>(claims.size());
  testsuite.append_attribute("failures") = static_cast<unsigned long long>(failures);
  testsuite.append_attribute("errors") = static_cast<unsigned long long>(errors);
  testsuite.append_attribute("skipped") = 0;
  for (const auto& claim : claims) {
    auto testcase = testsuite.append_child("testcase");
    // Every text from the claims or the outputs as XML 1.0 can carry it (pugixml writes a control
    // character as a reference, which XML 1.0 forbids too: the file would not parse).
    testcase.append_attribute("classname") = xml_1_0_text("claims." + (claim.kind.empty() ? std::string("claim") : claim.kind)).c_str();
    testcase.append_attribute("name") = xml_1_0_text(claim.id).c_str();
    std::vector<std::string> lines;
    for (const auto& check : claim.checks) lines.push_back((check.holds ? "holds: " : check.error ? "error: " : "fails: ") + check.text);
    if (!claim.holds()) {
      auto problem = testcase.append_child(claim.error() ? "error" : "failure");
      // The message is the first error (what could not be read), else the first failed check.
      std::string first;
      for (const auto& check : claim.checks) {
        if (check.error && first.empty()) first = check.text;
      }
      for (const auto& check : claim.checks) {
        if (!check.holds && first.empty()) first = check.text;
      }
      problem.append_attribute("message") = xml_1_0_text(first).c_str();
      problem.append_attribute("type") = claim.error() ? "MissingValue" : "ClaimFailed";
      problem.append_child(pugi::node_pcdata).set_value(xml_1_0_text(join(lines, "\n")).c_str());
    }
    // The quote, then where it is from (claims_junit.hpp). Line ends as LF: an XML reader reads a CR
    // as a line feed, so a lone CR before "— " would become the line qda-report cuts at.
    const std::string quote = normalize_newlines(claim.quote);
    std::string cites = normalize_newlines(claim.cites);
    std::replace(cites.begin(), cites.end(), '\n', ' ');
    const bool cites_line = !cites.empty() || quote.find(kJunitCitesLine) != std::string::npos;
    auto out = testcase.append_child("system-out");
    out.append_child(pugi::node_pcdata).set_value(xml_1_0_text(quote + (cites_line ? std::string(kJunitCitesLine) + cites : std::string())).c_str());
  }
  std::ostringstream text;
  xml.save(text, "  ", pugi::format_default, pugi::encoding_utf8);
  return text.str();
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out) {
  if (options.claims.empty()) throw usage_error("give claims.yaml");
  // The claims' lines go to standard output: a JUnit report there would be XML with lines after it,
  // whether it is named '-', /dev/stdout, or the file standard output is redirected to.
  if (options.junit == "-" || is_standard_output(options.junit)) {
    throw usage_error(fmt::format("--junit {} and the claims' lines both write to standard output; expected another file for --junit",
                                  options.junit));
  }
  const YAML::Node document = load_yaml_file(options.claims, "claims");
  std::set<std::string> ids;
  for (const auto& claim : document["claims"]) {
    if (!ids.insert(claim["id"].as<std::string>()).second) {
      throw invalid_input(fmt::format("claim '{}' comes twice", claim["id"].as<std::string>()), location_of(claim["id"], options.claims));
    }
    for (const auto& check : claim["checks"]) {
      if (!compares_a_value(check) && !check["count"]) {
        throw invalid_input("a check needs an assertion: equals, in, at_least, at_most, within, every or count",
                            location_of(check, options.claims));
      }
      refuse_non_finite(check, options.claims);
    }
  }
  // The JUnit report may overwrite neither the claims nor any output they read.
  if (!options.junit.empty()) {
    std::vector<fs::path> read = {options.claims};
    for (const auto& claim : document["claims"]) {
      for (const auto& check : claim["checks"]) read.push_back(fs::path(options.dir) / check["file"].as<std::string>());
    }
    InputGuard(read).check(options.junit);
  }
  std::map<std::string, std::vector<ValueRead>> reads;
  for (const auto& claim : document["claims"]) {
    for (const auto& check : claim["checks"]) {
      reads[check["file"].as<std::string>()].push_back({check["path"] ? check["path"].as<std::string>() : "", compares_a_value(check)});
    }
  }
  Documents documents(options.dir, std::move(reads));
  std::vector<ClaimOutcome> claims;
  for (const auto& claim : document["claims"]) {
    ClaimOutcome outcome{claim["id"].as<std::string>(), claim["quote"].as<std::string>(),
                         claim["cites"] ? claim["cites"].as<std::string>() : "", claim["kind"] ? claim["kind"].as<std::string>() : "", {}};
    for (const auto& check : claim["checks"]) outcome.checks.push_back(run_one(check, documents));
    std::vector<std::string> texts;
    for (const auto& check : outcome.checks) texts.push_back(check.text);
    out << fmt::format("{} {}: {}\n", outcome.holds() ? "PASS" : outcome.error() ? "ERROR" : "FAIL", outcome.id, join(texts, "; "));
    claims.push_back(std::move(outcome));
  }
  const std::size_t failed = static_cast<std::size_t>(std::count_if(claims.begin(), claims.end(), [](const auto& c) { return !c.holds(); }));
  if (!options.junit.empty()) {
    OutputSet outputs;
    outputs.add(options.junit).stream() << junit(claims, fs::path(options.claims).filename().string());
    outputs.commit_all();
  }
  if (failed == 0) spdlog::info("all {} claims hold", claims.size());
  else spdlog::warn("{} of {} claims do not hold", failed, claims.size());
  return failed == 0 ? kExitOk : 1;
}

}  // namespace qda
