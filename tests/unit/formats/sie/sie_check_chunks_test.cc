// check over the classified-window reader: the same report whatever the
// chunking of the input, with lines longer than a mask word (64 bytes) and
// longer than the classification window (16 KiB), lines cut at every kind of
// place, and a KSUMMA batch that spans many chunks.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "formats/sie/ksumma.h"
#include "formats/sie/sie_check.h"
#include "formats/sie/sie_parser.h"
#include "formats/sie/sie_reader.h"

namespace dagbok::sie {
namespace {

std::string books(std::mt19937& rng) {
  std::string body;
  Ksumma k;
  auto rec = [&](std::string line, std::initializer_list<std::string_view> ks) {
    body += line + "\r\n";
    for (std::string_view piece : ks) k.feed(piece);
  };
  body = "#FLAGGA 0\r\n#KSUMMA\r\n";
  rec("#PROGRAM \"t\" 1", {"#PROGRAM", "t", "1"});
  rec("#FORMAT PC8", {"#FORMAT", "PC8"});
  rec("#GEN 20250101", {"#GEN", "20250101"});
  rec("#SIETYP 4", {"#SIETYP", "4"});
  rec("#FNAMN \"F\x94retaget\"", {"#FNAMN", "F\x94retaget"});
  rec("#RAR 0 20250101 20251231", {"#RAR", "0", "20250101", "20251231"});
  rec("#KONTO 1910 \"Kassa\"", {"#KONTO", "1910", "Kassa"});
  rec("#KONTO 3001 \"F\x94rs\x84ljning\"", {"#KONTO", "3001", "F\x94rs\x84ljning"});
  for (int v = 1; v <= 400; ++v) {
    const std::string text(rng() % 3 == 0 ? 20000 + rng() % 5000 : rng() % 120, 'x');
    rec("#VER A " + std::to_string(v) + " 20250102 \"" + text + "\"",
        {"#VER", "A", std::to_string(v), "20250102", text});
    body += "{\r\n";
    const std::string amount = std::to_string(rng() % 100000) + "." + std::to_string(10 + rng() % 90);
    rec("   #TRANS 1910 {1 \"20\"} " + amount + " \"\" \"" + std::string(rng() % 70, 'y') + "\"",
        {"#TRANS", "1910", "1", "20", amount, "", std::string()});
    rec("\t#TRANS 3001 {} -" + amount, {"#TRANS", "3001", "-" + amount});
    body += "}\r\n";
    if (v % 50 == 0) body += "#TRANS 9999 {} 1.00\r\n";  // an error every 50 vouchers
  }
  return body;  // no closing #KSUMMA: reported as not closed
}

std::string report(std::string_view bytes, const std::vector<size_t>& cuts) {
  ParseOptions o;
  o.texts = ParseOptions::Texts::kSkip;
  o.voucher_rows = false;
  o.file_name = "t.se";
  SieHandler ignore;
  SieParser parser(o, ignore);
  std::string pending;
  size_t from = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const size_t to = i < cuts.size() ? cuts[i] : bytes.size();
    pending.append(bytes.substr(from, to - from));
    from = to;
    const bool last = i == cuts.size();
    const size_t used = parser.consume(pending, last ? SieParser::Input::kLast : SieParser::Input::kMore);
    pending.erase(0, used);
  }
  parser.finish();
  std::string out;
  for (const Diagnostic& d : parser.diagnostics()) out += d.to_string() + "\n";
  const Summary& s = parser.summary();
  out += std::to_string(s.lines) + " " + std::to_string(s.bytes) + " " + std::to_string(s.rows) + " " +
         std::to_string(s.vouchers) + " " + s.encoding + " " + std::string(ksumma_status_name(s.ksumma));
  return out;
}

TEST(SieCheckChunks, SameReportForEveryChunking) {
  std::mt19937 rng(5);
  const std::string bytes = books(rng);
  const std::string whole = report(bytes, {});
  EXPECT_NE(whole.find("#TRANS"), std::string::npos);  // the stray rows were reported
  for (int round = 0; round < 12; ++round) {
    std::vector<size_t> cuts;
    size_t at = 0;
    while (true) {
      at += 1 + rng() % (round % 3 == 0 ? 70 : 40000);
      if (at >= bytes.size()) break;
      cuts.push_back(at);
    }
    ASSERT_EQ(report(bytes, cuts), whole) << round;
  }
}

TEST(SieCheckChunks, MappedFileInSmallSlicesGivesTheSameReport) {
  // parse_sie_file maps the file and reads it slice by slice (here one page),
  // with lines longer than a slice.
  std::mt19937 rng(5);
  const std::string bytes = books(rng);
  const std::string path = ::testing::TempDir() + "/dagbok_slices.se";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  for (size_t slice : {size_t{4096}, size_t{1} << 20}) {
    ParseOptions o;
    o.texts = ParseOptions::Texts::kSkip;
    o.voucher_rows = false;
    o.file_name = "t.se";
    SieHandler ignore;
    SieParser parser(o, ignore);
    ASSERT_TRUE(parse_sie_file(path, parser, slice).ok());
    std::string out;
    for (const Diagnostic& d : parser.diagnostics()) out += d.to_string() + "\n";
    const Summary& s = parser.summary();
    out += std::to_string(s.lines) + " " + std::to_string(s.bytes) + " " + std::to_string(s.rows) + " " +
           std::to_string(s.vouchers) + " " + s.encoding + " " + std::string(ksumma_status_name(s.ksumma));
    EXPECT_EQ(out, report(bytes, {})) << slice;
  }
  std::remove(path.c_str());
}

TEST(SieCheckChunks, KsummaOverManyBatchesMatches) {
  std::mt19937 rng(6);
  std::string body;
  Ksumma k;
  body = "#FLAGGA 0\r\n#KSUMMA\r\n#PROGRAM \"t\" 1\r\n#FORMAT PC8\r\n#GEN 20250101\r\n#FNAMN \"F\"\r\n";
  for (std::string_view piece : {"#PROGRAM", "t", "1", "#FORMAT", "PC8", "#GEN", "20250101", "#FNAMN", "F"})
    k.feed(piece);
  for (int i = 0; i < 20000; ++i) {
    const std::string text(rng() % 90, static_cast<char>('a' + i % 26));
    body += "#PROSA \"" + text + "\"\r\n";
    k.feed("#PROSA");
    k.feed(text);
  }
  body += "#KSUMMA " + std::to_string(k.value()) + "\r\n";
  const CheckReport r = check_sie(body, "k.se");
  EXPECT_EQ(r.summary.ksumma, KsummaStatus::kValid) << r.to_text();
}

}  // namespace
}  // namespace dagbok::sie

