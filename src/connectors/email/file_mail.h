// Mailing one file by hand: the "Skicka SIE-fil" of the export dialog
// (`dagbok export sie --mail-to`, POST /companies/{c}/sie/mail). Unlike the
// e-mail integration this is not a delivery of the outbox: it is sent at
// once, and the export log records it (kind "sie-file") with the server's
// reference.
//
//   ASSIGN_OR_RETURN(SieExport e, export_sie(store, company, from, to, clock));
//   FileMail m = sie_file_mail(company, from, to, e, "bokforing@example.se");
//   ASSIGN_OR_RETURN(SentFile sent, mail_file(store, company, *mailer, sender, m, clock));
#pragma once

#include <string>

#include "connectors/email/mailer.h"
#include "core/clock.h"
#include "core/result.h"
#include "pipeline/sie_export.h"
#include "store/store.h"

namespace dagbok::email {

struct FileMail {
  std::string to;  // one address, or several separated by commas
  std::string subject;
  std::string text;
  Attachment file;
};

struct SentFile {
  std::string filename;
  std::string to;          // the addresses, normalised, comma-separated
  std::string remote_ref;  // what the mail server said (its queue id), or ""
};

// The SIE file of [from, to] with a subject and a short text in the
// company's language (Swedish or Norwegian).
FileMail sie_file_mail(const Company& company, Date from, Date to, const SieExport& sie, const std::string& to_address);

// Composes and sends `mail` from `sender` (the company's name as display
// name when the sender has none) and writes it to the export log.
// InvalidArgument for a bad address (nothing sent); the mailer's error
// (Unavailable, FailedPrecondition) when the server did not take it.
Result<SentFile> mail_file(Store& store, const Company& company, Mailer& mailer, MailAddress sender,
                           const FileMail& mail, const Clock& clock);

}  // namespace dagbok::email
