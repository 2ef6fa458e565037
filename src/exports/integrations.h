// Integrations: activating a destination, its settings, manual export,
// re-send of one day, deactivation. Every action is written to the export log.
//
// Activation takes a start date ("from date"); every day already closed on or
// after it is queued at once, and every later close queues itself. A
// destination may declare its from-date immutable once saved (PowerOffice Go).
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct IntegrationSpec {
  std::string kind;
  Date from_date;
  Schedule schedule;
  bool lock_from_date = false;
  std::string settings_json = "{}";
  std::string sealed_secret;
  int max_attempts = 8;
};

struct ActivationResult {
  Destination destination;
  int queued_days = 0;  // closed days on or after the from-date, queued now
};

Result<ActivationResult> activate_integration(Store& store, const Company& company, const IntegrationSpec& spec,
                                              const Clock& clock);

struct IntegrationChange {
  std::optional<Date> from_date;
  std::optional<Schedule> schedule;
  std::optional<std::string> settings_json;
  std::optional<std::string> sealed_secret;  // the secrets, sealed (connector_settings.h)
};
Result<Destination> change_integration(Store& store, const Company& company, const std::string& kind,
                                       const IntegrationChange& change, const Clock& clock);

Status deactivate_integration(Store& store, const Company& company, const std::string& kind, const Clock& clock);

// The business days a manual export covers; open ends reach to the start
// date and to the last closed day.
struct ExportRange {
  std::optional<Date> from;
  std::optional<Date> to;
};

// "Manuell export", for every shell (the CLI's `integrations export`, the
// server's POST …/integrations/{kind}/export): queues the closed days on or
// after the start date that the integration has not had yet, and makes every
// delivery not yet delivered due now — only new data: a delivered day is not
// sent again (resend_day does that, on purpose). With a range, only the days
// in it. The engine (a worker, or the CLI at once) sends them. Returns how
// many deliveries are due.
Result<int> request_manual_export(Store& store, const Company& company, const std::string& kind, const Clock& clock,
                                  const ExportRange& range = {});

// Queues the chosen day again (all its Z-reports), as a new delivery.
Result<Delivery> resend_day(Store& store, const Company& company, const std::string& kind, Date day,
                            const Clock& clock);

Result<Destination> find_destination(Store& store, const Company& company, const std::string& kind);

}  // namespace dagbok
