#include "connectors/email/mime.h"

#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connectors/email/mailer.h"
#include "connectors/email/memory_mailer.h"
#include "support/mime_reader.h"

namespace dagbok::email {
namespace {

using ::testing::HasSubstr;
using testing::base64_decode;
using testing::decode_words;
using testing::params;
using testing::parse_message;
using testing::qp_decode;

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// A SIE4 file as the SIE writer will produce it: CP437 bytes, CRLF.
std::string sie_bytes() {
  std::string s = "#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#FNAMN \"Kaffebaren AB\"\r\n";
  s += "#VER A 1 20260329 \"Dagsavslut 2026-03-29 (Z-rapport 42)\"\r\n{\r\n";
  s += "   #TRANS 1930 {} 12345.00\r\n   #TRANS 3001 {} -9876.00\r\n}\r\n";
  s += "#KONTO 2611 \"Utg\x86" "ende moms 25%\"\r\n";  // 0x86 is å in CP437
  s += "#KONTO 3740 \"\x99resavrundning\"\r\n";        // 0x99 is Ö
  return s;
}

MailDraft sample_draft() {
  MailDraft d;
  d.from = {"dagsavslut@kaffebaren.se", "Kaffebaren AB – Dagsavslut"};
  d.to = {{"bokforing@byran.se", "Byrån för Bokföring"}, {"agare@kaffebaren.se", ""}};
  d.subject = "Dagsavslut söndag 29 mars 2026 – Kaffebaren AB, Storgatan 1, Östersund: "
              "försäljning 12 345,00 kr inkl. moms (Z-rapport nr 42)";
  d.text = "Hej!\n\nHär kommer försäljningen för söndag 29 mars 2026.\nTotalt: 12 345,00 kr\n"
           ".\n"
           "En rad som slutar med mellanslag \n" +
           std::string(200, 'x') + "\n" + std::string(100, '\xc3') + "\n";
  // (the last line is deliberately not valid UTF-8: QP must carry any bytes)
  d.attachments = {
      {"dagsavslut-2026-03-29.se", sie_bytes(), ""},
      {"Försäljning Åre–Östersund 2026-03-29.csv", "\xEF\xBB\xBF" "Konto;Belopp\r\n1930;12345,00\r\n", ""},
      {"binary.pdf", random_bytes(100000, 7), ""},
      {"empty.xlsx", "", ""},
      {"Ett mycket långt filnamn för ett dagsavslut med många åäö i sig, så att det måste delas upp.pdf",
       "%PDF-1.4\n", ""},
  };
  d.extra_headers = {{"X-Dagbok-Delivery", "email:7:2026-03-29"}, {"Auto-Submitted", "auto-generated"}};
  d.date = *Instant::parse_rfc3339("2026-03-29T21:05:00Z");
  d.utc_offset_seconds = 7200;
  d.idempotency_key = "email:7:2026-03-29";
  return d;
}

void expect_wire_clean(const std::string& raw) {
  std::size_t line_start = 0;
  bool in_headers = true;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      ASSERT_GT(i, 0u);
      ASSERT_EQ(raw[i - 1], '\r') << "bare LF at byte " << i;
      std::size_t len = i - 1 - line_start;
      EXPECT_LE(len, 998u) << "line at byte " << line_start;
      if (in_headers) {
        EXPECT_LE(len, 78u) << raw.substr(line_start, len);
      }
      if (len == 0) in_headers = false;
      line_start = i + 1;
    } else if (raw[i] == '\r') {
      ASSERT_TRUE(i + 1 < raw.size() && raw[i + 1] == '\n') << "bare CR at byte " << i;
    } else {
      auto c = static_cast<unsigned char>(raw[i]);
      EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "non-ASCII or control byte " << int(c) << " at " << i;
      if (c < 0x20 || c >= 0x7f) return;
    }
  }
}

