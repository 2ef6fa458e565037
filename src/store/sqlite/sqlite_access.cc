// SqliteStore, role AccessStore: users, memberships, sessions, API tokens.
#include "store/sqlite/internal/sqlite_store_impl.h"

namespace dagbok::sqlite {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, email, display_name, password_hash, language, created_at FROM users";

constexpr const char* kTokenColumns =
    "SELECT id, company_id, name, token_digest, prefix, created_at, revoked_at FROM api_tokens";

Result<std::optional<User>> one_user(Statement& st) {
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<User>();
  User u;
  u.id = st.int64(0);
  u.email = st.text(1);
  u.display_name = st.text(2);
  u.password_hash = st.text(3);
  u.language = st.text(4);
  u.created_at = Instant::from_unix(st.int64(5));
  return std::optional<User>(std::move(u));
}

ApiTokenRecord token_row(const Statement& st) {
  ApiTokenRecord t;
  t.id = st.int64(0);
  t.company_id = st.int64(1);
  t.name = st.text(2);
  t.token_digest = st.text(3);
  t.prefix = st.text(4);
  t.created_at = Instant::from_unix(st.int64(5));
  if (!st.is_null(6)) t.revoked_at = Instant::from_unix(st.int64(6));
  return t;
}

}  // namespace

// ---------------------------------------------------------------- users and access
Result<int64_t> SqliteStore::create_user(const User& u) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO users(email, display_name, password_hash, language, created_at) VALUES (?, ?, ?, ?, ?)"));
  st.bind(1, u.email).bind(2, u.display_name).bind(3, u.password_hash).bind(4, u.language);
  st.bind(5, u.created_at.unix_seconds());
  Status s = st.run();
  if (!s.ok()) {
    if (s.error().code() == ErrorCode::kAborted) return already_exists("a user with the e-mail address '" + u.email +
                                                                       "' already exists");
    return s.error();
  }
  return db_->last_insert_id();
}

Result<std::optional<User>> SqliteStore::find_user(int64_t id) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kUserColumns) + " WHERE id = ?"));
  st.bind(1, id);
  return one_user(st);
}

Result<std::optional<User>> SqliteStore::find_user_by_email(const std::string& email) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kUserColumns) + " WHERE email = ?"));
  st.bind(1, email);
  return one_user(st);
}

Status SqliteStore::set_password_hash(int64_t user_id, const std::string& hash) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  st.bind(1, hash).bind(2, user_id);
  TRY(st.run());
  if (db_->changes() == 0) return not_found("no user with id " + std::to_string(user_id));
  return ok_status();
}

Status SqliteStore::set_user_language(int64_t user_id, const std::string& language) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare("UPDATE users SET language = ? WHERE id = ?"));
  st.bind(1, language).bind(2, user_id);
  TRY(st.run());
  if (db_->changes() == 0) return not_found("no user with id " + std::to_string(user_id));
  return ok_status();
}

Status SqliteStore::put_membership(const Membership& m) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO memberships(user_id, company_id, role, can_import_sie) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(user_id, company_id) DO UPDATE SET role = excluded.role, can_import_sie = excluded.can_import_sie"));
  st.bind(1, m.user_id).bind(2, m.company_id).bind(3, role_name(m.role)).bind(4, m.can_import_sie ? 1 : 0);
  return st.run();
}

Result<std::vector<Membership>> SqliteStore::memberships(int64_t user_id) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT user_id, company_id, role, can_import_sie FROM memberships WHERE user_id = ? ORDER BY company_id"));
  st.bind(1, user_id);
  std::vector<Membership> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    Membership m;
    m.user_id = st.int64(0);
    m.company_id = st.int64(1);
    ASSIGN_OR_RETURN(m.role, parse_role(st.text(2)));
    m.can_import_sie = st.int64(3) != 0;
    out.push_back(m);
  }
  return out;
}

