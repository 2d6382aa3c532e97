// Loading a codebook: schema validation first, then the checks a schema cannot express (unique
// ids, known stances, RE2 compiles, NEAR has two operands), then the rules compiled for matching.
#include "qda/codebook.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "qda/regex_bytes.hpp"
#include "qda/text.hpp"
#include "qda/term_pattern.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/yaml.hpp"

namespace qda {

bool SpeakerFilter::admits(const std::string& speaker, bool interviewer) const {
  switch (mode) {
    case Mode::Participants: return !interviewer;
    case Mode::Interviewers: return interviewer;
    case Mode::All: return true;
    case Mode::Named: return names.count(speaker) > 0;
  }
  return false;
}

bool StanceVocabulary::is_stance(const std::string& value) const { return index_of(value) < values.size(); }

std::size_t StanceVocabulary::index_of(std::string_view value) const {
  return static_cast<std::size_t>(std::find(values.begin(), values.end(), value) - values.begin());
}

std::optional<std::size_t> Codebook::find(std::string_view id_or_path) const {
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].id == id_or_path || codes[i].path == id_or_path) return i;
  }
  return std::nullopt;
}

namespace {

class CodebookLoader {
 public:
  explicit CodebookLoader(std::string file) : file_(std::move(file)) {}

  Codebook load(const YAML::Node& document) {
    codebook_.title = document["title"] ? document["title"].as<std::string>() : "";
    if (document["languages"]) codebook_.languages = document["languages"].as<std::vector<std::string>>();
    load_stances(document["stances"]);
    for (const auto& code : document["codes"]) load_code(code, std::nullopt, 1);
    return std::move(codebook_);
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw invalid_input(message, location_of(node, file_));
  }

  void check_stance(const YAML::Node& node) const {
    const std::string stance = node.as<std::string>();
    if (!codebook_.stances.is_stance(stance)) {
      fail(node, fmt::format("unknown stance '{}'; expected one of: {}", stance, join(codebook_.stances.values)));
    }
  }

  void load_stances(const YAML::Node& stances) {
    StanceVocabulary& vocabulary = codebook_.stances;
    if (!stances) {
      // Without a stance vocabulary every coding says only that the code applies.
      vocabulary.values = {"present"};
      vocabulary.default_stance = "present";
      return;
    }
    vocabulary.values = stances["values"].as<std::vector<std::string>>();
    vocabulary.default_stance = stances["default"].as<std::string>();
    check_stance(stances["default"]);
    if (const YAML::Node scope = stances["scope"]; scope && scope.IsMap()) {
      vocabulary.scope = StanceScope::Window;
      vocabulary.window = scope["window"].as<int>();
    } else if (scope && scope.as<std::string>() == "clause") {
      vocabulary.scope = StanceScope::Clause;
    }
    if (stances["mixed"]) {
      check_stance(stances["mixed"]);
      vocabulary.mixed = stances["mixed"].as<std::string>();
    }
    if (stances["answer"] && vocabulary.scope == StanceScope::Window) {
      fail(stances["answer"], "answer stances are read from the sentences of an answer that name no other code, so they need "
                              "'scope: sentence' or 'scope: clause'");
    }
    for (const auto& stance : stances["answer"]) {
      check_stance(stance);
      vocabulary.answer.push_back(vocabulary.index_of(stance.as<std::string>()));
    }
    load_clause_model(stances);
    for (const auto& cue : stances["cues"]) load_cue(cue);
  }

