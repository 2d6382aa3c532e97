// The lint report, finding by finding, in a fixed order so that it is the same bytes for any -j.
#include "qda/lint.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "qda/text.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {

std::string describe_pattern(const TermPattern& pattern) {
  return fmt::format("{}{}{}", pattern.text, pattern.stemmed ? " (stemmed)" : "", pattern.language.empty() ? "" : " [" + pattern.language + "]");
}

// Two terms are the same claim when they match the same words the same way.
std::string term_key(const TermPattern& term) {
  std::string key;
  for (const auto& form : term.forms) key += form + ' ';
  key += term.prefix ? "*" : "";
  key += term.stemmed ? "~" + term.language : "";
  return key;
}

std::size_t unmatched_rules(std::ostream& out, const Codebook& codebook, const std::vector<std::size_t>& rule_hits) {
  std::size_t findings = 0;
  std::size_t rule_index = 0;
  for (const auto& code : codebook.codes) {
    for (const auto& rule : code.rules) {
      if (rule_index < rule_hits.size() && rule_hits[rule_index] == 0) {
        out << describe(rule.where, fmt::format("rule '{}' of code '{}' matches no segment of the corpus", rule.id, code.id)) << '\n';
        ++findings;
      }
      ++rule_index;
    }
  }
  return findings;
}

// The same words claimed by two codes: which code a passage gets would depend on rule order.
std::size_t shared_terms(std::ostream& out, const Codebook& codebook) {
  std::size_t findings = 0;
  std::map<std::string, std::vector<std::pair<std::size_t, const Rule*>>> claims;
  for (std::size_t c = 0; c < codebook.codes.size(); ++c) {
    for (const auto& rule : codebook.codes[c].rules) {
      for (const auto& term : rule.terms) {
        auto& claimants = claims[term_key(term)];
        if (claimants.empty() || claimants.back().first != c) claimants.emplace_back(c, &rule);
      }
    }
  }
  for (const auto& [key, claimants] : claims) {
    if (claimants.size() < 2) continue;
    std::string codes;
    for (const auto& [code, rule] : claimants) codes += (codes.empty() ? "" : ", ") + codebook.codes[code].id + " (rule " + rule->id + ")";
    const Rule& first = *claimants.front().second;
    const TermPattern* term = nullptr;
    for (const auto& candidate : first.terms) {
      if (term_key(candidate) == key) term = &candidate;
    }
    out << describe(first.where, fmt::format("term '{}' is claimed by {} codes: {}", term ? describe_pattern(*term) : key,
                                             claimants.size(), codes))
        << '\n';
    ++findings;
  }
  return findings;
}

// Why a word a broad pattern matched may be another word than the one the author meant, or empty:
// the term is written in capitals (a name or an acronym, such as LAPOR) and the word is not ("laporan",
// a report); or, for a wildcard, the word's stem is not the prefix's ("datang", to come, for "data*").
class OtherWordTest {
 public:
  std::string reason(const TermPattern& term, const std::string& word) {
    if (written_in_capitals(term.text) && !written_in_capitals(word)) return "not in capitals";
    if (term.prefix && term.forms.size() == 1) {
      Stemmer* stemmer = stemmer_for(term.language);
      if (stemmer != nullptr && stemmer->stem_uncached(case_fold(word)) != stemmer->stem_uncached(term.forms.back())) return "another stem";
    }
    return {};
  }

 private:
  Stemmer* stemmer_for(const std::string& language) {
    auto& stemmer = stemmers_[language];
    if (!stemmer && !snowball_algorithm(language).empty()) stemmer = std::make_unique<Stemmer>(language);
    return stemmer.get();
  }
  std::map<std::string, std::unique_ptr<Stemmer>> stemmers_;
};

// Every stemmed term and wildcard that matched a word other than itself, with all it matched.
std::size_t broad_patterns(std::ostream& out, const RuleIndex& index, const std::vector<SegmentCoder::WordCounts>& matched) {
  std::size_t findings = 0;
  OtherWordTest test;
  const auto& patterns = index.broad_patterns();
  for (std::size_t p = 0; p < patterns.size() && p < matched.size(); ++p) {
    const BroadPattern& pattern = patterns[p];
    if (pattern.term == nullptr || matched[p].empty()) continue;
    std::vector<std::pair<std::string, std::size_t>> words(matched[p].begin(), matched[p].end());
    std::string_view written = trim(pattern.term->text);
    if (pattern.term->prefix) written.remove_suffix(1);  // the '*'
    const std::string itself = case_fold(written);
    const bool only_itself = std::all_of(words.begin(), words.end(), [&](const auto& word) { return case_fold(word.first) == itself; });
    if (only_itself) continue;
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string listed;
    std::size_t flagged = 0;
    for (const auto& [word, count] : words) {
      const std::string reason = test.reason(*pattern.term, word);
      listed += fmt::format("{}{} {}{}", listed.empty() ? "" : ", ", word, count, reason.empty() ? "" : " [" + reason + "]");
      flagged += reason.empty() ? 0 : 1;
    }
    const char* what = pattern.term->prefix ? "wildcard" : "stemmed term";
    out << describe(pattern.where, fmt::format("{} '{}' [{}] of {} matches {} distinct word{}{}: {}", what, pattern.term->text,
                                               pattern.term->language, pattern.owner, words.size(), words.size() == 1 ? "" : "s",
                                               flagged == 0 ? "" : fmt::format(", {} of them perhaps other words", flagged), listed))
        << '\n';
    findings += flagged == 0 ? 0 : 1;
  }
  return findings;
}

}  // namespace

void print_lint(std::ostream& out, const Codebook& codebook, const RuleIndex* index, const LintFacts& facts) {
  std::size_t findings = unmatched_rules(out, codebook, facts.rule_hits);
  findings += shared_terms(out, codebook);
  if (index != nullptr) findings += broad_patterns(out, *index, facts.matched_words);
  for (std::size_t c = 0; c < codebook.codes.size(); ++c) {
    const Code& code = codebook.codes[c];
    if (code.codable && code.rules.empty() && facts.manually_coded.count(c) == 0) {
      out << describe(code.where, fmt::format("code '{}' has no rules and no manual codings", code.id)) << '\n';
      ++findings;
    }
  }
  out << fmt::format("lint: {} finding{}\n", findings, findings == 1 ? "" : "s");
}

}  // namespace qda
