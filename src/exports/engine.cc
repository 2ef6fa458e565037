#include "exports/engine.h"

#include <map>
#include <nlohmann/json.hpp>

#include "exports/schedule.h"

namespace dagbok {
namespace {

bool retryable(ErrorCode c) {
  return c == ErrorCode::kUnavailable || c == ErrorCode::kAborted || c == ErrorCode::kInternal;
}

std::string failure_key(int64_t destination) { return "dest" + std::to_string(destination) + "/failure"; }
std::string preflight_key(int64_t destination) { return "dest" + std::to_string(destination) + "/preflight"; }
std::string blocked_key(int64_t destination) { return "dest" + std::to_string(destination) + "/blocked"; }

}  // namespace

const std::vector<std::string_view>& export_notification_codes() {
  static const std::vector<std::string_view> kCodes = {kExportBlocked, kExportCannotStart, kExportFailed};
  return kCodes;
}

std::string blocked_voucher_advice(const std::string& blocked_reason) {
  return blocked_reason +
         ". Add the missing account under Ekonomi → Redovisning (or with the command shown), then run Manuell export.";
}

struct ExportEngine::RunCache {
  std::map<int64_t, Company> companies;
  std::map<int64_t, std::vector<Destination>> destinations;
  std::map<std::string, TimeZone> zones;
};

Result<RunStats> ExportEngine::run_once() {
  ASSIGN_OR_RETURN(std::vector<Delivery> due, store_.due_deliveries(clock_.now(), options_.batch));
  RunStats total;
  if (due.empty()) return total;
  RunCache cache;
  ASSIGN_OR_RETURN(std::vector<Company> companies, store_.companies());
  for (Company& c : companies) cache.companies.emplace(c.id, std::move(c));
  for (const Delivery& d : due) {
    if (options_.stop_requested && options_.stop_requested()) break;
    if (options_.only && !options_.only(d)) continue;
    ASSIGN_OR_RETURN(RunStats s, process(d, cache));
    total.delivered += s.delivered;
    total.retrying += s.retrying;
    total.failed += s.failed;
    total.waiting += s.waiting;
    total.skipped += s.skipped;
  }
  return total;
}

Result<RunStats> ExportEngine::process(const Delivery& snapshot, RunCache& cache) {
  RunStats stats;
  const Instant now = clock_.now();
  auto c = cache.companies.find(snapshot.company_id);
  if (c == cache.companies.end())
    return internal_error("delivery " + std::to_string(snapshot.id) + " names a missing company");
  const Company* company = &c->second;
  auto dests = cache.destinations.find(company->id);
  if (dests == cache.destinations.end()) {
    ASSIGN_OR_RETURN(std::vector<Destination> loaded, store_.destinations(company->id));
    dests = cache.destinations.emplace(company->id, std::move(loaded)).first;
  }
  const Destination* dest = nullptr;
  for (const Destination& x : dests->second)
    if (x.id == snapshot.destination_id) dest = &x;
  if (!dest || !dest->active) {
    ++stats.skipped;
    return stats;
  }
  auto zone = cache.zones.find(company->timezone);
  if (zone == cache.zones.end()) {
    ASSIGN_OR_RETURN(TimeZone loaded, TimeZone::load(company->timezone));
    zone = cache.zones.emplace(company->timezone, std::move(loaded)).first;
  }
  const TimeZone& tz = zone->second;
  if (!due_by_schedule(snapshot, dest->schedule, tz, now)) {
    ++stats.skipped;
    return stats;
  }
  ASSIGN_OR_RETURN(bool mine, store_.claim_delivery(snapshot.id, options_.worker_id, now,
                                                    now.plus_seconds(options_.lease_seconds)));
  if (!mine) {
    ++stats.skipped;
    return stats;
  }
  Delivery d = snapshot;
  DeliveryAttempt attempt;
  attempt.delivery_id = d.id;
  attempt.destination_id = dest->id;
  attempt.destination_kind = dest->kind;
  attempt.business_date = d.business_date;
  attempt.attempt = d.attempts + 1;
  attempt.started_at = now;

  auto finish = [&](DeliveryStatus status, const std::string& result, const std::string& error) -> Status {
    d.status = status;
    d.last_error = error;
    attempt.result = result;
    attempt.error = error;
    attempt.remote_ref = d.remote_ref;
    attempt.finished_at = clock_.now();
    return store_.finish_delivery(d, options_.worker_id, attempt);
  };
  // The English title and message for the CLI and the log; the code and its
  // parameters for a page that words it in its own language.
  auto notify = [&](const std::string& key, std::string_view code, nlohmann::json params, const std::string& title,
                    const std::string& message) -> Status {
    params["integration"] = dest->kind;
    params["day"] = d.business_date.to_string();
    Notification n;
    n.code = std::string(code);
    n.params_json = params.dump();
    n.company_id = company->id;
    n.created_at = now;
    n.severity = "error";
    n.key = key;
    n.title = title;
    n.message = message;
    n.destination_id = dest->id;
    return store_.raise_notification(n);
  };

  Connector* handler = registry_.find(dest->kind);
  if (!handler) {
    TRY(finish(DeliveryStatus::kWaiting, "waiting", "this dagbok has no '" + dest->kind + "' integration"));
    ++stats.waiting;
    return stats;
  }

  // The payload: the Z-reports of the close and their vouchers as they are now.
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> zs, store_.z_reports_by_id(company->id, d.z_report_ids));
  std::vector<int64_t> voucher_ids = d.voucher_ids;
  std::vector<std::string> blocked;
  for (const ZReportRecord& z : zs) {
    if (z.voucher_id) {
      bool have = false;
      for (int64_t v : voucher_ids) have |= v == *z.voucher_id;
      if (!have) voucher_ids.push_back(*z.voucher_id);
    } else if (!z.voucher_blocked.empty()) {
      blocked.push_back(z.voucher_blocked);
    }
  }
  // Pre-flight 1: every voucher of the day booked (no mapping gaps).
  if (!blocked.empty()) {
    std::string msg;
    for (const std::string& b : blocked) msg += (msg.empty() ? "" : "\n") + blocked_voucher_advice(b);
    d.next_attempt_at = now.plus_seconds(options_.retry.base_seconds);
    TRY(finish(DeliveryStatus::kWaiting, "waiting", msg));
    TRY(notify(blocked_key(dest->id), kExportBlocked, {{"reasons", blocked}},
               "Export to " + dest->kind + " is waiting for the kontoplan", msg));
    ++stats.waiting;
    return stats;
  }
  DeliveryPayload payload{*company, *dest, d, std::move(zs), {}, {}, {}, now, {}};
  ASSIGN_OR_RETURN(payload.vouchers, store_.vouchers_by_id(company->id, voucher_ids));
  ASSIGN_OR_RETURN(payload.accounts, store_.accounts(company->id));
  ASSIGN_OR_RETURN(payload.mapping, store_.mapping(company->id));