  // The clause punctuation and the language profiles: clauses are found only with scope: clause.
  void load_clause_model(const YAML::Node& stances) {
    StanceVocabulary& vocabulary = codebook_.stances;
    const bool clauses = vocabulary.scope == StanceScope::Clause;
    const auto only_with_clauses = [&](const YAML::Node& node, const std::string& what) {
      if (!clauses) fail(node, fmt::format("{} cut sentences into clauses, so they need 'scope: clause'", what));
    };
    if (const YAML::Node punctuation = stances["clause_punctuation"]) {
      only_with_clauses(punctuation, "clause_punctuation marks");
      vocabulary.clause_punctuation = punctuation.as<std::vector<std::string>>();
      for (const auto& mark : punctuation) check_punctuation(mark);
    } else if (clauses) {
      vocabulary.clause_punctuation = {",", ";", ":"};
    }
    for (const auto& entry : stances["languages"]) {
      LanguageProfile profile;
      profile.language = entry.first.as<std::string>();
      const YAML::Node& fields = entry.second;
      if (fields["governs"]) profile.governs = governs_of(fields["governs"]);
      for (const char* key : {"boundaries", "contrast"}) {
        if (!fields[key]) continue;
        only_with_clauses(fields[key], fmt::format("the {} words of language '{}'", key, profile.language));
        auto& words = std::string_view(key) == "boundaries" ? profile.boundaries : profile.contrasts;
        for (const auto& word : fields[key]) words.push_back(compile_checked(word, profile.language, false));
      }
      vocabulary.languages.push_back(std::move(profile));
    }
  }

  // A clause mark is punctuation or a symbol: a letter or digit would cut words.
  void check_punctuation(const YAML::Node& node) const {
    const std::string mark = node.as<std::string>();
    if (!compile_term(mark, "und", false).forms.empty()) {
      fail(node, fmt::format("clause punctuation '{}' has letters or digits; expected marks such as ',' or ';'", mark));
    }
  }

  static Governs governs_of(const YAML::Node& node) {
    const std::string side = node.as<std::string>();
    return side == "before" ? Governs::Before : side == "after" ? Governs::After : Governs::Both;
  }

  // The profile of a language tag: the same tag, else the same primary subtag ("en-GB" finds "en").
  const LanguageProfile* profile_of(const std::string& language) const {
    const auto primary = [](std::string_view tag) { return tag.substr(0, tag.find('-')); };
    const LanguageProfile* found = nullptr;
    for (const auto& profile : codebook_.stances.languages) {
      if (profile.language == language) return &profile;
      if (found == nullptr && primary(profile.language) == primary(language)) found = &profile;
    }
    return found;
  }

  void load_cue(const YAML::Node& node) {
    StanceVocabulary& vocabulary = codebook_.stances;
    const std::string kind_name = node["kind"] ? node["kind"].as<std::string>() : "stance";
    const CueKind kind = kind_name == "negation"   ? CueKind::Negation
                         : kind_name == "modality" ? CueKind::Modality
                         : kind_name == "neutral"  ? CueKind::Neutral
                                                   : CueKind::Stance;
    if (kind == CueKind::Negation && vocabulary.scope == StanceScope::Window) {
      fail(node["kind"], "a negation negates the next cue of its clause, so it needs 'scope: sentence' or 'scope: clause'");
    }
    std::string stance;
    if (node["stance"]) {
      check_stance(node["stance"]);
      stance = node["stance"].as<std::string>();
    }
    std::shared_ptr<const std::vector<std::size_t>> flips;
    if (node["flips"]) flips = flips_of(node["flips"]);
    const bool stem = node["stem"] && node["stem"].as<bool>();
    for (const auto& [language, term] : terms_of(node["terms"])) {
      Cue cue{kind, stance, Governs::Both, kUnlimitedReach, flips, compile_checked(term, language, stem), location_of(term, file_)};
      if (node["reach"]) cue.reach = node["reach"].as<int>();
      if (node["governs"]) cue.governs = governs_of(node["governs"]);
      else if (const LanguageProfile* profile = profile_of(language)) cue.governs = profile->governs;
      vocabulary.cues.push_back(std::move(cue));
    }
  }

  // flips: {present: absent, absent: present}, as indexes: flips[s] is what stance s becomes.
  std::shared_ptr<const std::vector<std::size_t>> flips_of(const YAML::Node& node) const {
    const StanceVocabulary& vocabulary = codebook_.stances;
    std::vector<std::size_t> flips(vocabulary.values.size());
    for (std::size_t s = 0; s < flips.size(); ++s) flips[s] = s;
    for (const auto& entry : node) {
      check_stance(entry.first);
      check_stance(entry.second);
      flips[vocabulary.index_of(entry.first.as<std::string>())] = vocabulary.index_of(entry.second.as<std::string>());
    }
    return std::make_shared<const std::vector<std::size_t>>(std::move(flips));
  }

