// Google Benchmark of qda-agree's statistics: Krippendorff's alpha over a million units and five
// coders (every metric), and 10,000 bootstrap samples on the Brebes example's two coders.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "qda/agreement.hpp"
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
    std::vector<std::string> units(kUnits);
    for (std::size_t u = 0; u < kUnits; ++u) units[u] = std::to_string(u + 1);
    std::vector<qda::Category> categories;
    for (int k = 1; k <= 5; ++k) categories.push_back({std::to_string(k), static_cast<double>(k)});
    return qda::ReliabilityData(std::move(units), {"a", "b", "c", "d", "e"}, std::move(categories), true, std::move(cells));
  }();
  return data;
}

void AlphaMillionUnitsFiveCoders(benchmark::State& state) {
  const auto metric = static_cast<qda::Metric>(state.range(0));
  const qda::ReliabilityData& data = million_units();
  for (auto _ : state) benchmark::DoNotOptimize(qda::krippendorff_alpha(data, metric));
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
  for (auto _ : state) benchmark::DoNotOptimize(qda::bootstrap_alpha(data, qda::Metric::Nominal, options));
  state.SetLabel(std::to_string(data.unit_count()) + " units");
}
BENCHMARK(BootstrapTenThousandSamplesBrebes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
