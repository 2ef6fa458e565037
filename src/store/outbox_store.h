// OutboxStore: the store's role for getting vouchers out: the export
// destinations, the outbox of deliveries (one row per destination and
// idempotency key), their attempts, and the notifications the engine raises.
//
// Each voucher reaches each active destination exactly once: rows are leased
// to one worker at a time (claim_delivery), and a row's new state and its
// attempt are written together (finish_delivery).
//
//   ASSIGN_OR_RETURN(std::vector<Delivery> due, outbox.due_deliveries(now, 20));
//   ASSIGN_OR_RETURN(bool mine, outbox.claim_delivery(due[0].id, "worker-1", now, now + 60));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/export_records.h"

namespace dagbok {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Export destinations. write_day_close() also writes, in its transaction,
  // one delivery per active destination whose from_date covers the day.
  virtual Result<int64_t> save_destination(const Destination& d) = 0;
  virtual Result<std::vector<Destination>> destinations(int64_t company) = 0;

  // The outbox. Rows are unique per (destination, idempotency key): enqueuing
  // the same delivery twice adds it once. Returns how many were new.
  virtual Result<int> enqueue_deliveries(const std::vector<Delivery>& deliveries) = 0;
  virtual Result<std::vector<Delivery>> deliveries(int64_t company, std::optional<int64_t> destination,
                                                   int limit) = 0;
  virtual Result<std::optional<Delivery>> delivery(int64_t id) = 0;
  // Pending or waiting rows due by `now`, and in-flight rows whose lease ran
  // out (a worker died), across all companies, oldest first.
  virtual Result<std::vector<Delivery>> due_deliveries(Instant now, int limit) = 0;
  // Takes the row for `owner` until `lease_until`, if nobody else holds it.
  virtual Result<bool> claim_delivery(int64_t id, const std::string& owner, Instant now, Instant lease_until) = 0;
  // Writes the row's new state and its attempt in one transaction, if `owner`
  // still holds the lease; Aborted if not.
  virtual Status finish_delivery(const Delivery& d, const std::string& owner, const DeliveryAttempt& attempt) = 0;
  // Makes one undelivered row due now (a retry asked for by hand).
  virtual Result<bool> retry_delivery(int64_t company, int64_t id, Instant now) = 0;
  // Makes every undelivered row of a destination due now (manual export),
  // only those of business days in [from, to] when given.
  virtual Result<int> release_for_manual_export(int64_t destination, Instant now, std::optional<Date> from,
                                                std::optional<Date> to) = 0;
  virtual Status log_attempt(const DeliveryAttempt& attempt, int64_t company) = 0;
  virtual Result<std::vector<DeliveryAttempt>> attempts(int64_t company, int limit) = 0;

  // Notifications: one open notification per key; raising it again refreshes it.
  virtual Status raise_notification(const Notification& n) = 0;
  virtual Status resolve_notifications(int64_t company, const std::string& key, Instant now) = 0;
  virtual Result<std::vector<Notification>> notifications(int64_t company, bool open_only) = 0;
  virtual Status mark_notifications_read(int64_t company, std::optional<int64_t> id) = 0;
};

}  // namespace dagbok
