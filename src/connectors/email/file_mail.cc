#include "connectors/email/file_mail.h"

#include <nlohmann/json.hpp>

#include "connectors/email/email_destination.h"
#include "core/time_zone.h"

namespace dagbok::email {

FileMail sie_file_mail(const Company& company, Date from, Date to, const SieExport& sie,
                       const std::string& to_address) {
  const bool se = company.country == Country::kSweden;
  FileMail m;
  m.to = to_address;
  m.subject = company.name + ": SIE-fil " + from.to_string() + " – " + to.to_string();
  m.text = std::string(se ? "Hej!\n\nHär är bokföringen för " : "Hei!\n\nHer er regnskapet for ") + company.name +
           ", " + from.to_string() + " – " + to.to_string() + ": " + std::to_string(sie.vouchers) +
           (se ? " verifikationer.\n" : " bilag.\n");
  m.file = {sie_file_name(company, from, to), sie.bytes, ""};
  return m;
}

Result<SentFile> mail_file(Store& store, const Company& company, Mailer& mailer, MailAddress sender,
                           const FileMail& mail, const Clock& clock) {
  ASSIGN_OR_RETURN(const EmailSettings to, parse_email_settings(nlohmann::json{{"address", mail.to}}.dump()));
  ASSIGN_OR_RETURN(const TimeZone tz, TimeZone::load(company.timezone));
  MailDraft draft;
  draft.from = std::move(sender);
  if (draft.from.display_name.empty()) draft.from.display_name = "dagbok – " + company.name;
  SentFile sent;
  sent.filename = mail.file.filename;
  for (const std::string& addr : to.addresses) {
    draft.to.push_back({addr, ""});
    sent.to += (sent.to.empty() ? "" : ", ") + addr;
  }
  draft.subject = mail.subject;
  draft.text = mail.text;
  draft.attachments.push_back(mail.file);
  draft.date = clock.now();
  draft.utc_offset_seconds = tz.offset_at(draft.date);
  draft.idempotency_key = "sie-file/" + mail.file.filename + "/" + std::to_string(draft.date.unix_seconds());
  ASSIGN_OR_RETURN(const MailMessage m, compose(draft));
  ASSIGN_OR_RETURN(sent.remote_ref, mailer.send_with_reference(m));
  DeliveryAttempt log;
  log.destination_kind = "sie-file";
  log.business_date = tz.to_local(draft.date).date;
  log.started_at = log.finished_at = draft.date;
  log.result = "delivered";
  log.remote_ref = sent.remote_ref;
  log.error = "sent " + mail.file.filename + " to " + sent.to;
  TRY(store.log_attempt(log, company.id));
  return sent;
}

}  // namespace dagbok::email
