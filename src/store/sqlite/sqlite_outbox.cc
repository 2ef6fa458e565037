// SqliteStore, role OutboxStore: destinations, the outbox of deliveries,
// their attempts and the notifications.
#include <nlohmann/json.hpp>

#include "store/sqlite/internal/sqlite_store_impl.h"

namespace dagbok::sqlite {
namespace {

constexpr const char* kDeliveryColumns =
    "SELECT id, company_id, destination_id, kind, business_date, z_report_ids, voucher_ids, idempotency_key, "
    "status, attempts, created_at, next_attempt_at, manual, lease_owner, lease_until, remote_ref, last_error, "
    "delivered_at FROM deliveries";

std::string ids_json(const std::vector<int64_t>& ids) { return nlohmann::json(ids).dump(); }

std::string schedule_name(Schedule::Kind k) {
  switch (k) {
    case Schedule::Kind::kAfterClose: return "after_close";
    case Schedule::Kind::kDaily: return "daily";
    case Schedule::Kind::kWeekly: return "weekly";
    case Schedule::Kind::kMonthly: return "monthly";
  }
  return "after_close";
}

Schedule::Kind parse_schedule_name(const std::string& s) {
  if (s == "daily") return Schedule::Kind::kDaily;
  if (s == "weekly") return Schedule::Kind::kWeekly;
  if (s == "monthly") return Schedule::Kind::kMonthly;
  return Schedule::Kind::kAfterClose;
}

}  // namespace

Result<int64_t> SqliteStore::save_destination(const Destination& d) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO destinations(company_id, kind, active, from_date, from_date_locked, schedule, schedule_minute, "
      "max_attempts, settings, sealed_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(company_id, kind) DO UPDATE SET active = excluded.active, from_date = excluded.from_date, "
      "from_date_locked = excluded.from_date_locked, schedule = excluded.schedule, "
      "schedule_minute = excluded.schedule_minute, max_attempts = excluded.max_attempts, "
      "settings = excluded.settings, sealed_secret = excluded.sealed_secret"));
  st.bind(1, d.company_id).bind(2, d.kind).bind(3, d.active ? 1 : 0).bind(4, d.from_date.to_string());
  st.bind(5, d.from_date_locked ? 1 : 0).bind(6, schedule_name(d.schedule.kind)).bind(7, d.schedule.minute_of_day);
  st.bind(8, d.max_attempts).bind(9, d.settings_json).bind(10, d.sealed_secret);
  TRY(st.run());
  ASSIGN_OR_RETURN(Statement id, db_->prepare("SELECT id FROM destinations WHERE company_id = ? AND kind = ?"));
  id.bind(1, d.company_id).bind(2, d.kind);
  TRY(id.step());
  return id.int64(0);
}

Result<std::vector<Destination>> SqliteStore::destinations(int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, company_id, kind, active, from_date, from_date_locked, schedule, schedule_minute, max_attempts, "
      "settings, sealed_secret FROM destinations WHERE company_id = ? ORDER BY id"));
  st.bind(1, company);
  std::vector<Destination> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    Destination d;
    d.id = st.int64(0);
    d.company_id = st.int64(1);
    d.kind = st.text(2);
    d.active = st.int64(3) != 0;
    ASSIGN_OR_RETURN(d.from_date, column_date(st, 4));
    d.from_date_locked = st.int64(5) != 0;
    d.schedule.kind = parse_schedule_name(st.text(6));
    d.schedule.minute_of_day = static_cast<int>(st.int64(7));
    d.max_attempts = static_cast<int>(st.int64(8));
    d.settings_json = st.text(9);
    d.sealed_secret = st.text(10);
    out.push_back(std::move(d));
  }
  return out;
}

Result<int> SqliteStore::enqueue_deliveries(const std::vector<Delivery>& deliveries) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  ASSIGN_OR_RETURN(int n, insert_deliveries(deliveries));
  TRY(tx.commit());
  return n;
}

Result<std::vector<Delivery>> SqliteStore::deliveries(int64_t company, std::optional<int64_t> destination, int limit) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) +
                                              " WHERE company_id = ? AND (? IS NULL OR destination_id = ?) "
                                              "ORDER BY id DESC LIMIT ?"));
  st.bind(1, company).bind(2, destination).bind(3, destination).bind(4, limit);
  return read_deliveries(st);
}

Result<std::optional<Delivery>> SqliteStore::delivery(int64_t id) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) + " WHERE id = ?"));
  st.bind(1, id);
  ASSIGN_OR_RETURN(std::vector<Delivery> all, read_deliveries(st));
  if (all.empty()) return std::optional<Delivery>();
  return std::optional<Delivery>(all[0]);
}

