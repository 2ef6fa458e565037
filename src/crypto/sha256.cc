#include "crypto/sha256.h"

#include <sodium.h>

#include <cstring>

namespace dagbok::crypto {

static_assert(sizeof(crypto_hash_sha256_state) <= 256, "Sha256::state_ is too small");

Sha256::Sha256() { crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_.data())); }

void Sha256::update(std::string_view data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256::final_hex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()), out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.final_hex();
}

}  // namespace dagbok::crypto
