#include "server/export_worker.h"

#include <nlohmann/json.hpp>

#include "exports/engine.h"

namespace dagbok::server {

ExportWorker::ExportWorker(std::unique_ptr<Store> store, const DestinationRegistry& registry, const Clock& clock,
                           std::chrono::seconds interval, std::string worker_id, Log log)
    : store_(std::move(store)),
      registry_(registry),
      clock_(clock),
      interval_(interval),
      worker_id_(std::move(worker_id)),
      log_(std::move(log)) {}

ExportWorker::~ExportWorker() { stop(); }

void ExportWorker::start() {
  thread_ = std::thread([this] { loop(); });
}

void ExportWorker::request_stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void ExportWorker::stop() {
  request_stop();
  if (thread_.joinable()) thread_.join();
}

void ExportWorker::nudge() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    nudged_ = true;
  }
  wake_.notify_all();
}

void ExportWorker::loop() {
  EngineOptions o;
  o.worker_id = worker_id_;
  o.stop_requested = [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  };
  for (;;) {
    ExportEngine engine(*store_, registry_, clock_, o);
    Result<RunStats> r = engine.run_once();
    nlohmann::json line = {{"time", SystemClock().now().to_utc_string()}, {"event", "export_worker"}};
    if (!r.ok()) {
      line["error"] = r.error().message();
      log_(line.dump());
    } else if (r->delivered || r->failed || r->retrying) {
      line["delivered"] = r->delivered;
      line["retrying"] = r->retrying;
      line["failed"] = r->failed;
      line["waiting"] = r->waiting;
      log_(line.dump());
    }
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_for(lock, interval_, [this] { return stopping_ || nudged_; });
    if (stopping_) return;
    nudged_ = false;
  }
}

}  // namespace dagbok::server
