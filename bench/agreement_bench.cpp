// Google Benchmark of qda-agree's statistics: Krippendorff's alpha over a million units and five
// coders (every metric), 10,000 bootstrap samples on the Brebes example's two coders, and every
// coefficient of a codings run of 100 codes × 10,000 units × 5 coders with the bootstrap.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <algorithm>
#include <random>
#include <string>

#include "qda/agreement.hpp"
#include "qda/coefficient_table.hpp"
#include "qda/random.hpp"
#include "qda/reliability_data.hpp"

namespace {

// 1,000,000 units × 5 coders, five numeric categories, about 10% missing; fixed seed.
const qda::ReliabilityData& million_units() {
  static const qda::ReliabilityData data = [] {
    constexpr std::size_t kUnits = 1000000, kCoders = 5;
    std::mt19937_64 bits(2023);
    std::vector<std::int32_t> cells(kUnits * kCoders);
    for (std::size_t u = 0; u < kUnits; ++u) {
      const auto truth = static_cast<std::int32_t>(bits() % 5);
      for (std::size_t c = 0; c < kCoders; ++c) {
        const auto roll = bits() % 100;
        cells[u * kCoders + c] = roll < 10 ? qda::kMissing : roll < 80 ? truth : static_cast<std::int32_t>(bits() % 5);
      }
    }
    std::vector<qda::Category> categories;
    for (int k = 1; k <= 5; ++k) categories.push_back({std::to_string(k), static_cast<double>(k)});
    return qda::ReliabilityData(kUnits, {"a", "b", "c", "d", "e"}, std::move(categories), true, std::move(cells));
  }();
  return data;
}

// A copy that shares nothing with the original, so the summary every coefficient reads
// (ReliabilityData::summary) is built again inside the timing, as in a real run.
qda::ReliabilityData fresh_copy(const qda::ReliabilityData& data) {
  std::vector<std::int32_t> cells;
  cells.reserve(data.unit_count() * data.coder_count());
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    for (const std::int32_t cell : data.unit_values(unit)) cells.push_back(cell);
  }
  return qda::ReliabilityData(data.unit_count(), data.coders(), data.categories(), data.ordered(), std::move(cells),
                              data.unit_of_comparison());
}

void AlphaMillionUnitsFiveCoders(benchmark::State& state) {
  const auto metric = static_cast<qda::Metric>(state.range(0));
  const qda::ReliabilityData& data = million_units();
  for (auto _ : state) {
    state.PauseTiming();
    const qda::ReliabilityData fresh = fresh_copy(data);
    state.ResumeTiming();
    benchmark::DoNotOptimize(qda::krippendorff_alpha(fresh, metric));
  }
  state.SetLabel(std::string(qda::metric_name(metric)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.unit_count()));
}
BENCHMARK(AlphaMillionUnitsFiveCoders)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// The Brebes example's presence data over all codes (segment × code units, two coders), read from the
// golden copy of its agreement inputs as a ratings matrix would give it.
void BootstrapTenThousandSamplesBrebes(benchmark::State& state) {
  const std::filesystem::path ratings = std::filesystem::path(QDA_SOURCE_DIR) / "bench" / "brebes-presence.csv";
  const qda::ReliabilityData data = qda::read_ratings_input(ratings.string());
  qda::AlphaBootstrapOptions options;
  options.samples = 10000;
  options.seed = 2023;
  for (auto _ : state) {
    state.PauseTiming();
    const qda::ReliabilityData fresh = fresh_copy(data);
    state.ResumeTiming();
    benchmark::DoNotOptimize(qda::bootstrap_alpha(fresh, qda::Metric::Nominal, options));
  }
  state.SetLabel(std::to_string(data.unit_count()) + " units");
}
BENCHMARK(BootstrapTenThousandSamplesBrebes)->Unit(benchmark::kMillisecond);