  // Pre-flight 2: what the destination can check without sending.
  if (Status pre = handler->preflight(payload); !pre.ok()) {
    d.next_attempt_at = now.plus_seconds(options_.retry.base_seconds);
    TRY(finish(DeliveryStatus::kWaiting, "waiting", pre.error().message()));
    TRY(notify(preflight_key(dest->id), kExportCannotStart, {{"detail", pre.error().message()}},
               "Export to " + dest->kind + " cannot start", pre.error().message()));
    ++stats.waiting;
    return stats;
  }

  // The acceptance is recorded the moment the other side gives it (for
  // SMTP, the 250 reply to the end of DATA, before QUIT), in its own
  // transaction: a crash after that point no longer sends a second copy.
  // If recording it fails here, it is recorded below as before.
  bool recorded = false;
  payload.on_accepted = [&](const std::string& reference) {
    if (recorded) return;
    const Delivery before = d;
    d.attempts += 1;
    d.remote_ref = reference;
    d.delivered_at = clock_.now();
    d.manual = false;
    if (finish(DeliveryStatus::kDelivered, "delivered", "").ok()) {
      recorded = true;
    } else {
      d = before;
    }
  };
  Result<std::string> sent = handler->deliver(payload);
  if (recorded) {
    // Accepted is accepted, whatever happened after (a QUIT that timed out).
    for (const std::string& key : {failure_key(dest->id), preflight_key(dest->id), blocked_key(dest->id)})
      TRY(store_.resolve_notifications(company->id, key, now));
    ++stats.delivered;
    return stats;
  }
  d.attempts += 1;
  if (sent.ok()) {
    d.remote_ref = *sent;
    d.delivered_at = clock_.now();
    d.manual = false;
    TRY(finish(DeliveryStatus::kDelivered, "delivered", ""));
    for (const std::string& key : {failure_key(dest->id), preflight_key(dest->id), blocked_key(dest->id)})
      TRY(store_.resolve_notifications(company->id, key, now));
    ++stats.delivered;
    return stats;
  }
  const Error& e = sent.error();
  if (retryable(e.code()) && d.attempts < dest->max_attempts) {
    d.next_attempt_at =
        now.plus_seconds(options_.retry.delay_seconds(d.id, d.attempts, e.retry_after_seconds()));
    TRY(finish(DeliveryStatus::kPending, "retry", e.message()));
    ++stats.retrying;
    return stats;
  }
  const std::string why =
      retryable(e.code())
          ? "gave up after " + std::to_string(d.attempts) + " attempts; the last said: " + e.message() +
                ". When the problem is fixed, run Manuell export to send it again."
          : e.message();
  TRY(finish(DeliveryStatus::kFailed, "failed", why));
  TRY(notify(failure_key(dest->id), kExportFailed,
             {{"detail", e.message()}, {"attempts", d.attempts}, {"gave_up", retryable(e.code())}},
             "Export of " + d.business_date.to_string() + " to " + dest->kind + " failed", why));
  ++stats.failed;
  return stats;
}

}  // namespace dagbok
