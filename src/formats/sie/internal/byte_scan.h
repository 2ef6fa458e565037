// Byte classification for the SIE tokenizer, 64 bytes at a time: for each
// class a 64-bit mask whose bit i is set when byte i is in the class. The
// tokenizer then finds line ends, blanks, quotes and braces with a
// count-trailing-zeros instead of a loop over bytes (the idea of simdjson's
// first stage, without its structural index).
//
// classify_blocks uses AVX2 when the CPU has it (checked once, at run time),
// else SSE2 on x86-64, else portable code; all three give the same masks
// (tests/unit/formats/sie/byte_scan_test.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace dagbok::sie::internal {

struct ByteMasks {
  uint64_t newline = 0;      // '\n'
  uint64_t blank = 0;        // ' ' or TAB
  uint64_t quote = 0;        // '"'
  uint64_t backslash = 0;    // '\\'
  uint64_t open_brace = 0;   // '{'
  uint64_t close_brace = 0;  // '}'
  uint64_t control = 0;      // below 0x20 (TAB, CR and LF too) or 0x7F
  uint64_t high = 0;         // 0x80 and above
};

// Classifies `blocks` consecutive 64-byte blocks starting at p (64 * blocks
// bytes must be readable).
void classify_blocks(const char* p, size_t blocks, ByteMasks* out);
// Classifies the last n < 64 bytes; bits n..63 are clear in every mask.
void classify_tail(const char* p, size_t n, ByteMasks& out);

// The implementations, for tests and benchmarks; the _sse2 and _avx2 ones
// return false (and do nothing) where the CPU lacks the instructions.
void classify_blocks_portable(const char* p, size_t blocks, ByteMasks* out);
bool classify_blocks_sse2(const char* p, size_t blocks, ByteMasks* out);
bool classify_blocks_avx2(const char* p, size_t blocks, ByteMasks* out);
const char* byte_scan_implementation();  // "AVX2", "SSE2" or "portable"

// Positions within a run of classified blocks. Bit i of the run is byte
// origin + i of the text, so views of single lines share one classification.
struct MaskView {
  const ByteMasks* blocks = nullptr;
  size_t origin = 0;  // the run's bit index of the text's position 0

  // The first position in [pos, end) whose byte is selected by sel(ByteMasks)
  // (a 64-bit mask), or end.
  template <typename Sel>
  size_t next(size_t pos, size_t end, Sel sel) const {
    if (pos >= end) return end;
    size_t i = origin + pos;
    const size_t e = origin + end;
    size_t b = i >> 6;
    uint64_t m = sel(blocks[b]) & (~uint64_t{0} << (i & 63));
    while (m == 0) {
      ++b;
      if ((b << 6) >= e) return end;
      m = sel(blocks[b]);
    }
    const size_t at = (b << 6) + static_cast<size_t>(__builtin_ctzll(m));
    return at >= e ? end : at - origin;
  }
  // Whether any byte in [from, to) is selected.
  template <typename Sel>
  bool any(size_t from, size_t to, Sel sel) const {
    return next(from, to, sel) != to;
  }
};

// The masks of one line of at most 64 bytes, shifted so that bit i is the
// line's byte i: the same interface as MaskView without loops.
struct LineMasks {
  ByteMasks m;

  // Takes bits [at, at + 64) of a classified run (which must have one more
  // block after the one holding bit at + 63, or end before it).
  static LineMasks from(const ByteMasks* blocks, size_t at, size_t len) {
    LineMasks l;
    const size_t b = at >> 6;
    const unsigned sh = static_cast<unsigned>(at & 63);
    const bool two = sh != 0 && ((at + len + 63) >> 6) > b + 1;
    auto take = [&](uint64_t ByteMasks::*field) {
      uint64_t v = blocks[b].*field >> sh;
      if (two) v |= blocks[b + 1].*field << (64 - sh);
      return v;
    };
    l.m.newline = 0;
    l.m.blank = take(&ByteMasks::blank);
    l.m.quote = take(&ByteMasks::quote);
    l.m.backslash = take(&ByteMasks::backslash);
    l.m.open_brace = take(&ByteMasks::open_brace);
    l.m.close_brace = take(&ByteMasks::close_brace);
    l.m.control = take(&ByteMasks::control);
    l.m.high = take(&ByteMasks::high);
    return l;
  }

  template <typename Sel>
  size_t next(size_t pos, size_t end, Sel sel) const {
    if (pos >= end) return end;
    const uint64_t x = sel(m) & (~uint64_t{0} << pos);
    if (x == 0) return end;
    const auto at = static_cast<size_t>(__builtin_ctzll(x));
    return at < end ? at : end;
  }
  template <typename Sel>
  bool any(size_t from, size_t to, Sel sel) const {
    if (from >= to) return false;
    const uint64_t upto = to >= 64 ? ~uint64_t{0} : (uint64_t{1} << to) - 1;
    return (sel(m) & (~uint64_t{0} << from) & upto) != 0;
  }
};

}  // namespace dagbok::sie::internal
