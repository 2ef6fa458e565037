#include "formats/sie/cp437.h"

#include <algorithm>
#include <array>
#include <utility>

namespace dagbok::sie {
namespace {

// Bytes 0x80-0xFF of code page 437, as Unicode code points.
constexpr std::array<char16_t, 128> kCp437Upper = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,  // 98
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,  // B0
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,  // B8
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,  // C0
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,  // C8
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,  // D0
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,  // D8
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,  // E0
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,  // E8
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,  // F0
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,  // F8
};

// Bytes 0x80-0x9F of Windows-1252 (0xA0-0xFF equal Latin-1).
constexpr std::array<char16_t, 32> kCp1252C1 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98
};

struct Reverse {
  char16_t code_point;
  uint8_t byte;
};

constexpr std::array<Reverse, 128> make_reverse() {
  std::array<Reverse, 128> r{};
  for (size_t i = 0; i < 128; ++i) r[i] = {kCp437Upper[i], static_cast<uint8_t>(0x80 + i)};
  std::sort(r.begin(), r.end(), [](Reverse a, Reverse b) { return a.code_point < b.code_point; });
  return r;
}
constexpr std::array<Reverse, 128> kReverse = make_reverse();

// The documented replacements for characters CP437 lacks.
struct Replacement {
  char32_t code_point;
  const char* text;
};
constexpr Replacement kReplacements[] = {
    {0x00A6, "|"},   {0x00A8, "\""}, {0x00A9, "(c)"}, {0x00AD, "-"},   {0x00AE, "(R)"},
    {0x00B3, "3"},   {0x00B4, "'"},  {0x00B8, ","},   {0x00B9, "1"},   {0x00BE, "3/4"},
    {0x00C0, "A"},   {0x00C1, "A"},  {0x00C2, "A"},   {0x00C3, "A"},   {0x00C8, "E"},
    {0x00CA, "E"},   {0x00CB, "E"},  {0x00CC, "I"},   {0x00CD, "I"},   {0x00CE, "I"},
    {0x00CF, "I"},   {0x00D0, "D"},  {0x00D2, "O"},   {0x00D3, "O"},   {0x00D4, "O"},
    {0x00D5, "O"},   {0x00D7, "x"},  {0x00D8, "O"},   {0x00D9, "U"},   {0x00DA, "U"},
    {0x00DB, "U"},   {0x00DD, "Y"},  {0x00DE, "Th"},  {0x00E3, "a"},   {0x00F0, "d"},
    {0x00F5, "o"},   {0x00F8, "o"},  {0x00FD, "y"},   {0x00FE, "th"},  {0x0100, "A"},
    {0x0101, "a"},   {0x0104, "A"},  {0x0105, "a"},   {0x0106, "C"},   {0x0107, "c"},
    {0x010C, "C"},   {0x010D, "c"},  {0x0118, "E"},   {0x0119, "e"},   {0x011A, "E"},
    {0x011B, "e"},   {0x0141, "L"},  {0x0142, "l"},   {0x0143, "N"},   {0x0144, "n"},
    {0x0147, "N"},   {0x0148, "n"},  {0x0152, "OE"},  {0x0153, "oe"},  {0x0158, "R"},
    {0x0159, "r"},   {0x015A, "S"},  {0x015B, "s"},   {0x0160, "S"},   {0x0161, "s"},
    {0x0164, "T"},   {0x0165, "t"},  {0x016E, "U"},   {0x016F, "u"},   {0x0178, "Y"},
    {0x0179, "Z"},   {0x017A, "z"},  {0x017B, "Z"},   {0x017C, "z"},   {0x017D, "Z"},
    {0x017E, "z"},   {0x02C6, "^"},  {0x02DC, "~"},   {0x2000, " "},   {0x2001, " "},
    {0x2002, " "},   {0x2003, " "},  {0x2004, " "},   {0x2005, " "},   {0x2006, " "},
    {0x2007, " "},   {0x2008, " "},  {0x2009, " "},   {0x200A, " "},   {0x2010, "-"},
    {0x2011, "-"},   {0x2012, "-"},  {0x2013, "-"},   {0x2014, "-"},   {0x2015, "-"},
    {0x2018, "'"},   {0x2019, "'"},  {0x201A, "'"},   {0x201B, "'"},   {0x201C, "\""},
    {0x201D, "\""},  {0x201E, "\""}, {0x201F, "\""},  {0x2022, "*"},   {0x2026, "..."},
    {0x202F, " "},   {0x2030, "o/oo"}, {0x2032, "'"}, {0x2033, "\""},  {0x2039, "<"},
    {0x203A, ">"},   {0x20AC, "EUR"}, {0x2122, "TM"}, {0x2212, "-"},
};

