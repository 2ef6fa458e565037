// Users, sessions, API tokens, the login throttle and the access policy,
// against a real SQLite store.
#include <gtest/gtest.h>

#include "auth/access_policy.h"
#include "auth/api_tokens.h"
#include "auth/login_throttle.h"
#include "auth/secret_token.h"
#include "auth/sessions.h"
#include "auth/users.h"
#include "pipeline/company_setup.h"
#include "support/temp_dir.h"

namespace dagbok::auth {
namespace {

using testing_support::TempDir;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *open_store(dir_.file("books.db"));
    company_ = *create_company(*store_, {Country::kSweden, "Kaffebaren AB", "", "556677-8899", "", 300, {}});
    other_ = *create_company(*store_, {Country::kNorway, "Fjordkafeen AS", "", "", "", 300, {}});
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  Company company_;
  Company other_;
};

TEST_F(AuthTest, AddsAUserWithAnArgon2idHashAndNoPasswordInTheClear) {
  Result<User> u = add_user(*store_, {" Anna@Kaffebaren.SE ", "Anna", "correct horse battery", "sv"}, clock_);
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(u->email, "anna@kaffebaren.se");
  std::optional<User> back = *store_->find_user_by_email("anna@kaffebaren.se");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->password_hash.substr(0, 10), "$argon2id$");
  EXPECT_EQ(back->password_hash.find("horse"), std::string::npos);
  EXPECT_EQ(add_user(*store_, {"anna@kaffebaren.se", "A", "another long one", "sv"}, clock_).error().code(),
            ErrorCode::kAlreadyExists);
}

TEST_F(AuthTest, RefusesBadAddressesShortPasswordsAndUnknownLanguages) {
  EXPECT_EQ(add_user(*store_, {"anna", "A", "correct horse battery", "sv"}, clock_).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(add_user(*store_, {"anna@x.se", "A", "short", "sv"}, clock_).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(add_user(*store_, {"anna@x.se", "A", "correct horse battery", "de"}, clock_).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(AuthTest, LogsInWithTheRightPasswordOnly) {
  ASSERT_TRUE(add_user(*store_, {"anna@kaffebaren.se", "Anna", "correct horse battery", "sv"}, clock_).ok());
  Result<LoginOutcome> wrong = log_in(*store_, "anna@kaffebaren.se", "wrong horse battery", clock_);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message(), "wrong e-mail address or password");
  Result<LoginOutcome> nobody = log_in(*store_, "nobody@kaffebaren.se", "correct horse battery", clock_);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().message(), wrong.error().message());

  Result<LoginOutcome> in = log_in(*store_, "ANNA@kaffebaren.se", "correct horse battery", clock_);
  ASSERT_TRUE(in.ok()) << in.error().message();
  EXPECT_EQ(in->session_token.size(), 64u);
  EXPECT_NE(in->session_token, in->csrf_token);
  // Only digests are stored.
  EXPECT_NE(in->session.token_digest, in->session_token);
  std::optional<SessionPrincipal> who = *find_session(*store_, in->session_token, clock_.now());
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.email, "anna@kaffebaren.se");
  EXPECT_TRUE(csrf_matches(who->session, in->csrf_token));
  EXPECT_FALSE(csrf_matches(who->session, in->session_token));
  EXPECT_FALSE(csrf_matches(who->session, ""));
  EXPECT_FALSE(*find_session(*store_, in->csrf_token, clock_.now()));
  // The CSRF token can be given again (GET /me) from the cookie alone, and is not the cookie's digest.
  EXPECT_EQ(csrf_token_for(in->session_token), in->csrf_token);
  EXPECT_NE(in->csrf_token, in->session.token_digest);
  EXPECT_NE(csrf_token_for(in->csrf_token), in->csrf_token);
}

TEST_F(AuthTest, SessionsEndAtExpiryLogoutAndPasswordChange) {
  ASSERT_TRUE(add_user(*store_, {"anna@kaffebaren.se", "Anna", "correct horse battery", "sv"}, clock_).ok());
  LoginOutcome a = *log_in(*store_, "anna@kaffebaren.se", "correct horse battery", clock_, 3600);
  EXPECT_TRUE(*find_session(*store_, a.session_token, clock_.now().plus_seconds(3599)));
  EXPECT_FALSE(*find_session(*store_, a.session_token, clock_.now().plus_seconds(3600)));

  LoginOutcome b = *log_in(*store_, "anna@kaffebaren.se", "correct horse battery", clock_);
  ASSERT_TRUE(log_out(*store_, b.session_token, clock_.now()).ok());
  EXPECT_FALSE(*find_session(*store_, b.session_token, clock_.now()));

  LoginOutcome c = *log_in(*store_, "anna@kaffebaren.se", "correct horse battery", clock_);
  ASSERT_TRUE(change_password(*store_, "anna@kaffebaren.se", "a brand new password", clock_).ok());
  EXPECT_FALSE(*find_session(*store_, c.session_token, clock_.now()));
  EXPECT_FALSE(log_in(*store_, "anna@kaffebaren.se", "correct horse battery", clock_).ok());
  EXPECT_TRUE(log_in(*store_, "anna@kaffebaren.se", "a brand new password", clock_).ok());
}

TEST_F(AuthTest, RolesAreGrantedPerCompany) {
  User u = *add_user(*store_, {"anna@kaffebaren.se", "Anna", "correct horse battery", "sv"}, clock_);
  ASSERT_TRUE(grant_role(*store_, "anna@kaffebaren.se", company_.id, Role::kStaff, ImportRight::kNone).ok());
  ASSERT_TRUE(grant_role(*store_, "anna@kaffebaren.se", company_.id, Role::kAccountant, ImportRight::kGranted).ok());
  std::vector<Membership> m = *store_->memberships(u.id);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, Role::kAccountant);
  EXPECT_TRUE(m[0].can_import_sie);
  EXPECT_EQ(grant_role(*store_, "nobody@x.se", company_.id, Role::kOwner, ImportRight::kNone).error().code(),
            ErrorCode::kNotFound);
}

