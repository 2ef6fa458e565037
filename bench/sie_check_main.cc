// bench/sie_check: check_sie_file on one file, printing the summary, until
// the lead wires `dagbok sie check` into src/cli/. Used by bench/run_sie.sh.
#include <cstdio>
#include <string>

#include "formats/sie/sie_check.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sie_check FILE [--json]\n");
    return 2;
  }
  dagbok::Result<dagbok::sie::CheckReport> r = dagbok::sie::check_sie_file(argv[1]);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error().message().c_str());
    return 2;
  }
  const std::string out = argc > 2 && std::string(argv[2]) == "--json" ? r->to_json() : r->to_text();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return r->valid ? 0 : 1;
}