Result<std::vector<Delivery>> SqliteStore::due_deliveries(Instant now, int limit) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) +
      " WHERE (status IN ('pending', 'waiting') AND next_attempt_at <= ?) OR (status = 'in_flight' AND lease_until < ?)"
      " ORDER BY next_attempt_at, id LIMIT ?"));
  st.bind(1, now.unix_seconds()).bind(2, now.unix_seconds()).bind(3, limit);
  return read_deliveries(st);
}

Result<bool> SqliteStore::claim_delivery(int64_t id, const std::string& owner, Instant now, Instant lease_until) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE deliveries SET status = 'in_flight', lease_owner = ?, lease_until = ? WHERE id = ? AND "
      "((status IN ('pending', 'waiting') AND next_attempt_at <= ?) OR (status = 'in_flight' AND lease_until < ?))"));
  st.bind(1, owner).bind(2, lease_until.unix_seconds()).bind(3, id).bind(4, now.unix_seconds());
  st.bind(5, now.unix_seconds());
  TRY(st.run());
  return db_->changes() == 1;
}

Status SqliteStore::finish_delivery(const Delivery& d, const std::string& owner, const DeliveryAttempt& attempt) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, manual = ?, remote_ref = ?, "
      "last_error = ?, delivered_at = ?, lease_owner = '', lease_until = 0 "
      "WHERE id = ? AND status = 'in_flight' AND lease_owner = ?"));
  st.bind(1, delivery_status_name(d.status)).bind(2, d.attempts).bind(3, d.next_attempt_at.unix_seconds());
  st.bind(4, d.manual ? 1 : 0).bind(5, d.remote_ref).bind(6, d.last_error);
  if (d.delivered_at) st.bind(7, d.delivered_at->unix_seconds()); else st.bind_null(7);
  st.bind(8, d.id).bind(9, owner);
  TRY(st.run());
  if (db_->changes() != 1)
    return aborted("delivery " + std::to_string(d.id) + " is no longer held by " + owner);
  TRY(insert_attempt(attempt, d.company_id));
  return tx.commit();
}

Result<bool> SqliteStore::retry_delivery(int64_t company, int64_t id, Instant now) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE deliveries SET manual = 1, next_attempt_at = ?, "
      "attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END, "
      "status = CASE WHEN status = 'failed' THEN 'pending' ELSE status END "
      "WHERE company_id = ? AND id = ? AND status IN ('pending', 'waiting', 'failed')"));
  st.bind(1, now.unix_seconds()).bind(2, company).bind(3, id);
  TRY(st.run());
  return db_->changes() == 1;
}

Result<int> SqliteStore::release_for_manual_export(int64_t destination, Instant now, std::optional<Date> from,
                                                   std::optional<Date> to) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE deliveries SET manual = 1, next_attempt_at = ?, "
      "attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END, "
      "status = CASE WHEN status = 'failed' THEN 'pending' ELSE status END "
      "WHERE destination_id = ? AND status IN ('pending', 'waiting', 'failed') "
      "AND business_date >= ? AND business_date <= ?"));
  st.bind(1, now.unix_seconds()).bind(2, destination);
  st.bind(3, from ? from->to_string() : std::string("0000-00-00")).bind(4, to ? to->to_string() : std::string("9999-99-99"));
  TRY(st.run());
  return db_->changes();
}

Status SqliteStore::log_attempt(const DeliveryAttempt& attempt, int64_t company) {
  return insert_attempt(attempt, company);
}

Result<std::vector<DeliveryAttempt>> SqliteStore::attempts(int64_t company, int limit) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, delivery_id, destination_id, destination_kind, business_date, attempt, started_at, finished_at, "
      "result, remote_ref, error FROM delivery_attempts WHERE company_id = ? ORDER BY id DESC LIMIT ?"));
  st.bind(1, company).bind(2, limit);
  std::vector<DeliveryAttempt> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    DeliveryAttempt a;
    a.id = st.int64(0);
    a.delivery_id = st.int64(1);
    a.destination_id = st.int64(2);
    a.destination_kind = st.text(3);
    ASSIGN_OR_RETURN(a.business_date, column_date(st, 4));
    a.attempt = static_cast<int>(st.int64(5));
    a.started_at = Instant::from_unix(st.int64(6));
    a.finished_at = Instant::from_unix(st.int64(7));
    a.result = st.text(8);
    a.remote_ref = st.text(9);
    a.error = st.text(10);
    out.push_back(std::move(a));
  }
  return out;
}

Status SqliteStore::raise_notification(const Notification& n) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO notifications(company_id, created_at, severity, key, title, message, destination_id, code, "
      "params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(company_id, key) WHERE resolved_at IS NULL DO UPDATE SET "
      "created_at = excluded.created_at, severity = excluded.severity, title = excluded.title, "
      "message = excluded.message, code = excluded.code, params = excluded.params, "
      "read = CASE WHEN message = excluded.message THEN read ELSE 0 END"));
  st.bind(1, n.company_id).bind(2, n.created_at.unix_seconds()).bind(3, n.severity).bind(4, n.key);
  st.bind(5, n.title).bind(6, n.message).bind(7, n.destination_id).bind(8, n.code).bind(9, n.params_json);
  return st.run();
}

