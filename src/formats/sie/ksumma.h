// KSUMMA: the checksum that protects a SIE 4 file against truncation and
// accidental edits (SIE filformat 4B/4C §10).
//
// It is CRC-32 (reflected polynomial 0xEDB88320, initial value 0xFFFFFFFF,
// final bit inversion; the same as zlib's crc32) over the CP437 bytes of every
// record between the opening "#KSUMMA" and the closing "#KSUMMA n": for each
// record its label (with the '#') and then the *content* of each field, with no
// separators, quotes, braces or line ends. An escaped quote \" feeds only '"'.
//
//   Ksumma k;
//   k.feed("#KONTO"); k.feed("1915"); k.feed("Kassa \"special\"");
//   k.value();  // 1921122205
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dagbok::sie {

class Ksumma {
 public:
  // Feeds bytes (already CP437) into the checksum.
  void feed(std::string_view bytes);
  void feed(char byte);
  // The checksum of everything fed so far, as written after "#KSUMMA".
  uint32_t value() const { return ~state_; }
  void reset() { state_ = 0xFFFFFFFFu; }

 private:
  uint32_t state_ = 0xFFFFFFFFu;
};

// CRC-32 (as above) of one buffer.
uint32_t crc32(std::string_view bytes);

// The CRC register (not inverted) after feeding n bytes: PCLMULQDQ folding
// where the CPU has it (checked at run time) for 64 bytes and more, else
// slicing-by-16. The _portable one never uses the CPU extension (for tests).
uint32_t crc32_update(uint32_t crc, const unsigned char* p, size_t n);
uint32_t crc32_update_portable(uint32_t crc, const unsigned char* p, size_t n);
bool crc32_hardware_available();

}  // namespace dagbok::sie
