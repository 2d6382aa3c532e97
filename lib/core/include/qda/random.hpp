// Random draws that are the same on every machine and standard library: mt19937_64's bits (defined by
// the standard) mapped to indexes by qda's own rule, for the bootstraps (qda-agree, qda-score).
#pragma once

#include <cstdint>
#include <random>

namespace qda {

// A uniform index in [0, bound) from 64 random bits. std::uniform_int_distribution is not used because
// each standard library maps bits to integers its own way; here a draw below 2^64 mod bound is rejected,
// so the remaining 2^64 - (2^64 mod bound) values split evenly over the indexes and x % bound is unbiased.
inline std::uint64_t uniform_index(std::mt19937_64& bits, std::uint64_t bound) {
  if (bound <= 1) return 0;
  const std::uint64_t biased_below = (0 - bound) % bound;  // 2^64 mod bound, in unsigned arithmetic
  while (true) {
    const std::uint64_t draw = bits();
    if (draw >= biased_below) return draw % bound;
  }
}

}  // namespace qda