namespace dagbok::sie {
namespace {

TEST(SieCheckChunks, AmountsOfEveryLengthReadExactly) {
  // The parser reads [-]digits.dd by a short path: every length of integer
  // part up to the limit gives the exact öre, and one digit more is too large.
  std::mt19937_64 rng(8);
  std::string body = "#FLAGGA 0\n#PROGRAM \"t\" 1\n#FORMAT PC8\n#GEN 20250101\n#FNAMN \"F\"\n";
  std::vector<int64_t> want;
  for (int digits = 1; digits <= 15; ++digits) {
    for (int k = 0; k < 20; ++k) {
      int64_t whole = 0;
      for (int i = 0; i < digits; ++i) whole = whole * 10 + static_cast<int64_t>(rng() % 10);
      const int64_t minor = whole * 100 + static_cast<int64_t>(rng() % 100);
      const std::string cents = (minor % 100 < 10 ? "0" : "") + std::to_string(minor % 100);
      const std::string a = std::to_string(minor / 100) + "." + cents;
      body += "#VER A " + std::to_string(want.size() / 2 + 1) + " 20250101\n{\n#TRANS 1 {} " + a +
              "\n#TRANS 2 {} -" + a + "\n}\n";
      want.push_back(minor);
      want.push_back(-minor);
    }
  }
  body += "#VER A 9999 20250101\n{\n#TRANS 1 {} 9000000000000001.00\n#TRANS 2 {} -9000000000000001.00\n}\n";
  struct Rows : SieHandler {
    std::vector<int64_t> minor;
    void on_voucher(const Voucher& v) override {
      for (const Transaction& t : v.transactions) minor.push_back(t.amount.minor());
    }
  } rows;
  ParseOptions o;
  SieParser parser(o, rows);
  parser.consume(body, SieParser::Input::kLast);
  parser.finish();
  ASSERT_EQ(rows.minor.size(), want.size() + 2);  // the too-large rows are kept, flagged
  rows.minor.resize(want.size());
  EXPECT_EQ(rows.minor, want);
  std::string all;
  for (const Diagnostic& d : parser.diagnostics()) all += d.to_string() + "\n";
  EXPECT_NE(all.find("'9000000000000001.00' is too large"), std::string::npos) << all;
}

}  // namespace
}  // namespace dagbok::sie
