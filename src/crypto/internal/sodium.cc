#include "crypto/internal/sodium.h"

#include <sodium.h>

namespace dagbok::crypto::internal {

Status ensure_sodium() {
  static const int rc = sodium_init();  // 0 = initialised now, 1 = already, -1 = failed
  if (rc < 0) {
    return internal_error(
        "libsodium could not be initialised (no usable source of randomness); "
        "secrets can neither be sealed nor opened");
  }
  return ok_status();
}

}  // namespace dagbok::crypto::internal
