// Initialises libsodium once per process.
#pragma once

#include "core/result.h"

namespace dagbok::crypto::internal {

// Calls sodium_init() exactly once, the first time any caller needs it, and
// returns its outcome on every later call. The once-guard is a function-local
// static (thread-safe initialisation in C++11 and later), which is the only
// process-wide state the crypto module keeps; sodium_init() itself is also
// safe to call repeatedly.
Status ensure_sodium();

}  // namespace dagbok::crypto::internal
