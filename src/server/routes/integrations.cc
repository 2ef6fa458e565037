#include "server/routes/integrations.h"

#include <httplib.h>

#include "exports/connector_settings.h"
#include "exports/engine.h"
#include "exports/integration_catalog.h"
#include "exports/integrations.h"
#include "exports/schedule.h"
#include "pipeline/sie_export.h"
#include "server/routes/kontoplan.h"
#include "server/routes/oauth.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

namespace {

// The card of the SIE file of the export dialog: always there, no settings.
constexpr const char* kSieCardKind = "sie";

const DestinationRegistry& kinds_of(const Call& call) { return *call.ctx.options.connectors; }

// The integration `kind` as a built connector: NotFound for an unknown kind,
// FailedPrecondition (said plainly) for one not built yet.
Result<IntegrationCard> built_card(const Call& call, const std::string& kind) {
  if (kind == kSieCardKind)
    return failed_precondition("the SIE export needs no activation: download or mail the file from the export dialog");
  return built_integration(kinds_of(call), kind);
}

json card_json(const IntegrationCard& c, const Destination* d) {
  const std::string state = !c.built ? "not_built" : (!d ? "not_activated" : (d->active ? "active" : "inactive"));
  const std::string status = !c.built ? "not_available" : (d && d->active ? "active" : "inactive");
  json settings = nullptr;
  if (d) {
    settings = json::parse(d->settings_json.empty() ? "{}" : d->settings_json, nullptr, false);
    if (settings.is_discarded()) settings = json::object();
  }
  return {{"kind", c.kind},
          {"title", c.title},
          {"built", c.built},
          {"status", status},
          {"state", state},
          {"status_text", !c.built    ? "Not available yet: this integration is not built in this version of dagbok."
                          : !d        ? "Not activated."
                          : d->active ? "Active."
                                      : "Inactive: exports wait until it is activated again."},
          {"destination_id", d ? json(d->id) : json(nullptr)},
          {"from_date", d ? json(d->from_date.to_string()) : json(nullptr)},
          {"from_date_locked", d ? d->from_date_locked : false},
          {"start_date_frozen", c.connector && c.connector->start_date() == StartDate::kFrozenOnceSaved},
          {"schedule", d ? json(schedule_name(d->schedule)) : json(nullptr)},
          {"settings", settings},
          {"fields", c.connector ? settings_description(*c.connector) : json::array()},
          {"has_secret", d ? !d->sealed_secret.empty() : false}};
}

json sie_card_json() {
  return {{"kind", kSieCardKind},
          {"title", "SIE export"},
          {"built", true},
          {"status", "active"},
          {"state", "active"},
          {"status_text", "Always available: download a SIE 4 file or send it by e-mail (Exportera bokföring)."},
          {"destination_id", nullptr},
          {"from_date", nullptr},
          {"from_date_locked", false},
          {"start_date_frozen", false},
          {"schedule", nullptr},
          {"settings", nullptr},
          {"fields", json::array()},
          {"has_secret", false}};
}

// The kind's settings in `body` merged over `saved` (null: none yet), by the
// one merge every shell uses; its refusals become field errors.
std::optional<SettingsMerge> merged_settings(const Call& call, const Connector& kind, const Destination* saved,
                                             const json& body, std::vector<FieldError>& errors) {
  const json changes = setting_changes(kind, body);
  if (saved && changes.empty()) return std::nullopt;
  SettingsMerge m = merge_settings(kind, saved, changes, &call.ctx.options.connector_host);
  errors.insert(errors.end(), m.problems.begin(), m.problems.end());
  if (!m.ok()) return std::nullopt;
  return m;
}

// "daily 05:00" → "daily"
std::string schedule_kind(const Schedule& s) {
  const std::string name = schedule_name(s);
  return name.substr(0, name.find(' '));
}

}  // namespace

