// Random secrets from the operating system's CSPRNG (libsodium randombytes).
//
//   std::string token = *random_hex(32);   // 64 hex digits, 256 bits
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace dagbok::crypto {

// Lower-case hex of `bytes` random bytes. Fails only when libsodium cannot be
// initialised (Internal). REQUIRES: 1 <= bytes <= 1024.
Result<std::string> random_hex(std::size_t bytes);

}  // namespace dagbok::crypto
