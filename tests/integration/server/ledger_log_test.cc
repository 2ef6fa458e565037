// The import log always renders (issue 11, item 3): files in CP437 and
// Windows-1252 with a typo on a line holding åäö, random bytes, and a large
// file without line ends go through the real upload route; every answer and
// GET …/imports is 200/422 with valid JSON of bounded size, the offending
// bytes escaped (\xNN) and the line decoded for reading. An entry stored
// before (raw bytes, a huge diagnostics text) renders too.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "auth/users.h"
#include "integration/server/test_server.h"
#include "formats/sie/text_encoding.h"
#include "ledger/log_text.h"
#include "pipeline/company_setup.h"
#include "server/api_server.h"
#include "support/temp_dir.h"

namespace dagbok::server {
namespace {

using namespace testing_server;

// A SIE 4 file whose line 13 has a typo in the amount ("-1<ö>0.00") on a line
// that also holds åäö in its text; `a`, `ae`, `oe` are the bytes of å, ä, ö.
std::string typo_file(const std::string& a, const std::string& ae, const std::string& oe) {
  return "#FLAGGA 0\n#PROGRAM \"test\" 1\n#FORMAT PC8\n#GEN 20220101\n#SIETYP 4\n#ORGNR 555555-5555\n"
         "#FNAMN \"" + oe + "vningsbolaget AB\"\n#RAR 0 20220101 20221231\n#KONTO 1930 \"Bank\"\n"
         "#KONTO 3001 \"F" + oe + "rs" + ae + "ljning\"\n#VER A 1 20220115 \"F" + oe + "rs" + ae + "ljning\"\n{\n"
         "#TRANS 3001 {} -1" + oe + "0.00 20220115 \"S" + a + "lt " + a + ae + oe + "\"\n#TRANS 1930 {} 100.00\n}\n";
}

// True when the answer parsed as JSON (the parser refuses text that is not
// UTF-8, so every string in it is valid).
bool parsed(const Answer& a) { return !a.body.is_discarded(); }

class LedgerLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::unique_ptr<Store> store = *open_store(db_);
    company_ = *create_company(*store, {Country::kSweden, "Övningsbolaget AB", "ovning", "555555-5555", "", 300, {}});
    ASSERT_TRUE(auth::add_user(*store, {"agare@ovning.se", "", kPassword, "sv"}, clock_).ok());
    ASSERT_TRUE(auth::grant_role(*store, "agare@ovning.se", company_.id, Role::kOwner, auth::ImportRight::kGranted).ok());
    ServerOptions o;
    o.ledger = [db = db_] { return open_ledger_store(db); };
    server_ = std::make_unique<TestServer>(db_, clock_, o);
    owner_ = server_->login("agare@ovning.se");
    Answer src = server_->call("PUT", path("/data-source"), json{{"source", "sie"}}, &owner_);
    ASSERT_EQ(src.status, 200) << src.raw;
  }

  std::string path(const std::string& rest) const { return "/api/v1/companies/" + company_.slug + rest; }

  Answer upload(const std::string& bytes, const std::string& name) {
    return server_->upload(path("/imports"), &owner_, bytes, name);
  }
  Answer log() { return server_->call("GET", path("/imports"), std::nullopt, &owner_); }

  // The entry as stored (straight from the database).
  LedgerLogEntry stored(int64_t id) {
    std::unique_ptr<LedgerStore> ledger = *open_ledger_store(db_);
    return **ledger->log_entry(company_.id, id);
  }

  testing_support::TempDir dir_{"dagbok-ledger-log"};
  std::string db_ = dir_.file("books.db");
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  Company company_;
  std::unique_ptr<TestServer> server_;
  Session owner_;
};

// One entry's answer at most: its diagnostics bounded per line and in number.
constexpr size_t kEntryBound = ledger::kMaxDiagnosticLines * (ledger::kMaxDiagnosticBytes * 5 / 4 + 8) + 32 * 1024;

TEST_F(LedgerLogTest, Cp437AndWindows1252TyposAreRefusedWithTheBytesEscapedAndTheLineReadable) {
  struct Case {
    std::string name, bytes, escaped;
  };
  const Case cases[] = {
      {"pc8.se", typo_file("\x86", "\x84", "\x94"), "'-1\\x940.00'"},
      {"ansi.se", typo_file("\xE5", "\xE4", "\xF6"), "'-1\\xF60.00'"},
  };
  for (const Case& c : cases) {
    Answer up = upload(c.bytes, c.name);
    ASSERT_EQ(up.status, 422) << c.name << ": " << up.raw.substr(0, 2000);
    ASSERT_TRUE(parsed(up)) << c.name;
    const json& diags = up.body["error"]["diagnostics"];
    ASSERT_FALSE(diags.empty()) << up.raw;
    bool escaped = false, decoded = false;
    for (const json& d : diags) {
      const std::string s = d.get<std::string>();
      if (s.find(c.name + ":13:") != 0) continue;
      escaped = escaped || s.find(c.escaped) != std::string::npos;
      decoded = decoded || s.find("| line: #TRANS 3001 {} -1ö0.00 20220115 \"Sålt åäö\"") != std::string::npos;
    }
    EXPECT_TRUE(escaped) << c.name << ": " << diags.dump();
    EXPECT_TRUE(decoded) << c.name << ": " << diags.dump();
    // The stored row is valid UTF-8 already (not only escaped on the way out).
    const LedgerLogEntry e = stored(up.body["error"]["log_entry_id"].get<int64_t>());
    EXPECT_NE(e.diagnostics.find(c.escaped), std::string::npos) << e.diagnostics;
    EXPECT_TRUE(sie::is_valid_utf8(e.diagnostics))
        << "the stored diagnostics hold bytes that are not UTF-8";
  }
  Answer read = log();
  ASSERT_EQ(read.status, 200) << read.raw.substr(0, 2000);
  ASSERT_TRUE(parsed(read));
  ASSERT_EQ(read.body.size(), 3u);  // two refused imports and the source switch
  EXPECT_EQ(read.body[0]["file"], "ansi.se");
  EXPECT_EQ(read.body[0]["result"], "refused");
}