Result<Reply> integrations(Call& call) {
  ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
  json out = json::array();
  out.push_back(sie_card_json());
  for (const IntegrationCard& c : integration_cards(kinds_of(call))) {
    const Destination* d = nullptr;
    for (const Destination& x : dests)
      if (x.kind == c.kind) d = &x;
    out.push_back(card_json(c, d));
    if (c.connector && c.connector->oauth()) out.back()["oauth"] = oauth_card_json(call, *c.connector, call.company->id);
  }
  return Reply{200, out, {}, {}, {}};
}

// The export log: deliveries (the outbox) and every attempt, newest first,
// with the fields of `dagbok exports list [--log]`.
Result<Reply> exports(Call& call) {
  ASSIGN_OR_RETURN(int limit, query_limit(call.req, 200));
  ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
  auto kind_of = [&](int64_t id) {
    for (const Destination& d : dests)
      if (d.id == id) return d.kind;
    return std::string();
  };
  ASSIGN_OR_RETURN(std::vector<Delivery> deliveries, call.store.deliveries(call.company->id, std::nullopt, limit));
  ASSIGN_OR_RETURN(std::vector<DeliveryAttempt> log_rows, call.store.attempts(call.company->id, limit));
  json d = json::array();
  for (const Delivery& x : deliveries) {
    json j = views::delivery_json(x);
    j["integration"] = kind_of(x.destination_id);
    d.push_back(std::move(j));
  }
  json l = json::array();
  for (const DeliveryAttempt& a : log_rows) {
    json j = views::attempt_json(a);
    j["integration"] = a.destination_kind;
    j["time"] = a.finished_at.to_utc_string();
    j["day"] = a.business_date.to_string();
    l.push_back(std::move(j));
  }
  return Reply{200, {{"deliveries", d}, {"log", l}}, {}, {}, {}};
}

// Unread counts the open (unresolved) ones not yet read: what the bell shows.
// Each carries where its fix is: `link` names the page and the item.
Result<Reply> notifications(Call& call) {
  const bool open_only = call.req.has_param("open") && call.req.get_param_value("open") != "0";
  ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, open_only));
  ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
  std::optional<json> gaps;  // the kontoplan's items without an account, read once when needed
  json out = json::array();
  int unread = 0;
  for (const Notification& n : all) {
    json j = views::notification_json(n);
    std::string kind;
    for (const Destination& d : dests)
      if (n.destination_id && d.id == *n.destination_id) kind = d.kind;
    // What it is about and its parameters, for a page that words it in its
    // own language (the title and message are the export engine's English).
    const bool blocked = n.code == kExportBlocked;
    j["code"] = n.code.empty() ? json(nullptr) : json(n.code);
    json params = json::parse(n.params_json, nullptr, false);
    j["params"] = params.is_object() ? params : json::object();
    j["integration"] = kind.empty() ? json(nullptr) : json(kind);
    if (blocked) {
      if (!gaps) {
        ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
        gaps = json::array();
        for (const json& r : rows["rows"])
          if (r.value("missing", false)) gaps->push_back({{"group", r["group"]}, {"key", r["key"]}});
      }
      j["link"] = {{"page", "kontoplan"}, {"integration", kind}, {"items", *gaps}};
    } else if (!kind.empty()) {
      j["link"] = {{"page", "integrations"}, {"integration", kind}};
    } else {
      j["link"] = {{"page", "exports"}};
    }
    j["banner"] = n.severity == "error" && !n.resolved_at;
    out.push_back(std::move(j));
    unread += !n.read && !n.resolved_at ? 1 : 0;
  }
  return Reply{200, {{"unread", unread}, {"notifications", out}}, {}, {}, {}};
}

static Result<Destination> destination_of(Call& call, const std::string& kind) {
  return find_destination(call.store, *call.company, kind);
}

static void outbox_changed(const Call& call) {
  if (call.ctx.options.outbox_changed) call.ctx.options.outbox_changed();
}

static Result<Reply> card_reply(Call& call, const IntegrationCard& card, int status = 200) {
  ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
  const Destination* d = nullptr;
  for (const Destination& x : dests)
    if (x.kind == card.kind) d = &x;
  json j = card_json(card, d);
  if (card.connector && card.connector->oauth()) j["oauth"] = oauth_card_json(call, *card.connector, call.company->id);
  return Reply{status, j, {}, {}, {}};
}