  std::vector<std::pair<std::string, YAML::Node>> terms_of(const YAML::Node& by_language) const {
    std::vector<std::pair<std::string, YAML::Node>> terms;
    for (const auto& entry : by_language) {
      for (const auto& term : entry.second) terms.emplace_back(entry.first.as<std::string>(), term);
    }
    return terms;
  }

  TermPattern compile_checked(const YAML::Node& term, const std::string& language, bool stem) const {
    TermPattern pattern;
    try {
      pattern = compile_term(term.as<std::string>(), language, stem);
    } catch (const Error& error) {
      fail(term, error.message());
    }
    if (pattern.forms.empty()) fail(term, fmt::format("term '{}' has no words to match", term.as<std::string>()));
    return pattern;
  }

  SpeakerFilter speakers_of(const YAML::Node& node) const {
    SpeakerFilter filter;
    if (!node) return filter;
    if (node.IsSequence()) {
      filter.mode = SpeakerFilter::Mode::Named;
      for (const auto& name : node) filter.names.insert(name.as<std::string>());
      return filter;
    }
    const std::string mode = node.as<std::string>();
    filter.mode = mode == "all"            ? SpeakerFilter::Mode::All
                  : mode == "interviewers" ? SpeakerFilter::Mode::Interviewers
                                           : SpeakerFilter::Mode::Participants;
    return filter;
  }

  // "A NEAR/5 B", each operand a word, a "quoted phrase" or a prefix* wildcard.
  void parse_near(const YAML::Node& node, const std::string& language, bool stem, Rule& rule) const {
    static const std::regex near(R"(^\s*(.*?)\s*\bNEAR/(\d+)\b\s*(.*?)\s*$)");
    const std::string text = node.as<std::string>();
    std::smatch match;
    if (!std::regex_match(text, match, near)) {
      fail(node, fmt::format("'{}' is not a proximity rule; expected 'A NEAR/n B'", text));
    }
    const auto operand = [&](std::string value) {
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    };
    const std::string left = operand(match[1].str()), right = operand(match[3].str());
    if (left.empty() || right.empty()) {
      fail(node, fmt::format("NEAR in '{}' needs an operand on each side; expected 'A NEAR/n B'", text));
    }
    static const std::regex another_near(R"(\bNEAR/\d+\b)");
    if (std::regex_search(left, another_near) || std::regex_search(right, another_near)) {
      fail(node, fmt::format("'{}' has more than one NEAR; expected 'A NEAR/n B', one NEAR a rule (two rules for a chain)", text));
    }
    const std::string distance = match[2].str();
    if (distance.size() > 4 || std::stoi(distance) > 1000) fail(node, "NEAR distance is too large; expected at most 1000 words");
    rule.near_distance = std::stoi(distance);
    try {
      rule.near_left = compile_term(left, language, stem);
      rule.near_right = compile_term(right, language, stem);
    } catch (const Error& error) {
      fail(node, error.message());
    }
    if (rule.near_left.forms.empty() || rule.near_right.forms.empty()) {
      fail(node, fmt::format("NEAR in '{}' has an operand with no words", text));
    }
  }

