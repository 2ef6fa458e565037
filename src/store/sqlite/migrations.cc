#include "store/sqlite/migrations.h"

namespace dagbok::sqlite {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "core pipeline", R"SQL(
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  orgnr TEXT NOT NULL,
  country TEXT NOT NULL CHECK (country IN ('SE', 'NO')),
  timezone TEXT NOT NULL,
  day_break_minutes INTEGER NOT NULL,
  sales_by TEXT NOT NULL,
  chart_preset TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE accounts (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  number TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('T', 'S', 'K', 'I')),
  PRIMARY KEY (company_id, number)
);
CREATE TABLE mapping_entries (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  grp TEXT NOT NULL,
  key TEXT NOT NULL,
  department TEXT NOT NULL,
  account TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX mapping_by_company ON mapping_entries(company_id);
CREATE TABLE departments (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  code TEXT NOT NULL,
  PRIMARY KEY (company_id, code)
);
CREATE TABLE registers (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  code TEXT NOT NULL,
  department TEXT NOT NULL,
  first_business_date TEXT NOT NULL,
  default_float_minor INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, code)
);
CREATE TABLE product_groups (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  PRIMARY KEY (company_id, name)
);
CREATE TABLE payment_methods (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  code TEXT NOT NULL,
  PRIMARY KEY (company_id, code)
);
CREATE TABLE z_reports (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  register TEXT NOT NULL,
  number INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  department TEXT NOT NULL,
  body TEXT NOT NULL,
  voucher_id INTEGER,
  voucher_blocked TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (company_id, register, number),
  UNIQUE (company_id, register, business_date)
);
CREATE TABLE receipts (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  id TEXT NOT NULL,
  register TEXT NOT NULL,
  department TEXT NOT NULL,
  time_unix INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  z_report_id INTEGER REFERENCES z_reports(id),
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (company_id, id)
);
CREATE INDEX receipts_open ON receipts(company_id, register, business_date) WHERE z_report_id IS NULL;
CREATE TABLE vouchers (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  series TEXT NOT NULL,
  number INTEGER NOT NULL,
  date TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  z_report_id INTEGER REFERENCES z_reports(id),
  UNIQUE (company_id, series, number)
);
CREATE INDEX vouchers_by_date ON vouchers(company_id, date);
CREATE TABLE voucher_lines (
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  line_no INTEGER NOT NULL,
  account TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  cost_center TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (voucher_id, line_no)
);
-- A Z-report and a voucher are immutable once written: corrections are new
-- events on a later day.
CREATE TRIGGER z_reports_immutable BEFORE UPDATE OF company_id, register, number, business_date, department, body
  ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z-report is immutable once written'); END;
CREATE TRIGGER z_reports_keep BEFORE DELETE ON z_reports
  BEGIN SELECT RAISE(ABORT, 'a Z-report is never deleted'); END;
CREATE TRIGGER vouchers_immutable BEFORE UPDATE ON vouchers
  BEGIN SELECT RAISE(ABORT, 'a voucher is immutable once written'); END;
CREATE TRIGGER vouchers_keep BEFORE DELETE ON vouchers
  BEGIN SELECT RAISE(ABORT, 'a voucher is never deleted'); END;
CREATE TRIGGER voucher_lines_immutable BEFORE UPDATE ON voucher_lines
  BEGIN SELECT RAISE(ABORT, 'a voucher is immutable once written'); END;
CREATE TRIGGER voucher_lines_keep BEFORE DELETE ON voucher_lines
  BEGIN SELECT RAISE(ABORT, 'a voucher is never deleted'); END;
CREATE TRIGGER z_report_voucher_once BEFORE UPDATE OF voucher_id ON z_reports
  WHEN OLD.voucher_id IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'this Z-report already has its voucher'); END;
)SQL"},
      {2, "export engine", R"SQL(
CREATE TABLE destinations (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  kind TEXT NOT NULL,
  active INTEGER NOT NULL,
  from_date TEXT NOT NULL,
  from_date_locked INTEGER NOT NULL DEFAULT 0,
  schedule TEXT NOT NULL,
  schedule_minute INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  settings TEXT NOT NULL,
  sealed_secret TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (company_id, kind)
);
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  destination_id INTEGER NOT NULL REFERENCES destinations(id),
  kind TEXT NOT NULL,
  business_date TEXT NOT NULL,
  z_report_ids TEXT NOT NULL,
  voucher_ids TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  manual INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER NOT NULL DEFAULT 0,
  remote_ref TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER,
  UNIQUE (destination_id, idempotency_key)
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
CREATE INDEX deliveries_by_company ON deliveries(company_id, destination_id, id);
-- A delivered row is final: the engine never sends again what it knows was accepted.
CREATE TRIGGER deliveries_final BEFORE UPDATE ON deliveries
  WHEN OLD.status = 'delivered' AND NEW.status <> 'delivered'
  BEGIN SELECT RAISE(ABORT, 'a delivered export is final; use resend to send it again'); END;
CREATE TABLE delivery_attempts (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  delivery_id INTEGER NOT NULL,
  destination_id INTEGER NOT NULL,
  destination_kind TEXT NOT NULL,
  business_date TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  result TEXT NOT NULL,
  remote_ref TEXT NOT NULL,
  error TEXT NOT NULL
);
CREATE INDEX attempts_by_company ON delivery_attempts(company_id, id);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  created_at INTEGER NOT NULL,
  severity TEXT NOT NULL,
  key TEXT NOT NULL,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  destination_id INTEGER,
  read INTEGER NOT NULL DEFAULT 0,
  resolved_at INTEGER
);
CREATE UNIQUE INDEX notifications_open ON notifications(company_id, key) WHERE resolved_at IS NULL;
)SQL"},
      {3, "corrections", R"SQL(
ALTER TABLE vouchers ADD COLUMN kind TEXT NOT NULL DEFAULT 'day';
ALTER TABLE vouchers ADD COLUMN corrects_voucher_id INTEGER REFERENCES vouchers(id);
CREATE INDEX vouchers_corrections ON vouchers(corrects_voucher_id);
)SQL"},
      {4, "users and access", R"SQL(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('sv', 'nb', 'en')),
  created_at INTEGER NOT NULL
);
CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'accountant', 'staff')),
  can_import_sie INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, company_id)
);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_digest TEXT NOT NULL UNIQUE,
  csrf_digest TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
)SQL"},
  };
  return kMigrations;
}

}  // namespace dagbok::sqlite
