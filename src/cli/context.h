// The shared plumbing of the dagbok command: the context a command runs in
// (database, company, clock), and how a command gives up with a message.
//
// A command file adds its subcommands with an add_*_commands(app, ctx, rc)
// function declared in commands.h; main.cc calls each one.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "connectors/registry.h"
#include "core/clock.h"
#include "core/result.h"
#include "pipeline/company_setup.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace dagbok::cli {

constexpr int kExitError = 1;
constexpr int kExitBlocked = 3;

// Thrown only to abandon a command; main() turns it into a message.
struct CommandFailed {
  Error error;
};

template <typename T>
T must(Result<T> r) {
  if (!r.ok()) throw CommandFailed{std::move(r).error()};
  return std::move(r).value();
}
inline void must(Status s) {
  if (!s.ok()) throw CommandFailed{std::move(s).error()};
}

struct Globals {
  std::string db;
  std::string company;
  std::string config;
};

class Context {
 public:
  explicit Context(const Globals& g) : g_(g) {}

  // Opened on first use; then, once, a warning when the database's files
  // may be read by other users of the machine (exposed_database_files).
  Store& store() {
    if (!store_) {
      store_ = must(open_store(db_path()));
      const std::string exposed = exposed_files_warning(exposed_database_files(db_path()));
      if (!exposed.empty()) warn(exposed);
    }
    return *store_;
  }
  // A warning for whoever runs the command: "dagbok: warning: …" on stderr,
  // or where set_warn sends it (serve: its JSON log).
  void warn(const std::string& text) const {
    if (warn_)
      warn_(text);
    else
      std::cerr << "dagbok: warning: " << text << "\n";
  }
  void set_warn(std::function<void(const std::string&)> warn) { warn_ = std::move(warn); }
  std::string db_path() const {
    if (!g_.db.empty()) return g_.db;
    if (const char* env = std::getenv("DAGBOK_DB"); env && *env) return env;
    return "dagbok.db";
  }
  Company company() { return must(find_company(store(), g_.company)); }
  // dagbok.toml: --config, $DAGBOK_CONFIG, or ./dagbok.toml (absent is fine).
  std::string config_path() const {
    if (!g_.config.empty()) return g_.config;
    if (const char* env = std::getenv("DAGBOK_CONFIG"); env && *env) return env;
    return "dagbok.toml";
  }
  // The master key that seals secrets: $DAGBOK_MASTER_KEY, or this file
  // beside the database (created 0600 on first need).
  std::string key_file() const {
    if (const char* env = std::getenv("DAGBOK_KEY_FILE"); env && *env) return env;
    return db_path() + ".key";
  }
  // Every kind of destination (connectors/registry.h), made once; a kind
  // reads dagbok.toml and the master key only when it needs them.
  const DestinationRegistry& connectors();
  // What the kinds borrow from this command: dagbok.toml, the master key.
  const ConnectorHost& connector_host();
  // The system clock, or DAGBOK_NOW (an RFC 3339 time) for reproducible runs.
  const Clock& clock() {
    if (!clock_) {
      if (const char* now = std::getenv("DAGBOK_NOW"); now && *now) {
        Result<Instant> t = Instant::parse_rfc3339(now);
        if (!t.ok()) throw CommandFailed{t.error().with_context("DAGBOK_NOW")};
        clock_ = std::make_unique<FixedClock>(*t);
      } else {
        clock_ = std::make_unique<SystemClock>();
      }
    }
    return *clock_;
  }

 private:
  const Globals& g_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Clock> clock_;
  std::function<void(const std::string&)> warn_;
  std::unique_ptr<ConnectorHost> host_;
  std::unique_ptr<DestinationRegistry> connectors_;
};

Date parse_date(const std::string& s, const char* option);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace dagbok::cli
