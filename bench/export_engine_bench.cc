// Export engine throughput: 10,000 companies' day closes delivered through
// the engine into a local sink that fails 5 % of the time with a transient
// error. Reports time to drain, deliveries per second and duplicates.
//
//   build-bench/bench/export_engine_bench [COMPANIES] [FAILURE_PERCENT]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "exports/engine.h"
#include "pipeline/company_setup.h"

using namespace dagbok;

namespace {

// A destination that takes everything, except that it says "try again" to a
// given share of calls; it counts what it accepted per idempotency key.
class FlakySink final : public DestinationHandler {
 public:
  explicit FlakySink(int failure_percent) : failure_percent_(failure_percent) {}
  std::string kind() const override { return "sink"; }
  Status preflight(const DeliveryPayload&) override { return ok_status(); }
  Result<std::string> deliver(const DeliveryPayload& p) override {
    if (static_cast<int>(rng_() % 100) < failure_percent_) return unavailable("503 try again");
    ++accepted_[p.delivery.idempotency_key];
    return std::string("ok");
  }
  const std::map<std::string, int>& accepted() const { return accepted_; }

 private:
  int failure_percent_;
  std::mt19937_64 rng_{42};
  std::map<std::string, int> accepted_;
};

}  // namespace

int main(int argc, char** argv) {
  const int companies = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int failure_percent = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string path = (std::filesystem::temp_directory_path() / "dagbok-export-bench.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::unique_ptr<Store> store = *open_store(path);
  FixedClock clock(*Instant::parse_rfc3339("2026-11-23T06:00:00+01:00"));

  auto t0 = std::chrono::steady_clock::now();
  std::vector<Delivery> queue;
  for (int i = 0; i < companies; ++i) {
    Company c;
    c.slug = "shop-" + std::to_string(i);
    c.name = "Butik " + std::to_string(i);
    c.timezone = i % 2 ? "Europe/Oslo" : "Europe/Stockholm";
    c.country = i % 2 ? Country::kNorway : Country::kSweden;
    c.day_break_minutes = 300;
    c.chart_preset = "none";
    c.id = *store->create_company(c);
    Destination d;
    d.company_id = c.id;
    d.kind = "sink";
    d.from_date = Date::from_ymd(2026, 1, 1);
    d.max_attempts = 100;
    d.settings_json = "{}";
    d.id = *store->save_destination(d);
    Delivery x;
    x.company_id = c.id;
    x.destination_id = d.id;
    x.kind = "day";
    x.business_date = Date::from_ymd(2026, 11, 22);
    x.idempotency_key = "dest" + std::to_string(d.id) + "/day";
    x.created_at = clock.now();
    x.next_attempt_at = clock.now();
    queue.push_back(x);
  }
  if (!store->enqueue_deliveries(queue).ok()) return 1;
  auto t1 = std::chrono::steady_clock::now();

  DestinationRegistry registry;
  auto sink = std::make_unique<FlakySink>(failure_percent);
  FlakySink* s = sink.get();
  registry.add(std::move(sink));
  EngineOptions o;
  o.batch = 500;
  o.retry.base_seconds = 1;
  ExportEngine engine(*store, registry, clock, o);
  int passes = 0, retries = 0;
  for (;;) {
    Result<RunStats> r = engine.run_once();
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.error().message().c_str());
      return 1;
    }
    ++passes;
    retries += r->retrying;
    if (r->delivered + r->retrying + r->failed == 0) {
      // Nothing due now: jump the clock past the backoff, or stop if all is done.
      if (s->accepted().size() == static_cast<size_t>(companies)) break;
      clock.set(clock.now().plus_seconds(3600));
    }
  }
  auto t2 = std::chrono::steady_clock::now();
  int duplicates = 0;
  for (const auto& [k, n] : s->accepted()) duplicates += n - 1;
  const double setup = std::chrono::duration<double>(t1 - t0).count();
  const double drain = std::chrono::duration<double>(t2 - t1).count();
  std::printf("companies=%d failure_rate=%d%% setup=%.2fs drain=%.2fs deliveries_per_s=%.0f passes=%d "
              "transient_failures=%d delivered=%zu duplicates=%d\n",
              companies, failure_percent, setup, drain, companies / drain, passes, retries, s->accepted().size(),
              duplicates);
  return duplicates == 0 && s->accepted().size() == static_cast<size_t>(companies) ? 0 : 1;
}
