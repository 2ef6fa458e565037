// libFuzzer target for the receipt import of the command line (`dagbok
// receipts import FILE`: pipeline/receipt_intake.h, import_receipt_lines),
// JSON Lines on a real SQLite store: besides "no crash, no sanitizer report",
// every input keeps the properties in receipt_import_properties.h. A broken
// property prints what broke and aborts, so libFuzzer saves the input.
// Build and run: scripts/fuzz.sh (needs clang; cmake -DDAGBOK_FUZZ=ON).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "fuzz/receipt_import_properties.h"

namespace {

// One store for the whole run (opening one per input would cost more than
// the import), on a fresh file; each input gets a company of its own.
dagbok::Store& fuzz_store() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("dagbok-receipt-fuzz-" + std::to_string(::getpid()) + ".db"))
          .string();
  static std::unique_ptr<dagbok::Store> store = [] {
    std::filesystem::remove(path);
    dagbok::Result<std::unique_ptr<dagbok::Store>> s = dagbok::open_store(path);
    if (!s.ok()) {
      std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), s.error().message().c_str());
      __builtin_trap();
    }
    return std::move(s).value();
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static int64_t inputs = 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string broken = dagbok::fuzzing::broken_import_property(fuzz_store(), ++inputs, bytes);
  if (!broken.empty()) {
    std::fprintf(stderr, "broken property: %s\n", broken.c_str());
    __builtin_trap();
  }
  return 0;
}
