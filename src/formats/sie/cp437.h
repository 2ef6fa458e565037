// Code page 437 ("PC8"), the only character set SIE 1-4 allows (#FORMAT PC8),
// and Windows-1252, the one that real SIE files often turn out to use.
//
// dagbok keeps text as UTF-8 everywhere; these functions are the border
// crossings. Writing: utf8_to_cp437. Reading: cp437_to_utf8 or, when the
// reader's detection says so, cp1252_to_utf8.
//
//   std::vector<std::string> lost;
//   std::string bytes = utf8_to_cp437("Bjørn’s kiosk", &lost);
//   // bytes == "Bjorn's kiosk", lost == {"ø", "’"}
//
// Characters with no CP437 form are replaced, never dropped silently:
//   ø→o  Ø→O  €→EUR  ’ ‘ ‚ ′→'  “ ” „ ″→"  – — ‐ ‑ −→-  …→...  •→*
//   õ ã→o a (and other accented Latin letters missing from CP437 → their base
//   letter, e.g. š→s Ž→Z ý→y Á→A), œ→oe Œ→OE ð→d Ð→D þ→th Þ→Th ł→l Ł→L,
//   the typographic spaces (U+2000–U+200A, U+202F) → space, ™→TM,
//   and anything else → '?'. Invalid UTF-8 bytes also become '?'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dagbok::sie {

// Converts UTF-8 text to CP437 bytes. When `replaced` is given, each distinct
// character that had no CP437 form is appended to it once (as UTF-8, in order
// of first appearance; an invalid byte is reported as "\xNN").
std::string utf8_to_cp437(std::string_view utf8, std::vector<std::string>* replaced = nullptr);

// Converts CP437 bytes to UTF-8. Every byte has a meaning; bytes below 0x80
// are ASCII.
std::string cp437_to_utf8(std::string_view cp437);

// Converts Windows-1252 bytes to UTF-8. The five bytes Windows-1252 leaves
// undefined (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD.
std::string cp1252_to_utf8(std::string_view cp1252);

// The Unicode code point of a CP437 byte (identity below 0x80).
char32_t cp437_code_point(uint8_t byte);
// The Unicode code point of a Windows-1252 byte (U+FFFD for the undefined ones).
char32_t cp1252_code_point(uint8_t byte);
// The CP437 byte for a code point, or -1 when CP437 has none.
int cp437_byte(char32_t code_point);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t code_point);

// Decodes one UTF-8 sequence at s[i]. Returns the code point and sets `len`;
// returns -1 (len = 1) for an invalid, overlong, surrogate or truncated
// sequence.
long decode_utf8(std::string_view s, size_t i, size_t& len);

}  // namespace dagbok::sie