Result<Reply> activate(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  std::vector<FieldError> errors;
  IntegrationSpec spec;
  spec.kind = card.kind;
  Result<std::string> start = string_field(body, "start_date", true);
  if (!start.ok()) {
    errors.push_back({"start_date", start.error().message()});
  } else if (Result<Date> d = Date::parse(*start); !d.ok()) {
    errors.push_back({"start_date", d.error().message()});
  } else {
    spec.from_date = *d;
  }
  Result<std::string> sched = string_field(body, "schedule", false);
  Result<std::string> at = string_field(body, "at", false);
  Result<Schedule> schedule =
      sched.ok() && at.ok() ? parse_schedule(*sched, *at) : Result<Schedule>(invalid_argument("must be a string"));
  if (!schedule.ok())
    errors.push_back({"schedule", schedule.error().message()});
  else
    spec.schedule = *schedule;
  Result<bool> lock = bool_field(body, "lock_start_date", false);
  if (!lock.ok()) errors.push_back({"lock_start_date", lock.error().message()});
  spec.lock_from_date = (lock.ok() && *lock) || card.connector->start_date() == StartDate::kFrozenOnceSaved;
  if (std::optional<SettingsMerge> m = merged_settings(call, *card.connector, nullptr, body, errors)) {
    spec.settings_json = m->settings_json;
    spec.sealed_secret = m->sealed_secrets;
  }
  if (!errors.empty()) return field_errors_reply(errors);
  ASSIGN_OR_RETURN(ActivationResult r, activate_integration(call.store, *call.company, spec, call.ctx.clock));
  if (r.queued_days) outbox_changed(call);
  ASSIGN_OR_RETURN(Reply reply, card_reply(call, card));
  reply.body = {{"integration", reply.body}, {"queued_days", r.queued_days}};
  return reply;
}

Result<Reply> integration_settings(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  ASSIGN_OR_RETURN(Destination d, destination_of(call, card.kind));
  std::vector<FieldError> errors;
  IntegrationChange change;
  Result<std::string> start = string_field(body, "start_date", false);
  if (!start.ok()) {
    errors.push_back({"start_date", start.error().message()});
  } else if (!start->empty()) {
    Result<Date> day = Date::parse(*start);
    if (day.ok())
      change.from_date = *day;
    else
      errors.push_back({"start_date", day.error().message()});
  }
  Result<std::string> sched = string_field(body, "schedule", false);
  Result<std::string> at = string_field(body, "at", false);
  if (!sched.ok() || !at.ok()) {
    errors.push_back({"schedule", "'schedule' and 'at' must be strings"});
  } else if (!sched->empty() || !at->empty()) {
    Result<Schedule> schedule = parse_schedule(sched->empty() ? schedule_kind(d.schedule) : *sched, *at);
    if (schedule.ok())
      change.schedule = *schedule;
    else
      errors.push_back({"schedule", schedule.error().message()});
  }
  if (std::optional<SettingsMerge> m = merged_settings(call, *card.connector, &d, body, errors)) {
    change.settings_json = m->settings_json;
    change.sealed_secret = m->sealed_secrets;
  }
  if (!errors.empty()) return field_errors_reply(errors);
  if (change.from_date || change.schedule || change.settings_json) {
    Result<Destination> changed = change_integration(call.store, *call.company, card.kind, change, call.ctx.clock);
    if (!changed.ok()) {
      if (change.from_date && changed.error().code() == ErrorCode::kFailedPrecondition)
        return field_errors_reply({{"start_date", changed.error().message()}});
      return std::move(changed).error();
    }
    outbox_changed(call);
  }
  return card_reply(call, card);
}

