#include "core/env.h"

#include <cstdlib>
#include <utility>

namespace dagbok {

Env process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Env env_from_map(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Env empty_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

}  // namespace dagbok
