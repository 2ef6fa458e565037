#include "formats/sie/text_encoding.h"

#include "formats/sie/cp437.h"

namespace dagbok::sie {
namespace {

// Decodes one UTF-8 sequence and steps past it; false when it is not
// well-formed.
bool next_utf8(std::string_view s, size_t& i, char32_t& cp) {
  size_t len = 0;
  const long v = decode_utf8(s, i, len);
  if (v < 0) return false;
  cp = static_cast<char32_t>(v);
  i += len;
  return true;
}

constexpr bool is_cp437_swedish(uint8_t b) {
  switch (b) {
    case 0x86: case 0x84: case 0x94: case 0x8F: case 0x8E: case 0x99: case 0x82: case 0x81: case 0x90:
      return true;
    default:
      return false;
  }
}

constexpr bool is_cp1252_swedish(uint8_t b) {
  switch (b) {
    case 0xE5: case 0xE4: case 0xF6: case 0xC5: case 0xC4: case 0xD6: case 0xE9: case 0xFC:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAscii: return "ASCII";
    case TextEncoding::kCp437: return "CP437";
    case TextEncoding::kCp1252: return "Windows-1252";
    case TextEncoding::kUtf8: return "UTF-8";
  }
  return "?";
}

bool is_valid_utf8(std::string_view bytes, bool* multibyte) {
  bool any = false;
  size_t i = 0;
  char32_t cp = 0;
  while (i < bytes.size()) {
    if (static_cast<uint8_t>(bytes[i]) >= 0x80) any = true;
    if (!next_utf8(bytes, i, cp)) return false;
  }
  if (multibyte != nullptr) *multibyte = any;
  return true;
}

namespace {
// Per byte: +1 for a Swedish letter in CP437, -1 for one in Windows-1252
// (no byte is both).
struct SwedishScore {
  int8_t v[256] = {};
  constexpr SwedishScore() {
    for (int b = 0x80; b < 256; ++b) {
      if (is_cp437_swedish(static_cast<uint8_t>(b))) v[b] = 1;
      if (is_cp1252_swedish(static_cast<uint8_t>(b))) v[b] = -1;
    }
  }
};
constexpr SwedishScore kSwedishScore{};
}  // namespace

TextEncoding classify_text(std::string_view bytes) {
  // ASCII up to the first high byte needs no UTF-8 decoding.
  size_t i = 0;
  while (i < bytes.size() && static_cast<uint8_t>(bytes[i]) < 0x80) ++i;
  if (i == bytes.size()) return TextEncoding::kAscii;
  bool multibyte = false;
  if (is_valid_utf8(bytes.substr(i), &multibyte)) return TextEncoding::kUtf8;
  int score = 0;  // CP437 letters minus Windows-1252 letters
  for (; i < bytes.size(); ++i) score += kSwedishScore.v[static_cast<uint8_t>(bytes[i])];
  return score < 0 ? TextEncoding::kCp1252 : TextEncoding::kCp437;
}

void decode_append(std::string_view bytes, TextEncoding encoding, std::string& out) {
  switch (encoding) {
    case TextEncoding::kAscii:
      out.append(bytes);
      return;
    case TextEncoding::kUtf8: {
      // Well-formed by classification; anything else is passed through as U+FFFD.
      size_t i = 0;
      char32_t cp = 0;
      while (i < bytes.size()) {
        const size_t start = i;
        if (next_utf8(bytes, i, cp)) {
          out.append(bytes.substr(start, i - start));
        } else {
          append_utf8(out, 0xFFFD);
          i = start + 1;
        }
      }
      return;
    }
    case TextEncoding::kCp437:
      for (char c : bytes) {
        const auto b = static_cast<uint8_t>(c);
        if (b < 0x80) out += c;
        else append_utf8(out, cp437_code_point(b));
      }
      return;
    case TextEncoding::kCp1252:
      for (char c : bytes) {
        const auto b = static_cast<uint8_t>(c);
        if (b < 0x80) out += c;
        else append_utf8(out, cp1252_code_point(b));
      }
      return;
  }
}

void to_cp437_append(std::string_view bytes, TextEncoding encoding, std::string& out) {
  switch (encoding) {
    case TextEncoding::kAscii:
    case TextEncoding::kCp437:
      out.append(bytes);
      return;
    case TextEncoding::kUtf8: {
      size_t i = 0;
      char32_t cp = 0;
      while (i < bytes.size()) {
        const size_t start = i;
        if (!next_utf8(bytes, i, cp)) {
          out += '?';
          i = start + 1;
          continue;
        }
        const int b = cp437_byte(cp);
        out += b < 0 ? '?' : static_cast<char>(b);
      }
      return;
    }
    case TextEncoding::kCp1252:
      for (char c : bytes) {
        const auto b = static_cast<uint8_t>(c);
        if (b < 0x80) {
          out += c;
        } else {
          const int p = cp437_byte(cp1252_code_point(b));
          out += p < 0 ? '?' : static_cast<char>(p);
        }
      }
      return;
  }
}

}  // namespace dagbok::sie
