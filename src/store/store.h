// Store: where dagbok keeps its books. One interface, backends by name
// (sqlite now; postgres later), the same tests for each.
//
// Every row belongs to a company; one database holds many. Writes that must
// happen together (a day close: Z-reports, vouchers, receipts marked booked)
// are one call and one transaction. Numbers that must have no gaps (Z-report
// per register, voucher per series) are given out inside that transaction.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "books/account.h"
#include "books/day_voucher.h"
#include "books/mapping.h"
#include "books/voucher.h"
#include "core/date.h"
#include "core/result.h"
#include "core/vat.h"
#include "pos/receipt.h"
#include "pos/z_report.h"
#include "store/access_records.h"
#include "store/export_records.h"

namespace dagbok {

struct Company {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string orgnr;
  Country country = Country::kSweden;
  std::string timezone;
  int day_break_minutes = 0;
  SalesBookedBy sales_by = SalesBookedBy::kProductGroup;
  std::string chart_preset;
};

struct RegisterInfo {
  std::string code;
  std::string department;
  Date first_business_date;
  Money default_float;
};

// What a company has seen on its receipts.
struct MasterData {
  std::set<std::string> departments;
  std::map<std::string, RegisterInfo> registers;
  std::set<std::string> product_groups;
  std::set<std::string> payment_methods;
};

struct NewReceipt {
  Receipt receipt;
  std::string canonical_json;
  Date business_date;
  bool late = false;  // its register-day was already closed when it came
};

struct StoredReceipt {
  Receipt receipt;
  Date business_date;
  bool late = false;
};

struct ZReportRecord {
  int64_t id = 0;
  ZReport report;
  std::optional<int64_t> voucher_id;
  std::string voucher_blocked;  // why no voucher was booked, or ""
};

// One register's part of a day close, as computed from a snapshot. The store
// writes it only if the snapshot still holds (see write_day_close).
struct RegisterClose {
  ZReport report;                       // number filled in from expected_number
  int64_t expected_number = 0;          // last Z-number of the register + 1
  std::vector<std::string> receipt_ids;  // the receipts it books
  std::optional<Voucher> voucher;       // absent when blocked or empty
  std::string voucher_blocked;
  Money float_to_remember;
};

// A register's business day that has receipts, and whether it is closed: the
// list the Dagsavslut page offers to close.
struct ReceiptDay {
  Date day;
  std::string register_code;
  std::string department;
  int receipts = 0;
  int unbooked = 0;     // not yet on a Z-report (late ones included)
  bool closed = false;  // the register has a Z-report for the day
};

// A user and their role in one company (the Users page).
struct CompanyMember {
  User user;
  Membership membership;
};

struct ClosedRegister {
  int64_t z_report_id = 0;
  int64_t z_number = 0;
  std::optional<int64_t> voucher_id;
  int64_t voucher_number = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Companies.
  virtual Result<int64_t> create_company(const Company& c) = 0;
  virtual Result<std::vector<Company>> companies() = 0;

  // Chart of accounts.
  virtual Status upsert_accounts(int64_t company, const std::vector<Account>& accounts) = 0;
  virtual Result<std::vector<Account>> accounts(int64_t company) = 0;

  // Kontoplan mapping (append-only; effective-dated).
  virtual Status add_mapping(int64_t company, const std::vector<MappingEntry>& entries) = 0;
  // New (or renamed) accounts and mapping entries together, in one
  // transaction: a kontoplan change (pipeline/kontoplan.h).
  virtual Status add_accounts_and_mapping(int64_t company, const std::vector<Account>& accounts,
                                          const std::vector<MappingEntry>& entries) = 0;
  virtual Result<Mapping> mapping(int64_t company) = 0;

  // Receipts and what they name.
  virtual Result<MasterData> master_data(int64_t company) = 0;
  // Canonical JSON of the receipts that exist among `ids`.
  virtual Result<std::map<std::string, std::string>> receipt_bodies(int64_t company,
                                                                    const std::vector<std::string>& ids) = 0;
  virtual Result<std::optional<StoredReceipt>> find_receipt(int64_t company, const std::string& id) = 0;
  // All or nothing; registers etc. new to the company are created.
  virtual Status insert_receipts(int64_t company, const std::vector<NewReceipt>& receipts) = 0;
  // Unbooked receipts of a register for `day`, and late ones from closed days before it.
  virtual Result<std::vector<StoredReceipt>> receipts_to_close(int64_t company, const std::string& register_code,
                                                               Date day) = 0;

  // Day close.
  virtual Result<std::set<std::string>> closed_registers(int64_t company, Date day) = 0;
  virtual Result<std::optional<ZReportRecord>> last_z_report(int64_t company, const std::string& register_code) = 0;
  // Writes the Z-reports and vouchers and marks their receipts booked, in one
  // transaction. Aborted if another close got there first (a register-day now
  // closed, a Z-number taken): compute again from fresh data and retry.
  virtual Result<std::vector<ClosedRegister>> write_day_close(int64_t company, Date day,
                                                              std::vector<RegisterClose> registers, Instant now) = 0;
  virtual Result<std::vector<ZReportRecord>> z_reports(int64_t company, std::optional<Date> from,
                                                       std::optional<Date> to) = 0;
  virtual Result<std::optional<ZReportRecord>> z_report(int64_t company, const std::string& register_code,
                                                        int64_t number) = 0;