TEST(Mime, IsSevenBitCrlfWithShortLines) {
  Result<std::string> raw = build_mime(sample_draft());
  ASSERT_TRUE(raw.ok()) << raw.error().message();
  expect_wire_clean(*raw);
  // Every line of every part's content is at most 76 characters (QP and
  // base64 both promise it).
  for (const testing::Part& part : parse_message(*raw).parts) {
    std::size_t start = 0;
    while (start < part.body.size()) {
      std::size_t end = part.body.find("\r\n", start);
      if (end == std::string::npos) end = part.body.size();
      EXPECT_LE(end - start, 76u) << part.body.substr(start, end - start);
      start = end + 2;
    }
  }
}

TEST(Mime, HeadersDecodeToTheOriginals) {
  MailDraft d = sample_draft();
  testing::Message m = parse_message(*build_mime(d));
  EXPECT_EQ(*m.top.header("Date"), "Sun, 29 Mar 2026 23:05:00 +0200");
  EXPECT_EQ(decode_words(*m.top.header("Subject")), d.subject);
  EXPECT_EQ(decode_words(*m.top.header("From")), "Kaffebaren AB – Dagsavslut <dagsavslut@kaffebaren.se>");
  EXPECT_EQ(decode_words(*m.top.header("To")), "Byrån för Bokföring <bokforing@byran.se>, agare@kaffebaren.se");
  EXPECT_EQ(*m.top.header("MIME-Version"), "1.0");
  EXPECT_EQ(*m.top.header("X-Dagbok-Delivery"), "email:7:2026-03-29");
  EXPECT_EQ(*m.top.header("Auto-Submitted"), "auto-generated");
  EXPECT_THAT(*m.top.header("Message-ID"), ::testing::MatchesRegex("<[0-9a-f]{32}\\.dagbok@kaffebaren\\.se>"));
  EXPECT_THAT(*m.top.header("Content-Type"), HasSubstr("multipart/mixed"));
}

TEST(Mime, PlainAsciiStaysReadable) {
  MailDraft d = sample_draft();
  d.subject = "Daily close 2026-03-29";
  d.from.display_name = "Kaffebaren AB";
  d.to = {{"a@b.se", "O'Brien, Accounting"}};
  std::string raw = *build_mime(d);
  EXPECT_THAT(raw, HasSubstr("\r\nSubject: Daily close 2026-03-29\r\n"));
  EXPECT_THAT(raw, HasSubstr("\r\nFrom: Kaffebaren AB <dagsavslut@kaffebaren.se>\r\n"));
  EXPECT_THAT(raw, HasSubstr("\r\nTo: \"O'Brien, Accounting\" <a@b.se>\r\n"));
}

TEST(Mime, LongAsciiSubjectFoldsAtSpaces) {
  MailDraft d = sample_draft();
  d.subject = "Daily close for Kaffebaren AB, Storgatan 1, Ostersund, Sunday 29 March 2026, total 12345.00 SEK";
  std::string raw = *build_mime(d);
  expect_wire_clean(raw);
  testing::Message m = parse_message(raw);
  EXPECT_EQ(*m.top.header("Subject"), d.subject);
  EXPECT_EQ(raw.find("=?"), raw.find("=?UTF-8?B?"));  // only the From/To names are encoded
}

TEST(Mime, SubjectSurvivesEveryLength) {
  // Multi-byte characters must never be split across encoded-words.
  for (std::size_t n = 0; n < 120; ++n) {
    MailDraft d = sample_draft();
    d.attachments.clear();
    d.subject.clear();
    for (std::size_t i = 0; i < n; ++i) d.subject += (i % 3 == 0) ? "€" : (i % 3 == 1 ? "ö" : "a");
    std::string raw = *build_mime(d);
    expect_wire_clean(raw);
    EXPECT_EQ(decode_words(*parse_message(raw).top.header("Subject")), d.subject) << n;
  }
}

