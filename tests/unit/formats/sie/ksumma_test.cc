#include "formats/sie/ksumma.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dagbok::sie
