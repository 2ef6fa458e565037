#include "connectors/email/email_connector.h"

#include "connectors/email/email_destination.h"
#include "connectors/email/file_mail.h"
#include "core/time_zone.h"

namespace dagbok::email {
namespace {

using nlohmann::json;

}  // namespace

EmailConnector::EmailConnector(MailerSource mailer, MailAddress from)
    : source_(std::move(mailer)), from_(std::move(from)) {}

EmailConnector::EmailConnector(ConnectorHost host) : host_(std::move(host)) {}

std::unique_ptr<Connector> make_connector(const ConnectorHost& host) {
  return std::make_unique<EmailConnector>(host);
}

std::vector<SettingSpec> EmailConnector::settings() const {
  return {{"address", "where to send (several separated by commas)", Secret::kNo, Frozen::kNo, {}, "email"},
          {"format", "the attachment: sie4, csv, xlsx or pdf (default sie4)", Secret::kNo, Frozen::kNo,
           email_formats()}};
}

std::vector<FieldError> EmailConnector::check_settings(json& values) const {
  if (values.contains("address") && values["address"].is_array()) {
    std::string joined;
    for (const json& a : values["address"]) {
      if (!a.is_string()) return {{"address", invalid_argument("field 'address' must be an address or a list of addresses")}};
      joined += (joined.empty() ? "" : ", ") + a.get<std::string>();
    }
    values["address"] = joined;
  } else if (values.contains("address") && !values["address"].is_string()) {
    return {{"address", invalid_argument("field 'address' must be an address or a list of addresses")}};
  }
  if (values.contains("format") && !values["format"].is_string())
    return {{"format", invalid_argument("field 'format' must be a string")}};
  if (!values.contains("format") || values["format"].get<std::string>().empty()) values["format"] = "sie4";
  Result<EmailSettings> parsed = parse_email_settings(values.dump());
  if (!parsed.ok()) {
    // The address alone (the default format) passes: it is the format.
    const bool address_ok = parse_email_settings(json{{"address", values.value("address", "")}}.dump()).ok();
    return {{address_ok ? "format" : "address", parsed.error().with_context("the e-mail settings")}};
  }
  values = json::parse(email_settings_json(*parsed));
  return {};
}

Result<EmailConnector::Opened> EmailConnector::open() {
  std::lock_guard<std::mutex> lock(mu_);
  if (source_) {
    ASSIGN_OR_RETURN(Mailer * m, source_());
    return Opened{m, from_};
  }
  if (!owned_) {
    if (!host_.config) return failed_precondition("No mail server is configured: this program reads no dagbok.toml.");
    ASSIGN_OR_RETURN(Config cfg, host_.config());
    if (cfg.smtp && !cfg.smtp->password.empty() && !crypto::SecretBox::is_sealed(cfg.smtp->password) &&
        cfg.smtp->origin.find("DAGBOK_SMTP_URL") == std::string::npos && host_.warn)
      host_.warn("the SMTP password in " + cfg.smtp->origin +
                 " is stored in plain text; seal it with `dagbok secret seal` and put the sealed value there.");
    ASSIGN_OR_RETURN(owned_, open_smtp_mailer(cfg, host_.env, host_.key_file ? host_.key_file() : std::filesystem::path()));
    from_ = {cfg.smtp->from, cfg.smtp->from_name};
  }
  return Opened{owned_.get(), from_};
}

Status EmailConnector::ready() {
  if (source_) return ok_status();
  if (!host_.config) return failed_precondition("No mail server is configured: this program reads no dagbok.toml.");
  ASSIGN_OR_RETURN(Config cfg, host_.config());
  if (!cfg.smtp) {
    const std::string where = cfg.source.empty() ? std::string("dagbok.toml") : cfg.source;
    return failed_precondition("No mail server is configured. Add an [smtp] section to " + where +
                               " or set DAGBOK_SMTP_URL.");
  }
  return ok_status();
}

Status EmailConnector::test_connection(const ConnectorSettings& settings) {
  TRY(parse_email_settings(settings.values.dump()));
  TRY(ready());
  TRY(open());
  return ok_status();
}

Result<std::vector<Choice>> EmailConnector::choices(const ConnectorSettings&, ChoiceList) {
  return std::vector<Choice>{};
}

Status EmailConnector::preflight(const DeliveryPayload& payload) {
  TRY(parse_email_settings(payload.destination.settings_json));
  TRY(open());
  return ok_status();
}

Result<std::string> EmailConnector::deliver(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(EmailSettings settings, parse_email_settings(p.destination.settings_json));
  ASSIGN_OR_RETURN(Opened opened, open());
  ASSIGN_OR_RETURN(std::vector<Attachment> attachments, day_attachments(p, settings.format));
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(p.company.timezone));
  MailDraft draft;
  draft.from = opened.from;
  if (draft.from.display_name.empty()) draft.from.display_name = "dagbok – " + p.company.name;
  for (const std::string& a : settings.addresses) draft.to.push_back({a, ""});
  draft.subject = day_mail_subject(p);
  std::string names;
  for (const Attachment& a : attachments) names += (names.empty() ? "" : ", ") + a.filename;
  draft.text = day_mail_body(p, names);
  draft.attachments = std::move(attachments);
  draft.extra_headers = {{"X-Dagbok-Delivery", p.delivery.idempotency_key}, {"Auto-Submitted", "auto-generated"}};
  draft.date = p.now;
  draft.utc_offset_seconds = tz.offset_at(p.now);
  draft.idempotency_key = p.delivery.idempotency_key + "@company" + std::to_string(p.company.id);
  ASSIGN_OR_RETURN(MailMessage message, compose(draft));
  return opened.mailer->send_reporting_acceptance(message, p.on_accepted);
}

Status EmailConnector::check_recipient(const std::string& to) const {
  TRY(parse_email_settings(json{{"address", to}}.dump()));
  return ok_status();
}

Result<dagbok::SentFile> EmailConnector::send_sie_file(Store& store, const Company& company, Date from, Date to,
                                               const std::string& recipient, const Clock& clock) {
  TRY(ready());
  ASSIGN_OR_RETURN(SieExport e, export_sie(store, company, from, to, clock));
  ASSIGN_OR_RETURN(Opened opened, open());
  ASSIGN_OR_RETURN(email::SentFile sent, mail_file(store, company, *opened.mailer, opened.from,
                                                   sie_file_mail(company, from, to, e, recipient), clock));
  return dagbok::SentFile{sent.filename, sent.to, sent.remote_ref, e.vouchers, e.warnings};
}

}  // namespace dagbok::email