TEST(Mime, SubjectLineBreaksBecomeSpaces) {
  MailDraft d = sample_draft();
  d.subject = "Dagsavslut\r\nBcc: evil@example.com";
  std::string raw = *build_mime(d);
  EXPECT_EQ(raw.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(*parse_message(raw).top.header("Subject"), "Dagsavslut Bcc: evil@example.com");
}

TEST(Mime, TextIsQuotedPrintableUtf8) {
  MailDraft d = sample_draft();
  testing::Message m = parse_message(*build_mime(d));
  ASSERT_EQ(m.parts.size(), 6u);
  const testing::Part& text = m.parts[0];
  EXPECT_EQ(*text.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(*text.header("Content-Transfer-Encoding"), "quoted-printable");
  std::string expected;
  for (char c : d.text) {
    if (c == '\n') expected += '\r';
    expected += c;
  }
  EXPECT_EQ(qp_decode(text.body), expected);
  EXPECT_THAT(text.body, HasSubstr("\r\n=2E\r\n"));            // a lone dot is encoded
  EXPECT_THAT(text.body, HasSubstr("mellanslag=20\r\n"));      // trailing space is encoded
}

TEST(Mime, AttachmentsDecodeToTheExactBytes) {
  MailDraft d = sample_draft();
  testing::Message m = parse_message(*build_mime(d));
  ASSERT_EQ(m.parts.size(), 1 + d.attachments.size());
  for (std::size_t i = 0; i < d.attachments.size(); ++i) {
    const testing::Part& p = m.parts[i + 1];
    EXPECT_EQ(*p.header("Content-Transfer-Encoding"), "base64");
    EXPECT_EQ(base64_decode(p.body), d.attachments[i].content) << d.attachments[i].filename;
    auto disp = params(*p.header("Content-Disposition"));
    std::string name = disp.count("filename*") ? disp["filename*"] : disp["filename"];
    EXPECT_EQ(name, d.attachments[i].filename);
    EXPECT_EQ(p.header("Content-Disposition")->substr(0, 10), "attachment");
  }
}

TEST(Mime, ContentTypesFollowTheFormat) {
  testing::Message m = parse_message(*build_mime(sample_draft()));
  EXPECT_EQ(*m.parts[1].header("Content-Type"), "text/plain; charset=IBM437; name=\"dagsavslut-2026-03-29.se\"");
  EXPECT_THAT(*m.parts[2].header("Content-Type"), HasSubstr("text/csv; charset=utf-8; name="));
  EXPECT_THAT(*m.parts[3].header("Content-Type"), HasSubstr("application/pdf; name="));
  EXPECT_THAT(*m.parts[4].header("Content-Type"),
              HasSubstr("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="));
  EXPECT_EQ(content_type_for("X.SE"), "text/plain; charset=IBM437");
  EXPECT_EQ(content_type_for("a.sie"), "text/plain; charset=IBM437");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

TEST(Mime, NonAsciiFileNamesGetAnAsciiStandIn) {
  testing::Message m = parse_message(*build_mime(sample_draft()));
  auto type = params(*m.parts[2].header("Content-Type"));
  EXPECT_EQ(type["name"], "Forsaljning Are-Ostersund 2026-03-29.csv");
  auto disp = params(*m.parts[2].header("Content-Disposition"));
  EXPECT_EQ(disp.count("filename"), 0u);
  EXPECT_EQ(disp["filename*"], "Försäljning Åre–Östersund 2026-03-29.csv");
  // The long one is split into RFC 2231 continuations.
  EXPECT_THAT(*m.parts[5].header("Content-Disposition"), HasSubstr("filename*1*="));
}

TEST(Mime, SameKeySameBytesOtherKeyOtherMessageId) {
  MailDraft d = sample_draft();
  std::string a = *build_mime(d), b = *build_mime(d);
  EXPECT_EQ(a, b);
  std::string id = *parse_message(a).top.header("Message-ID");
  EXPECT_EQ(id, message_id_for(d.idempotency_key, "kaffebaren.se"));
  d.idempotency_key = "email:7:2026-03-30";
  EXPECT_NE(*parse_message(*build_mime(d)).top.header("Message-ID"), id);
  d.message_id_domain = "dagbok.example";
  EXPECT_THAT(*parse_message(*build_mime(d)).top.header("Message-ID"), HasSubstr("@dagbok.example>"));
}

TEST(Mime, DatesInEveryOffset) {
  Instant t = *Instant::parse_rfc3339("2026-01-01T00:30:00Z");
  EXPECT_EQ(rfc5322_date(t, 0), "Thu, 01 Jan 2026 00:30:00 +0000");
  EXPECT_EQ(rfc5322_date(t, 3600), "Thu, 01 Jan 2026 01:30:00 +0100");
  EXPECT_EQ(rfc5322_date(t, -5 * 3600 - 1800), "Wed, 31 Dec 2025 19:00:00 -0530");
  EXPECT_EQ(rfc5322_date(Instant::from_unix(-1), 0), "Wed, 31 Dec 1969 23:59:59 +0000");
}

TEST(Mime, RefusesBadDrafts) {
  auto error_for = [](auto change) {
    MailDraft d = sample_draft();
    change(d);
    Result<std::string> r = build_mime(d);
    return r.ok() ? std::string("(ok)") : r.error().message();
  };
  EXPECT_THAT(error_for([](MailDraft& d) { d.to = {{"bokföring@byrån.se", ""}}; }),
              HasSubstr("recipient address 'bokföring@byrån.se'"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.to = {{"a@b.se\r\nBcc: x@y.se", ""}}; }),
              HasSubstr("is not an e-mail address"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.to = {{"kassa", ""}}; }),
              HasSubstr("Check the address under Integrationer → Export via e-post"));
  MailDraft bad_to = sample_draft();
  bad_to.to = {{"kassa", ""}};
  EXPECT_EQ(build_mime(bad_to).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(error_for([](MailDraft& d) { d.to.clear(); }), HasSubstr("no recipient"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.from.address = "kassa"; }), HasSubstr("sender address 'kassa'"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.idempotency_key.clear(); }), HasSubstr("idempotency key"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.extra_headers.push_back({"Bcc", "x@y.se"}); }), HasSubstr("(ok)"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.extra_headers.push_back({"subject", "x"}); }),
              HasSubstr("written by the mail builder"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.extra_headers.push_back({"X-A", "1\r\nBcc: x@y.se"}); }),
              HasSubstr("must be one line"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.extra_headers.push_back({"X A", "1"}); }),
              HasSubstr("not a header name"));
  EXPECT_THAT(error_for([](MailDraft& d) { d.attachments.push_back({"../etc/passwd", "", ""}); }),
              HasSubstr("without directories"));
}