TEST_F(LedgerLogTest, RandomBytesAndAHugeLineGiveBoundedAnswersAndRows) {
  std::mt19937 rng(20261204);
  std::string random(1 << 20, '\0');
  for (char& b : random) b = static_cast<char>(rng() & 0xFF);
  Answer up = upload(random, "slump.se");
  ASSERT_EQ(up.status, 422) << up.raw.substr(0, 2000);
  ASSERT_TRUE(parsed(up));
  const json& diags = up.body["error"]["diagnostics"];
  ASSERT_LE(diags.size(), ledger::kMaxDiagnosticLines);
  EXPECT_LE(up.raw.size(), 2 * kEntryBound);
  // About one line in 256 bytes, each with a complaint or more: beyond the cap, counted.
  const json& entry = up.body["import"];
  const int64_t reported = entry["errors"].get<int64_t>() + entry["warnings"].get<int64_t>();
  ASSERT_GT(reported, static_cast<int64_t>(ledger::kMaxDiagnostics)) << "the file should exceed the cap";
  bool counted = false;
  for (const json& d : diags)
    counted = counted || d.get<std::string>().find("and " + std::to_string(reported - 1000) + " more") !=
                             std::string::npos;
  EXPECT_TRUE(counted) << diags.back();
  for (const json& d : diags) EXPECT_LE(d.get<std::string>().size(), ledger::kMaxDiagnosticBytes);

  // A few MB without a line end: one "record" whose label is the whole file.
  std::string huge = "#";
  for (size_t i = 0; i < (size_t{4} << 20); ++i) huge += static_cast<char>(0x80 + (i % 0x7F));
  Answer big = upload(huge, "utan-radslut.se");
  ASSERT_EQ(big.status, 422) << big.raw.substr(0, 2000);
  ASSERT_TRUE(parsed(big));
  EXPECT_LT(big.raw.size(), 64u * 1024) << "the answer grew with the file";
  const LedgerLogEntry row = stored(big.body["error"]["log_entry_id"].get<int64_t>());
  EXPECT_LT(row.diagnostics.size() + row.message.size(), 32u * 1024) << "the stored row grew with the file";

  Answer read = log();
  ASSERT_EQ(read.status, 200) << read.raw.substr(0, 2000);
  ASSERT_TRUE(parsed(read));
  EXPECT_LE(read.raw.size(), 3 * kEntryBound);
}

// A row written before the log's texts were kept displayable: raw bytes in
// every text and a diagnostics text far over the caps.
TEST_F(LedgerLogTest, AnEntryStoredWithRawBytesStillRenders) {
  LedgerLogEntry old;
  old.company_id = company_.id;
  old.at = clock_.now();
  old.actor = "agare@ovning.se";
  old.file_name = "F\xF6rs\xE4ljning.se";
  old.outcome = LedgerLogEntry::Outcome::kRefused;
  old.message = "account '30\x94" "1' is not a number\x01";
  for (int i = 0; i < 5000; ++i) old.diagnostics += "x.se:13:8: error: account '30\x94" "1' " + std::string(800, '\xFF') + "\n";
  {
    std::unique_ptr<LedgerStore> ledger = *open_ledger_store(db_);
    ASSERT_TRUE(ledger->append_log(old).ok());
  }
  Answer read = log();
  ASSERT_EQ(read.status, 200) << read.raw.substr(0, 2000);
  ASSERT_TRUE(parsed(read));
  EXPECT_LE(read.raw.size(), 2 * kEntryBound);
  const json& e = read.body[0];
  EXPECT_EQ(e["file"], "F\\xF6rs\\xE4ljning.se");
  EXPECT_EQ(e["message"], "account '30\\x941' is not a number\\x01");
  ASSERT_EQ(e["diagnostics"].size(), ledger::kMaxDiagnosticLines + 1);
  // Read up to 1 MiB of it, listed up to the cap, the rest of what was read counted.
  EXPECT_NE(e["diagnostics"].back().get<std::string>().find(" more (counted, not stored)"), std::string::npos);
}

}  // namespace
}  // namespace dagbok::server
