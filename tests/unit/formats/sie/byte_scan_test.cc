// The SIMD byte classification and the tokenizer built on it against the
// portable code: random bytes and random SIE-like lines, at every offset
// within a 64-byte block and across block boundaries.
#include "formats/sie/internal/byte_scan.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "formats/sie/internal/tokenizer.h"

namespace dagbok::sie::internal {
namespace {

bool same(const ByteMasks& a, const ByteMasks& b) {
  return a.newline == b.newline && a.blank == b.blank && a.quote == b.quote && a.backslash == b.backslash &&
         a.open_brace == b.open_brace && a.close_brace == b.close_brace && a.control == b.control &&
         a.high == b.high;
}

TEST(ByteScan, SimdAgreesWithPortableOnRandomBytes) {
  std::mt19937 rng(99);
  // Random bytes, and bytes drawn from the interesting ones.
  const std::string interesting = "\n\r\t \"\\{}#\x7F\x80\x94\xFF" "a0";
  for (int round = 0; round < 200; ++round) {
    const size_t blocks = 1 + rng() % 8;
    std::string buf(blocks * 64, '\0');
    for (char& c : buf)
      c = round % 2 ? static_cast<char>(rng() & 0xFF) : interesting[rng() % interesting.size()];
    std::vector<ByteMasks> want(blocks), sse(blocks), avx(blocks), any(blocks);
    classify_blocks_portable(buf.data(), blocks, want.data());
    classify_blocks(buf.data(), blocks, any.data());
    const bool have_sse = classify_blocks_sse2(buf.data(), blocks, sse.data());
    const bool have_avx = classify_blocks_avx2(buf.data(), blocks, avx.data());
    for (size_t b = 0; b < blocks; ++b) {
      EXPECT_TRUE(same(any[b], want[b])) << round << " block " << b;
      EXPECT_TRUE(!have_sse || same(sse[b], want[b])) << round << " block " << b;
      EXPECT_TRUE(!have_avx || same(avx[b], want[b])) << round << " block " << b;
    }
    // A tail of every length: the bits past it are clear.
    for (size_t n = 0; n < 64; ++n) {
      ByteMasks tail, full;
      classify_tail(buf.data(), n, tail);
      classify_blocks_portable(buf.data(), 1, &full);
      const uint64_t keep = n == 0 ? 0 : ~uint64_t{0} >> (64 - n);
      EXPECT_EQ(tail.blank, full.blank & keep);
      EXPECT_EQ(tail.high, full.high & keep);
      EXPECT_EQ(tail.control, full.control & keep);
      EXPECT_EQ(tail.quote, full.quote & keep);
    }
  }
  std::cout << "byte scan: " << byte_scan_implementation() << "\n";
}

std::string random_line(std::mt19937& rng, size_t max_len) {
  // Mostly plausible SIE, with stray quotes, escapes, braces, tabs and high bytes.
  static const char* pieces[] = {"#TRANS", " ", "  ", "\t", "1910", "{", "}", "{}", "\"", "\\\"", "\\",
                                 "1 \"20\"", "-1234.50", "\"Kassa\"", "\x94", "\xC3\xB6", "x", "\x01", "\"\""};
  std::string s;
  const size_t len = rng() % max_len;
  while (s.size() < len) s += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
  return s;
}

bool same_fields(const std::vector<Field>& a, const std::vector<Field>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const Field &x = a[i], &y = b[i];
    if (x.raw.data() != y.raw.data() || x.raw.size() != y.raw.size() || x.column != y.column || x.kind != y.kind ||
        x.escaped != y.escaped || x.high != y.high || x.control != y.control || x.loose_quote != y.loose_quote ||
        x.unterminated != y.unterminated || x.trailing_backslash != y.trailing_backslash)
      return false;
  }
  return true;
}

void split_both_ways(std::string_view line, const ByteMasks* blocks, size_t origin) {
  // The record level, then each list's inside, as the parser does.
  std::vector<Field> want, got_view, got_line;
  split_fields(line, 0, 0, false, want);
  split_fields_masked(line, MaskView{blocks, origin}, 0, false, got_view);
  ASSERT_TRUE(same_fields(want, got_view)) << "'" << line << "' at " << origin;
  if (line.size() <= 64) {
    split_fields_masked(line, LineMasks::from(blocks, origin, line.size()), 0, false, got_line);
    ASSERT_TRUE(same_fields(want, got_line)) << "'" << line << "' at " << origin;
  }
  for (const Field& f : want) {
    if (f.kind != Field::Kind::kList) continue;
    std::vector<Field> inner_want, inner_got;
    split_fields(f.raw, 0, f.column, true, inner_want);
    const auto start = static_cast<size_t>(f.raw.data() - line.data());
    split_fields_masked(line.substr(0, start + f.raw.size()), MaskView{blocks, origin}, start, true, inner_got);
    ASSERT_TRUE(same_fields(inner_want, inner_got)) << "list of '" << line << "' at " << origin;
    if (line.size() <= 64) {
      inner_got.clear();
      split_fields_masked(line.substr(0, start + f.raw.size()), LineMasks::from(blocks, origin, line.size()), start,
                          true, inner_got);
      ASSERT_TRUE(same_fields(inner_want, inner_got)) << "list of '" << line << "' at " << origin;
    }
  }
}

TEST(ByteScan, MaskedTokenizerAgreesWithTheByteLoop) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 20000; ++round) {
    const std::string line = random_line(rng, round % 4 == 0 ? 300 : 64);
    // Put the line at a random offset in a classified buffer, as a window holds it.
    const size_t origin = rng() % 130;
    const size_t blocks = (origin + line.size()) / 64 + 2;
    std::string buf(blocks * 64, 'z');
    buf.replace(origin, line.size(), line);
    std::vector<ByteMasks> masks(blocks);
    classify_blocks(buf.data(), blocks, masks.data());
    split_both_ways(std::string_view(buf).substr(origin, line.size()), masks.data(), origin);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace dagbok::sie::internal
