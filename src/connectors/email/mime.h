// MIME: the bytes of one e-mail, as RFC 5322 and the MIME RFCs (2045-2047,
// 2231) want them.
//
// The export engine describes a mail as a MailDraft — sender, recipients,
// subject and text in UTF-8, attachments as raw bytes — and build_mime()
// turns it into a multipart/mixed message with CRLF line ends throughout:
// headers folded to at most 78 columns, non-ASCII header text as RFC 2047
// encoded-words, the text as quoted-printable UTF-8, each attachment as
// base64 in 76-column lines with its file name in RFC 2231 form.
//
// The output is a pure function of the draft: the Date comes from the
// draft's clock value, and the Message-ID and the part boundary are derived
// from its idempotency key. A retried delivery therefore sends the very same
// bytes, and the recipient's mail program can tell a duplicate by its
// Message-ID.
//
//   MailDraft d;
//   d.from = {"kassa@kaffebaren.se", "Kaffebaren AB – Dagsavslut"};
//   d.to = {{"bokforing@byra.se", ""}};
//   d.subject = "Dagsavslut 2026-03-29: 12 345,00 kr";
//   d.text = "Hej!\nHär kommer dagens försäljning.\n";
//   d.attachments = {{"dagsavslut-2026-03-29.se", sie_bytes, ""}};
//   d.extra_headers = {{"X-Dagbok-Delivery", key}};
//   d.date = clock.now();
//   d.utc_offset_seconds = 7200;
//   d.idempotency_key = key;
//   std::string bytes = *build_mime(d);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace dagbok::email {

struct MailAddress {
  std::string address;       // addr-spec, ASCII: "kassa@kaffebaren.se"
  std::string display_name;  // UTF-8, may be empty: "Kaffebaren AB"
};

struct Attachment {
  std::string filename;      // UTF-8, without a directory: "Dagsavslut 2026-03-29.se"
  std::string content;       // the exact bytes
  std::string content_type;  // empty: content_type_for(filename)
};

struct MailHeader {
  std::string name;   // "X-Dagbok-Delivery"
  std::string value;  // one line; UTF-8 is encoded
};

struct MailDraft {
  MailAddress from;
  std::vector<MailAddress> to;  // at least one
  std::string subject;          // UTF-8; line breaks become spaces
  std::string text;             // UTF-8; LF, CRLF or CR line ends
  std::vector<Attachment> attachments;
  std::vector<MailHeader> extra_headers;  // may not repeat a header build_mime writes
  Instant date;                 // the Date header, from the injected clock
  int utc_offset_seconds = 0;   // the zone offset the Date header is written in
  // The delivery's idempotency key: the same key gives the same Message-ID.
  std::string idempotency_key;
  // Right-hand side of the Message-ID; empty: the sender's domain.
  std::string message_id_domain;
};

// The content type dagbok sends a file as, by its extension: SIE files
// (.se .si .sie) are "text/plain; charset=IBM437" (SIE4 is PC8/CP437), .csv
// "text/csv; charset=utf-8", .xlsx the OOXML spreadsheet type, .pdf
// "application/pdf"; unknown extensions "application/octet-stream".
std::string content_type_for(std::string_view filename);

// "<0f1e...@kaffebaren.se>": a Message-ID that depends only on the key and
// the domain.
std::string message_id_for(std::string_view idempotency_key, std::string_view domain);

// RFC 5322 date-time: "Sun, 29 Mar 2026 23:05:00 +0200".
std::string rfc5322_date(Instant t, int utc_offset_seconds);

// True for an addr-spec dagbok can send to: ASCII local@domain, no spaces,
// quotes, brackets or control characters.
bool is_valid_address(std::string_view address);

// The whole message. A recipient address that cannot be sent to is
// FailedPrecondition (the merchant fixes it under Integrationer); anything
// else wrong with the draft (a bad sender, a header that would be written
// twice, a missing key) is InvalidArgument.
Result<std::string> build_mime(const MailDraft& draft);

}  // namespace dagbok::email
