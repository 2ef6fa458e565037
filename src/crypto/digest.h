// Digests: short, stable fingerprints of byte strings (BLAKE2b).
//
// Not for passwords (see password_hash.h). Used where a value must be derived
// deterministically from another, e.g. an e-mail Message-ID from a delivery's
// idempotency key, so that a retried send carries the same Message-ID.
//
//   std::string id = digest_hex("email:42:2026-03-29", 16);   // 32 hex digits
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dagbok::crypto {

// Lower-case hex of the BLAKE2b digest of data. REQUIRES: 16 <= bytes <= 64.
std::string digest_hex(std::string_view data, std::size_t bytes = 16);

}  // namespace dagbok::crypto