Status SqliteStore::resolve_notifications(int64_t company, const std::string& key, Instant now) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE notifications SET resolved_at = ? WHERE company_id = ? AND key = ? AND resolved_at IS NULL"));
  st.bind(1, now.unix_seconds()).bind(2, company).bind(3, key);
  return st.run();
}

Result<std::vector<Notification>> SqliteStore::notifications(int64_t company, bool open_only) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, company_id, created_at, severity, key, title, message, destination_id, read, resolved_at, code, "
      "params FROM notifications WHERE company_id = ? AND (? = 0 OR resolved_at IS NULL) ORDER BY created_at DESC, id DESC"));
  st.bind(1, company).bind(2, open_only ? 1 : 0);
  std::vector<Notification> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    Notification n;
    n.id = st.int64(0);
    n.company_id = st.int64(1);
    n.created_at = Instant::from_unix(st.int64(2));
    n.severity = st.text(3);
    n.key = st.text(4);
    n.title = st.text(5);
    n.message = st.text(6);
    if (!st.is_null(7)) n.destination_id = st.int64(7);
    n.read = st.int64(8) != 0;
    if (!st.is_null(9)) n.resolved_at = Instant::from_unix(st.int64(9));
    n.code = st.text(10);
    n.params_json = st.text(11);
    out.push_back(std::move(n));
  }
  return out;
}

Status SqliteStore::mark_notifications_read(int64_t company, std::optional<int64_t> id) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE notifications SET read = 1 WHERE company_id = ? AND (? IS NULL OR id = ?)"));
  st.bind(1, company).bind(2, id).bind(3, id);
  return st.run();
}

Result<int> SqliteStore::insert_deliveries(const std::vector<Delivery>& deliveries) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT OR IGNORE INTO deliveries(company_id, destination_id, kind, business_date, z_report_ids, voucher_ids, "
      "idempotency_key, status, attempts, created_at, next_attempt_at, manual) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
  int added = 0;
  for (const Delivery& d : deliveries) {
    st.bind(1, d.company_id).bind(2, d.destination_id).bind(3, d.kind).bind(4, d.business_date.to_string());
    st.bind(5, ids_json(d.z_report_ids)).bind(6, ids_json(d.voucher_ids)).bind(7, d.idempotency_key);
    st.bind(8, d.created_at.unix_seconds()).bind(9, d.next_attempt_at.unix_seconds()).bind(10, d.manual ? 1 : 0);
    TRY(st.run());
    added += db_->changes();
    st.reset();
  }
  return added;
}

Result<std::vector<Delivery>> SqliteStore::read_deliveries(Statement& st) {
  std::vector<Delivery> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    Delivery d;
    d.id = st.int64(0);
    d.company_id = st.int64(1);
    d.destination_id = st.int64(2);
    d.kind = st.text(3);
    ASSIGN_OR_RETURN(d.business_date, column_date(st, 4));
    d.z_report_ids = nlohmann::json::parse(st.text(5)).get<std::vector<int64_t>>();
    d.voucher_ids = nlohmann::json::parse(st.text(6)).get<std::vector<int64_t>>();
    d.idempotency_key = st.text(7);
    const std::optional<DeliveryStatus> status = parse_delivery_status(st.text(8));
    if (!status) return internal_error("a stored delivery has an unknown status '" + st.text(8) + "'");
    d.status = *status;
    d.attempts = static_cast<int>(st.int64(9));
    d.created_at = Instant::from_unix(st.int64(10));
    d.next_attempt_at = Instant::from_unix(st.int64(11));
    d.manual = st.int64(12) != 0;
    d.lease_owner = st.text(13);
    d.lease_until = Instant::from_unix(st.int64(14));
    d.remote_ref = st.text(15);
    d.last_error = st.text(16);
    if (!st.is_null(17)) d.delivered_at = Instant::from_unix(st.int64(17));
    out.push_back(std::move(d));
  }
  return out;
}

Status SqliteStore::insert_attempt(const DeliveryAttempt& a, int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO delivery_attempts(company_id, delivery_id, destination_id, destination_kind, business_date, "
      "attempt, started_at, finished_at, result, remote_ref, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st.bind(1, company).bind(2, a.delivery_id).bind(3, a.destination_id).bind(4, a.destination_kind);
  st.bind(5, a.business_date.to_string()).bind(6, a.attempt).bind(7, a.started_at.unix_seconds());
  st.bind(8, a.finished_at.unix_seconds()).bind(9, a.result).bind(10, a.remote_ref).bind(11, a.error);
  return st.run();
}

}  // namespace dagbok::sqlite