static_assert(std::is_sorted(std::begin(kReplacements), std::end(kReplacements),
                             [](const Replacement& a, const Replacement& b) {
                               return a.code_point < b.code_point;
                             }),
              "kReplacements must be sorted for the binary search");

const char* replacement_for(char32_t cp) {
  const auto* it = std::lower_bound(std::begin(kReplacements), std::end(kReplacements), cp,
                                    [](const Replacement& r, char32_t c) { return r.code_point < c; });
  if (it != std::end(kReplacements) && it->code_point == cp) return it->text;
  return "?";
}


void note(std::vector<std::string>* replaced, std::string what) {
  if (replaced == nullptr) return;
  if (std::find(replaced->begin(), replaced->end(), what) == replaced->end())
    replaced->push_back(std::move(what));
}

}  // namespace

long decode_utf8(std::string_view s, size_t i, size_t& len) {
  const auto b0 = static_cast<uint8_t>(s[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  size_t n = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07u;
  } else {
    return -1;
  }
  if (i + n > s.size()) return -1;
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<uint8_t>(s[i + k]);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return -1;
  len = n;
  return static_cast<long>(cp);
}

char32_t cp437_code_point(uint8_t byte) {
  return byte < 0x80 ? char32_t{byte} : char32_t{kCp437Upper[byte - 0x80u]};
}

char32_t cp1252_code_point(uint8_t byte) {
  if (byte < 0x80 || byte >= 0xA0) return char32_t{byte};
  return char32_t{kCp1252C1[byte - 0x80u]};
}

int cp437_byte(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp > 0xFFFF) return -1;
  const auto* it = std::lower_bound(kReverse.begin(), kReverse.end(), cp,
                                    [](const Reverse& r, char32_t c) { return r.code_point < c; });
  if (it != kReverse.end() && it->code_point == cp) return it->byte;
  return -1;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string utf8_to_cp437(std::string_view utf8, std::vector<std::string>* replaced) {
  std::string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    size_t len = 1;
    const long cp = decode_utf8(utf8, i, len);
    if (cp < 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto b = static_cast<uint8_t>(utf8[i]);
      note(replaced, std::string("\\x") + kHex[b >> 4] + kHex[b & 0xF]);
      out += '?';
    } else if (const int b = cp437_byte(static_cast<char32_t>(cp)); b >= 0) {
      out += static_cast<char>(b);
    } else {
      note(replaced, std::string(utf8.substr(i, len)));
      out += replacement_for(static_cast<char32_t>(cp));
    }
    i += len;
  }
  return out;
}

std::string cp437_to_utf8(std::string_view cp437) {
  std::string out;
  out.reserve(cp437.size() + cp437.size() / 8);
  for (char c : cp437) append_utf8(out, cp437_code_point(static_cast<uint8_t>(c)));
  return out;
}

std::string cp1252_to_utf8(std::string_view cp1252) {
  std::string out;
  out.reserve(cp1252.size() + cp1252.size() / 8);
  for (char c : cp1252) append_utf8(out, cp1252_code_point(static_cast<uint8_t>(c)));
  return out;
}

}  // namespace dagbok::sie