// "Testa integrationen": the saved settings with the body's changes over
// them (the wizard tests before it saves), tried by the kind; nothing is sent.
// The rule is the library's (test_integration_settings), as for the CLI.
Result<Reply> test_integration(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  Result<Destination> saved = destination_of(call, card.kind);
  IntegrationTest t = test_integration_settings(*card.connector, saved.ok() ? &*saved : nullptr,
                                                setting_changes(*card.connector, body),
                                                call.ctx.options.connector_host);
  if (!t.problems.empty()) return field_errors_reply(t.problems);
  TRY(std::move(t.status));
  return Reply{200, {{"kind", card.kind}, {"ok", true}}, {}, {}, {}};
}

// What the wizard may choose from the other side: GET by the saved settings;
// POST with the settings the wizard holds (credentials not saved yet, the
// company chosen so far) over the saved ones. Not the whole set's check: a
// list is read before the rest is filled in; a value must be a text (a
// secret one not empty), else a field error.
Result<Reply> integration_choices(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  ASSIGN_OR_RETURN(ChoiceList list, parse_choice_list(call.params["list"]));
  json body = json::object();
  if (call.req.method == "POST") {
    ASSIGN_OR_RETURN(body, json_body(call));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  }
  Result<Destination> saved = destination_of(call, card.kind);
  ConnectorSettings settings;
  if (saved.ok()) {
    ASSIGN_OR_RETURN(settings, open_settings(*saved, call.ctx.options.connector_host));
  }
  std::vector<FieldError> errors;
  const json changes = setting_changes(*card.connector, body);
  for (const SettingSpec& spec : card.connector->settings()) {
    if (!changes.contains(spec.name)) continue;
    const json& v = changes[spec.name];
    if (!v.is_string() || (spec.secret == Secret::kYes && v.get<std::string>().empty())) {
      errors.push_back({spec.name, invalid_argument("'" + spec.name + "' must be a text" +
                                                    (spec.secret == Secret::kYes ? " that is not empty" : ""))});
      continue;
    }
    if (spec.secret == Secret::kYes)
      settings.secrets[spec.name] = v.get<std::string>();
    else
      settings.values[spec.name] = v;
  }
  if (!errors.empty()) return field_errors_reply(errors);
  ASSIGN_OR_RETURN(std::vector<Choice> choices, card.connector->choices(settings, list));
  json out = json::array();
  for (const Choice& c : choices) out.push_back({{"id", c.id}, {"name", c.name}});
  return Reply{200, {{"kind", card.kind}, {"list", std::string(choice_list_name(list))}, {"choices", out}}, {}, {}, {}};
}

// The days of a manual export from an optional body {"from": D, "to": D}.
static Result<ExportRange> export_range(const Call& call) {
  ExportRange range;
  if (call.body.empty()) return range;
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  for (const char* name : {"from", "to"}) {
    ASSIGN_OR_RETURN(std::string text, string_field(body, name, false));
    if (text.empty()) continue;
    Result<Date> day = Date::parse(text);
    if (!day) return day.error().with_context(std::string("field '") + name + "'");
    (std::string(name) == "from" ? range.from : range.to) = *day;
  }
  return range;
}

Result<Reply> manual_export(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  ASSIGN_OR_RETURN(ExportRange range, export_range(call));
  ASSIGN_OR_RETURN(int n, request_manual_export(call.store, *call.company, card.kind, call.ctx.clock, range));
  outbox_changed(call);
  return Reply{202, {{"kind", card.kind}, {"exports_due", n}}, {}, {}, {}};
}

Result<Reply> deactivate(Call& call) {
  ASSIGN_OR_RETURN(IntegrationCard card, built_card(call, call.params["kind"]));
  TRY(deactivate_integration(call.store, *call.company, card.kind, call.ctx.clock));
  return card_reply(call, card);
}

static Result<Delivery> delivery_of(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an export"));
  ASSIGN_OR_RETURN(std::optional<Delivery> d, call.store.delivery(id));
  if (!d || d->company_id != call.company->id) return not_found("there is no export with id " + std::to_string(id));
  return std::move(*d);
}

static Result<std::string> kind_of_destination(Call& call, int64_t destination_id) {
  ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
  for (const Destination& x : dests)
    if (x.id == destination_id) return x.kind;
  return not_found("the export's integration no longer exists");
}

