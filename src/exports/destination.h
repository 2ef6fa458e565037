// A destination handler: how one kind of destination (e-mail, an accounting
// system) takes a delivery. The engine (engine.h) decides when; a handler
// only checks and sends.
//
// Errors tell the engine what to do next (STYLE.md): Unavailable → try again
// later (with Retry-After if the other side gave one); FailedPrecondition,
// InvalidArgument, PermissionDenied → stop and raise a notification naming
// the fix; anything else → a failed attempt, retried like Unavailable.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "books/account.h"
#include "books/mapping.h"
#include "books/voucher.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct DeliveryPayload {
  const Company& company;
  const Destination& destination;
  const Delivery& delivery;
  std::vector<ZReportRecord> z_reports;
  std::vector<Voucher> vouchers;
  std::vector<Account> accounts;
  Mapping mapping;
  Instant now;
};

class DestinationHandler {
 public:
  virtual ~DestinationHandler() = default;
  virtual std::string kind() const = 0;
  // What can be checked without sending: settings, credentials present.
  virtual Status preflight(const DeliveryPayload& payload) = 0;
  // Sends; returns the remote reference (a queue id, a voucher number).
  // Must be safe to call again with the same delivery: it carries
  // payload.delivery.idempotency_key for the other side to recognise.
  virtual Result<std::string> deliver(const DeliveryPayload& payload) = 0;
};

class DestinationRegistry {
 public:
  void add(std::unique_ptr<DestinationHandler> handler) {
    const std::string k = handler->kind();
    handlers_[k] = std::move(handler);
  }
  DestinationHandler* find(const std::string& kind) const {
    auto it = handlers_.find(kind);
    return it == handlers_.end() ? nullptr : it->second.get();
  }

 private:
  std::map<std::string, std::unique_ptr<DestinationHandler>> handlers_;
};

}  // namespace dagbok
