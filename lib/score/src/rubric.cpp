// Loading a rubric: the schema first, then the checks a schema cannot make, against the triangulation.
#include "qda/rubric.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/yaml.hpp"

namespace qda {

namespace {

class RubricReader {
 public:
  RubricReader(std::string file, const TriangulationFile& triangulation) : file_(std::move(file)), triangulation_(triangulation) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw invalid_input(message, location_of(node, file_));
  }

  // A number of the rubric, which must be finite: the schema lets .inf through, and an infinite
  // weight or band edge was refused only when scores.yaml was about to be written, naming that file.
  // Read as the schema reads it (YAML 1.2: 0x10 and 0o20 are numbers, which yaml-cpp's as<double>
  // refused with an internal error).
  double finite(const YAML::Node& node) const {
    const nlohmann::ordered_json value = yaml_to_json(node, file_);
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
      fail(node, fmt::format("{} is not a finite number; expected one", node.Scalar()));
    }
    return value.get<double>();
  }

  std::string code(const YAML::Node& node) const {
    const std::string id = node.as<std::string>();
    if (triangulation_.find(id) == nullptr) {
      std::vector<std::string> known;
      for (const auto& code : triangulation_.codes) known.push_back(code.id);
      fail(node, fmt::format("'{}' is not a code of {}; expected one of: {}", id, triangulation_.path.string(), join(known)));
    }
    return id;
  }

  std::vector<std::size_t> stances(const YAML::Node& node) const {
    std::vector<std::size_t> indexes;
    const auto one = [&](const YAML::Node& item) {
      const auto index = triangulation_.stance_index(item.as<std::string>());
      if (!index) {
        fail(item, fmt::format("'{}' is not a stance of the triangulation; expected one of: {}", item.as<std::string>(),
                               join(triangulation_.stances)));
      }
      indexes.push_back(*index);
    };
    if (node.IsSequence()) {
      for (const auto& item : node) one(item);
    } else {
      one(node);
    }
    return indexes;
  }

  static std::vector<Convergence> categories(const YAML::Node& node) {
    std::vector<Convergence> found;
    const auto one = [&](const YAML::Node& item) {
      for (const Convergence c : {Convergence::Agreement, Convergence::PartialAgreement, Convergence::Dissonance, Convergence::Silence,
                                  Convergence::NotAsked}) {
        if (convergence_name(c) == item.as<std::string>()) found.push_back(c);
      }
    };
    if (node.IsSequence()) {
      for (const auto& item : node) one(item);
    } else {
      one(node);
    }
    return found;
  }

  Condition condition(const YAML::Node& node) const {
    Condition condition;
    condition.where = location_of(node, file_);
    if (node.IsScalar()) return condition;  // "always" (the schema admits nothing else)
    const auto entry = *node.begin();  // the schema admits one key: the condition's kind
    const std::string kind = entry.first.as<std::string>();
    const YAML::Node body = entry.second;
    const auto bounds = [&] {
      if (body["at_least"]) condition.at_least = finite(body["at_least"]);
      if (body["at_most"]) condition.at_most = finite(body["at_most"]);
      if (condition.at_least && condition.at_most && *condition.at_least > *condition.at_most) {
        fail(body, "at_least is larger than at_most: no value can meet both");
      }
    };
    if (body.IsMap() && body["code"]) condition.code = code(body["code"]);
    if (kind == "all" || kind == "any") {
      condition.kind = kind == "all" ? Condition::Kind::All : Condition::Kind::Any;
      for (const auto& child : body) condition.children.push_back(this->condition(child));
    } else if (kind == "not") {
      condition.kind = Condition::Kind::Not;
      condition.children.push_back(this->condition(body));
    } else if (kind == "stance") {
      condition.kind = Condition::Kind::Stance;
      condition.stances = stances(body["in"]);
    } else if (kind == "stance_share") {
      condition.kind = Condition::Kind::StanceShare;
      condition.stances = stances(body["of"]);
      bounds();
      if (!condition.at_least && !condition.at_most) fail(body, "stance_share needs at_least or at_most");
    } else if (kind == "category") {
      condition.kind = Condition::Kind::Category;
      condition.categories = categories(body["in"]);
    } else if (kind == "spoke") {
      condition.kind = Condition::Kind::Spoke;
      bounds();
      if (!condition.at_least && !condition.at_most) fail(body, "spoke needs at_least or at_most");
    } else if (kind == "sources") {
      condition.kind = Condition::Kind::Sources;
      condition.stances = stances(body["holding"]);
      if (body["attribute"]) condition.attribute = body["attribute"].as<std::string>();
      bounds();
      if (!condition.at_least && !condition.at_most) fail(body, "sources needs at_least or at_most");
    } else {  // single_source
      condition.kind = Condition::Kind::SingleSource;
      condition.is = body["is"].as<bool>();
    }
    return condition;
  }

