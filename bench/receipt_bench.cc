// Receipt intake throughput: receipts per second when each receipt is
// acknowledged on its own (one import_receipts call, one transaction, one
// commit), as a till posting receipts one by one to the API does. The figure
// is dominated by the commit's sync, which is what doc/server.md's
// durability promise costs (synchronous=FULL: the WAL is synced at every
// commit).
//
//   build-bench/bench/receipt_bench [RECEIPTS] [DATABASE]
//
// DATABASE defaults to a file in the temporary folder; give one on the disk
// the server will use, since the sync cost is the disk's.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "pipeline/company_setup.h"
#include "pipeline/receipt_intake.h"

using namespace dagbok;

int main(int argc, char** argv) {
  const int receipts = argc > 1 ? std::atoi(argv[1]) : 2000;
  const std::string path =
      argc > 2 ? argv[2] : (std::filesystem::temp_directory_path() / "dagbok-receipt-bench.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Result<std::unique_ptr<Store>> opened = open_store(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error().message().c_str());
    return 1;
  }
  std::unique_ptr<Store> store = std::move(opened).value();
  Company c;
  c.slug = "kaffebaren";
  c.name = "Kaffebaren AB";
  c.timezone = "Europe/Stockholm";
  c.country = Country::kSweden;
  c.day_break_minutes = 300;
  c.chart_preset = "none";
  c.id = *store->create_company(c);

  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < receipts; ++i) {
    char time[40];
    std::snprintf(time, sizeof time, "2026-11-20T%02d:%02d:%02d+01:00", 8 + (i / 3600) % 12, (i / 60) % 60, i % 60);
    ReceiptSource s;
    s.location = "bench receipt " + std::to_string(i);
    s.text = std::string("{\"id\":\"R") + std::to_string(i) + "\",\"register\":\"K" + std::to_string(i % 4) +
             "\",\"department\":\"Café\",\"time\":\"" + time +
             "\",\"lines\":[{\"product_group\":\"Lunch\",\"vat_rate\":\"12\",\"quantity\":\"2\",\"unit_price\":"
             "\"89.00\"},{\"product_group\":\"Öl\",\"vat_rate\":\"25\",\"quantity\":\"1\",\"unit_price\":"
             "\"69.00\"}],\"payments\":[{\"method\":\"card\",\"amount\":\"247.00\"}]}";
    Result<IntakeSummary> r = import_receipts(*store, c, {s});
    if (!r.ok()) {
      std::fprintf(stderr, "receipt %d: %s\n", i, r.error().message().c_str());
      return 1;
    }
    if (r->stored != 1) {
      std::fprintf(stderr, "receipt %d was not stored\n", i);
      return 1;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("receipts %d seconds %.2f receipts_per_s %.0f database %s\n", receipts, s, receipts / s, path.c_str());
  return 0;
}
