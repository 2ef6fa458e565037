// The JSON Visma eEkonomi receives for one voucher: amounts fixed-point with
// two decimals from öre integers, row texts cut to the contract's 60 (drafts:
// 50) characters on code-point boundaries, the voucher text within 1000.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "connectors/visma/visma_client.h"
#include "connectors/visma/visma_vouchers.h"
#include "net/wire_text.h"

namespace dagbok::visma {
namespace {

using nlohmann::json;

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Voucher day(std::string row_text) {
  Voucher v;
  v.id = 41;
  v.series = "Z";
  v.number = 12;
  v.date = Date::from_ymd(2026, 3, 1);
  v.text = "Dagskassa 2026-03-01 Kassa 1";
  v.lines = {{"1910", Money::from_minor(125000), "", row_text},
             {"3001", Money::from_minor(-100000), "", ""},
             {"2611", Money::from_minor(-25000), "", "Utgående moms 25 %"},
             {"3740", Money::from_minor(0), "", "Öresavrundning"}};
  return v;
}

TEST(VismaBody, AmountsAreFixedPointWithTwoDecimalsFromOre) {
  Voucher v = day("Kontant");
  v.lines[0].amount = Money::from_minor(100000000000);  // 1 000 000 000.00: never 1e9
  v.lines[1].amount = Money::from_minor(-99999999975);
  v.lines[2].amount = Money::from_minor(-25);
  Result<std::string> b = voucher_body(v, {}, false, "");
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_NE(b->find("\"DebitAmount\":1000000000.00"), std::string::npos) << *b;
  EXPECT_NE(b->find("\"CreditAmount\":999999999.75"), std::string::npos) << *b;
  EXPECT_NE(b->find("\"CreditAmount\":0.25"), std::string::npos) << *b;
  EXPECT_EQ(b->find("e+"), std::string::npos) << "no exponent";
  const json j = json::parse(*b);
  ASSERT_EQ(j["Rows"].size(), 3u) << "the zero line is left out";
  EXPECT_EQ(j["Rows"][1]["AccountNumber"], 3001);
  EXPECT_FALSE(j["Rows"][1].contains("DebitAmount"));
  EXPECT_EQ(j["VoucherType"], 2);
  EXPECT_EQ(j["VoucherDate"], "2026-03-01");
  EXPECT_EQ(j["VoucherText"], "Dagskassa 2026-03-01 Kassa 1 (dagbok Z 12)");
  EXPECT_EQ(j["Rows"][1]["TransactionText"], "Dagskassa 2026-03-01 Kassa 1") << "a row without text takes the voucher's";
  EXPECT_FALSE(j.contains("NumberSeries"));
  EXPECT_FALSE(j.contains("Attachments"));
}

TEST(VismaBody, RowTextsAreCutToSixtyCharactersOnCodePointBoundaries) {
  // 58 ASCII characters, then "åäö…": the 59th and 60th are two-byte letters,
  // and byte 60 falls inside "ä".
  const std::string text = std::string(58, 'x') + "åäö och mer";
  ASSERT_GT(text.size(), 60u);
  Result<std::string> b = voucher_body(day(text), {}, false, "");
  ASSERT_TRUE(b.ok());
  const json j = json::parse(*b);  // valid UTF-8, or nlohmann refuses it
  const std::string cut = j["Rows"][0]["TransactionText"];
  EXPECT_EQ(code_points(cut), 60u);
  EXPECT_EQ(cut, std::string(58, 'x') + "åä");
  // Drafts: VoucherDraftRowApi allows 50.
  Result<std::string> d = voucher_body(day(text), {}, true, "");
  ASSERT_TRUE(d.ok());
  const json dj = json::parse(*d);
  EXPECT_EQ(dj["Rows"][0]["TransactionText"], std::string(50, 'x'));
  EXPECT_FALSE(dj.contains("VoucherType"));
  // A text of exactly 60 characters, all Swedish letters, is kept whole.
  std::string sixty;
  for (int i = 0; i < 20; ++i) sixty += "åäö";
  const json whole = json::parse(*voucher_body(day(sixty), {}, false, ""));
  EXPECT_EQ(whole["Rows"][0]["TransactionText"], sixty);
}

TEST(VismaBody, TheVoucherTextKeepsItsMarkWithinTheLimit) {
  Voucher v = day("Kontant");
  for (int i = 0; i < 1200; ++i) v.text += "ö";
  const std::string t = voucher_text(v);
  EXPECT_EQ(code_points(t), kVoucherTextMax);
  const std::string mark = " (dagbok Z 12)";
  EXPECT_EQ(t.substr(t.size() - mark.size()), mark);
}

TEST(VismaBody, SeriesCostCentreAndAttachmentAreSentWhenSet) {
  SendOptions o;
  o.number_series = "K";
  o.cost_center_item = "5b1c6a57-0a3f-5d57-9b1c-2f1e6c7d8e9f";
  const json j = json::parse(*voucher_body(day("Kontant"), o, false, "0f0e0d0c-0b0a-4909-8807-060504030201"));
  EXPECT_EQ(j["NumberSeries"], "K");
  EXPECT_EQ(j["Rows"][0]["CostCenterItemId1"], o.cost_center_item);
  EXPECT_EQ(j["Attachments"], json({{"DocumentType", 3}, {"AttachmentIds", {"0f0e0d0c-0b0a-4909-8807-060504030201"}}}));
}

TEST(VismaBody, AnAccountThatIsNotANumberIsForTheMerchantToMap) {
  Voucher v = day("Kontant");
  v.lines[0].account = "KASSA";
  Result<std::string> b = voucher_body(v, {}, false, "");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(b.error().message().find("'KASSA'"), std::string::npos);
}

TEST(VismaClientWords, EndpointsRetryWaitsAndVismasWords) {
  EXPECT_EQ(endpoint_of("POST", "/vouchers?useDefaultVoucherSeries=true"), "POST /v2/vouchers");
  EXPECT_EQ(endpoint_of("GET", "/vouchers/c5e7930b-18e2-5424-ae03-abe3368f4a9f?$filter=x"), "GET /v2/vouchers/{id}");
  EXPECT_EQ(endpoint_of("POST", "/voucherdrafts/C5E7930B-18E2-5424-AE03-ABE3368F4A9F/convert"),
            "POST /v2/voucherdrafts/{id}/convert");
  net::HttpResponse r;
  r.status = 429;
  const json body = {{"ErrorCode", 4010},
                     {"DeveloperErrorMessage", "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds."},
                     {"ErrorId", "abc"}};
  EXPECT_EQ(retry_after_seconds(r, body), 55);
  r.headers.push_back({"Retry-After", "7"});
  EXPECT_EQ(retry_after_seconds(r, body), 7);
  Answer a{400, "", {{"ErrorCode", 4000}, {"DeveloperErrorMessage", "Nope."}, {"ErrorId", "e1"}}};
  EXPECT_EQ(vendor_message(a), "Nope. (ErrorCode 4000, ErrorId e1)");
  EXPECT_EQ(vendor_error(a, "x").code(), ErrorCode::kFailedPrecondition);
  Answer module{403, "", {{"ErrorCode", 4003}, {"DeveloperErrorMessage", "No access to module: api_standard"}}};
  const Error e = vendor_error(module, "GET /v2/fiscalyears");
  EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(e.message().find("Activate the API"), std::string::npos);
  EXPECT_EQ(vendor_error(Answer{401, "", {{"Message", "Authorization has been denied for this request."}}}, "x").code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(vendor_error(Answer{503, "busy", nullptr}, "x").code(), ErrorCode::kUnavailable);
  EXPECT_EQ(normalise_base_url("https://eaccountingapi.vismaonline.com/v2/"), "https://eaccountingapi.vismaonline.com");
}

}  // namespace
}  // namespace dagbok::visma
