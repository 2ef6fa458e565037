// Password hashing (argon2id) and constant-time comparison.
//
// The server stores a user's password only as an argon2id hash string in
// libsodium's self-describing format ("$argon2id$v=19$m=65536,t=2,p=1$..."),
// which carries its own salt and cost parameters, so raising the cost later
// only needs password_needs_rehash() at the next login.
//
//   std::string stored = *hash_password("correct horse", PasswordCost::kInteractive);
//   bool ok = verify_password(stored, "correct horse");   // true
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok::crypto {

// libsodium's preset cost levels. Interactive: ~64 MiB and well under a
// second, for logins. Moderate: ~256 MiB, for rarer, more valuable secrets.
enum class PasswordCost { kInteractive, kModerate };

// An argon2id hash string (at most 127 characters). Fails only when memory
// for the hash cannot be had (Unavailable).
Result<std::string> hash_password(std::string_view password,
                                  PasswordCost cost = PasswordCost::kInteractive);

// True when password matches the stored hash; false for a wrong password and
// for a stored string that is not an argon2id hash.
bool verify_password(std::string_view stored_hash, std::string_view password);

// True when the stored hash was made with other parameters than `cost`
// prescribes (or is not an argon2id hash at all).
bool password_needs_rehash(std::string_view stored_hash,
                           PasswordCost cost = PasswordCost::kInteractive);

// Compares two byte strings in time that depends only on their lengths, for
// tokens and MACs. Strings of different lengths compare unequal.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace dagbok::crypto