 private:
  std::string file_;
  const TriangulationFile& triangulation_;
};

ConfidenceRule confidence_rule(const YAML::Node& node, ConfidenceRule rule) {
  if (!node) return rule;
  if (node["sources_at_least"]) rule.sources_at_least = yaml_to_json(node["sources_at_least"]).get<std::size_t>();  // 0x3 too
  if (node["categories"]) rule.categories = RubricReader::categories(node["categories"]);
  return rule;
}

}  // namespace

const ScaleLevel& Rubric::level(int number) const {
  return *std::find_if(scale.begin(), scale.end(), [&](const ScaleLevel& entry) { return entry.level == number; });
}

namespace {

// A number as scores.yaml writes it, to six decimals.
double as_written(double value) {
  const std::string written = decimal(value);
  double number = value;
  std::from_chars(written.data(), written.data() + written.size(), number);
  return number;
}

}  // namespace

const VerdictBand& Rubric::band_of(double computed) const {
  // The score and the bands' edges as scores.yaml writes them, to six decimals, so that the band is the
  // one a reader derives from the written file: a weighted mean of levels that were all 3 came to
  // 2.9999999999999996, and was written 3.000000 beside the band below 3.
  const double score = as_written(computed);
  const double top = scale.back().level;
  for (const auto& band : bands) {
    const double from = as_written(band.from), below = as_written(band.below);
    if (score >= from && (score < below || (score == below && band.below == top))) return band;
  }
  return bands.back();  // load_rubric checked that the bands cover the scale
}

