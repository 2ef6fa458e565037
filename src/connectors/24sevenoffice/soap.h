// SOAP 1.1 document/literal envelopes for 24SevenOffice, built and read with
// pugixml (research/accounting-apis.md §3): one request element in the
// service's namespace, answered by <Op>Response/<Op>Result or a soap:Fault.
//
//   std::string body = soap_envelope(kWebservicesNs, "Login", [&](pugi::xml_node op) {
//     pugi::xml_node c = op.append_child("credential");
//     add_text(c, "Username", user);
//   });
//   ASSIGN_OR_RETURN(SoapAnswer a, read_soap_answer(response, "Login"));
//   a.result.text().get();
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "core/result.h"
#include "net/http_client.h"

namespace dagbok::twentyfourseven {

inline constexpr const char* kWebservicesNs = "http://24sevenOffice.com/webservices";
inline constexpr const char* kAccountingNs = "http://24sevenoffice.com/webservices/economy/accounting/";

// The envelope of one call: <soap:Envelope><soap:Body><op xmlns=ns>…</op>.
std::string soap_envelope(std::string_view ns, std::string_view operation,
                          const std::function<void(pugi::xml_node)>& fill);

// <name>text</name> under parent.
pugi::xml_node add_text(pugi::xml_node parent, const char* name, std::string_view text);

// What came back: the parsed document and its <Op>Result (empty node when
// the answer has none).
struct SoapAnswer {
  std::shared_ptr<pugi::xml_document> doc;
  pugi::xml_node result;
};

// What a fault says, kept verbatim for the export log.
struct SoapFault {
  std::string code;
  std::string message;
};

// The answer of a call: OK with the result element; a fault comes back as
// the error `fault_error(…)` maps it to (an unreadable body: Unavailable).
// `stale_session` is set when the service said the session is not (or no
// longer) authenticated, so the caller logs in once and repeats.
Result<SoapAnswer> read_soap_answer(const net::HttpResponse& response, std::string_view operation,
                                    bool* stale_session = nullptr);

// A child of `node` by local name (whatever its prefix).
pugi::xml_node child(pugi::xml_node node, std::string_view local_name);
std::string child_text(pugi::xml_node node, std::string_view local_name);

}  // namespace dagbok::twentyfourseven
