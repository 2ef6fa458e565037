#include "crypto/password_hash.h"

#include <gtest/gtest.h>

#include "crypto/digest.h"

namespace dagbok::crypto {
namespace {

TEST(PasswordHash, HashesWithArgon2idAndVerifies) {
  Result<std::string> hash = hash_password("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->substr(0, 10), "$argon2id$");
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(verify_password(*hash, ""));
  EXPECT_FALSE(password_needs_rehash(*hash, PasswordCost::kInteractive));
  EXPECT_TRUE(password_needs_rehash(*hash, PasswordCost::kModerate));
}

TEST(PasswordHash, SaltsEveryHash) {
  EXPECT_NE(*hash_password("same"), *hash_password("same"));
}

TEST(PasswordHash, RefusesWhatIsNotAnArgon2idHash) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("x", "x"));
  EXPECT_FALSE(verify_password(std::string(500, '$'), "x"));
  EXPECT_TRUE(password_needs_rehash("garbage"));
}

TEST(ConstantTimeEquals, ComparesBytes) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("token-1", "token-1"));
  EXPECT_FALSE(constant_time_equals("token-1", "token-2"));
  EXPECT_FALSE(constant_time_equals("token", "token-1"));
  EXPECT_TRUE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(Digest, IsStableAndSized) {
  EXPECT_EQ(digest_hex("abc").size(), 32u);
  EXPECT_EQ(digest_hex("abc", 32).size(), 64u);
  EXPECT_EQ(digest_hex("abc"), digest_hex("abc"));
  EXPECT_NE(digest_hex("abc"), digest_hex("abd"));
  // BLAKE2b-256("abc"), from RFC 7693's test vector family (checked with Python's hashlib).
  EXPECT_EQ(digest_hex("abc", 32), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

}  // namespace
}  // namespace dagbok::crypto
