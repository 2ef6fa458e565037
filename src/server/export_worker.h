// ExportWorker: the export engine on a background thread of `dagbok serve`.
// Every `interval` it runs ExportEngine::run_once() over its own store
// connection, as `dagbok worker` does; stop() wakes it and waits for the pass
// in progress to end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "exports/destination.h"
#include "store/store.h"

namespace dagbok::server {

class ExportWorker {
 public:
  using Log = std::function<void(const std::string& json_line)>;
  ExportWorker(std::unique_ptr<Store> store, const DestinationRegistry& registry, const Clock& clock,
               std::chrono::seconds interval, std::string worker_id, Log log);
  ExportWorker(const ExportWorker&) = delete;
  ExportWorker& operator=(const ExportWorker&) = delete;
  ~ExportWorker();

  void start();
  void stop();
  // As stop(), without waiting: the pass in progress ends after the delivery
  // it is sending (see EngineOptions::stop_requested).
  void request_stop();
  // Starts the next pass now (after a manual export, an activation, a retry).
  void nudge();

 private:
  void loop();

  std::unique_ptr<Store> store_;
  const DestinationRegistry& registry_;
  const Clock& clock_;
  std::chrono::seconds interval_;
  std::string worker_id_;
  Log log_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  std::thread thread_;
};

}  // namespace dagbok::server
