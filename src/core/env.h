// Env: a read-only view of environment variables.
//
// Code that honours an environment variable (DAGBOK_SMTP_URL,
// DAGBOK_MASTER_KEY, ...) takes an Env instead of calling getenv(), so that
// tests are hermetic and the program's entry point is the one place that
// reads the real environment:
//
//   Env env = process_env();                          // in main()
//   Env fake = env_from_map({{"DAGBOK_SMTP_URL", "smtp://mail.test"}});
//   std::optional<std::string> url = fake("DAGBOK_SMTP_URL");
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dagbok {

// Returns the variable's value, or nullopt when it is not set. A variable set
// to the empty string is returned as "" (callers usually treat it as unset).
using Env = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv). Only the program's entry points should
// call this; libraries take an Env.
Env process_env();

// A fixed set of variables, for tests and for callers that build their own.
Env env_from_map(std::map<std::string, std::string, std::less<>> vars);

// An environment with nothing set.
Env empty_env();

}  // namespace dagbok
