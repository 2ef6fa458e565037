// SqliteStore: the embedded default backend behind every role of Store, on
// one connection. Its methods are defined by role, one file each:
// sqlite_store.cc (opening, migrations, companies), sqlite_receipts.cc,
// sqlite_books.cc, sqlite_outbox.cc and sqlite_access.cc. Private to
// store/sqlite: everyone else opens it through open_store().
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace dagbok::sqlite {

// A date column, or Internal when the stored text is not a date.
Result<Date> column_date(const Statement& st, int col);

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  // Brings the schema up to the newest migration (store/sqlite/migrations.cc).
  Status migrate();

  // CompanyStore (sqlite_store.cc).
  Result<int64_t> create_company(const Company& c) override;
  Result<std::vector<Company>> companies() override;

  // ReceiptStore (sqlite_receipts.cc).
  Result<MasterData> master_data(int64_t company) override;
  Result<std::map<std::string, std::string>> receipt_bodies(int64_t company,
                                                            const std::vector<std::string>& ids) override;
  Result<std::optional<StoredReceipt>> find_receipt(int64_t company, const std::string& id) override;
  Status insert_receipts(int64_t company, const std::vector<NewReceipt>& receipts) override;
  Result<std::vector<StoredReceipt>> receipts_to_close(int64_t company, const std::string& register_code,
                                                       Date day) override;
  Result<std::vector<ReceiptDay>> receipt_days(int64_t company, std::optional<Date> from,
                                               std::optional<Date> to) override;
  Result<std::set<std::string>> closed_registers(int64_t company, Date day) override;
  Result<std::optional<ZReportRecord>> last_z_report(int64_t company, const std::string& register_code) override;
  Result<std::vector<ClosedRegister>> write_day_close(int64_t company, Date day, std::vector<RegisterClose> registers,
                                                      Instant now) override;
  Result<std::vector<ZReportRecord>> z_reports(int64_t company, std::optional<Date> from,
                                               std::optional<Date> to) override;
  Result<std::optional<ZReportRecord>> z_report(int64_t company, const std::string& register_code,
                                                int64_t number) override;
  Result<std::vector<ZReportRecord>> z_reports_by_id(int64_t company, const std::vector<int64_t>& ids) override;

  // BooksStore (sqlite_books.cc).
  Status upsert_accounts(int64_t company, const std::vector<Account>& accounts) override;
  Result<std::vector<Account>> accounts(int64_t company) override;
  Status add_mapping(int64_t company, const std::vector<MappingEntry>& entries) override;
  Status add_accounts_and_mapping(int64_t company, const std::vector<Account>& accounts,
                                  const std::vector<MappingEntry>& entries) override;
  Result<Mapping> mapping(int64_t company) override;
  Result<std::vector<Voucher>> vouchers(int64_t company, std::optional<Date> from, std::optional<Date> to) override;
  Result<int64_t> book_blocked_voucher(int64_t company, int64_t z_report_id, Voucher v) override;
  Status set_voucher_blocked(int64_t company, int64_t z_report_id, const std::string& why) override;
  Result<std::optional<Date>> last_voucher_date(int64_t company) override;
  Result<std::vector<Voucher>> vouchers_by_id(int64_t company, const std::vector<int64_t>& ids) override;
  Result<std::pair<Voucher, Voucher>> book_correction(int64_t company, const Voucher& original, Date day,
                                                      Voucher reversal, Voucher corrected, Instant now) override;
  Result<Voucher> current_voucher(int64_t company, int64_t voucher_id) override;

  // OutboxStore (sqlite_outbox.cc).
  Result<int64_t> save_destination(const Destination& d) override;
  Result<std::vector<Destination>> destinations(int64_t company) override;
  Result<int> enqueue_deliveries(const std::vector<Delivery>& deliveries) override;
  Result<std::vector<Delivery>> deliveries(int64_t company, std::optional<int64_t> destination, int limit) override;
  Result<std::optional<Delivery>> delivery(int64_t id) override;
  Result<std::vector<Delivery>> due_deliveries(Instant now, int limit) override;
  Result<bool> claim_delivery(int64_t id, const std::string& owner, Instant now, Instant lease_until) override;
  Status finish_delivery(const Delivery& d, const std::string& owner, const DeliveryAttempt& attempt) override;
  Result<bool> retry_delivery(int64_t company, int64_t id, Instant now) override;
  Result<int> release_for_manual_export(int64_t destination, Instant now, std::optional<Date> from,
                                        std::optional<Date> to) override;
  Status log_attempt(const DeliveryAttempt& attempt, int64_t company) override;
  Result<std::vector<DeliveryAttempt>> attempts(int64_t company, int limit) override;
  Status raise_notification(const Notification& n) override;
  Status resolve_notifications(int64_t company, const std::string& key, Instant now) override;
  Result<std::vector<Notification>> notifications(int64_t company, bool open_only) override;
  Status mark_notifications_read(int64_t company, std::optional<int64_t> id) override;

  // AccessStore (sqlite_access.cc).
  // ---------------------------------------------------------------- users and access
  Result<int64_t> create_user(const User& u) override;
  Result<std::optional<User>> find_user(int64_t id) override;
  Result<std::optional<User>> find_user_by_email(const std::string& email) override;
  Status set_password_hash(int64_t user_id, const std::string& hash) override;
  Status set_user_language(int64_t user_id, const std::string& language) override;
  Status put_membership(const Membership& m) override;
  Result<std::vector<Membership>> memberships(int64_t user_id) override;
  Result<std::vector<CompanyMember>> company_members(int64_t company) override;
  Status remove_membership(int64_t company, int64_t user_id) override;
  Result<int64_t> create_session(const SessionRecord& s) override;
  Result<std::optional<SessionRecord>> find_session(const std::string& token_digest) override;
  Status revoke_session(const std::string& token_digest, Instant now) override;
  Status revoke_user_sessions(int64_t user_id, Instant now) override;
  Result<int64_t> create_api_token(const ApiTokenRecord& t) override;
  Result<std::optional<ApiTokenRecord>> find_api_token(const std::string& token_digest) override;
  Result<std::vector<ApiTokenRecord>> api_tokens(int64_t company) override;
  Status revoke_api_token(int64_t company, int64_t id, Instant now) override;

  // ConnectorStateStore (sqlite_connector_state.cc).
  Result<bool> claim_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                     const std::string& value, int64_t expires_at_ms, int64_t now_ms) override;
  Result<std::optional<std::string>> connector_value(int64_t company_id, const std::string& kind,
                                                     const std::string& name, int64_t now_ms) override;
  Status put_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                             const std::string& value, std::optional<int64_t> expires_at_ms) override;
  Status erase_connector_value(int64_t company_id, const std::string& kind, const std::string& name) override;
  Status update_rate_bucket(const std::string& key,
                            const std::function<RateBucket(std::optional<RateBucket>)>& change) override;

 private:
  Result<StoredReceipt> stored_receipt(const Statement& st);
  Result<ZReportRecord> z_record(const Statement& st);
  Result<std::vector<Voucher>> read_vouchers(Statement& st);
  // Writes the voucher (numbered in its series) and posts it to the ledger.
  // REQUIRES: inside a transaction. Returns (id, number).
  Result<std::pair<int64_t, int64_t>> insert_voucher(int64_t company, const Voucher& v);
  Result<int> insert_deliveries(const std::vector<Delivery>& deliveries);
  Result<std::vector<Delivery>> read_deliveries(Statement& st);
  Status insert_attempt(const DeliveryAttempt& a, int64_t company);

  std::unique_ptr<Database> db_;
};

}  // namespace dagbok::sqlite
