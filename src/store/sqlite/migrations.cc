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
      {5, "ledger", R"SQL(
-- The ledger (src/ledger, doc/ledger.md): per company, fiscal years whose
-- books come from an imported SIE 4 file or from dagbok's own vouchers.
-- Every row hangs off a fiscal-year row, and that row names its source
-- (import_id, or NULL for dagbok's own vouchers).
CREATE TABLE ledger_settings (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  source TEXT NOT NULL CHECK (source IN ('dagbok', 'sie'))
);
-- The import log: every import (good or bad), undo, year deletion and switch
-- of data source.
CREATE TABLE ledger_log (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  kind TEXT NOT NULL CHECK (kind IN ('import', 'undo', 'delete_year', 'source')),
  at INTEGER NOT NULL,
  user_id INTEGER,
  actor TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  sie_type TEXT NOT NULL DEFAULT '',
  program TEXT NOT NULL DEFAULT '',
  fiscal_years TEXT NOT NULL DEFAULT '',
  accounts INTEGER NOT NULL DEFAULT 0,
  vouchers INTEGER NOT NULL DEFAULT 0,
  transactions INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
  message TEXT NOT NULL DEFAULT '',
  warnings INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  diagnostics TEXT NOT NULL DEFAULT '',
  target_id INTEGER,
  undone_by INTEGER
);
CREATE INDEX ledger_log_by_company ON ledger_log(company_id, id);
CREATE TABLE ledger_fiscal_years (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  import_id INTEGER REFERENCES ledger_log(id),
  superseded_by INTEGER REFERENCES ledger_log(id)
);
CREATE INDEX ledger_years_by_company ON ledger_fiscal_years(company_id, first_day);
CREATE TABLE ledger_accounts (
  fiscal_year_id INTEGER NOT NULL,
  number TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  sru TEXT NOT NULL,
  PRIMARY KEY (fiscal_year_id, number)
) WITHOUT ROWID;
CREATE TABLE ledger_dimensions (
  fiscal_year_id INTEGER NOT NULL,
  number TEXT NOT NULL,
  name TEXT NOT NULL,
  parent TEXT NOT NULL,
  PRIMARY KEY (fiscal_year_id, number)
) WITHOUT ROWID;
CREATE TABLE ledger_objects (
  fiscal_year_id INTEGER NOT NULL,
  dim TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (fiscal_year_id, dim, id)
) WITHOUT ROWID;
CREATE TABLE ledger_balances (
  fiscal_year_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('IB', 'UB', 'RES', 'OIB', 'OUB')),
  account TEXT NOT NULL,
  objects TEXT NOT NULL,
  amount INTEGER NOT NULL,
  quantity TEXT
);
CREATE INDEX ledger_balances_by_year ON ledger_balances(fiscal_year_id, kind);
CREATE TABLE ledger_vouchers (
  id INTEGER PRIMARY KEY,
  fiscal_year_id INTEGER NOT NULL,
  series TEXT NOT NULL,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  text TEXT NOT NULL,
  reg_date TEXT,
  sign TEXT NOT NULL,
  dagbok_voucher_id INTEGER
);
CREATE INDEX ledger_vouchers_by_year ON ledger_vouchers(fiscal_year_id);
CREATE UNIQUE INDEX ledger_vouchers_own ON ledger_vouchers(dagbok_voucher_id) WHERE dagbok_voucher_id IS NOT NULL;
-- kind: 0 #TRANS, 1 #RTRANS (added), 2 #BTRANS (removed, never counted).
-- date NULL: the voucher's date. objects: SIE object list text, '' for none.
CREATE TABLE ledger_transactions (
  voucher_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  account TEXT NOT NULL,
  amount INTEGER NOT NULL,
  date TEXT,
  text TEXT NOT NULL,
  quantity TEXT,
  objects TEXT NOT NULL,
  PRIMARY KEY (voucher_id, line_no)
) WITHOUT ROWID;
-- The aggregates the reports read: net movement per account and calendar
-- month (YYYYMM) of a fiscal year, kept as transactions are stored.
CREATE TABLE ledger_month_totals (
  fiscal_year_id INTEGER NOT NULL,
  account TEXT NOT NULL,
  month INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY (fiscal_year_id, account, month)
) WITHOUT ROWID;
-- dagbok's own vouchers flow into the ledger in the transaction that books
-- them (day close, blocked vouchers, corrections) while the company's source
-- is 'dagbok' (the default). A voucher dated in no fiscal year opens one: a
-- year after the latest one's pattern, or a calendar year. A voucher dated in
-- a year whose books were imported stays out: one source per fiscal year.
CREATE TRIGGER ledger_own_voucher AFTER INSERT ON vouchers
  WHEN COALESCE((SELECT source FROM ledger_settings WHERE company_id = NEW.company_id), 'dagbok') = 'dagbok'
BEGIN
  INSERT INTO ledger_fiscal_years(company_id, first_day, last_day)
    SELECT NEW.company_id, s, date(s, '+1 year', '-1 day') FROM (
      SELECT CASE WHEN c > NEW.date THEN date(c, '-1 year') ELSE c END AS s FROM (
        SELECT substr(NEW.date, 1, 4) || COALESCE((
          SELECT substr(date(last_day, '+1 day'), 5) FROM ledger_fiscal_years
           WHERE company_id = NEW.company_id AND superseded_by IS NULL ORDER BY last_day DESC LIMIT 1), '-01-01') AS c))
    WHERE s IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM ledger_fiscal_years WHERE company_id = NEW.company_id AND superseded_by IS NULL
         AND first_day <= date(s, '+1 year', '-1 day') AND last_day >= s);
  INSERT INTO ledger_vouchers(fiscal_year_id, series, number, date, text, reg_date, sign, dagbok_voucher_id)
    SELECT id, NEW.series, CAST(NEW.number AS TEXT), NEW.date, NEW.text, NULL, '', NEW.id FROM ledger_fiscal_years
     WHERE company_id = NEW.company_id AND superseded_by IS NULL AND import_id IS NULL
       AND NEW.date BETWEEN first_day AND last_day;
