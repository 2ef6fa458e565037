#include "formats/sie/ksumma.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define DAGBOK_CRC_PCLMUL 1
#endif

namespace dagbok::sie {
namespace {

// Sixteen tables for slicing-by-16: table[0] is the classic byte-wise table
// (the spec's CRC_skapa_tabell); table[k][b] is the CRC of byte b followed by
// k zero bytes, which lets the loop consume sixteen bytes per step.
using Tables = std::array<std::array<uint32_t, 256>, 16>;

constexpr Tables make_tables() {
  Tables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t c = b;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    t[0][b] = c;
  }
  for (size_t k = 1; k < 16; ++k)
    for (size_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xFFu];
  return t;
}
constexpr Tables kTables = make_tables();

inline uint32_t step(uint32_t crc, uint8_t byte) { return (crc >> 8) ^ kTables[0][(crc ^ byte) & 0xFFu]; }

inline uint32_t load_le32(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

#if DAGBOK_CRC_PCLMUL
__attribute__((target("pclmul,sse4.1"))) inline __m128i load(const unsigned char* q) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
}
// One 128-bit lane moved 128 (k1k2: 512) bits on, plus the data there.
__attribute__((target("pclmul,sse4.1"))) inline __m128i fold(__m128i x, __m128i k, __m128i data) {
  return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11)), data);
}

// CRC-32 by carry-less multiplication (Intel, "Fast CRC Computation for Generic
// Polynomials Using PCLMULQDQ", 2009): four 128-bit lanes are folded 64 bytes
// at a time, then into one lane, then reduced to 32 bits (Barrett). The
// constants are x^k mod P for the reflected polynomial 0xEDB88320, as in zlib
// and Linux. `n` is a multiple of 16 and at least 64; returns the new register.
__attribute__((target("pclmul,sse4.1"))) uint32_t crc32_clmul(uint32_t crc, const unsigned char* p, size_t n) {
  const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
  const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
  const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124);
  const __m128i poly = _mm_set_epi64x(0x1f7011641, 0x1db710641);
  const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
  __m128i x1 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i x2 = load(p + 16), x3 = load(p + 32), x4 = load(p + 48);
  p += 64;
  n -= 64;
  while (n >= 64) {
    x1 = fold(x1, k1k2, load(p));
    x2 = fold(x2, k1k2, load(p + 16));
    x3 = fold(x3, k1k2, load(p + 32));
    x4 = fold(x4, k1k2, load(p + 48));
    p += 64;
    n -= 64;
  }
  x1 = fold(x1, k3k4, x2);
  x1 = fold(x1, k3k4, x3);
  x1 = fold(x1, k3k4, x4);
  while (n >= 16) {
    x1 = fold(x1, k3k4, load(p));
    p += 16;
    n -= 16;
  }
  // 128 → 64 bits (appending 32 zero bits), then 64 → 32.
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(k3k4, x1, 0x01), _mm_srli_si128(x1, 8));
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, mask32), k5, 0x00), _mm_srli_si128(x1, 4));
  // Barrett reduction.
  __m128i t = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly, 0x10);
  t = _mm_clmulepi64_si128(_mm_and_si128(t, mask32), poly, 0x00);
  x1 = _mm_xor_si128(x1, t);
  return static_cast<uint32_t>(_mm_extract_epi32(x1, 1));
}

const bool kHaveClmul = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
#endif

}  // namespace

uint32_t crc32_update_portable(uint32_t crc, const unsigned char* p, size_t n) {
  while (n >= 16) {
    const uint32_t a = load_le32(p) ^ crc;
    const uint32_t b = load_le32(p + 4);
    const uint32_t c = load_le32(p + 8);
    const uint32_t d = load_le32(p + 12);
    crc = kTables[15][a & 0xFF] ^ kTables[14][(a >> 8) & 0xFF] ^ kTables[13][(a >> 16) & 0xFF] ^
          kTables[12][a >> 24] ^ kTables[11][b & 0xFF] ^ kTables[10][(b >> 8) & 0xFF] ^
          kTables[9][(b >> 16) & 0xFF] ^ kTables[8][b >> 24] ^ kTables[7][c & 0xFF] ^
          kTables[6][(c >> 8) & 0xFF] ^ kTables[5][(c >> 16) & 0xFF] ^ kTables[4][c >> 24] ^
          kTables[3][d & 0xFF] ^ kTables[2][(d >> 8) & 0xFF] ^ kTables[1][(d >> 16) & 0xFF] ^ kTables[0][d >> 24];
    p += 16;
    n -= 16;
  }
  while (n-- > 0) crc = step(crc, *p++);
  return crc;
}

bool crc32_hardware_available() {
#if DAGBOK_CRC_PCLMUL
  return kHaveClmul;
#else
  return false;
#endif
}

uint32_t crc32_update(uint32_t crc, const unsigned char* p, size_t n) {
#if DAGBOK_CRC_PCLMUL
  if (n >= 64 && kHaveClmul) {
    const size_t bulk = n & ~size_t{15};
    crc = crc32_clmul(crc, p, bulk);
    p += bulk;
    n -= bulk;
  }
#endif
  return crc32_update_portable(crc, p, n);
}

void Ksumma::feed(char byte) { state_ = step(state_, static_cast<uint8_t>(byte)); }

void Ksumma::feed(std::string_view bytes) {
  state_ = crc32_update(state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

uint32_t crc32(std::string_view bytes) {
  Ksumma k;
  k.feed(bytes);
  return k.value();
}

}  // namespace dagbok::sie
