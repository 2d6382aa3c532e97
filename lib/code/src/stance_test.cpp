// Running a stance test set: each sentence is coded alone, as a segment of its own, and its coding of
// the labelled code compared with the label.
#include "qda/stance_test.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "qda/rules.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/yaml.hpp"

namespace qda {

StanceTestSet read_stance_test_set(const std::filesystem::path& path, const Codebook& codebook) {
  const YAML::Node document = load_yaml_file(path, "stance-test-set");
  StanceTestSet set{path.string(), document["language"].as<std::string>(), {}};
  for (const auto& group : document["sentences"]) {
    const std::string construction = group.first.as<std::string>();
    for (const auto& node : group.second) {
      StanceTestSentence sentence{construction, 0, node["stance"].as<std::string>(), node["text"].as<std::string>(),
                                  location_of(node, set.file)};
      const std::string code = node["code"].as<std::string>();
      const auto found = codebook.find(code);
      if (!found || !codebook.codes[*found].codable) {
        throw invalid_input(fmt::format("unknown code '{}'; expected a codable code of the codebook", code),
                            location_of(node["code"], set.file));
      }
      sentence.code = *found;
      if (!codebook.stances.is_stance(sentence.stance)) {
        throw invalid_input(fmt::format("unknown stance '{}'; expected one of: {}", sentence.stance, fmt::join(codebook.stances.values, ", ")),
                            location_of(node["stance"], set.file));
      }
      set.sentences.push_back(std::move(sentence));
    }
  }
  return set;
}

StanceTestResult run_stance_test(const StanceTestSet& set, const Codebook& codebook) {
  const RuleIndex index(codebook);
  SegmentCoder coder(index);
  StanceTestResult result;
  result.all.construction = "all";
  std::vector<AutoCoding> codings;
  for (const StanceTestSentence& sentence : set.sentences) {
    codings.clear();
    coder.code({sentence.text, "", false, set.language}, codings);
    const auto coding = std::find_if(codings.begin(), codings.end(), [&](const AutoCoding& c) { return c.code == sentence.code; });
    const bool correct = coding != codings.end() && coding->stance == sentence.stance;
    auto score = std::find_if(result.constructions.begin(), result.constructions.end(),
                              [&](const ConstructionScore& s) { return s.construction == sentence.construction; });
    if (score == result.constructions.end()) score = result.constructions.insert(score, {sentence.construction, 0, 0});
    for (ConstructionScore* counts : {&*score, &result.all}) {
      ++counts->sentences;
      counts->correct += correct ? 1 : 0;
    }
    if (correct) continue;
    StanceTestMiss miss{&sentence, {}, {}};
    if (coding != codings.end()) {
      miss.coded = std::string(coding->stance);
      miss.cues = !coding->cues.empty() ? std::string(coding->cues) : coding->cue ? coding->cue->pattern.text : "";
    }
    result.misses.push_back(std::move(miss));
  }
  return result;
}

void print_stance_test(std::ostream& out, const StanceTestSet& set, const Codebook& codebook, const StanceTestResult& result) {
  out << fmt::format("stance test {} (language {}): {} sentences\n", set.file, set.language, result.all.sentences);
  out << fmt::format("{:<28} {:>9} {:>7} {:>8}\n", "construction", "sentences", "correct", "accuracy");
  auto rows = result.constructions;
  rows.push_back(result.all);
  for (const ConstructionScore& score : rows) {
    out << fmt::format("{:<28} {:>9} {:>7} {:>8.3f}\n", score.construction, score.sentences, score.correct,
                       static_cast<double>(score.correct) / static_cast<double>(score.sentences));
  }
  for (const StanceTestMiss& miss : result.misses) {
    const StanceTestSentence& sentence = *miss.sentence;
    const std::string coded = miss.coded.empty() ? std::string("not coded")
                                                 : fmt::format("coded {}{}", miss.coded, miss.cues.empty() ? "" : " (" + miss.cues + ")");
    out << describe(sentence.where, fmt::format("{} {}: expected {}, {}: {}", sentence.construction,
                                                codebook.codes[sentence.code].id, sentence.stance, coded,
                                                printable(sentence.text)))  // a control character in the set stays off the terminal
        << '\n';
  }
}

}  // namespace qda
