// Which character set a piece of SIE text is in, and how to turn it into
// UTF-8 (for dagbok) or CP437 (for KSUMMA).
//
// SIE demands CP437, but real files also come as UTF-8 and Windows-1252, and
// sometimes mix them (SIE-Gruppen's own example has one Windows-1252 byte in a
// CP437 file). So the reader decides per field (research/sie4-spec.md §2):
//   1. a UTF-8 byte-order mark at the start of the file ⇒ the whole file is UTF-8;
//   2. a field that is valid UTF-8 with at least one multi-byte sequence ⇒ UTF-8;
//   3. otherwise count the bytes that are Swedish letters in CP437
//      (å 86 ä 84 ö 94 Å 8F Ä 8E Ö 99 é 82 ü 81 É 90) against those that are
//      Swedish letters in Windows-1252 (å E5 ä E4 ö F6 Å C5 Ä C4 Ö D6 é E9 ü FC);
//      more Windows-1252 letters ⇒ Windows-1252, otherwise CP437.
//
//   TextEncoding e = classify_text("F\xF6retag");   // kCp1252
//   std::string s; decode_append("F\xF6retag", e, s);  // "Företag"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dagbok::sie {

enum class TextEncoding : uint8_t { kAscii, kCp437, kCp1252, kUtf8 };

std::string_view encoding_name(TextEncoding encoding);  // "ASCII", "CP437", "Windows-1252", "UTF-8"

// True when `bytes` is well-formed UTF-8; `multibyte` tells whether it had any
// non-ASCII character.
bool is_valid_utf8(std::string_view bytes, bool* multibyte = nullptr);

// Rules 2 and 3 above for one field (rule 1 is the reader's).
TextEncoding classify_text(std::string_view bytes);

// Appends the text, decoded from `encoding`, as UTF-8.
void decode_append(std::string_view bytes, TextEncoding encoding, std::string& out);

// Appends the text as CP437 bytes (what KSUMMA is computed over); a character
// CP437 lacks becomes '?'.
void to_cp437_append(std::string_view bytes, TextEncoding encoding, std::string& out);

}  // namespace dagbok::sie
