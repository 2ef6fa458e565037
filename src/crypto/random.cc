#include "crypto/random.h"

#include <sodium.h>

#include <cassert>
#include <vector>

#include "crypto/internal/sodium.h"

namespace dagbok::crypto {

Result<std::string> random_hex(std::size_t bytes) {
  assert(bytes >= 1 && bytes <= 1024);
  TRY(internal::ensure_sodium());
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.resize(2 * bytes);
  sodium_memzero(buf.data(), buf.size());
  return hex;
}

}  // namespace dagbok::crypto
