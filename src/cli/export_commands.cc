// dagbok integrations | exports | notifications | worker | secret seal
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "cli/output.h"
#include "config/config.h"
#include "core/env.h"
#include "crypto/secret_box.h"
#include "exports/connector_settings.h"
#include "exports/engine.h"
#include "exports/integration_catalog.h"
#include "exports/integrations.h"
#include "exports/oauth_tokens.h"
#include "net/http_client.h"
#include "exports/schedule.h"

namespace dagbok::cli {
namespace {

using nlohmann::json;

Connector& require_built(Context& ctx, const std::string& kind) {
  for (const IntegrationCard& c : integration_cards(ctx.connectors()))
    if (c.kind == kind) {
      if (!c.built)
        throw CommandFailed{failed_precondition("the " + c.title +
                                                " integration is not built yet; see `dagbok integrations list`")};
      return *c.connector;
    }
  throw CommandFailed{invalid_argument("'" + kind + "' is not an integration; see `dagbok integrations list`")};
}

// A kind that connects through OAuth 2 (Fortnox, Visma) has no browser in
// the CLI: without --code it prints the provider's address and stops; the
// merchant consents there and runs the command again with --code and the
// code, or the whole address the browser was sent back to (its state is
// then checked). True when the company holds tokens and activation goes on.
bool oauth_connected(Context& ctx, const Connector& kind, const Company& company, const std::string& given) {
  const OAuthKind& o = *kind.oauth();
  const ConnectorHost& host = ctx.connector_host();
  ConnectorState state(host);
  net::CurlHttpClient http;
  OAuthTokens tokens(http, state, host, o, company.id);
  std::string redirect = oauth_redirect_uri(host, o, "http://localhost:8080" + oauth_callback_path(o.kind));
  if (!given.empty()) {
    std::string code = given;
    if (given.find("code=") != std::string::npos) {
      code = net::query_value(given, "code");
      if (const std::string st = net::query_value(given, "state"); !st.empty()) {
        const OAuthBegun b = must(OAuthTokens::take_state(state, o.kind, st));
        if (b.company_id != company.id)
          throw CommandFailed{invalid_argument("this address belongs to a connection begun for another company")};
        redirect = b.redirect_uri;
      }
      if (code.empty()) {
        const std::string why = net::query_value(given, "error_description");
        throw CommandFailed{failed_precondition(o.title + " did not give access: " +
                                                (why.empty() ? net::query_value(given, "error") : why))};
      }
    }
    must(tokens.finish(code, redirect));
    std::cout << "Connected to " << o.title << ".\n";
    return true;
  }
  if (must(tokens.connection()) == OAuthConnection::kConnected) return true;
  const std::string url = must(tokens.begin(0, redirect));
  std::cout << "Open this address in a browser, log in to " << o.title << " and allow dagbok:\n  " << url
            << "\nThen run this command again with --code and the code, or the whole address the browser was "
               "sent back to (in quotes).\n";
  return false;
}

// The setting options given (--address …), as changes for merge_settings.
json given_settings(const std::map<std::string, std::string>& options) {
  json j = json::object();
  for (const auto& [name, value] : options)
    if (!value.empty()) j[name] = value;
  return j;
}

// One --NAME option per setting of any kind (the kind refuses the others).
void add_setting_options(CLI::App* cmd, Context& ctx, std::map<std::string, std::string>& into) {
  for (Connector* k : ctx.connectors().all())
    for (const SettingSpec& s : k->settings())
      if (!into.count(s.name)) cmd->add_option("--" + s.name, into[s.name], k->kind() + ": " + s.help);
}

std::string status_text(DeliveryStatus s) { return delivery_status_name(s); }

void print_run(const RunStats& s) {
  std::cout << "Delivered " << s.delivered << ", retrying " << s.retrying << ", failed " << s.failed
            << ", waiting " << s.waiting << (s.skipped ? ", not yet due " + std::to_string(s.skipped) : "") << ".\n";
}

int report_notifications(Context& ctx, const Company& company) {
  const std::vector<Notification> open = must(ctx.store().notifications(company.id, true));
  for (const Notification& n : open) std::cerr << "dagbok: " << n.title << ": " << n.message << "\n";
  return open.empty() ? 0 : 1;
}

Schedule schedule_from(const std::string& kind, const std::string& at) { return must(parse_schedule(kind, at)); }

void integrations_list(Context& ctx, const std::string& format) {
  const Company company = ctx.company();
  const std::vector<Destination> dests = must(ctx.store().destinations(company.id));
  json j = json::array();
  Table t({"integration", "kind", "state", "from", "schedule", "settings", "exports"},
          {false, false, false, false, false, false, false});
  for (const IntegrationCard& c : integration_cards(ctx.connectors())) {
    const Destination* d = nullptr;
    for (const Destination& x : dests)
      if (x.kind == c.kind) d = &x;
    std::string state = !c.built ? "not built yet" : (!d ? "not activated" : (d->active ? "active" : "inactive"));
    std::string counts;
    if (d) {
      std::map<std::string, int> n;
      for (const Delivery& x : must(ctx.store().deliveries(company.id, d->id, 100000))) ++n[status_text(x.status)];
      for (const auto& [k, v] : n) counts += (counts.empty() ? "" : ", ") + std::to_string(v) + " " + k;
    }
    t.add({c.title, c.kind, state, d ? d->from_date.to_string() + (d->from_date_locked ? " (locked)" : "") : "",
           d ? schedule_name(d->schedule) : "", d ? d->settings_json : "", counts});
    j.push_back({{"kind", c.kind}, {"title", c.title}, {"built", c.built}, {"state", state},
                 {"from_date", d ? json(d->from_date.to_string()) : json(nullptr)},
                 {"schedule", d ? json(schedule_name(d->schedule)) : json(nullptr)},
                 {"settings", d ? json::parse(d->settings_json) : json(nullptr)}});
  }
  if (format == "json") std::cout << j.dump(2) << "\n";
  else std::cout << t.render();
}

int run_engine_for(Context& ctx, const Company& company) {
  EngineOptions o;
  o.worker_id = "cli-" + std::to_string(getpid());
  ExportEngine e(ctx.store(), ctx.connectors(), ctx.clock(), o);
  const RunStats s = must(e.run_once());
  print_run(s);
  return report_notifications(ctx, company);
}

bool in_range(Date day, const ExportRange& days) {
  return (!days.from || day >= *days.from) && (!days.to || day <= *days.to);
}

// Manuell export of one integration, sent at once: one pass of the engine
// over the destination's deliveries of `days` only. Each of them not
// delivered after it is shown with what the other side said; exit code 1
// when there is any (0: everything of those days has arrived).
int export_now(Context& ctx, const Company& company, const Destination& dest, const ExportRange& days) {
  EngineOptions o;
  o.worker_id = "cli-" + std::to_string(getpid());
  o.only = [&](const Delivery& x) { return x.destination_id == dest.id && in_range(x.business_date, days); };
  ExportEngine e(ctx.store(), ctx.connectors(), ctx.clock(), o);
  print_run(must(e.run_once()));
  int open = 0;
  for (const Delivery& x : must(ctx.store().deliveries(company.id, dest.id, 100000))) {
    if (x.status == DeliveryStatus::kDelivered || !in_range(x.business_date, days)) continue;
    std::cerr << "dagbok: " << dest.kind << " " << x.business_date.to_string() << " (export " << x.id << ", "
              << status_text(x.status) << "): " << (x.last_error.empty() ? "not sent yet" : x.last_error) << "\n";
    ++open;
  }
  return open ? kExitError : 0;
}

volatile std::sig_atomic_t g_stop = 0;  // set by SIGTERM/SIGINT only

// A stop ends `dagbok worker` within kStopGraceSeconds: the pass ends after
// the delivery in progress, and a delivery still waiting on a slow mail
// server then is abandoned by ending the process (it is sent again when its
// lease runs out, with the same Message-ID, as after a crash).
constexpr unsigned kStopGraceSeconds = 3;
void on_alarm(int) {
  static const char kNote[] = "dagbok worker: the delivery in progress did not end in time; stopped without it\n";
  (void)!::write(2, kNote, sizeof kNote - 1);
  ::_exit(1);
}
void on_signal(int) {
  g_stop = 1;
  ::alarm(kStopGraceSeconds);
}

}  // namespace

void add_export_commands(CLI::App& app, Context& ctx, int& rc) {
  struct Args {
    std::string kind, start, schedule, at, date, out_format = "text", code;
    std::map<std::string, std::string> activate_settings, changed_settings, tried_settings;
    bool lock = false, all = false, once = false, until_idle = false, no_send = false;
    int64_t id = 0;
    int limit = 50, interval = 30, lease = 300;
  };
  auto a = std::make_shared<Args>();

  auto* integ = app.add_subcommand("integrations", "where the books go: e-mail and accounting systems");
  integ->require_subcommand(1);
  auto* ilist = integ->add_subcommand("list", "every integration and its state");
  ilist->add_option("--format", a->out_format, "text or json");
  ilist->callback([&ctx, a] { integrations_list(ctx, a->out_format); });

  auto* iact = integ->add_subcommand("activate", "activate an integration: KIND --SETTING VALUE … --start-date D");
  iact->add_option("KIND", a->kind, "the integration (integrations list)")->required();
  add_setting_options(iact, ctx, a->activate_settings);
  iact->add_option("--start-date", a->start, "send days closed on or after this date")->required();
  iact->add_option("--schedule", a->schedule, "after_close (default), daily, weekly or monthly");
  iact->add_option("--at", a->at, "time of day for daily/weekly/monthly, HH:MM (default 05:00)");
  iact->add_flag("--lock-start-date", a->lock, "the start date can never change after saving");
  iact->add_flag("--no-send", a->no_send, "only queue the closed days; the worker sends them");
  iact->add_option("--code", a->code, "OAuth kinds (fortnox, visma): the code, or the address the browser came back to");
  iact->callback([&ctx, a, &rc] {
    const Connector& kind = require_built(ctx, a->kind);
    const Company company = ctx.company();
    if (kind.oauth() && !oauth_connected(ctx, kind, company, a->code)) {
      rc = 3;  // waiting for the merchant's consent
      return;
    }
    IntegrationSpec spec;
    spec.kind = a->kind;
    spec.from_date = parse_date(a->start, "--start-date");
    spec.schedule = schedule_from(a->schedule, a->at);
    spec.lock_from_date = a->lock || kind.start_date() == StartDate::kFrozenOnceSaved;
    const SettingsMerge m = merge_settings(kind, nullptr, given_settings(a->activate_settings), &ctx.connector_host());
    if (!m.ok()) throw CommandFailed{m.error()};
    spec.settings_json = m.settings_json;
    spec.sealed_secret = m.sealed_secrets;
    const ActivationResult r = must(activate_integration(ctx.store(), company, spec, ctx.clock()));
    std::cout << "Activated " << a->kind << " from " << spec.from_date.to_string() << " ("
              << schedule_name(spec.schedule) << "); " << r.queued_days << " closed day(s) queued.\n";
    if (r.queued_days && !a->no_send) rc = run_engine_for(ctx, company);
  });

  auto* iset = integ->add_subcommand("settings", "show or change an integration's settings");
  iset->add_option("KIND", a->kind, "the integration (integrations list)")->required();
  add_setting_options(iset, ctx, a->changed_settings);
  iset->add_option("--start-date", a->start, "new start date (refused if locked)");
  iset->add_option("--schedule", a->schedule, "after_close, daily, weekly or monthly");
  iset->add_option("--at", a->at, "time of day, HH:MM");
  iset->callback([&ctx, a] {
    const Connector& kind = require_built(ctx, a->kind);
    const Company company = ctx.company();
    Destination d = must(find_destination(ctx.store(), company, a->kind));
    IntegrationChange change;
    if (!a->start.empty()) change.from_date = parse_date(a->start, "--start-date");
    if (!a->schedule.empty() || !a->at.empty())
      change.schedule = schedule_from(a->schedule.empty() ? "daily" : a->schedule, a->at);
    if (const json given = given_settings(a->changed_settings); !given.empty()) {
      const SettingsMerge m = merge_settings(kind, &d, given, &ctx.connector_host());
      if (!m.ok()) throw CommandFailed{m.error()};
      change.settings_json = m.settings_json;
      change.sealed_secret = m.sealed_secrets;
    }
    if (change.from_date || change.schedule || change.settings_json)
      d = must(change_integration(ctx.store(), company, a->kind, change, ctx.clock()));
    std::cout << d.kind << ": " << (d.active ? "active" : "inactive") << ", from " << d.from_date.to_string()
              << (d.from_date_locked ? " (locked)" : "") << ", " << schedule_name(d.schedule) << ", "
              << d.settings_json << "\n";
  });

  // "Testa integrationen": the library's test, as the server's route runs it.
  auto* itest = integ->add_subcommand("test", "Test integration: try the saved settings (with any --SETTING over "
                                              "them) against the other side; nothing is sent or saved");
  itest->add_option("KIND", a->kind, "the integration (integrations list)")->required();
  add_setting_options(itest, ctx, a->tried_settings);
  itest->callback([&ctx, a] {
    Connector& kind = require_built(ctx, a->kind);
    const Company company = ctx.company();
    Result<Destination> saved = find_destination(ctx.store(), company, a->kind);
    const IntegrationTest t = test_integration_settings(kind, saved.ok() ? &*saved : nullptr,
                                                        given_settings(a->tried_settings), ctx.connector_host());
    if (!t.problems.empty()) {
      for (const FieldError& p : t.problems) std::cerr << "dagbok: --" << p.field << ": " << p.message << "\n";
      throw CommandFailed{failed_precondition("the " + kind.title() + " settings were refused; nothing was tried")};
    }
    if (!t.status.ok()) throw CommandFailed{t.status.error().with_context("the " + kind.title() + " test failed")};
    std::cout << "The " << kind.title() << " integration works: the other side accepted the settings"
              << (saved.ok() ? "" : " (not saved: activate it to keep them)") << ".\n";
  });

  auto* iexp = integ->add_subcommand("export", "Manuell export: send now everything not yet delivered "
                                               "(only new data; a delivered day is not sent again)");
  iexp->add_option("KIND", a->kind, "the integration")->required();
  iexp->add_option("--from", a->start, "only days from this date");
  iexp->add_option("--to", a->date, "only days up to this date");
  iexp->callback([&ctx, a, &rc] {
    require_built(ctx, a->kind);
    const Company company = ctx.company();
    ExportRange range;
    if (!a->start.empty()) range.from = parse_date(a->start, "--from");
    if (!a->date.empty()) range.to = parse_date(a->date, "--to");
    const int n = must(request_manual_export(ctx.store(), company, a->kind, ctx.clock(), range));
    const Destination d = must(find_destination(ctx.store(), company, a->kind));
    if (n == 0) {
      std::cout << "Nothing to send to " << a->kind << ": every closed day" << (range.from || range.to ? " in range" : "")
                << " is delivered.\n";
      return;
    }
    std::cout << n << " export(s) to " << a->kind << " not yet delivered; sending now.\n";
    rc = export_now(ctx, company, d, range);
  });

  auto* ideact = integ->add_subcommand("deactivate", "stop an integration (undelivered exports wait)");
  ideact->add_option("KIND", a->kind, "the integration")->required();
  ideact->callback([&ctx, a] {
    const Company company = ctx.company();
    must(deactivate_integration(ctx.store(), company, a->kind, ctx.clock()));
    std::cout << "Deactivated " << a->kind << ".\n";
  });

  auto* exps = app.add_subcommand("exports", "the export log");
  exps->require_subcommand(1);
  auto* elist = exps->add_subcommand("list", "exports and their state, newest first");
  elist->add_option("--limit", a->limit, "how many (default 50)");
  elist->add_option("--format", a->out_format, "text or json");
  elist->add_flag("--log", a->all, "every attempt instead (the export log)");
  elist->callback([&ctx, a] {
    const Company company = ctx.company();
    if (a->all) {
      const std::vector<DeliveryAttempt> log = must(ctx.store().attempts(company.id, a->limit));
      json j = json::array();
      Table t({"time (UTC)", "integration", "day", "export", "try", "result", "reference / error"},
              {false, false, false, true, true, false, false});
      for (const DeliveryAttempt& x : log) {
        t.add({x.finished_at.to_utc_string(), x.destination_kind, x.business_date.to_string(),
               x.delivery_id ? std::to_string(x.delivery_id) : "", x.attempt ? std::to_string(x.attempt) : "",
               x.result, x.error.empty() ? x.remote_ref : x.error});
        j.push_back({{"time", x.finished_at.to_utc_string()}, {"integration", x.destination_kind},
                     {"day", x.business_date.to_string()}, {"export", x.delivery_id}, {"attempt", x.attempt},
                     {"result", x.result}, {"remote_ref", x.remote_ref}, {"error", x.error}});
      }
      std::cout << (a->out_format == "json" ? j.dump(2) + "\n" : t.render());
      return;
    }
    const std::vector<Destination> dests = must(ctx.store().destinations(company.id));
    auto kind_of = [&](int64_t id) {
      for (const Destination& d : dests)
        if (d.id == id) return d.kind;
      return std::string("?");
    };
    json j = json::array();
    Table t({"id", "integration", "day", "kind", "state", "tries", "next try (UTC)", "reference / error"},
            {true, false, false, false, false, true, false, false});
    for (const Delivery& d : must(ctx.store().deliveries(company.id, std::nullopt, a->limit))) {
      const bool open = d.status != DeliveryStatus::kDelivered;
      t.add({std::to_string(d.id), kind_of(d.destination_id), d.business_date.to_string(), d.kind,
             status_text(d.status), std::to_string(d.attempts), open ? d.next_attempt_at.to_utc_string() : "",
             d.last_error.empty() ? d.remote_ref : d.last_error});
      j.push_back({{"id", d.id}, {"integration", kind_of(d.destination_id)}, {"day", d.business_date.to_string()},
                   {"kind", d.kind}, {"status", status_text(d.status)}, {"attempts", d.attempts},
                   {"remote_ref", d.remote_ref}, {"error", d.last_error}, {"key", d.idempotency_key}});
    }
    std::cout << (a->out_format == "json" ? j.dump(2) + "\n" : t.render());
  });
  auto* eretry = exps->add_subcommand("retry", "try one export again now");
  eretry->add_option("ID", a->id, "the export's id (exports list)")->required();
  eretry->callback([&ctx, a, &rc] {
    const Company company = ctx.company();
    if (!must(ctx.store().retry_delivery(company.id, a->id, ctx.clock().now())))
      throw CommandFailed{not_found("export " + std::to_string(a->id) + " is not waiting to be sent (see exports list)")};
    rc = run_engine_for(ctx, company);
  });
  auto* eresend = exps->add_subcommand("resend", "send one closed day again, on purpose");
  eresend->add_option("KIND", a->kind, "the integration")->required();
  eresend->add_option("--date", a->date, "the business day")->required();
  eresend->add_flag("--no-send", a->no_send, "only queue it; the worker sends it");
  eresend->callback([&ctx, a, &rc] {
    require_built(ctx, a->kind);
    const Company company = ctx.company();
    const Delivery d = must(resend_day(ctx.store(), company, a->kind, parse_date(a->date, "--date"), ctx.clock()));
    std::cout << "Re-send of " << d.business_date.to_string() << " queued as export " << d.id << ".\n";
    if (!a->no_send) rc = run_engine_for(ctx, company);
  });

  auto* notes = app.add_subcommand("notifications", "what needs the merchant's attention");
  notes->require_subcommand(1);
  auto* nlist = notes->add_subcommand("list", "open notifications (--all: also resolved ones)");
  nlist->add_flag("--all", a->all, "include resolved ones");
  nlist->add_option("--format", a->out_format, "text or json");
  nlist->callback([&ctx, a] {
    const Company company = ctx.company();
    json j = json::array();
    for (const Notification& n : must(ctx.store().notifications(company.id, !a->all))) {
      if (a->out_format == "json") {
        j.push_back({{"id", n.id}, {"time", n.created_at.to_utc_string()}, {"severity", n.severity},
                     {"title", n.title}, {"message", n.message}, {"code", n.code},
                     {"params", json::parse(n.params_json, nullptr, false)}, {"read", n.read},
                     {"resolved", n.resolved_at.has_value()}});
      } else {
        std::cout << "#" << n.id << " " << n.created_at.to_utc_string() << (n.read ? "" : " [unread]")
                  << (n.resolved_at ? " [resolved]" : "") << "\n  " << n.title << "\n  " << n.message << "\n";
      }
    }
    if (a->out_format == "json") std::cout << j.dump(2) << "\n";
  });
  auto* nread = notes->add_subcommand("read", "mark a notification read (or --all)");
  nread->add_option("ID", a->id, "notification id");
  nread->add_flag("--all", a->all, "every notification");
  nread->callback([&ctx, a] {
    const Company company = ctx.company();
    must(ctx.store().mark_notifications_read(company.id, a->all ? std::nullopt : std::optional<int64_t>(a->id)));
  });

  auto* worker = app.add_subcommand("worker", "deliver the outbox, for every company in the database");
  worker->add_flag("--once", a->once, "one pass, then exit");
  worker->add_option("--interval", a->interval, "seconds between passes (default 30)");
  worker->add_flag("--until-idle", a->until_idle, "pass after pass until nothing is due, then exit");
  worker->add_option("--lease-seconds", a->lease, "how long a taken export is held before another worker may "
                                                   "take it over (default 300)");
  worker->callback([&ctx, a] {
    EngineOptions o;
    o.worker_id = "worker-" + std::to_string(getpid());
    o.lease_seconds = a->lease;
    o.stop_requested = [] { return g_stop != 0; };
    std::signal(SIGALRM, on_alarm);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    while (true) {
      ExportEngine e(ctx.store(), ctx.connectors(), ctx.clock(), o);
      const RunStats s = must(e.run_once());
      if (a->once || s.delivered || s.failed || s.retrying) print_run(s);
      if (a->once || g_stop) break;
      if (a->until_idle) {
        if (s.delivered + s.retrying + s.failed + s.waiting == 0) break;
        continue;
      }
      for (int i = 0; i < a->interval * 10 && !g_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (g_stop) break;
    }
  });

  auto* secret = app.add_subcommand("secret", "seal a secret (an SMTP password) for dagbok.toml");
  secret->require_subcommand(1);
  auto* seal = secret->add_subcommand("seal", "read a secret on standard input, print it sealed");
  seal->callback([&ctx] {
    std::string plain;
    std::getline(std::cin, plain);
    if (plain.empty()) throw CommandFailed{invalid_argument("nothing to seal on standard input")};
    std::cout << must(crypto::seal_secret(ctx.env(), ctx.key_file(), plain)) << "\n";
  });
}

int send_sie_file(Context& ctx, const Company& company, Date from, Date to, const std::string& recipient) {
  Connector* kind = ctx.connectors().file_sender();
  if (!kind) throw CommandFailed{failed_precondition("no integration of this dagbok can send a file; write it to disk")};
  must(kind->check_recipient(recipient));
  const SentFile sent = must(kind->send_sie_file(ctx.store(), company, from, to, recipient, ctx.clock()));
  std::cout << "Sent " << sent.filename << " to " << sent.to
            << (sent.remote_ref.empty() ? "" : " (" + sent.remote_ref + ")") << ".\n";
  return 0;
}

}  // namespace dagbok::cli
