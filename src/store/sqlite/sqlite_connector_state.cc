// SqliteStore, role ConnectorStateStore: the integrations' tokens, sessions
// and resolved ids (connector_values), and their rate buckets (rate_buckets).
// A bucket is read and written in one BEGIN IMMEDIATE transaction, so the
// processes on one database share a budget.
#include "store/sqlite/internal/sqlite_store_impl.h"

namespace dagbok::sqlite {

Result<std::optional<std::string>> SqliteStore::connector_value(int64_t company_id, const std::string& kind,
                                                                const std::string& name, int64_t now_ms) {
  ASSIGN_OR_RETURN(Statement q, db_->prepare("SELECT value FROM connector_values WHERE company_id = ? AND kind = ? "
                                             "AND name = ? AND (expires_at_ms IS NULL OR expires_at_ms > ?)"));
  q.bind(1, company_id).bind(2, kind).bind(3, name).bind(4, now_ms);
  ASSIGN_OR_RETURN(bool row, q.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q.text(0));
}

Status SqliteStore::put_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                        const std::string& value, std::optional<int64_t> expires_at_ms) {
  ASSIGN_OR_RETURN(Statement q, db_->prepare(
      "INSERT INTO connector_values(company_id, kind, name, value, expires_at_ms) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT(company_id, kind, name) DO UPDATE SET value = excluded.value, "
      "expires_at_ms = excluded.expires_at_ms"));
  q.bind(1, company_id).bind(2, kind).bind(3, name).bind(4, value).bind(5, expires_at_ms);
  return q.run();
}

Status SqliteStore::erase_connector_value(int64_t company_id, const std::string& kind, const std::string& name) {
  ASSIGN_OR_RETURN(Statement q,
                   db_->prepare("DELETE FROM connector_values WHERE company_id = ? AND kind = ? AND name = ?"));
  q.bind(1, company_id).bind(2, kind).bind(3, name);
  return q.run();
}

Result<bool> SqliteStore::claim_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                               const std::string& value, int64_t expires_at_ms, int64_t now_ms) {
  // One statement: SQLite serialises writers, so two processes cannot both
  // see the row missing (or expired) and both set it.
  ASSIGN_OR_RETURN(Statement q, db_->prepare(
      "INSERT INTO connector_values(company_id, kind, name, value, expires_at_ms) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT(company_id, kind, name) DO UPDATE SET value = excluded.value, "
      "expires_at_ms = excluded.expires_at_ms "
      "WHERE connector_values.expires_at_ms IS NOT NULL AND connector_values.expires_at_ms <= ?"));
  q.bind(1, company_id).bind(2, kind).bind(3, name).bind(4, value).bind(5, expires_at_ms).bind(6, now_ms);
  TRY(q.run());
  return db_->changes() > 0;
}

Status SqliteStore::update_rate_bucket(const std::string& key,
                                       const std::function<RateBucket(std::optional<RateBucket>)>& change) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  std::optional<RateBucket> now;
  {
    ASSIGN_OR_RETURN(Statement q, db_->prepare("SELECT milli_tokens, at_ms FROM rate_buckets WHERE key = ?"));
    q.bind(1, key);
    ASSIGN_OR_RETURN(bool row, q.step());
    if (row) now = RateBucket{q.int64(0), q.int64(1)};
  }
  const RateBucket next = change(now);
  ASSIGN_OR_RETURN(Statement w, db_->prepare(
      "INSERT INTO rate_buckets(key, milli_tokens, at_ms) VALUES (?, ?, ?) "
      "ON CONFLICT(key) DO UPDATE SET milli_tokens = excluded.milli_tokens, at_ms = excluded.at_ms"));
  w.bind(1, key).bind(2, next.milli_tokens).bind(3, next.at_ms);
  TRY(w.run());
  return tx.commit();
}

}  // namespace dagbok::sqlite
