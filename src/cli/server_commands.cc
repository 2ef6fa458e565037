// dagbok user add|passwd|grant, dagbok token create|list|revoke, dagbok serve.
//
// Passwords are read from standard input (prompted without echo on a
// terminal), never from the command line, where `ps` and shell history
// would show them.
#include <pthread.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth/api_tokens.h"
#include "auth/secret_token.h"
#include "auth/users.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "config/config.h"
#include "connectors/registry.h"
#include "core/env.h"
#include "demo/demo_shop.h"
#include "server/api_server.h"
#include "server/export_worker.h"
#include "webui/web_ui.h"

namespace dagbok::cli {
namespace {

std::string read_line_no_echo(const std::string& prompt) {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) throw CommandFailed{invalid_argument("no password on standard input")};
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// On a terminal: asked twice. From a pipe: the first line.
std::string read_new_password() {
  std::string pw = read_line_no_echo("New password: ");
  if (isatty(STDIN_FILENO) && read_line_no_echo("Again: ") != pw)
    throw CommandFailed{invalid_argument("the two passwords differ; nothing was changed")};
  return pw;
}

constexpr const char* kDemoEmail = "demo@dagbok.local";

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string secure_cookie = "auto";
  int export_interval = 30;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" (loopback), "8080".
std::pair<std::string, int> parse_listen(const std::string& s) {
  const size_t colon = s.rfind(':');
  std::string host = colon == std::string::npos ? "127.0.0.1" : s.substr(0, colon);
  const std::string port = colon == std::string::npos ? s : s.substr(colon + 1);
  if (host.empty()) host = "127.0.0.1";
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int p = -1;
  try {
    size_t used = 0;
    p = std::stoi(port, &used);
    if (used != port.size()) p = -1;
  } catch (const std::exception&) {
  }
  if (p < 0 || p > 65535) throw CommandFailed{invalid_argument("--listen '" + s + "' must look like 127.0.0.1:8080")};
  return {host, p};
}

// The demo shop and its owner, in a database with no company yet.
void prepare_demo(Context& ctx) {
  Store& store = ctx.store();
  if (!must(store.companies()).empty()) {
    std::cout << "The database already has a company; --demo adds nothing. Log in as before"
              << (must(store.find_user_by_email(kDemoEmail)) ? std::string(" (") + kDemoEmail + ")" : std::string())
              << ".\n";
    return;
  }
  std::cout << "Creating the demo shop in " << ctx.db_path() << " …\n" << std::flush;
  const DemoResult r = must(run_demo(store, DemoOptions{}, ctx.clock()));
  const std::string password = must(auth::issue_token()).token.substr(0, 20);
  std::optional<User> existing = must(store.find_user_by_email(kDemoEmail));
  if (existing)
    must(auth::change_password(store, kDemoEmail, password, ctx.clock()));
  else
    must(auth::add_user(store, {kDemoEmail, "Demo", password, r.company.country == Country::kNorway ? "nb" : "sv"},
                        ctx.clock()));
  must(auth::grant_role(store, kDemoEmail, r.company.id, Role::kOwner, auth::ImportRight::kGranted));
  std::cout << "Demo company '" << r.company.name << "': " << r.receipts << " receipts, " << r.z_reports
            << " Z-reports, " << r.vouchers << " vouchers (" << r.from.to_string() << " – " << r.to.to_string()
            << ").\nDemo login: " << kDemoEmail << "  password: " << password
            << "\n(shown only now; change it with `dagbok user passwd " << kDemoEmail << "`)\n";
}

int serve(Context& ctx, const ServeArgs& a) {
  const auto [host, port] = parse_listen(a.listen);
  server::ServerOptions o;
  o.host = host;
  o.port = port;
  if (a.secure_cookie == "always")
    o.secure_cookie = server::CookieSecurity::kAlways;
  else if (a.secure_cookie == "never")
    o.secure_cookie = server::CookieSecurity::kNever;
  else if (a.secure_cookie != "auto")
    throw CommandFailed{invalid_argument("--secure-cookie must be auto, always or never")};
  std::mutex log_mu;
  server::LogSink log = [&log_mu](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mu);
    std::cerr << line << "\n" << std::flush;
  };
  // Warnings of the start (a database other users may read) go to the log.
  ctx.set_warn([&log](const std::string& w) {
    log(nlohmann::json({{"time", SystemClock().now().to_utc_string()}, {"event", "warning"}, {"note", w}}).dump());
  });
  if (a.demo)
    prepare_demo(ctx);
  else
    (void)ctx.store();  // opens and migrates the database before anything listens

