// libFuzzer target for the receipt JSON reader (pos/receipt_json.h), what a
// till or an API client sends: besides "no crash, no sanitizer report", every
// input must keep the properties in receipt_properties.h. A broken property
// prints what broke and aborts, so libFuzzer saves the input as a crash.
// Build and run: scripts/fuzz.sh (needs clang; cmake -DDAGBOK_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/receipt_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string broken = dagbok::fuzzing::broken_receipt_property(bytes);
  if (!broken.empty()) {
    std::fprintf(stderr, "broken property: %s\n", broken.c_str());
    __builtin_trap();
  }
  return 0;
}
