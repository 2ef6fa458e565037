// Sha256: the SHA-256 digest of a byte stream, fed in pieces (libsodium).
// The import log names each imported file by it.
//
//   crypto::Sha256 h;
//   h.update(chunk1); h.update(chunk2);
//   std::string hex = h.final_hex();   // 64 lower-case hex digits
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dagbok::crypto {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string final_hex();

 private:
  alignas(64) std::array<unsigned char, 256> state_{};  // crypto_hash_sha256_state, opaque here
};

std::string sha256_hex(std::string_view data);

}  // namespace dagbok::crypto