TEST_F(AuthTest, ApiTokensAreShownOnceStoredHashedAndRevocable) {
  NewApiToken t = *create_api_token(*store_, company_.id, "Kassa 1", clock_);
  EXPECT_EQ(t.token.rfind("dagbok_", 0), 0u);
  EXPECT_EQ(t.token.size(), 7u + 64u);
  std::vector<ApiTokenRecord> all = *store_->api_tokens(company_.id);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].token_digest, token_digest(t.token));
  EXPECT_EQ(all[0].token_digest.find(t.token.substr(7)), std::string::npos);
  std::optional<Principal> p = *find_api_token(*store_, t.token);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->token_company_id, company_.id);
  EXPECT_FALSE(*find_api_token(*store_, t.token + "0"));
  EXPECT_FALSE(*find_api_token(*store_, "Bearer"));
  ASSERT_TRUE(store_->revoke_api_token(company_.id, t.record.id, clock_.now()).ok());
  EXPECT_FALSE(*find_api_token(*store_, t.token));
  EXPECT_EQ(store_->revoke_api_token(other_.id, t.record.id, clock_.now()).error().code(), ErrorCode::kNotFound);
}

TEST(AccessPolicy, RolesTokensAndStrangers) {
  Principal owner{Principal::Kind::kUser, 1, {{1, 10, Role::kOwner, false}}, 0, 0};
  Principal staff{Principal::Kind::kUser, 2, {{2, 10, Role::kStaff, false}}, 0, 0};
  Principal accountant{Principal::Kind::kUser, 3, {{3, 10, Role::kAccountant, true}}, 0, 0};
  Principal till{Principal::Kind::kApiToken, 0, {}, 7, 10};
  for (int a = 0; a <= static_cast<int>(Action::kImportSie); ++a) {
    const Action action = static_cast<Action>(a);
    EXPECT_EQ(AccessPolicy::allows(owner, 10, action), action != Action::kImportSie) << action_name(action);
    for (const Principal* p : {&owner, &staff, &accountant, &till})
      EXPECT_FALSE(AccessPolicy::allows(*p, 11, action)) << action_name(action);
    EXPECT_EQ(AccessPolicy::allows(till, 10, action), action == Action::kPostReceipts) << action_name(action);
  }
  EXPECT_TRUE(AccessPolicy::allows(staff, 10, Action::kCloseDay));
  EXPECT_FALSE(AccessPolicy::allows(staff, 10, Action::kEditMapping));
  EXPECT_FALSE(AccessPolicy::allows(staff, 10, Action::kViewBooks));
  EXPECT_FALSE(AccessPolicy::allows(staff, 10, Action::kManageUsers));
  EXPECT_TRUE(AccessPolicy::allows(accountant, 10, Action::kEditMapping));
  EXPECT_TRUE(AccessPolicy::allows(accountant, 10, Action::kImportSie));
  EXPECT_FALSE(AccessPolicy::allows(accountant, 10, Action::kManageUsers));
  EXPECT_FALSE(AccessPolicy::is_member(owner, 11));
  EXPECT_TRUE(AccessPolicy::is_member(till, 10));
}

TEST(LoginThrottle, FiveFailuresIn15MinutesThenWaitUntilTheOldestLeaves) {
  LoginThrottle t(5, 900);
  const Instant t0 = Instant::from_unix(1'800'000'000);
  const std::vector<std::string> keys = {"email:a@x.se", "ip:127.0.0.1"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(t.retry_after(keys, t0.plus_seconds(i * 60)));
    t.record_failure(keys, t0.plus_seconds(i * 60));
  }
  std::optional<int64_t> wait = t.retry_after(keys, t0.plus_seconds(300));
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 600);
  // Another address from the same client is held back too; another client for another address is not.
  EXPECT_TRUE(t.retry_after({"email:b@x.se", "ip:127.0.0.1"}, t0.plus_seconds(300)));
  EXPECT_FALSE(t.retry_after({"email:b@x.se", "ip:10.0.0.2"}, t0.plus_seconds(300)));
  // A successful login forgets the address's failures, not the client's.
  t.forget("email:a@x.se");
  EXPECT_FALSE(t.retry_after({"email:a@x.se"}, t0.plus_seconds(899)));
  EXPECT_TRUE(t.retry_after({"ip:127.0.0.1"}, t0.plus_seconds(899)));
  EXPECT_FALSE(t.retry_after(keys, t0.plus_seconds(900)));
}

}  // namespace
}  // namespace dagbok::auth
