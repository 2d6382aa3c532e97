// The counts per code and coder are kept as the segments stream past; the ratios, alpha and the
// tables are worked out at the end. Alpha comes from qda-agree's krippendorff_alpha over the pairs of
// stances, so qda-code and qda-agree give the same value for the same units.
#include "qda/evaluation.hpp"

#include <fmt/format.h>

#include "qda/agreement.hpp"
#include "qda/csv.hpp"
#include "qda/strings.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

namespace {

std::optional<double> ratio(std::size_t numerator, std::size_t denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string text_of(const std::optional<double>& value) { return value ? fmt::format("{:.3f}", *value) : "-"; }
std::string decimal_of(const std::optional<double>& value) { return value ? decimal(*value) : ""; }

constexpr std::string_view kAllCodes = "all codes";

}  // namespace

std::optional<double> PresenceCounts::precision() const { return ratio(both, auto_count()); }
std::optional<double> PresenceCounts::recall() const { return ratio(both, human_count()); }
std::optional<double> PresenceCounts::f1() const { return ratio(2 * both, auto_count() + human_count()); }

Evaluation::Evaluation(const Codebook& codebook, std::vector<std::string> coders) : codebook_(codebook), coders_(std::move(coders)) {}

void Evaluation::add(std::size_t code, std::string_view auto_stance, const std::vector<std::string_view>& coder_stances) {
  const std::size_t stances = codebook_.stances.values.size();
  auto& per_coder = counts_[code];
  per_coder.resize(coders_.size(), Counts{{}, std::vector<std::size_t>(stances * stances, 0)});
  for (std::size_t c = 0; c < coders_.size(); ++c) {
    Counts& counts = per_coder[c];
    const std::string_view human = coder_stances[c];
    if (!auto_stance.empty() && !human.empty()) {
      ++counts.presence.both;
      // Both stances are the codebook's: its reader checks the manual codings' and gives the rules' own.
      const std::size_t a = codebook_.stances.index_of(auto_stance), h = codebook_.stances.index_of(human);
      if (a < stances && h < stances) ++counts.confusion[a * stances + h];
    } else if (!auto_stance.empty()) {
      ++counts.presence.auto_only;
    } else if (!human.empty()) {
      ++counts.presence.human_only;
    }
  }
}

CoderEvaluation Evaluation::finish(const Counts& counts) const {
  const auto& values = codebook_.stances.values;
  CoderEvaluation result{counts.presence, {}};
  StanceAgreement& stance = result.stance;
  stance.confusion.assign(values.size(), std::vector<std::size_t>(values.size(), 0));
  ReliabilityDataBuilder pairs({"auto", "coder"}, "segment × code (both coded)");
  for (std::size_t a = 0; a < values.size(); ++a) {
    for (std::size_t h = 0; h < values.size(); ++h) {
      const std::size_t count = counts.confusion[a * values.size() + h];
      stance.confusion[a][h] = count;
      stance.units += count;
      if (a == h) stance.agreements += count;
      for (std::size_t k = 0; k < count; ++k) pairs.add_unit({values[a], values[h]});
    }
  }
  const AgreementResult alpha = krippendorff_alpha(std::move(pairs).build(values), Metric::Nominal);
  stance.alpha = alpha.value;
  stance.alpha_undefined_because = alpha.undefined_because;
  return result;
}

std::vector<std::pair<std::size_t, std::vector<CoderEvaluation>>> Evaluation::per_code() const {
  std::vector<std::pair<std::size_t, std::vector<CoderEvaluation>>> result;
  for (const auto& [code, per_coder] : counts_) {
    auto& entry = result.emplace_back(code, std::vector<CoderEvaluation>{});
    for (const Counts& counts : per_coder) entry.second.push_back(finish(counts));
  }
  return result;
}

std::vector<CoderEvaluation> Evaluation::overall() const {
  const std::size_t stances = codebook_.stances.values.size();
  std::vector<Counts> sums(coders_.size(), Counts{{}, std::vector<std::size_t>(stances * stances, 0)});
  for (const auto& [code, per_coder] : counts_) {
    for (std::size_t c = 0; c < coders_.size(); ++c) {
      sums[c].presence.both += per_coder[c].presence.both;
      sums[c].presence.auto_only += per_coder[c].presence.auto_only;
      sums[c].presence.human_only += per_coder[c].presence.human_only;
      for (std::size_t k = 0; k < sums[c].confusion.size(); ++k) sums[c].confusion[k] += per_coder[c].confusion[k];
    }
  }
  std::vector<CoderEvaluation> result;
  for (const Counts& counts : sums) result.push_back(finish(counts));
  return result;
}

void Evaluation::print(std::ostream& out) const {
  const auto codes = per_code();
  const auto all = overall();
  const auto each_row = [&](const auto& row) {
    for (const auto& [code, per_coder] : codes) {
      for (std::size_t c = 0; c < coders_.size(); ++c) row(codebook_.codes[code].id, coders_[c], per_coder[c]);
    }
    for (std::size_t c = 0; c < coders_.size(); ++c) row(kAllCodes, coders_[c], all[c]);
  };
  out << "presence: segments coded with the code\n";
  out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>5} {:>9} {:>7} {:>6}\n", "code", "coder", "auto", "human", "both", "precision",
                     "recall", "F1");
  each_row([&](std::string_view code, const std::string& coder, const CoderEvaluation& e) {
    const PresenceCounts& p = e.presence;
    out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>5} {:>9} {:>7} {:>6}\n", code, coder, p.auto_count(), p.human_count(), p.both,
                       text_of(p.precision()), text_of(p.recall()), text_of(p.f1()));
  });
  out << "\nstance: segments both coded with the code (Krippendorff's alpha, nominal)\n";
  out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>7}\n", "code", "coder", "both", "agree", "alpha");
  each_row([&](std::string_view code, const std::string& coder, const CoderEvaluation& e) {
    out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>7}\n", code, coder, e.stance.units, e.stance.agreements, text_of(e.stance.alpha));
  });
  const auto& values = codebook_.stances.values;
  for (std::size_t c = 0; c < coders_.size(); ++c) {
    out << fmt::format("\nstances over all codes: auto (rows) against {} (columns)\n{:<10}", coders_[c], "");
    for (const auto& value : values) out << fmt::format(" {:>9}", value);
    out << '\n';
    for (std::size_t a = 0; a < values.size(); ++a) {
      out << fmt::format("{:<10}", values[a]);
      for (std::size_t h = 0; h < values.size(); ++h) out << fmt::format(" {:>9}", all[c].stance.confusion[a][h]);
      out << '\n';
    }
  }
}

