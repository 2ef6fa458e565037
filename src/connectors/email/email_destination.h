// What the "Export via e-post" integration (seed 000) sends after each day
// close: the day's data as an attachment in the format the merchant chose,
// to the address they gave. Settings (JSON): {"address": "a@b.se[, c@d.se]",
// "format": "sie4" | "csv" | "xlsx" | "pdf"}. The kind itself (the
// connector) is email_connector.h.
#pragma once

#include <string>

#include "connectors/email/mailer.h"
#include "exports/destination.h"

namespace dagbok::email {

struct EmailSettings {
  std::vector<std::string> addresses;
  std::string format = "sie4";
};

// Checks and normalises the settings; errors name the field.
Result<EmailSettings> parse_email_settings(const std::string& json);
std::string email_settings_json(const EmailSettings& s);
// The formats this build can attach.
const std::vector<std::string>& email_formats();

// The attachments of a delivery in the chosen format: the SIE 4 file; the
// voucher lines and the Z-report figures as two CSV files; one workbook; or
// the Z-reports (with their vouchers) as a PDF.
Result<std::vector<Attachment>> day_attachments(const DeliveryPayload& payload, const std::string& format);

// Subject and body of a day's mail (Swedish for SE companies, Norwegian for NO).
std::string day_mail_subject(const DeliveryPayload& payload);
std::string day_mail_body(const DeliveryPayload& payload, const std::string& filename);

}  // namespace dagbok::email