Rubric load_rubric(const std::filesystem::path& path, const TriangulationFile& triangulation) {
  const std::string file = path.string();
  const YAML::Node document = load_yaml_file(path, "rubric");
  const RubricReader reader(file, triangulation);
  Rubric rubric;
  if (document["title"]) rubric.title = document["title"].as<std::string>();
  if (document["source"]) rubric.source = document["source"].as<std::string>();
  for (const auto& node : document["scale"]) {
    ScaleLevel level{node["level"].as<int>(), node["name"].as<std::string>(), node["description"] ? node["description"].as<std::string>() : ""};
    if (!rubric.scale.empty() && level.level <= rubric.scale.back().level) {
      reader.fail(node["level"], fmt::format("level {} after level {}; expected the scale's levels in increasing order", level.level,
                                             rubric.scale.back().level));
    }
    rubric.scale.push_back(std::move(level));
  }
  const auto on_scale = [&](const YAML::Node& node) {
    const int level = node.as<int>();
    if (std::none_of(rubric.scale.begin(), rubric.scale.end(), [&](const ScaleLevel& entry) { return entry.level == level; })) {
      reader.fail(node, fmt::format("level {} is not on the scale ({} to {})", level, rubric.scale.front().level, rubric.scale.back().level));
    }
    return level;
  };
  std::set<std::string> seen;
  double weights = 0;
  for (const auto& node : document["indicators"]) {
    Indicator indicator;
    indicator.where = location_of(node, file);
    indicator.code = reader.code(node["code"]);
    if (!seen.insert(indicator.code).second) reader.fail(node["code"], fmt::format("indicator '{}' comes twice", indicator.code));
    indicator.name = node["name"] ? node["name"].as<std::string>() : triangulation.find(indicator.code)->name;
    if (node["weight"]) indicator.weight = reader.finite(node["weight"]);
    weights += indicator.weight;
    if (!std::isfinite(weights)) reader.fail(node["weight"], "the weights up to this one sum past what a double holds; expected smaller weights");
    std::set<int> levels;
    for (const auto& rule : node["levels"]) {
      LevelRule entry{on_scale(rule["level"]), reader.condition(rule["when"]), rule["why"] ? rule["why"].as<std::string>() : ""};
      if (!levels.insert(entry.level).second) reader.fail(rule["level"], fmt::format("level {} has two rules", entry.level));
      indicator.levels.push_back(std::move(entry));
    }
    std::sort(indicator.levels.begin(), indicator.levels.end(), [](const LevelRule& a, const LevelRule& b) { return a.level > b.level; });
    indicator.otherwise = on_scale(node["otherwise"]);
    rubric.indicators.push_back(std::move(indicator));
  }
  rubric.rollup = document["rollup"]["method"].as<std::string>();
  if (document["rollup"]["weights_sum"]) {
    rubric.weights_sum = reader.finite(document["rollup"]["weights_sum"]);
    if (std::fabs(*rubric.weights_sum - weights) > 1e-9) {
      reader.fail(document["rollup"]["weights_sum"],
                  fmt::format("the weights sum to {}, not to the declared {}", decimal(weights), decimal(*rubric.weights_sum)));
    }
  }
  // Bands: in ascending order, each starting where the last ended, from the bottom of the scale to its top.
  std::vector<std::pair<VerdictBand, YAML::Node>> bands;
  for (const auto& node : document["verdict"]["bands"]) {
    VerdictBand band{node["name"].as<std::string>(), reader.finite(node["from"]), reader.finite(node["below"]),
                     node["description"] ? node["description"].as<std::string>() : ""};
    if (!(band.from < band.below)) reader.fail(node, fmt::format("band '{}' is empty: from {} is not below {}", band.name, band.from, band.below));
    bands.emplace_back(std::move(band), node);
  }
  std::sort(bands.begin(), bands.end(), [](const auto& a, const auto& b) { return a.first.from < b.first.from; });
  const double bottom = rubric.scale.front().level, top = rubric.scale.back().level;
  if (bands.front().first.from > bottom) {
    reader.fail(bands.front().second, fmt::format("no band covers the scores from {} to {}", bottom, bands.front().first.from));
  }
  for (std::size_t k = 1; k < bands.size(); ++k) {
    const VerdictBand& previous = bands[k - 1].first;
    const VerdictBand& band = bands[k].first;
    if (band.from < previous.below) {
      reader.fail(bands[k].second, fmt::format("band '{}' (from {}) overlaps band '{}' (below {})", band.name, band.from, previous.name, previous.below));
    }
    if (band.from > previous.below) {
      reader.fail(bands[k].second, fmt::format("no band covers the scores from {} to {}", previous.below, band.from));
    }
  }
  if (bands.back().first.below < top) {
    reader.fail(bands.back().second, fmt::format("no band covers the scores from {} to the top of the scale, {}", bands.back().first.below, top));
  }
  for (auto& [band, node] : bands) rubric.bands.push_back(std::move(band));
  if (const YAML::Node confidence = document["confidence"]) {
    rubric.high = confidence_rule(confidence["high"], rubric.high);
    rubric.medium = confidence_rule(confidence["medium"], rubric.medium);
  }
  return rubric;
}

}  // namespace qda
