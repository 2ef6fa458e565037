#include "cli/context.h"

#include <iostream>

#include "config/config.h"
#include "core/env.h"

namespace dagbok::cli {

const ConnectorHost& Context::connector_host() {
  if (!host_) {
    host_ = std::make_unique<ConnectorHost>();
    host_->config = [this] { return load_config(config_path(), env_, file_system()); };
    host_->env = env_;
    host_->key_file = [this] { return std::filesystem::path(key_file()); };
    host_->warn = [](const std::string& w) { std::cerr << "dagbok: warning: " << w << "\n"; };
    // db_path() when the store is first needed: the host is made while the
    // commands are declared, before --db is parsed.
    host_->state_store = [this]() -> Result<std::unique_ptr<ConnectorStateStore>> {
      ASSIGN_OR_RETURN(std::unique_ptr<Store> s, open_store(db_path()));
      return std::unique_ptr<ConnectorStateStore>(std::move(s));
    };
  }
  return *host_;
}

const DestinationRegistry& Context::connectors() {
  if (!connectors_) connectors_ = std::make_unique<DestinationRegistry>(connector_registry(connector_host()));
  return *connectors_;
}

Date parse_date(const std::string& s, const char* option) {
  Result<Date> d = Date::parse(s);
  if (!d.ok()) throw CommandFailed{d.error().with_context(option)};
  return *d;
}

std::string read_file(Context& ctx, const std::string& path) {
  Result<std::string> r = dagbok::read_file(ctx.file_system(), path);
  if (!r.ok()) throw CommandFailed{std::move(r).error()};
  return std::move(r).value();
}

void write_file(Context& ctx, const std::string& path, const std::string& bytes) {
  must(write_file_atomically(ctx.file_system(), path, bytes));
}

}  // namespace dagbok::cli
