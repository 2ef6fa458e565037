// SecretBox: secrets encrypted at rest under a master key.
//
// A password in dagbok.toml or in the store ("the SMTP password", an API
// token) is kept sealed: encrypted and authenticated with libsodium's
// crypto_secretbox (XSalsa20-Poly1305) under a 32-byte master key that lives
// outside the data it protects — in DAGBOK_MASTER_KEY, or in a key file
// beside the database that dagbok creates once with mode 0600.
//
// A sealed value is printable text, versioned so the scheme can change:
//
//   sbx1:<base64(nonce || ciphertext)>
//
// where the nonce is 24 random bytes and the ciphertext carries the 16-byte
// Poly1305 tag. Sealing the same secret twice gives two different strings.
//
//   MasterKey key = *MasterKey::load(env, "/var/lib/dagbok/dagbok.key");
//   SecretBox box(std::move(key));
//   std::string sealed = *box.seal("hunter2");   // "sbx1:3q2+7w..."
//   std::string plain = *box.open(sealed);       // "hunter2"
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/env.h"
#include "core/result.h"

namespace dagbok::crypto {

// The environment variable that, when set, holds the master key.
inline constexpr std::string_view kMasterKeyEnv = "DAGBOK_MASTER_KEY";

// What MasterKey::load does when neither the variable nor the key file exist.
enum class MissingKey {
  kCreate,  // generate a key and write it to the key file (mode 0600)
  kFail,    // return NotFound
};

// 32 secret bytes. Move-only; wiped from memory when destroyed.
class MasterKey {
 public:
  static constexpr std::size_t kSize = 32;

  // Parses 64 hex digits or base64 (standard or URL-safe alphabet, padded or
  // not) of exactly 32 bytes. The error never repeats the text.
  static Result<MasterKey> parse(std::string_view text);

  // A fresh random key.
  static Result<MasterKey> generate();

  // The key from DAGBOK_MASTER_KEY when it is set (and not empty); otherwise
  // from key_file, creating that file once with a fresh key and mode 0600
  // when it does not exist (see MissingKey). A key file that other users can
  // read is refused (FailedPrecondition), as ssh refuses a readable private key.
  static Result<MasterKey> load(const Env& env, const std::filesystem::path& key_file,
                                MissingKey missing = MissingKey::kCreate);

  // Reads an existing key file, or creates it atomically (a concurrent
  // creator loses the race cleanly and reads the winner's key).
  static Result<MasterKey> load_or_create_file(const std::filesystem::path& key_file,
                                               MissingKey missing = MissingKey::kCreate);

  MasterKey(MasterKey&& other) noexcept;
  MasterKey& operator=(MasterKey&& other) noexcept;
  MasterKey(const MasterKey&) = delete;
  MasterKey& operator=(const MasterKey&) = delete;
  ~MasterKey();

  // Standard padded base64, as written to a key file.
  std::string to_base64() const;
  const unsigned char* data() const { return bytes_.data(); }

 private:
  MasterKey() = default;
  std::array<unsigned char, kSize> bytes_{};
};

class SecretBox {
 public:
  static constexpr std::string_view kPrefix = "sbx1:";

  explicit SecretBox(MasterKey key) : key_(std::move(key)) {}

  // Encrypts plaintext under the master key with a fresh random nonce.
  Result<std::string> seal(std::string_view plaintext) const;

  // Decrypts a value made by seal(). A malformed value is InvalidArgument; a
  // value that does not authenticate (altered, or sealed under another master
  // key) is FailedPrecondition. Neither error repeats the value.
  Result<std::string> open(std::string_view sealed) const;

  // True when the value looks like a sealed secret ("sbx1:..."). It may
  // still fail to open.
  static bool is_sealed(std::string_view value);

 private:
  MasterKey key_;
};

// A secret as written in a config file: plain text, or sealed. Returns the
// plain text. `what` names the setting for the error message, e.g.
// "[smtp] password in /etc/dagbok/dagbok.toml". When the value is sealed and
// box is null, the error says to provide the master key.
Result<std::string> reveal_secret(std::string_view value, const SecretBox* box,
                                  std::string_view what);

// Seals one secret under the master key found as MasterKey::load finds it
// (creating the key file when needed): what `dagbok secret seal` prints.
Result<std::string> seal_secret(const Env& env, const std::filesystem::path& key_file,
                                std::string_view plaintext);

}  // namespace dagbok::crypto