Result<Reply> resend(Call& call) {
  ASSIGN_OR_RETURN(Delivery d, delivery_of(call));
  ASSIGN_OR_RETURN(std::string kind, kind_of_destination(call, d.destination_id));
  ASSIGN_OR_RETURN(Delivery again, resend_day(call.store, *call.company, kind, d.business_date, call.ctx.clock));
  outbox_changed(call);
  json j = views::delivery_json(again);
  j["integration"] = kind;
  return Reply{202, j, {}, {}, {}};
}

Result<Reply> retry(Call& call) {
  ASSIGN_OR_RETURN(Delivery d, delivery_of(call));
  ASSIGN_OR_RETURN(bool due, call.store.retry_delivery(call.company->id, d.id, call.ctx.clock.now()));
  if (!due)
    return failed_precondition("export " + std::to_string(d.id) + " is not waiting to be sent (it is " +
                               delivery_status_name(d.status) + "); to send its day again, use resend");
  outbox_changed(call);
  ASSIGN_OR_RETURN(Delivery now, delivery_of(call));
  ASSIGN_OR_RETURN(std::string kind, kind_of_destination(call, now.destination_id));
  json j = views::delivery_json(now);
  j["integration"] = kind;
  return Reply{202, j, {}, {}, {}};
}

static Result<Notification> notification_of(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a notification"));
  ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, false));
  for (const Notification& n : all)
    if (n.id == id) return n;
  return not_found("there is no notification with id " + std::to_string(id));
}

static Result<int> unread_count(Call& call) {
  ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, true));
  int unread = 0;
  for (const Notification& n : all) unread += !n.read ? 1 : 0;
  return unread;
}

Result<Reply> read_notification(Call& call) {
  ASSIGN_OR_RETURN(Notification n, notification_of(call));
  TRY(call.store.mark_notifications_read(call.company->id, n.id));
  ASSIGN_OR_RETURN(int unread, unread_count(call));
  return Reply{200, {{"id", n.id}, {"read", true}, {"unread", unread}}, {}, {}, {}};
}

Result<Reply> read_all_notifications(Call& call) {
  TRY(call.store.mark_notifications_read(call.company->id, std::nullopt));
  return Reply{200, {{"unread", 0}}, {}, {}, {}};
}

Result<Reply> sie_mail(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  Connector* sender = kinds_of(call).file_sender();
  std::vector<FieldError> errors;
  std::optional<Date> from, to;
  for (const char* f : {"from", "to"}) {
    Result<std::string> v = string_field(body, f, true);
    Result<Date> d = v.ok() ? Date::parse(*v) : Result<Date>(v.error());
    if (!d.ok())
      errors.push_back({f, d.error().message()});
    else
      (std::string(f) == "from" ? from : to) = *d;
  }
  if (from && to && *to < *from) errors.push_back({"to", "'to' is before 'from'"});
  Result<std::string> address = string_field(body, "address", true);
  if (!address.ok()) {
    errors.push_back({"address", address.error().message()});
  } else if (sender) {
    if (Status ok = sender->check_recipient(*address); !ok.ok()) errors.push_back({"address", ok.error().message()});
  }
  if (!errors.empty()) return field_errors_reply(errors);
  if (!sender) return failed_precondition("this dagbok has no integration that sends files; download the file instead");
  if (Status ready = sender->ready(); !ready.ok())
    return failed_precondition(ready.error().message() + " Restart dagbok serve after; meanwhile, download the file instead.");
  ASSIGN_OR_RETURN(SentFile sent, sender->send_sie_file(call.store, *call.company, *from, *to, *address, call.ctx.clock));
  return Reply{200,
               {{"sent_to", sent.to},
                {"filename", sent.filename},
                {"remote_ref", sent.remote_ref},
                {"vouchers", sent.vouchers},
                {"warnings", sent.warnings}},
               {},
               {},
               {}};
}

}  // namespace dagbok::server::routes
