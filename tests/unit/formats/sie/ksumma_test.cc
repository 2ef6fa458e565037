#include "formats/sie/ksumma.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>

namespace dagbok::sie {
namespace {

TEST(Ksumma, SpecExampleRecord) {
  // SIE filformat §10.15: #KONTO 1915 "Kassa \"special\"" feeds the label and
  // the field contents, without blanks, quotes or the escaping backslash.
  Ksumma k;
  k.feed("#KONTO");
  k.feed("1915");
  k.feed("Kassa \"special\"");
  EXPECT_EQ(k.value(), 1921122205u);
  EXPECT_EQ(crc32("#KONTO1915Kassa \"special\""), 1921122205u);
}

TEST(Ksumma, StandardCheckValue) {
  // The CRC-32/ISO-HDLC check value.
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
}

TEST(Ksumma, IncrementalEqualsWholeAtEverySplit) {
  std::string data;
  for (int i = 0; i < 300; ++i) data += static_cast<char>((i * 37 + 11) & 0xFF);
  const uint32_t whole = crc32(data);
  for (size_t split = 0; split <= data.size(); split += 7) {
    Ksumma k;
    k.feed(std::string_view(data).substr(0, split));
    for (char c : std::string_view(data).substr(split)) k.feed(c);
    EXPECT_EQ(k.value(), whole) << split;
  }
}


// The bit-by-bit definition, for comparison.
uint32_t crc_bitwise(uint32_t crc, std::string_view s) {
  for (char ch : s) {
    crc ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
  }
  return crc;
}

TEST(Ksumma, HardwareAndPortableAgreeWithTheDefinitionOnRandomInput) {
  // Every length from 0 to 300 (the PCLMUL path starts at 64 bytes and folds
  // 16 and 64 at a time), then long buffers, from random starting registers
  // and at unaligned offsets.
  std::mt19937 rng(12345);
  std::string buf(5000, '\0');
  for (char& c : buf) c = static_cast<char>(rng() & 0xFF);
  auto check = [&](size_t offset, size_t n) {
    const auto start = static_cast<uint32_t>(rng());
    const std::string_view piece = std::string_view(buf).substr(offset, n);
    const auto* p = reinterpret_cast<const unsigned char*>(piece.data());
    const uint32_t want = crc_bitwise(start, piece);
    EXPECT_EQ(crc32_update_portable(start, p, n), want) << offset << "+" << n;
    EXPECT_EQ(crc32_update(start, p, n), want) << offset << "+" << n;
  };
  for (size_t n = 0; n <= 300; ++n) check(n % 13, n);
  for (size_t n : {1000u, 1023u, 1024u, 1025u, 4096u, 4999u}) check(5000 - n, n);
  std::cout << "PCLMULQDQ " << (crc32_hardware_available() ? "used" : "not available") << "\n";
}

TEST(Ksumma, FeedingInRandomPiecesEqualsTheWhole) {
  std::mt19937 rng(7);
  std::string data(20000, '\0');
  for (char& c : data) c = static_cast<char>(rng() & 0xFF);
  const uint32_t whole = crc32(data);
  EXPECT_EQ(whole, ~crc_bitwise(0xFFFFFFFFu, data));
  for (int round = 0; round < 20; ++round) {
    Ksumma k;
    size_t pos = 0;
    while (pos < data.size()) {
      const size_t n = std::min<size_t>(data.size() - pos, rng() % 300);
      k.feed(std::string_view(data).substr(pos, n));
      pos += n;
    }
    EXPECT_EQ(k.value(), whole);
  }
}

}  // namespace
}  // namespace dagbok::sie
