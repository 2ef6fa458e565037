#include "crypto/digest.h"

#include <sodium.h>

#include <cassert>

#include "crypto/internal/sodium.h"

namespace dagbok::crypto {

std::string digest_hex(std::string_view data, std::size_t bytes) {
  assert(bytes >= crypto_generichash_BYTES_MIN && bytes <= crypto_generichash_BYTES_MAX);
  // BLAKE2b needs no initialisation, but sodium_init() picks the fastest
  // implementation for this CPU; an init failure changes nothing here.
  (void)internal::ensure_sodium();
  unsigned char out[crypto_generichash_BYTES_MAX];
  crypto_generichash(out, bytes, reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     nullptr, 0);
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, bytes);
  hex.resize(2 * bytes);
  return hex;
}

}  // namespace dagbok::crypto