// The baseline it replaced: every resample drew its M pairs one by one (a pairable value, then another
// value of its unit), as qda 0.1.0 did. Kept to compare in the same run; nominal data only.
void BootstrapTenThousandSamplesBrebesPairByPair(benchmark::State& state) {
  const std::filesystem::path ratings = std::filesystem::path(QDA_SOURCE_DIR) / "bench" / "brebes-presence.csv";
  const qda::ReliabilityData data = qda::read_ratings_input(ratings.string());
  std::vector<std::int32_t> values;
  std::vector<std::size_t> unit_start;  // where each pairable unit's values begin, plus the end
  std::vector<std::uint32_t> unit_of;
  std::size_t pairs = 0;
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    std::size_t m = 0;
    for (const std::int32_t cell : data.unit_values(unit)) m += cell != qda::kMissing;
    if (m < 2) continue;
    unit_start.push_back(values.size());
    for (const std::int32_t cell : data.unit_values(unit)) {
      if (cell == qda::kMissing) continue;
      values.push_back(cell);
      unit_of.push_back(static_cast<std::uint32_t>(unit_start.size() - 1));
    }
    pairs += m * (m - 1) / 2;
  }
  unit_start.push_back(values.size());
  const double expected = qda::krippendorff_alpha(data, qda::Metric::Nominal).expected;
  for (auto _ : state) {
    std::mt19937_64 bits(2023);
    std::vector<double> alphas(10000);
    for (double& alpha : alphas) {
      double disagreement = 0;
      for (std::size_t draw = 0; draw < pairs; ++draw) {
        const auto value = static_cast<std::size_t>(qda::uniform_index(bits, values.size()));
        const std::size_t start = unit_start[unit_of[value]];
        const std::size_t others = unit_start[unit_of[value] + 1] - start - 1;
        std::size_t partner = start + static_cast<std::size_t>(qda::uniform_index(bits, others));
        if (partner >= value) ++partner;
        disagreement += values[value] != values[partner];
      }
      alpha = 1 - (disagreement / static_cast<double>(pairs)) / expected;
    }
    std::sort(alphas.begin(), alphas.end());
    benchmark::DoNotOptimize(alphas.data());
  }
  state.SetLabel(std::to_string(data.unit_count()) + " units, the 0.1.0 draws");
}
BENCHMARK(BootstrapTenThousandSamplesBrebesPairByPair)->Unit(benchmark::kMillisecond);

// What a codings run of 100 codes over 10,000 segments and 5 coders computes: per code a presence data set
// (coded or not; a code applies to about 5% of segments, and each coder finds it 90% of the time and
// codes it by mistake 1% of the time) and a stance data set (three stances, where two or more coders
// coded it; a coder gives the segment's stance 85% of the time), then the two overall sets over every
// segment × code (1,000,000 units). Fixed seed.
struct CodingsRun {
  std::vector<qda::ReliabilityData> data_sets;
  std::size_t units = 0;
};

const CodingsRun& hundred_codes() {
  static const CodingsRun run = [] {
    constexpr std::size_t kCodes = 100, kUnits = 10000, kCoders = 5;
    const std::vector<std::string> coders = {"a", "b", "c", "d", "e"};
    const std::vector<std::string> stances = {"present", "partial", "absent"};
    std::mt19937_64 bits(18);
    const auto chance = [&](double p) { return static_cast<double>(bits() >> 11) * 0x1.0p-53 < p; };
    CodingsRun run;
    qda::ReliabilityDataBuilder overall_presence(coders, "segment × code (presence)");
    qda::ReliabilityDataBuilder overall_stance(coders, "segment × code (stance)");
    std::vector<std::string> presence(kCoders), stance(kCoders);
    for (std::size_t code = 0; code < kCodes; ++code) {
      qda::ReliabilityDataBuilder code_presence(coders, "segment (presence)");
      qda::ReliabilityDataBuilder code_stance(coders, "segment (stance)");
      for (std::size_t unit = 0; unit < kUnits; ++unit) {
        const bool applies = chance(0.05);
        const std::string& truth = stances[bits() % 3];
        std::size_t coded = 0;
        for (std::size_t c = 0; c < kCoders; ++c) {
          const bool codes = applies ? chance(0.9) : chance(0.01);
          coded += codes;
          presence[c] = codes ? "coded" : "not coded";
          stance[c] = codes ? (chance(0.85) ? truth : stances[bits() % 3]) : "";
        }
        if (coded < 2) std::fill(stance.begin(), stance.end(), std::string());
        code_presence.add_unit(presence);
        code_stance.add_unit(stance);
        overall_presence.add_unit(presence);
        overall_stance.add_unit(stance);
      }
      run.data_sets.push_back(std::move(code_presence).build({"not coded", "coded"}));
      run.data_sets.push_back(std::move(code_stance).build(stances));
    }
    run.data_sets.push_back(std::move(overall_presence).build({"not coded", "coded"}));
    run.data_sets.push_back(std::move(overall_stance).build(stances));
    for (const auto& data : run.data_sets) run.units += data.unit_count();
    return run;
  }();
  return run;
}

// Every coefficient of every data set, alpha with `samples` bootstrap samples (range(0)).
void CodingsRunHundredCodesTenThousandUnitsFiveCoders(benchmark::State& state) {
  const CodingsRun& run = hundred_codes();
  qda::CoefficientRequest request;
  request.bootstrap.emplace();
  request.bootstrap->samples = static_cast<std::size_t>(state.range(0));
  request.bootstrap->seed = 2023;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<qda::ReliabilityData> data_sets;
    for (const auto& data : run.data_sets) data_sets.push_back(fresh_copy(data));
    state.ResumeTiming();
    std::size_t values = 0;
    for (const auto& data : data_sets) values += qda::compute_coefficients(data, request).size();
    benchmark::DoNotOptimize(values);
  }
  state.SetLabel(std::to_string(run.data_sets.size()) + " data sets, " + std::to_string(run.units) + " units");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(run.units));
}
BENCHMARK(CodingsRunHundredCodesTenThousandUnitsFiveCoders)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