  void load_rule(const YAML::Node& node, std::size_t index, Code& code) {
    Rule rule;
    rule.where = location_of(node, file_);
    rule.id = node["id"] ? node["id"].as<std::string>() : fmt::format("{}#{}", code.id, index + 1);
    if (!rule_ids_.emplace(rule.id, rule.where).second) {
      fail(node["id"] ? node["id"] : node, fmt::format("rule id '{}' is used twice (first at line {})", rule.id,
                                                       rule_ids_.at(rule.id).line));
    }
    const bool stem = node["stem"] && node["stem"].as<bool>();
    rule.speakers = speakers_of(node["speakers"]);
    if (node["stance"]) {
      check_stance(node["stance"]);
      rule.stance = node["stance"].as<std::string>();
    }
    if (node["terms"]) {
      rule.kind = RuleKind::Terms;
      for (const auto& [language, term] : terms_of(node["terms"])) rule.terms.push_back(compile_checked(term, language, stem));
    } else if (node["regex"]) {
      rule.kind = RuleKind::Regex;
      rule.regex_text = node["regex"].as<std::string>();
      RE2::Options options;
      options.set_log_errors(false);
      auto regex = std::make_shared<RE2>(rule.regex_text, options);
      if (!regex->ok()) {
        fail(node["regex"], fmt::format("rule '{}': RE2 rejects the regular expression: {}", rule.id, regex->error()));
      }
      if (matches_single_bytes(rule.regex_text)) {
        fail(node["regex"], fmt::format("rule '{}': \\C matches a single byte, which can split a character in two; expected "
                                        "a pattern of whole characters (. matches any one)",
                                        rule.id));
      }
      if (RE2::PartialMatch("", *regex)) {
        fail(node["regex"], fmt::format("rule '{}': the regular expression matches the empty string, so it would code "
                                        "every segment; expected a pattern that needs at least one character",
                                        rule.id));
      }
      rule.regex = std::move(regex);
    } else {
      rule.kind = RuleKind::Near;
      const std::string language = node["language"] ? node["language"].as<std::string>()
                                   : codebook_.languages.empty() ? "und" : codebook_.languages.front();
      parse_near(node["near"], language, stem, rule);
    }
    if (node["unless"]) {
      for (const auto& [language, term] : terms_of(node["unless"])) rule.unless.push_back(compile_checked(term, language, stem));
    }
    code.rules.push_back(std::move(rule));
  }

  void load_code(const YAML::Node& node, std::optional<std::size_t> parent, std::size_t depth) {
    if (depth > kMaxCodeDepth) fail(node, fmt::format("a code nested {} levels deep; expected sub-codes at most {} levels deep", depth, kMaxCodeDepth));
    Code code;
    code.where = location_of(node, file_);
    code.id = node["id"].as<std::string>();
    if (const auto existing = codebook_.find(code.id); existing && codebook_.codes[*existing].id == code.id) {
      fail(node["id"], fmt::format("code id '{}' is used twice (first at line {})", code.id,
                                   codebook_.codes[*existing].where.line));
    }
    code.name = node["name"].as<std::string>();
    code.path = parent ? codebook_.codes[*parent].path + "/" + code.id : code.id;
    code.parent = parent;
    const auto text = [&](const char* key) { return node[key] ? node[key].as<std::string>() : std::string(); };
    code.definition = text("definition");
    code.include = text("include");
    code.exclude = text("exclude");
    code.colour = text("colour");
    code.guid = text("guid");
    std::transform(code.guid.begin(), code.guid.end(), code.guid.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (!code.guid.empty()) {
      const auto [first, added] = guids_.emplace(code.guid, code.where.line);
      if (!added) fail(node["guid"], fmt::format("code GUID {} is used twice (first at line {}); expected one GUID a code", code.guid, first->second));
    }
    if (node["examples"]) code.examples = node["examples"].as<std::vector<std::string>>();
    code.codable = !node["codable"] || node["codable"].as<bool>();
    code.default_stance = codebook_.stances.default_stance;
    if (node["default_stance"]) {
      check_stance(node["default_stance"]);
      code.default_stance = node["default_stance"].as<std::string>();
      code.own_default_stance = true;
    }
    if (node["rules"] && !code.codable) fail(node["rules"], fmt::format("code '{}' is not codable but has rules", code.id));
    std::size_t index = 0;
    for (const auto& rule : node["rules"]) load_rule(rule, index++, code);
    codebook_.codes.push_back(std::move(code));
    const std::size_t self = codebook_.codes.size() - 1;
    for (const auto& child : node["codes"]) load_code(child, self, depth + 1);
  }

  std::string file_;
  Codebook codebook_;
  std::map<std::string, Location> rule_ids_;
  std::map<std::string, std::size_t> guids_;  // REFI-QDA GUIDs of codes, with the line of each
};

}  // namespace

bool is_qdc_path(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".qdc";
}

Codebook load_codebook(const std::filesystem::path& path) {
  if (is_qdc_path(path)) return load_qdc_codebook(path);
  const YAML::Node document = load_yaml_file(path, "codebook");
  return CodebookLoader(path.string()).load(document);
}

}  // namespace qda
