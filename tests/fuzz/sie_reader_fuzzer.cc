// libFuzzer target for the SIE reader (SIE 1-4 text and SIE 5 XML) and the
// converters: besides "no crash, no sanitizer report", every input must keep
// the properties in sie_properties.h. A broken property prints what broke and
// aborts, so libFuzzer saves the input as a crash.
// Build and run: scripts/fuzz.sh (needs clang; cmake -DDAGBOK_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/sie_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string broken = dagbok::sie::fuzzing::broken_property(bytes);
  if (!broken.empty()) {
    std::fprintf(stderr, "broken property: %s\n", broken.c_str());
    __builtin_trap();
  }
  return 0;
}
