#include "crypto/password_hash.h"

#include <sodium.h>

#include "crypto/internal/sodium.h"

namespace dagbok::crypto {
namespace {

struct Limits {
  unsigned long long ops;
  std::size_t mem;
};

Limits limits_for(PasswordCost cost) {
  switch (cost) {
    case PasswordCost::kInteractive:
      return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case PasswordCost::kModerate:
      return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

// crypto_pwhash_str_* read a NUL-terminated string of at most STRBYTES.
bool copy_hash(std::string_view stored, char (&out)[crypto_pwhash_STRBYTES]) {
  if (stored.size() >= crypto_pwhash_STRBYTES) return false;
  stored.copy(out, stored.size());
  out[stored.size()] = '\0';
  return true;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  TRY(internal::ensure_sodium());
  Limits limits = limits_for(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return unavailable("not enough memory to hash the password; try again");
  }
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  if (!internal::ensure_sodium().ok()) return false;
  char stored[crypto_pwhash_STRBYTES];
  if (!copy_hash(stored_hash, stored)) return false;
  if (std::string_view(stored).substr(0, 10) != "$argon2id$") return false;
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view stored_hash, PasswordCost cost) {
  if (!internal::ensure_sodium().ok()) return true;
  char stored[crypto_pwhash_STRBYTES];
  if (!copy_hash(stored_hash, stored)) return true;
  Limits limits = limits_for(cost);
  return crypto_pwhash_str_needs_rehash(stored, limits.ops, limits.mem) != 0;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace dagbok::crypto
