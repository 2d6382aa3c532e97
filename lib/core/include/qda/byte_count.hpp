// Counting the bytes of a text that pass a test, sixteen at a time where SSE2 is there: private to
// the library (text.cpp counts bytes and code points with it, csv.cpp the bytes that need quoting).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qda {

#if defined(__SSE2__)
// The sum of sixteen 8-bit lanes, by _mm_sad_epu8 (two sums of eight lanes, each under 2^16).
inline std::size_t lane_sum(__m128i lanes) {
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
}

// How many of the last `n` (0 to 16) lanes of a block test's result are 0xFF, without a loop or a
// branch on `n` (std::popcount of a movemask would be a call into libgcc without POPCNT).
inline std::size_t count_last_lanes(__m128i passed, std::size_t n) {
  const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m128i last = _mm_cmpgt_epi8(lane, _mm_set1_epi8(static_cast<char>(15 - static_cast<int>(n))));
  return lane_sum(_mm_and_si128(_mm_and_si128(passed, last), _mm_set1_epi8(1)));
}
#endif

// How many bytes of `bytes` pass `test` (a function of the byte as unsigned char). With SSE2,
// `block_test` does the same for sixteen bytes at once, giving 0xFF for each byte that passes and 0
// for the others; the 0xFFs are counted in sixteen 8-bit lanes, summed every 255 blocks before they
// could overflow. (A plain loop adding to a size_t vectorises into 64-bit lanes, several times
// slower.) Without SSE2 `block_test` is not called, and may be anything, such as nullptr.
template <typename BlockTest, typename ByteTest>
std::size_t count_bytes_where([[maybe_unused]] BlockTest block_test, ByteTest test, std::string_view bytes) {
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  while (bytes.size() - i >= 16) {
    const std::size_t blocks = std::min<std::size_t>((bytes.size() - i) / 16, 255);
    __m128i lanes = _mm_setzero_si128();
    for (std::size_t block = 0; block < blocks; ++block, i += 16) {
      lanes = _mm_sub_epi8(lanes, block_test(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i))));
    }
    count += lane_sum(lanes);
  }
  // The last 1 to 15 bytes of a text of 16 or more: one load of its last sixteen, counting only the
  // lanes not counted above. (A loop over them would end after a number of bytes no branch predictor
  // could guess, and texts are counted in many short pieces.)
  if (i < bytes.size() && bytes.size() >= 16) {
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + bytes.size() - 16));
    count += count_last_lanes(block_test(last), bytes.size() - i);
    i = bytes.size();
  }
#endif
  for (; i < bytes.size(); ++i) count += test(static_cast<unsigned char>(bytes[i]));
  return count;
}

}  // namespace qda
