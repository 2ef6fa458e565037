// report_bench FILE.se [RUNS]: the cost of an income statement from the
// ledger's aggregates. Reads the SIE file once and sums it into
// ledger::YearBalances (what the ledger store keeps as vouchers are stored;
// not timed as part of the report), then times income_statement +
// render_text RUNS times and prints the best and the median in
// microseconds, with the size of the aggregates.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "formats/sie/sie_reader.h"
#include "reports/render.h"
#include "reports/sie_balances.h"
#include "reports/statements.h"

int main(int argc, char** argv) {
  using namespace dagbok;
  if (argc < 2) {
    std::fprintf(stderr, "usage: report_bench FILE.se [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 101;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  Result<sie::ReadResult> read = sie::read_sie_file(argv[1]);
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.error().message().c_str());
    return 1;
  }
  uint64_t rows = 0;
  for (const sie::Voucher& v : read->document.vouchers) rows += v.transactions.size();
  Result<ledger::YearBalances> b = reports::balances_from_sie(read->document, std::nullopt, Country::kSweden);
  if (!b.ok()) {
    std::fprintf(stderr, "%s\n", b.error().message().c_str());
    return 1;
  }
  const auto t1 = Clock::now();
  std::vector<int64_t> us;
  size_t bytes = 0;
  for (int i = 0; i < runs; ++i) {
    const auto a = Clock::now();
    Result<reports::Report> r = reports::income_statement(*b, {});
    if (!r.ok()) return 1;
    const std::string text = reports::render_text(*r);
    bytes += text.size();
    us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - a).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("transactions %llu accounts %zu months %d load_s %.2f report_best_us %lld report_median_us %lld (%zu bytes)\n",
              static_cast<unsigned long long>(rows), b->balances.size(), b->year.month_count(),
              std::chrono::duration<double>(t1 - t0).count(), static_cast<long long>(us.front()),
              static_cast<long long>(us[us.size() / 2]), bytes / static_cast<size_t>(runs));
  return 0;
}