Result<std::vector<CompanyMember>> SqliteStore::company_members(int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT u.id, u.email, u.display_name, u.password_hash, u.language, u.created_at, m.role, m.can_import_sie "
      "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = ? ORDER BY u.email"));
  st.bind(1, company);
  std::vector<CompanyMember> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    CompanyMember m;
    m.user.id = st.int64(0);
    m.user.email = st.text(1);
    m.user.display_name = st.text(2);
    m.user.language = st.text(4);
    m.user.created_at = Instant::from_unix(st.int64(5));
    m.membership.user_id = m.user.id;
    m.membership.company_id = company;
    ASSIGN_OR_RETURN(m.membership.role, parse_role(st.text(6)));
    m.membership.can_import_sie = st.int64(7) != 0;
    out.push_back(std::move(m));
  }
  return out;
}

Status SqliteStore::remove_membership(int64_t company, int64_t user_id) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "DELETE FROM memberships WHERE company_id = ?1 AND user_id = ?2 AND (role <> 'owner' OR "
      "(SELECT COUNT(*) FROM memberships WHERE company_id = ?1 AND role = 'owner') > 1)"));
  st.bind(1, company).bind(2, user_id);
  TRY(st.run());
  if (db_->changes() > 0) return ok_status();
  ASSIGN_OR_RETURN(Statement has, db_->prepare(
      "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?"));
  has.bind(1, company).bind(2, user_id);
  ASSIGN_OR_RETURN(bool row, has.step());
  if (!row) return not_found("the user has no role in this company");
  return failed_precondition("this is the company's last owner; make someone else owner first");
}

Result<int64_t> SqliteStore::create_session(const SessionRecord& s) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO sessions(user_id, token_digest, csrf_digest, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"));
  st.bind(1, s.user_id).bind(2, s.token_digest).bind(3, s.csrf_digest).bind(4, s.created_at.unix_seconds());
  st.bind(5, s.expires_at.unix_seconds());
  TRY(st.run());
  return db_->last_insert_id();
}

Result<std::optional<SessionRecord>> SqliteStore::find_session(const std::string& token_digest) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, user_id, token_digest, csrf_digest, created_at, expires_at, revoked_at FROM sessions "
      "WHERE token_digest = ?"));
  st.bind(1, token_digest);
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<SessionRecord>();
  SessionRecord s;
  s.id = st.int64(0);
  s.user_id = st.int64(1);
  s.token_digest = st.text(2);
  s.csrf_digest = st.text(3);
  s.created_at = Instant::from_unix(st.int64(4));
  s.expires_at = Instant::from_unix(st.int64(5));
  if (!st.is_null(6)) s.revoked_at = Instant::from_unix(st.int64(6));
  return std::optional<SessionRecord>(std::move(s));
}

Status SqliteStore::revoke_session(const std::string& token_digest, Instant now) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE sessions SET revoked_at = ? WHERE token_digest = ? AND revoked_at IS NULL"));
  st.bind(1, now.unix_seconds()).bind(2, token_digest);
  return st.run();
}

Status SqliteStore::revoke_user_sessions(int64_t user_id, Instant now) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"));
  st.bind(1, now.unix_seconds()).bind(2, user_id);
  return st.run();
}

Result<int64_t> SqliteStore::create_api_token(const ApiTokenRecord& t) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO api_tokens(company_id, name, token_digest, prefix, created_at) VALUES (?, ?, ?, ?, ?)"));
  st.bind(1, t.company_id).bind(2, t.name).bind(3, t.token_digest).bind(4, t.prefix);
  st.bind(5, t.created_at.unix_seconds());
  TRY(st.run());
  return db_->last_insert_id();
}

Result<std::optional<ApiTokenRecord>> SqliteStore::find_api_token(const std::string& token_digest) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kTokenColumns) + " WHERE token_digest = ?"));
  st.bind(1, token_digest);
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<ApiTokenRecord>();
  return std::optional<ApiTokenRecord>(token_row(st));
}

Result<std::vector<ApiTokenRecord>> SqliteStore::api_tokens(int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kTokenColumns) + " WHERE company_id = ? ORDER BY id"));
  st.bind(1, company);
  std::vector<ApiTokenRecord> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    out.push_back(token_row(st));
  }
  return out;
}

Status SqliteStore::revoke_api_token(int64_t company, int64_t id, Instant now) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE company_id = ? AND id = ?"));
  st.bind(1, now.unix_seconds()).bind(2, company).bind(3, id);
  TRY(st.run());
  if (db_->changes() == 0) return not_found("the company has no API token with id " + std::to_string(id));
  return ok_status();
}

}  // namespace dagbok::sqlite
