#include "formats/sie/internal/byte_scan.h"

#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define DAGBOK_SCAN_X86 1
#endif

namespace dagbok::sie::internal {
namespace {

#if DAGBOK_SCAN_X86
inline uint64_t bits16(__m128i eq) { return static_cast<uint16_t>(_mm_movemask_epi8(eq)); }

void classify16(const char* p, unsigned shift, ByteMasks& m) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  const uint64_t high = bits16(v);
  m.newline |= bits16(eq('\n')) << shift;
  m.blank |= bits16(_mm_or_si128(eq(' '), eq('\t'))) << shift;
  m.quote |= bits16(eq('"')) << shift;
  m.backslash |= bits16(eq('\\')) << shift;
  m.open_brace |= bits16(eq('{')) << shift;
  m.close_brace |= bits16(eq('}')) << shift;
  // Signed: bytes 0x80.. are negative, so below 0x20 too; remove them.
  const uint64_t low = bits16(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20))) & ~high;
  m.control |= (low | bits16(eq(0x7F))) << shift;
  m.high |= high << shift;
}

__attribute__((target("avx2"))) inline uint64_t bits32(__m256i eq) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(eq));
}

__attribute__((target("avx2"))) void classify32(const char* p, unsigned shift, ByteMasks& m) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const uint64_t high = bits32(v);
  m.newline |= bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n'))) << shift;
  m.blank |= bits32(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')),
                                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\t'))))
             << shift;
  m.quote |= bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'))) << shift;
  m.backslash |= bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))) << shift;
  m.open_brace |= bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('{'))) << shift;
  m.close_brace |= bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('}'))) << shift;
  const uint64_t low = bits32(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v)) & ~high;
  m.control |= (low | bits32(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)))) << shift;
  m.high |= high << shift;
}

__attribute__((target("avx2"))) void blocks_avx2(const char* p, size_t blocks, ByteMasks* out) {
  for (size_t b = 0; b < blocks; ++b, p += 64) {
    ByteMasks m;
    classify32(p, 0, m);
    classify32(p + 32, 32, m);
    out[b] = m;
  }
}

const bool kHaveAvx2 = __builtin_cpu_supports("avx2");
#endif

}  // namespace

void classify_blocks_portable(const char* p, size_t blocks, ByteMasks* out) {
  for (size_t b = 0; b < blocks; ++b, p += 64) {
    ByteMasks m;
    for (unsigned i = 0; i < 64; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      const uint64_t bit = uint64_t{1} << i;
      if (c == '\n') m.newline |= bit;
      if (c == ' ' || c == '\t') m.blank |= bit;
      if (c == '"') m.quote |= bit;
      if (c == '\\') m.backslash |= bit;
      if (c == '{') m.open_brace |= bit;
      if (c == '}') m.close_brace |= bit;
      if (c < 0x20 || c == 0x7F) m.control |= bit;
      if (c >= 0x80) m.high |= bit;
    }
    out[b] = m;
  }
}

bool classify_blocks_sse2(const char* p, size_t blocks, ByteMasks* out) {
#if DAGBOK_SCAN_X86
  for (size_t b = 0; b < blocks; ++b, p += 64) {
    ByteMasks m;
    classify16(p, 0, m);
    classify16(p + 16, 16, m);
    classify16(p + 32, 32, m);
    classify16(p + 48, 48, m);
    out[b] = m;
  }
  return true;
#else
  (void)p, (void)blocks, (void)out;
  return false;
#endif
}

bool classify_blocks_avx2(const char* p, size_t blocks, ByteMasks* out) {
#if DAGBOK_SCAN_X86
  if (!kHaveAvx2) return false;
  blocks_avx2(p, blocks, out);
  return true;
#else
  (void)p, (void)blocks, (void)out;
  return false;
#endif
}

const char* byte_scan_implementation() {
#if DAGBOK_SCAN_X86
  return kHaveAvx2 ? "AVX2" : "SSE2";
#else
  return "portable";
#endif
}

void classify_blocks(const char* p, size_t blocks, ByteMasks* out) {
#if DAGBOK_SCAN_X86
  if (kHaveAvx2) blocks_avx2(p, blocks, out);
  else classify_blocks_sse2(p, blocks, out);
#else
  classify_blocks_portable(p, blocks, out);
#endif
}

void classify_tail(const char* p, size_t n, ByteMasks& out) {
  char pad[64] = {};
  std::memcpy(pad, p, n);
  classify_blocks(pad, 1, &out);
  const uint64_t keep = n == 0 ? 0 : (~uint64_t{0} >> (64 - n));
  out.newline &= keep;
  out.blank &= keep;
  out.quote &= keep;
  out.backslash &= keep;
  out.open_brace &= keep;
  out.close_brace &= keep;
  out.control &= keep;
  out.high &= keep;
}

}  // namespace dagbok::sie::internal