END;
CREATE TRIGGER ledger_own_voucher_line AFTER INSERT ON voucher_lines
  WHEN EXISTS (SELECT 1 FROM ledger_vouchers WHERE dagbok_voucher_id = NEW.voucher_id)
BEGIN
  INSERT INTO ledger_transactions(voucher_id, line_no, kind, account, amount, date, text, quantity, objects)
    SELECT id, NEW.line_no, 0, NEW.account, NEW.amount_minor, NULL, NEW.text, NULL,
           CASE WHEN NEW.cost_center = '' THEN '' ELSE '1 "' || NEW.cost_center || '"' END
      FROM ledger_vouchers WHERE dagbok_voucher_id = NEW.voucher_id;
  INSERT INTO ledger_month_totals(fiscal_year_id, account, month, amount, rows)
    SELECT fiscal_year_id, NEW.account, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER), NEW.amount_minor, 1
      FROM ledger_vouchers WHERE dagbok_voucher_id = NEW.voucher_id
    ON CONFLICT (fiscal_year_id, account, month) DO UPDATE SET amount = amount + excluded.amount, rows = rows + 1;
END;
)SQL"},
      {6, "posting in C++", R"SQL(
-- dagbok's own vouchers reach the ledger through books/ledger_posting.h,
-- called by the store in the transaction that books each voucher (the day
-- close, a blocked voucher booked, a correction): one rule in C++ that any
-- backend runs. The triggers of migration 5 that did it go; the guards that
-- keep Z-reports and vouchers immutable stay.
DROP TRIGGER ledger_own_voucher;
DROP TRIGGER ledger_own_voucher_line;
)SQL"},
      {7, "notification codes", R"SQL(
-- What a notification is about as a code and its parameters (JSON), for a
-- page that words it in its own language; title and message stay English
-- for the CLI and the log. The export engine's earlier ones get theirs from
-- their key ("dest<id>/blocked|preflight|failure").
ALTER TABLE notifications ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
UPDATE notifications SET
  code = CASE WHEN key LIKE 'dest%/blocked' THEN 'export_blocked'
              WHEN key LIKE 'dest%/preflight' THEN 'export_cannot_start'
              ELSE 'export_failed' END,
  params = json_object('integration', (SELECT kind FROM destinations WHERE destinations.id = notifications.destination_id),
                       'detail', message)
WHERE key LIKE 'dest%/blocked' OR key LIKE 'dest%/preflight' OR key LIKE 'dest%/failure';
)SQL"},
      {8, "connector state", R"SQL(
-- What an integration keeps between calls, shared by every process on this
-- database (exports/connector_state.h): tokens and sessions until they
-- expire, remote ids it resolved; and the rate buckets of the services'
-- request budgets, per key across companies.
CREATE TABLE connector_values (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at_ms INTEGER,
  PRIMARY KEY (company_id, kind, name)
);
CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  milli_tokens INTEGER NOT NULL,
  at_ms INTEGER NOT NULL
);
)SQL"},
      {9, "refusals counted", R"SQL(
-- A refused ledger action for want of the right is one row per user, action
-- and hour (ledger/ledger_admin.h): the same refusal again within the hour
-- counts into that row (repeats, last_at) instead of adding one, so a user
-- cannot grow the log without bound. The index finds the row to count into.
ALTER TABLE ledger_log ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_log ADD COLUMN last_at INTEGER;
CREATE INDEX ledger_log_refusals ON ledger_log(company_id, kind, actor, at) WHERE result = 'refused';
)SQL"},
  };
  return kMigrations;
}

}  // namespace dagbok::sqlite