std::string Evaluation::yaml(const Provenance& provenance) const {
  const auto& values = codebook_.stances.values;
  YamlWriter out;
  out.string_entry("kind", "qda/evaluation");
  out.integer_entry("version", 1);
  out.string_entry("unit_of_comparison", "segment");
  out.flow_sequence_entry("coders", coders_);
  out.flow_sequence_entry("stances", values);
  const auto write_coders = [&](const std::vector<CoderEvaluation>& per_coder) {
    out.begin_sequence("coders");
    for (std::size_t c = 0; c < coders_.size(); ++c) {
      const CoderEvaluation& e = per_coder[c];
      out.begin_mapping_item();
      out.string_entry("coder", coders_[c]);
      out.begin_mapping("presence");
      out.integer_entry("auto", e.presence.auto_count());
      out.integer_entry("human", e.presence.human_count());
      out.integer_entry("both", e.presence.both);
      for (const auto& [key, value] : {std::pair{"precision", e.presence.precision()}, std::pair{"recall", e.presence.recall()},
                                       std::pair{"f1", e.presence.f1()}}) {
        if (value) out.number_entry(key, decimal(*value));
        else out.null_entry(key);
      }
      out.end();
      out.begin_mapping("stance");
      out.integer_entry("units", e.stance.units);
      out.integer_entry("agreements", e.stance.agreements);
      if (e.stance.alpha) {
        out.number_entry("alpha", decimal(*e.stance.alpha));
      } else {
        out.null_entry("alpha");
        out.string_entry("alpha_undefined_because", e.stance.alpha_undefined_because);
      }
      out.begin_sequence("confusion");
      for (std::size_t a = 0; a < values.size(); ++a) {
        for (std::size_t h = 0; h < values.size(); ++h) {
          if (e.stance.confusion[a][h] == 0) continue;
          out.flow_mapping_item({{"auto", yaml_string(values[a], YamlContext::Flow)},
                                 {"human", yaml_string(values[h], YamlContext::Flow)},
                                 {"count", std::to_string(e.stance.confusion[a][h])}});
        }
      }
      out.end();
      out.end();
      out.end();
    }
    out.end();
  };
  out.begin_sequence("codes");
  for (const auto& [code, per_coder] : per_code()) {
    out.begin_mapping_item();
    out.string_entry("code", codebook_.codes[code].id);
    write_coders(per_coder);
    out.end();
  }
  out.end();
  out.begin_mapping("overall");
  write_coders(overall());
  out.end();
  write_provenance(out, provenance);
  return out.text();
}

void Evaluation::write_csv(std::ostream& out) const {
  CsvWriter csv(out);
  csv.write_row({"code", "coder", "auto", "human", "both", "precision", "recall", "f1", "stance_units", "stance_agreements",
                 "stance_alpha"});
  const auto row = [&](std::string_view code, const std::string& coder, const CoderEvaluation& e) {
    const PresenceCounts& p = e.presence;
    csv.write_row(std::vector<std::string>{std::string(code), coder, std::to_string(p.auto_count()), std::to_string(p.human_count()),
                                           std::to_string(p.both), decimal_of(p.precision()), decimal_of(p.recall()),
                                           decimal_of(p.f1()), std::to_string(e.stance.units),
                                           std::to_string(e.stance.agreements), decimal_of(e.stance.alpha)});
  };
  for (const auto& [code, per_coder] : per_code()) {
    for (std::size_t c = 0; c < coders_.size(); ++c) row(codebook_.codes[code].id, coders_[c], per_coder[c]);
  }
  const auto all = overall();
  for (std::size_t c = 0; c < coders_.size(); ++c) row("", coders_[c], all[c]);
}

}  // namespace qda
