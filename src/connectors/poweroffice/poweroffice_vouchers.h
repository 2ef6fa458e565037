// VoucherSender: one delivery's vouchers to PowerOffice Go, each exactly once
// (see poweroffice_connector.h), with the Z-report PDF attached.
//
// Per voucher, with ref = "dagbok-<company>-<voucher id>", ConnectorState keeps
//   "sent:<ref>"     the remote id once the voucher and its PDF are there
//                    (the next delivery of the same voucher skips it);
//   "made:<ref>"     the remote id once the voucher is there (a retry sends
//                    only the PDF);
//   "sending:<ref>"  set before a draft is posted: after a crash a retry
//                    looks the draft up (by date and text) before posting.
// Account numbers resolve to PowerOffice's ids through
// "account:<number>"; a voucher PowerOffice refuses while cached ids were
// used is retried once with the ids read again.
#pragma once

#include <map>
#include <set>
#include <string>

#include "connectors/poweroffice/poweroffice_client.h"
#include "exports/connector.h"
#include "exports/connector_state.h"

namespace dagbok::poweroffice {

enum class VoucherMode { kDraft, kPosted };

// The reference of one dagbok voucher at PowerOffice.
std::string voucher_reference(int64_t company_id, const Voucher& v);

// A JSON amount with two decimals, never in exponent form ("-1250.00").
std::string amount_literal(Money m);

class VoucherSender {
 public:
  VoucherSender(PowerOfficeClient& client, ConnectorState& state, const DeliveryPayload& p, VoucherMode mode,
                std::string vat_code);
  // The remote ids, comma-separated.
  Result<std::string> send_all();

 private:
  Result<std::map<std::string, int64_t>> account_ids(bool fresh);
  Result<int64_t> vat_id();
  Result<std::string> body(const Voucher& v, const std::map<std::string, int64_t>& ids, int64_t vat,
                           const std::string& ref) const;
  Result<std::string> post(const Voucher& v, const std::string& ref);
  Result<std::string> find_draft(const Voucher& v);
  Result<std::string> already_there(const Answer& a, const std::string& ref);
  Status attach_pdf(const Voucher& v, const std::string& remote_id);

  PowerOfficeClient& client_;
  ConnectorState& state_;
  const DeliveryPayload& p_;
  VoucherMode mode_;
  std::string vat_code_;
  std::set<std::string> from_cache_;  // account numbers whose id came from ConnectorState
};

}  // namespace dagbok::poweroffice