  // SIGTERM and SIGINT are taken by one thread (sigwait), which stops the
  // server; every other thread inherits the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The kinds of destination, lent dagbok.toml and the master key. The
  // worker takes the kinds ready to deliver: the exports of the others (e-mail
  // without a mail server) wait, and the log says why.
  const Config cfg = must(load_config(ctx.config_path(), process_env()));
  ConnectorHost lent;
  lent.config = [cfg]() -> Result<Config> { return cfg; };
  lent.env = process_env();
  lent.key_file = [path = ctx.key_file()] { return std::filesystem::path(path); };
  lent.state_store = [path = ctx.db_path()]() -> Result<std::unique_ptr<ConnectorStateStore>> {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> s, open_store(path));
    return std::unique_ptr<ConnectorStateStore>(std::move(s));
  };
  lent.warn = [&log](const std::string& w) {
    log(nlohmann::json({{"time", SystemClock().now().to_utc_string()}, {"event", "warning"}, {"note", w}}).dump());
  };
  const DestinationRegistry ready =
      connector_registry(lent, Kinds::kReadyOnly, [&log](const std::string& kind, const Error& why) {
        log(nlohmann::json({{"time", SystemClock().now().to_utc_string()},
                            {"event", "export_worker"},
                            {"note", kind + " exports wait: " + why.message()}})
                .dump());
      });
  server::ExportWorker worker(must(open_store(ctx.db_path())), ready, ctx.clock(),
                              std::chrono::seconds(std::max(1, a.export_interval)), "serve-" + std::to_string(getpid()),
                              log);
  o.connector_host = lent;  // the server makes its own registry of every kind from it
  o.outbox_changed = [&worker] { worker.nudge(); };
  // The ledger (reports, SIE import): a connection of its own per request.
  o.ledger = [path = ctx.db_path()] { return open_ledger_store(path); };
  server::StorePool pool([path = ctx.db_path()] { return open_store(path); });
  server::ApiServer api(pool, ctx.clock(), o, log);
  webui::mount(api.http());  // the web UI, after the API routes
  const int bound = must(api.bind());
  worker.start();
  std::cout << "dagbok serves http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":"
            << bound << "/  (API: /api/v1, description: /api/v1/openapi.json; stop with Ctrl-C or SIGTERM)\n"
            << std::flush;

