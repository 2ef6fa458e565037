#include "exports/connector_settings.h"

namespace dagbok {
namespace {

using nlohmann::json;

json parse_object(const std::string& text) {
  json j = json::parse(text.empty() ? "{}" : text, nullptr, false);
  return j.is_object() ? j : json::object();
}

}  // namespace

Error SettingsMerge::error() const {
  if (problems.empty()) return internal_error("no problem with the settings");
  return Error(problems.front().code, problems.front().message);
}

json setting_changes(const Connector& kind, const json& body) {
  json out = json::object();
  if (!body.is_object()) return out;
  for (const SettingSpec& s : kind.settings())
    if (body.contains(s.name) && !body[s.name].is_null()) out[s.name] = body[s.name];
  return out;
}

SettingsMerge merge_settings(const Connector& kind, const Destination* saved, const json& changes,
                             const ConnectorHost* host) {
  SettingsMerge m;
  json values = saved ? parse_object(saved->settings_json) : json::object();
  json secrets = saved ? parse_object(saved->sealed_secret) : json::object();
  const std::vector<SettingSpec> specs = kind.settings();
  std::unique_ptr<crypto::SecretBox> box;
  for (const auto& [name, value] : changes.items()) {
    const SettingSpec* spec = nullptr;
    for (const SettingSpec& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) {
      m.problems.push_back({name, invalid_argument("'" + name + "' is not a setting of the " + kind.title() +
                                                   " integration")});
      continue;
    }
    if (spec->secret == Secret::kYes) {
      if (!value.is_string() || value.get<std::string>().empty()) {
        m.problems.push_back({name, invalid_argument("'" + name + "' must be a text that is not empty")});
        continue;
      }
      if (saved && spec->frozen == Frozen::kOnceSaved && secrets.contains(name)) {
        m.problems.push_back({name, failed_precondition("'" + name + "' was saved and cannot change")});
        continue;
      }
      if (!box) {
        Result<std::unique_ptr<crypto::SecretBox>> opened =
            host ? open_secret_box(*host) : Result<std::unique_ptr<crypto::SecretBox>>(
                                                failed_precondition("no master key to seal '" + name + "' with"));
        if (!opened) {
          m.problems.push_back({name, opened.error()});
          continue;
        }
        box = std::move(opened).value();
      }
      Result<std::string> sealed = box->seal(value.get<std::string>());
      if (!sealed) {
        m.problems.push_back({name, sealed.error()});
        continue;
      }
      secrets[name] = *sealed;
      continue;
    }
    if (saved && spec->frozen == Frozen::kOnceSaved && values.contains(name) && !values[name].is_null() &&
        values[name] != value) {
      m.problems.push_back({name, failed_precondition("'" + name + "' was saved as " + values[name].dump() +
                                                      " and cannot change after saving")});
      continue;
    }
    values[name] = value;
  }
  if (!m.problems.empty()) return m;
  m.problems = kind.check_settings(values);
  if (!m.problems.empty()) return m;
  m.settings_json = values.dump();
  m.sealed_secrets = secrets.empty() ? std::string() : secrets.dump();
  return m;
}

Result<ConnectorSettings> open_settings(const Destination& d, const ConnectorHost& host) {
  ConnectorSettings s;
  s.values = parse_object(d.settings_json);
  const json sealed = parse_object(d.sealed_secret);
  if (sealed.empty()) return s;
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host));
  for (const auto& [name, value] : sealed.items()) {
    if (!value.is_string()) continue;
    Result<std::string> plain = box->open(value.get<std::string>());
    if (!plain) return plain.error().with_context("the saved '" + name + "' of " + d.kind);
    s.secrets[name] = *plain;
  }
  return s;
}

IntegrationTest test_integration_settings(Connector& kind, const Destination* saved, const json& changes,
                                          const ConnectorHost& host) {
  IntegrationTest t;
  SettingsMerge m = merge_settings(kind, saved, changes, &host);
  if (!m.ok()) {
    t.problems = std::move(m.problems);
    return t;
  }
  Destination tried = saved ? *saved : Destination{};
  tried.kind = kind.kind();
  tried.settings_json = m.settings_json;
  tried.sealed_secret = m.sealed_secrets;
  Result<ConnectorSettings> settings = open_settings(tried, host);
  if (!settings) {
    t.status = settings.error();
    return t;
  }
  t.status = kind.ready();
  if (t.status.ok()) t.status = kind.test_connection(*settings);
  return t;
}

json settings_description(const Connector& kind) {
  json out = json::array();
  for (const SettingSpec& s : kind.settings())
    out.push_back({{"name", s.name},
                   {"secret", s.secret == Secret::kYes},
                   {"frozen", s.frozen == Frozen::kOnceSaved},
                   {"values", s.values},
                   {"input", s.secret == Secret::kYes ? std::string("password") : s.input},
                   {"choices", s.choices ? json(std::string(choice_list_name(*s.choices))) : json(nullptr)},
                   {"step", s.step.empty() ? std::string("options") : s.step}});
  return out;
}

}  // namespace dagbok
