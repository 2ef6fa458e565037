// The JSON of dagbok's records: one function per record, the same for the
// server's API and the CLI's --format json. Amounts are decimal strings
// ("1652.00"), never JSON numbers; times are UTC RFC 3339; dates YYYY-MM-DD.
#pragma once

#include <nlohmann/json.hpp>

#include "auth/access_policy.h"
#include "pipeline/day_close.h"
#include "pipeline/kontoplan.h"
#include "pipeline/receipt_intake.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace dagbok::views {

nlohmann::json company_json(const Company& c);
nlohmann::json user_json(const User& u);
// The company as its member sees it: with the role and what it allows.
nlohmann::json membership_json(const Company& c, const Membership& m);
nlohmann::json z_report_record_json(const ZReportRecord& r);
nlohmann::json voucher_json(const Voucher& v);
nlohmann::json kontoplan_row_json(const KontoplanRow& r);
// What a kontoplan change did:
// {added_entries, added_accounts: [{number, name}], vouchers_booked, still_blocked}.
nlohmann::json kontoplan_changed_json(const KontoplanChanged& c);
nlohmann::json intake_json(const IntakeSummary& s);
nlohmann::json close_json(Date day, const CloseOutcome& out);
nlohmann::json delivery_json(const Delivery& d);
nlohmann::json attempt_json(const DeliveryAttempt& a);
nlohmann::json notification_json(const Notification& n);
// A day of the Dagsavslut page: its registers with receipts and whether each is closed.
nlohmann::json receipt_days_json(const std::vector<ReceiptDay>& rows);
nlohmann::json member_json(const CompanyMember& m, int64_t caller_user_id);
nlohmann::json api_token_json(const ApiTokenRecord& t);
// An entry of the ledger's import log; `diagnostics` one located message per element.
nlohmann::json ledger_log_entry_json(const LedgerLogEntry& e);
nlohmann::json fiscal_year_json(const LedgerFiscalYear& y);

}  // namespace dagbok::views