  std::thread signals([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    log(nlohmann::json({{"time", SystemClock().now().to_utc_string()},
                        {"event", "shutdown"},
                        {"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}})
            .dump());
    api.stop();
  });
  const Status ran = api.run();
  if (!ran.ok()) {
    pthread_kill(signals.native_handle(), SIGTERM);  // wakes sigwait, which stops nothing more
  }
  signals.join();
  worker.stop();
  must(ran);
  std::cout << "dagbok stopped.\n";
  return 0;
}

}  // namespace

void add_server_commands(CLI::App& app, Context& ctx, int& rc) {
  struct Args {
    std::string email, name, language = "sv", role, token_name, format = "text";
    bool import_right = false;
    int64_t id = 0;
  };
  auto a = std::make_shared<Args>();

  auto* user = app.add_subcommand("user", "users of the back office (the web server)");
  user->require_subcommand(1);
  auto* uadd = user->add_subcommand("add", "add a user; the password is read from standard input");
  uadd->add_option("EMAIL", a->email, "e-mail address (the login)")->required();
  uadd->add_option("--name", a->name, "display name");
  uadd->add_option("--language", a->language, "sv (default), nb or en");
  uadd->callback([&ctx, a] {
    must(auth::check_language(a->language));
    const std::string pw = read_new_password();
    const User u = must(auth::add_user(ctx.store(), {a->email, a->name, pw, a->language}, ctx.clock()));
    std::cout << "Added user " << u.email << " (" << u.display_name << ", " << u.language
              << "). Next: dagbok user grant " << u.email << " --company C --role owner|accountant|staff\n";
  });
  auto* upasswd =
      user->add_subcommand("passwd", "set a new password (read from standard input); ends the user's sessions");
  upasswd->add_option("EMAIL", a->email, "e-mail address")->required();
  upasswd->callback([&ctx, a] {
    const std::string pw = read_new_password();
    must(auth::change_password(ctx.store(), a->email, pw, ctx.clock()));
    std::cout << "Password changed; the user's sessions have ended.\n";
  });
  auto* ugrant = user->add_subcommand("grant", "give a user a role in the company (--company)");
  ugrant->add_option("EMAIL", a->email, "e-mail address")->required();
  ugrant->add_option("--role", a->role, "owner, accountant or staff")->required();
  ugrant->add_flag("--import-right", a->import_right, "may also import SIE files into the ledger");
  ugrant->callback([&ctx, a] {
    const Company company = ctx.company();
    const Role role = must(parse_role(a->role));
    must(auth::grant_role(ctx.store(), a->email, company.id, role,
                          a->import_right ? auth::ImportRight::kGranted : auth::ImportRight::kNone));
    std::cout << a->email << " is " << role_name(role) << " of " << company.name
              << (a->import_right ? ", and may import SIE files" : "") << ".\n";
  });

  auto* token = app.add_subcommand("token", "API tokens for tills: they may post receipts, nothing else");
  token->require_subcommand(1);
  auto* tcreate = token->add_subcommand("create", "make a token for the company (--company); printed once");
  tcreate->add_option("--name", a->token_name, "what it is for, e.g. \"Kassa 1\"")->required();
  tcreate->callback([&ctx, a] {
    const Company company = ctx.company();
    const auth::NewApiToken t = must(auth::create_api_token(ctx.store(), company.id, a->token_name, ctx.clock()));
    std::cerr << "API token " << t.record.id << " '" << t.record.name << "' for " << company.name
              << ". It is shown only now; store it in the till:\n";
    std::cout << t.token << "\n";
  });
  auto* tlist = token->add_subcommand("list", "the company's tokens (never the tokens themselves)");
  tlist->add_option("--format", a->format, "text or json");
  tlist->callback([&ctx, a] {
    const Company company = ctx.company();
    const std::vector<ApiTokenRecord> all = must(ctx.store().api_tokens(company.id));
    if (a->format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const ApiTokenRecord& t : all)
        j.push_back({{"id", t.id},
                     {"name", t.name},
                     {"prefix", t.prefix},
                     {"created_at", t.created_at.to_utc_string()},
                     {"revoked", t.revoked_at.has_value()}});
      std::cout << j.dump(2) << "\n";
      return;
    }
    Table tab({"id", "name", "starts with", "created", "state"}, {true, false, false, false, false});
    for (const ApiTokenRecord& t : all)
      tab.add({std::to_string(t.id), t.name, t.prefix + "…", t.created_at.to_utc_string(),
               t.revoked_at ? "revoked" : "active"});
    std::cout << tab.render();
  });
  auto* trevoke = token->add_subcommand("revoke", "revoke a token by its id");
  trevoke->add_option("ID", a->id, "token id (see token list)")->required();
  trevoke->callback([&ctx, a] {
    const Company company = ctx.company();
    must(ctx.store().revoke_api_token(company.id, a->id, ctx.clock().now()));
    std::cout << "API token " << a->id << " revoked.\n";
  });

  auto serve_args = std::make_shared<ServeArgs>();
  auto* srv = app.add_subcommand("serve", "the back-office server: JSON API under /api/v1, export worker");
  srv->add_option("--listen", serve_args->listen, "address and port (default 127.0.0.1:8080)");
  srv->add_flag("--demo", serve_args->demo, "create the demo shop and a demo login when the database has no company");
  srv->add_option("--secure-cookie", serve_args->secure_cookie,
                  "Secure session cookie: auto (when X-Forwarded-Proto is https; default), always or never");
  srv->add_option("--export-interval", serve_args->export_interval,
                  "seconds between export worker passes (default 30)");
  srv->callback([&ctx, &rc, serve_args] { rc = serve(ctx, *serve_args); });
}

}  // namespace dagbok::cli
