// VoucherSender: one delivery's vouchers to Visma eEkonomi, each exactly
// once, with the Z-report PDF (doc/connectors/visma.md).
//
// Visma keeps no reference of ours, so dagbok remembers (ConnectorState, per
// company, with ref = "dagbok-<company>-<voucher id>"):
//   "pdf:<ref>"        the uploaded PDF's attachment id (never uploaded twice);
//   "sending:<ref>"    written before a voucher or draft is posted: a later
//                      run that finds it looks the voucher up first
//                      (GET /v2/vouchers/{fiscalyearId}?$filter=VoucherText eq
//                      '…' and VoucherDate eq …; drafts: GET /v2/voucherdrafts);
//   "made:<ref>"       the voucher's (or draft's) Id once Visma has it;
//   "converted:<ref>"  the voucher a draft became (draft_convert);
//   "sent:<ref>"       everything done: the next delivery of the voucher skips it.
// Each voucher's text ends in "(dagbok Z 12)", which makes the lookup exact.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "connectors/visma/visma_client.h"
#include "exports/connector.h"
#include "exports/connector_state.h"

namespace dagbok::visma {

enum class VoucherMode {
  kVoucher,         // POST /v2/vouchers: straight to the ledger, the PDF in the body
  kDraft,           // POST /v2/voucherdrafts: the accountant reviews (the PDF waits among the attachments)
  kDraftConverted,  // a draft, converted at once (/convert), the PDF linked to the voucher
};

inline constexpr size_t kRowTextMax = 60;       // VoucherRowApi.TransactionText
inline constexpr size_t kDraftRowTextMax = 50;  // VoucherDraftRowApi.TransactionText
inline constexpr size_t kVoucherTextMax = 1000;

struct SendOptions {
  VoucherMode mode = VoucherMode::kVoucher;
  std::string number_series;     // "" = the company's default series
  std::string cost_center_item;  // a CostCenterItem Id on every row, or ""
};

// The reference of one dagbok voucher (never sent: Visma has no field for it).
std::string voucher_reference(int64_t company_id, const Voucher& v);
// The VoucherText: the voucher's text and "(dagbok Z 12)", within 1000 characters.
std::string voucher_text(const Voucher& v);
// The JSON body of a voucher or draft, amounts fixed-point with two decimals.
// An account that is not a number is a FailedPrecondition.
Result<std::string> voucher_body(const Voucher& v, const SendOptions& o, bool draft,
                                 const std::string& attachment_id);

class VoucherSender {
 public:
  VoucherSender(VismaClient& client, ConnectorState& state, const DeliveryPayload& p, SendOptions options);
  // The remote ids (vouchers, or drafts), comma-separated.
  Result<std::string> send_all();

 private:
  Result<std::string> year_of(const Voucher& v);
  Status check_accounts(const Voucher& v, const std::string& year_id);
  Result<std::string> upload_pdf(const Voucher& v, const std::string& ref);
  Result<std::string> make(const Voucher& v, const std::string& ref, const std::string& year_id,
                           const std::string& attachment_id);
  Result<std::string> convert(const Voucher& v, const std::string& ref, const std::string& draft_id,
                              const std::string& year_id, const std::string& attachment_id);
  Result<std::string> find_voucher(const Voucher& v, const std::string& year_id);
  Result<std::string> find_draft(const Voucher& v);
  Status link(const Voucher& v, const std::string& attachment_id, const std::string& voucher_id);
  std::string what(const Voucher& v) const;

  VismaClient& client_;
  ConnectorState& state_;
  const DeliveryPayload& p_;
  SendOptions o_;
  std::optional<std::vector<nlohmann::json>> years_;     // read once per delivery
  std::map<std::string, std::set<std::string>> charts_;  // fiscal year id → account numbers
};

}  // namespace dagbok::visma