TEST(Mime, ValidAddresses) {
  for (const char* ok : {"a@b.se", "kassa+z@kaffebaren.se", "first.last@sub.example.co.uk", "x@[127.0.0.1]"})
    EXPECT_TRUE(is_valid_address(ok)) << ok;
  for (const char* bad : {"", "a", "@b.se", "a@", "a b@c.se", "a@b..se", ".a@b.se", "a@b.se>", "\"a\"@b.se",
                          "å@b.se", "a@b_c.se"})
    EXPECT_FALSE(is_valid_address(bad)) << bad;
}

TEST(Compose, BuildsTheEnvelope) {
  MailDraft d = sample_draft();
  d.to.push_back({"bokforing@byran.se", "again"});
  Result<MailMessage> m = compose(d);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->envelope_from, "dagsavslut@kaffebaren.se");
  EXPECT_EQ(m->recipients, (std::vector<std::string>{"bokforing@byran.se", "agare@kaffebaren.se"}));
  EXPECT_EQ(m->data, *build_mime(d));
}

TEST(MemoryMailer, RecordsAndFailsOnRequest) {
  MemoryMailer mailer;
  MailMessage m = *compose(sample_draft());
  mailer.fail_next(2, unavailable("451 4.3.0 try again"));
  EXPECT_EQ(mailer.send(m).error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(mailer.send(m).error().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(mailer.send(m).ok());
  EXPECT_EQ(mailer.attempts(), 3);
  ASSERT_EQ(mailer.sent().size(), 1u);
  EXPECT_EQ(mailer.sent()[0].data, m.data);
}

}  // namespace
}  // namespace dagbok::email
