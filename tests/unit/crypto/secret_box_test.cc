#include "crypto/secret_box.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace dagbok::crypto {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the test's temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "dagbok-crypto-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

SecretBox box_with(std::string_view key_text) { return SecretBox(*MasterKey::parse(key_text)); }

constexpr std::string_view kHexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(MasterKey, ParsesHexAndBase64Forms) {
  Result<MasterKey> hex = MasterKey::parse(kHexKey);
  ASSERT_TRUE(hex.ok()) << hex.error().message();
  std::string b64 = hex->to_base64();
  EXPECT_EQ(b64, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  Result<MasterKey> from_b64 = MasterKey::parse(b64);
  ASSERT_TRUE(from_b64.ok());
  EXPECT_EQ(from_b64->to_base64(), b64);
  // Unpadded and URL-safe alphabets.
  EXPECT_TRUE(MasterKey::parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").ok());
  EXPECT_TRUE(MasterKey::parse("_-_-AwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").ok());
}

TEST(MasterKey, RefusesWrongLengthsWithoutEchoingTheKey) {
  for (std::string_view bad : {"", "abcd", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8fIA==",
                               "zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}) {
    Result<MasterKey> key = MasterKey::parse(bad);
    ASSERT_FALSE(key.ok()) << bad;
    EXPECT_EQ(key.error().code(), ErrorCode::kInvalidArgument);
    if (!bad.empty()) {
      EXPECT_EQ(key.error().message().find(bad), std::string::npos);
    }
  }
}

TEST(SecretBox, SealsAndOpens) {
  SecretBox box = box_with(kHexKey);
  for (std::string_view secret : {std::string_view(""), std::string_view("hunter2"),
                                  std::string_view("lösenord med åäö och \0 nul", 27)}) {
    Result<std::string> sealed = box.seal(secret);
    ASSERT_TRUE(sealed.ok());
    EXPECT_TRUE(SecretBox::is_sealed(*sealed));
    EXPECT_EQ(sealed->substr(0, 5), "sbx1:");
    if (!secret.empty()) {
      EXPECT_EQ(sealed->find(secret), std::string::npos);
    }
    Result<std::string> opened = box.open(*sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    EXPECT_EQ(*opened, secret);
  }
}

TEST(SecretBox, SealingTwiceGivesDifferentText) {
  SecretBox box = box_with(kHexKey);
  EXPECT_NE(*box.seal("same"), *box.seal("same"));
}

TEST(SecretBox, DetectsTampering) {
  SecretBox box = box_with(kHexKey);
  std::string sealed = *box.seal("the smtp password");
  // Flip one bit in every byte position of the decoded box, one at a time, by
  // changing a base64 character: each must fail to open.
  const std::string prefix = "sbx1:";
  for (std::size_t i = prefix.size(); i + 2 < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    Result<std::string> opened = box.open(altered);
    ASSERT_FALSE(opened.ok()) << "position " << i;
  }
  std::string truncated = sealed.substr(0, 20);
  EXPECT_EQ(box.open(truncated).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(box.open("sbx1:not base64!").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(box.open("plain").error().code(), ErrorCode::kInvalidArgument);
}

TEST(SecretBox, WrongKeyIsAFailedPreconditionThatNamesTheFix) {
  std::string sealed = *box_with(kHexKey).seal("hunter2");
  SecretBox other(*MasterKey::generate());
  Result<std::string> opened = other.open(sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(opened.error().message().find("different master key"), std::string::npos);
}

TEST(RevealSecret, PassesPlainTextAndOpensSealedText) {
  SecretBox box = box_with(kHexKey);
  EXPECT_EQ(*reveal_secret("plain", nullptr, "[smtp] password"), "plain");
  EXPECT_EQ(*reveal_secret(*box.seal("hunter2"), &box, "[smtp] password"), "hunter2");
  Result<std::string> no_box = reveal_secret(*box.seal("hunter2"), nullptr, "[smtp] password");
  ASSERT_FALSE(no_box.ok());
  EXPECT_EQ(no_box.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(no_box.error().message().find("[smtp] password"), std::string::npos);
  EXPECT_NE(no_box.error().message().find("DAGBOK_MASTER_KEY"), std::string::npos);
}

TEST(MasterKeyFile, IsCreatedOnceWithMode0600AndReusedAfterwards) {
  TempDir dir;
  fs::path key_file = dir.path() / "dagbok.key";
  Result<MasterKey> first = MasterKey::load(empty_env(), key_file);
  ASSERT_TRUE(first.ok()) << first.error().message();
  struct stat st {};
  ASSERT_EQ(::stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<MasterKey> second = MasterKey::load(empty_env(), key_file);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->to_base64(), second->to_base64());
  // No temporary files are left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);

  // What was sealed with the file's key opens after a "restart".
  std::string sealed = *seal_secret(empty_env(), key_file, "hunter2");
  EXPECT_EQ(*SecretBox(*MasterKey::load(empty_env(), key_file)).open(sealed), "hunter2");
}

TEST(MasterKeyFile, MissingFileCanBeAnError) {
  TempDir dir;
  Result<MasterKey> key = MasterKey::load(empty_env(), dir.path() / "none.key", MissingKey::kFail);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.path() / "none.key"));
}

TEST(MasterKeyFile, RefusesAFileOthersCanRead) {
  TempDir dir;
  fs::path key_file = dir.path() / "dagbok.key";
  ASSERT_TRUE(MasterKey::load(empty_env(), key_file).ok());
  ASSERT_EQ(::chmod(key_file.c_str(), 0644), 0);
  Result<MasterKey> key = MasterKey::load(empty_env(), key_file);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(key.error().message().find("chmod 600"), std::string::npos);
}

TEST(MasterKeyFile, ReportsAGarbledFileByName) {
  TempDir dir;
  fs::path key_file = dir.path() / "dagbok.key";
  { std::ofstream(key_file) << "not a key\n"; }
  ASSERT_EQ(::chmod(key_file.c_str(), 0600), 0);
  Result<MasterKey> key = MasterKey::load(empty_env(), key_file);
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message().find(key_file.string()), std::string::npos);
}

TEST(MasterKeyEnv, TakesPrecedenceOverTheFile) {
  TempDir dir;
  fs::path key_file = dir.path() / "dagbok.key";
  Env env = env_from_map({{"DAGBOK_MASTER_KEY", std::string(kHexKey)}});
  Result<MasterKey> key = MasterKey::load(env, key_file);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->to_base64(), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  EXPECT_FALSE(fs::exists(key_file));  // no file is created when the variable is set

  Result<MasterKey> bad = MasterKey::load(env_from_map({{"DAGBOK_MASTER_KEY", "secret-ish"}}), key_file);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("DAGBOK_MASTER_KEY"), std::string::npos);
  EXPECT_EQ(bad.error().message().find("secret-ish"), std::string::npos);
}

}  // namespace
}  // namespace dagbok::crypto
