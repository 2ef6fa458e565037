// The records of the export engine as the store keeps them: destinations
// (where a company's books go), deliveries (the outbox: one row per
// destination and day close), attempts (the export log) and notifications.
// The engine that moves them is src/exports/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace dagbok {

// When a destination's deliveries go out: right after each day close, or at a
// time of day daily, weekly (Mondays) or monthly (the 1st), in the company's
// time zone.
struct Schedule {
  enum class Kind { kAfterClose, kDaily, kWeekly, kMonthly };
  Kind kind = Kind::kAfterClose;
  int minute_of_day = 5 * 60;
};

struct Destination {
  int64_t id = 0;
  int64_t company_id = 0;
  std::string kind;  // "email", later "bjornlunden", "poweroffice" …
  bool active = true;
  Date from_date;
  bool from_date_locked = false;  // may not change once saved
  Schedule schedule;
  int max_attempts = 8;
  std::string settings_json;  // non-secret settings, as JSON
  std::string sealed_secret;  // credentials, sealed (crypto/secret_box.h), or ""
};

enum class DeliveryStatus { kPending, kInFlight, kWaiting, kDelivered, kFailed };
std::string delivery_status_name(DeliveryStatus s);
std::optional<DeliveryStatus> parse_delivery_status(const std::string& s);

struct Delivery {
  int64_t id = 0;
  int64_t company_id = 0;
  int64_t destination_id = 0;
  std::string kind;  // "day", "resend", "correction"
  Date business_date;
  std::vector<int64_t> z_report_ids;
  std::vector<int64_t> voucher_ids;  // corrections carry vouchers, not Z-reports
  std::string idempotency_key;
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  Instant created_at;
  Instant next_attempt_at;
  bool manual = false;  // due now whatever the schedule (manual export, resend)
  std::string lease_owner;
  Instant lease_until;
  std::string remote_ref;
  std::string last_error;
  std::optional<Instant> delivered_at;
};

struct DeliveryAttempt {
  int64_t id = 0;
  int64_t delivery_id = 0;
  int64_t destination_id = 0;
  std::string destination_kind;
  Date business_date;
  int attempt = 0;
  Instant started_at;
  Instant finished_at;
  std::string result;  // "delivered", "retry", "failed", "waiting", "manual", "resend"
  std::string remote_ref;
  std::string error;
};

struct Notification {
  int64_t id = 0;
  int64_t company_id = 0;
  Instant created_at;
  std::string severity;  // "error", "warning", "info"
  std::string key;       // one open notification per key
  std::string title;
  std::string message;   // says what to do (English: the CLI and the log show it)
  std::string code;         // what it is about, for a page that words it itself ("export_failed"); "" if none
  std::string params_json = "{}";  // the code's parameters (a JSON object)
  std::optional<int64_t> destination_id;
  bool read = false;
  std::optional<Instant> resolved_at;
};

// "dest3/z41,42,43": the key of a day close's delivery to a destination; the
// same Z-reports to the same destination always give the same key.
std::string delivery_key(int64_t destination_id, const std::vector<int64_t>& z_report_ids);

// The delivery of a day close's Z-reports (and vouchers) to a destination,
// due at once.
Delivery day_delivery(const Destination& d, Date day, const std::vector<int64_t>& z_report_ids,
                      const std::vector<int64_t>& voucher_ids, Instant now);

}  // namespace dagbok
