// Sixteen bytes at a time: the SSE2 idioms qda's scanners share, and the switch between them and the
// plain loops beside them. QDA_SSE2 is 1 where the compiler targets SSE2 (every x86-64) unless the
// build defines QDA_SCALAR (cmake -DQDA_SCALAR=ON, the "scalar" preset), which compiles every
// scalar fallback instead so that CI tests the code paths x86-64 never takes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__) && !defined(QDA_SCALAR)
#define QDA_SSE2 1
#include <emmintrin.h>
#else
#define QDA_SSE2 0
#endif

namespace qda::simd {

#if QDA_SSE2
using Block = __m128i;

// Sixteen bytes from (or to) any address, aligned or not.
template <typename T>
Block load(const T* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }
template <typename T>
void store(T* at, Block block) { _mm_storeu_si128(reinterpret_cast<__m128i*>(at), block); }
// One bit per byte: its top bit (set for non-ASCII bytes, and for the 0xFF of a test that passed).
inline std::uint32_t top_bits(Block block) { return static_cast<std::uint32_t>(_mm_movemask_epi8(block)); }
// 0xFF where the byte is `byte`, 0 elsewhere.
inline Block equal(Block block, char byte) { return _mm_cmpeq_epi8(block, _mm_set1_epi8(byte)); }
// 0xFF where the byte, read as signed, lies in [low, high].
inline Block between(Block block, char low, char high) {
  return _mm_and_si128(_mm_cmpgt_epi8(block, _mm_set1_epi8(static_cast<char>(low - 1))),
                       _mm_cmplt_epi8(block, _mm_set1_epi8(static_cast<char>(high + 1))));
}

// The sum of sixteen 8-bit lanes, by _mm_sad_epu8 (two sums of eight lanes, each under 2^16).
inline std::size_t lane_sum(Block lanes) {
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
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
#if QDA_SSE2
  while (bytes.size() - i >= 16) {
    const std::size_t blocks = std::min<std::size_t>((bytes.size() - i) / 16, 255);
    Block lanes = _mm_setzero_si128();
    for (std::size_t block = 0; block < blocks; ++block, i += 16) lanes = _mm_sub_epi8(lanes, block_test(load(bytes.data() + i)));
    count += lane_sum(lanes);
  }
#endif
  for (; i < bytes.size(); ++i) count += test(static_cast<unsigned char>(bytes[i]));
  return count;
}

}  // namespace qda::simd