  // Vouchers.
  virtual Result<std::vector<Voucher>> vouchers(int64_t company, std::optional<Date> from,
                                                std::optional<Date> to) = 0;
  // Books a voucher for a Z-report that was blocked; refuses if it has one.
  virtual Result<int64_t> book_blocked_voucher(int64_t company, int64_t z_report_id, Voucher v) = 0;
  virtual Status set_voucher_blocked(int64_t company, int64_t z_report_id, const std::string& why) = 0;
  virtual Result<std::optional<Date>> last_voucher_date(int64_t company) = 0;
  virtual Result<std::vector<ZReportRecord>> z_reports_by_id(int64_t company, const std::vector<int64_t>& ids) = 0;
  virtual Result<std::vector<Voucher>> vouchers_by_id(int64_t company, const std::vector<int64_t>& ids) = 0;

  // Books a correction of `original` (a reversal and a corrected voucher) and
  // queues both for every active destination that covers `day`, in one
  // transaction. Refuses if `original` was already corrected. Returns the
  // two vouchers with their ids and numbers.
  virtual Result<std::pair<Voucher, Voucher>> book_correction(int64_t company, const Voucher& original, Date day,
                                                              Voucher reversal, Voucher corrected, Instant now) = 0;
  // The voucher that currently stands for `voucher_id`: the last correction in
  // its chain, or itself.
  virtual Result<Voucher> current_voucher(int64_t company, int64_t voucher_id) = 0;

  // Export destinations. write_day_close() also writes, in its transaction,
  // one delivery per active destination whose from_date covers the day.
  virtual Result<int64_t> save_destination(const Destination& d) = 0;
  virtual Result<std::vector<Destination>> destinations(int64_t company) = 0;

  // The outbox. Rows are unique per (destination, idempotency key): enqueuing
  // the same delivery twice adds it once. Returns how many were new.
  virtual Result<int> enqueue_deliveries(const std::vector<Delivery>& deliveries) = 0;
  virtual Result<std::vector<Delivery>> deliveries(int64_t company, std::optional<int64_t> destination,
                                                   int limit) = 0;
  virtual Result<std::optional<Delivery>> delivery(int64_t id) = 0;
  // Pending or waiting rows due by `now`, and in-flight rows whose lease ran
  // out (a worker died), across all companies, oldest first.
  virtual Result<std::vector<Delivery>> due_deliveries(Instant now, int limit) = 0;
  // Takes the row for `owner` until `lease_until`, if nobody else holds it.
  virtual Result<bool> claim_delivery(int64_t id, const std::string& owner, Instant now, Instant lease_until) = 0;
  // Writes the row's new state and its attempt in one transaction, if `owner`
  // still holds the lease; Aborted if not.
  virtual Status finish_delivery(const Delivery& d, const std::string& owner, const DeliveryAttempt& attempt) = 0;
  // Makes one undelivered row due now (a retry asked for by hand).
  virtual Result<bool> retry_delivery(int64_t company, int64_t id, Instant now) = 0;
  // Makes every undelivered row of a destination due now (manual export).
  virtual Result<int> release_for_manual_export(int64_t destination, Instant now) = 0;
  virtual Status log_attempt(const DeliveryAttempt& attempt, int64_t company) = 0;
  virtual Result<std::vector<DeliveryAttempt>> attempts(int64_t company, int limit) = 0;

  // Notifications: one open notification per key; raising it again refreshes it.
  virtual Status raise_notification(const Notification& n) = 0;
  virtual Status resolve_notifications(int64_t company, const std::string& key, Instant now) = 0;
  virtual Result<std::vector<Notification>> notifications(int64_t company, bool open_only) = 0;
  virtual Status mark_notifications_read(int64_t company, std::optional<int64_t> id) = 0;

  // Users and access (store/access_records.h). E-mail addresses are compared
  // as given: callers pass them in lower case.
  // AlreadyExists when the e-mail address is taken.
  virtual Result<int64_t> create_user(const User& u) = 0;
  virtual Result<std::optional<User>> find_user(int64_t id) = 0;
  virtual Result<std::optional<User>> find_user_by_email(const std::string& email) = 0;
  virtual Status set_password_hash(int64_t user_id, const std::string& hash) = 0;
  // Sets (or replaces) the user's role and import right in the company.
  virtual Status put_membership(const Membership& m) = 0;
  virtual Result<std::vector<Membership>> memberships(int64_t user_id) = 0;

  virtual Result<int64_t> create_session(const SessionRecord& s) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& token_digest) = 0;
  virtual Status revoke_session(const std::string& token_digest, Instant now) = 0;
  // Ends every session of the user (after a password change).
  virtual Status revoke_user_sessions(int64_t user_id, Instant now) = 0;

  virtual Result<int64_t> create_api_token(const ApiTokenRecord& t) = 0;
  virtual Result<std::optional<ApiTokenRecord>> find_api_token(const std::string& token_digest) = 0;
  virtual Result<std::vector<ApiTokenRecord>> api_tokens(int64_t company) = 0;
  // NotFound when the company has no such token.
  virtual Status revoke_api_token(int64_t company, int64_t id, Instant now) = 0;

  // The back-office pages.
  // Register-days with receipts, newest first, within [from, to] when given.
  virtual Result<std::vector<ReceiptDay>> receipt_days(int64_t company, std::optional<Date> from,
                                                       std::optional<Date> to) = 0;
  virtual Status set_user_language(int64_t user_id, const std::string& language) = 0;
  // Everyone with a role in the company, by e-mail address.
  virtual Result<std::vector<CompanyMember>> company_members(int64_t company) = 0;
  // Takes the user's role in the company away (and with it the import right).
  // NotFound when they had none; FailedPrecondition when they are its last
  // owner (checked in the same statement, so two owners cannot remove each other).
  virtual Status remove_membership(int64_t company, int64_t user_id) = 0;
};

// Opens the store at `url`: a file path or "sqlite:PATH" (default backend).
// Applies schema migrations.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace dagbok
