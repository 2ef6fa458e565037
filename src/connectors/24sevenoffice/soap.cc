#include "connectors/24sevenoffice/soap.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace dagbok::twentyfourseven {
namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string soap_envelope(std::string_view ns, std::string_view operation,
                          const std::function<void(pugi::xml_node)>& fill) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node env = doc.append_child("soap:Envelope");
  env.append_attribute("xmlns:soap") = "http://schemas.xmlsoap.org/soap/envelope/";
  pugi::xml_node body = env.append_child("soap:Body");
  pugi::xml_node op = body.append_child(std::string(operation).c_str());
  op.append_attribute("xmlns") = std::string(ns).c_str();
  if (fill) fill(op);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, std::string_view text) {
  pugi::xml_node n = parent.append_child(name);
  n.text().set(std::string(text).c_str());
  return n;
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

std::string child_text(pugi::xml_node node, std::string_view name) { return child(node, name).text().get(); }

Result<SoapAnswer> read_soap_answer(const net::HttpResponse& response, std::string_view operation,
                                    bool* stale_session) {
  if (stale_session) *stale_session = false;
  auto doc = std::make_shared<pugi::xml_document>();
  pugi::xml_parse_result parsed = doc->load_buffer(response.body.data(), response.body.size());
  const std::string what = "24SevenOffice " + std::string(operation);
  if (!parsed) {
    if (response.status == 429 || response.status >= 500)
      return unavailable(what + " answered HTTP " + std::to_string(response.status) + "; dagbok tries again later.");
    return unavailable(what + " answered HTTP " + std::to_string(response.status) +
                       " with a body that is not XML (" + parsed.description() + ").");
  }
  pugi::xml_node body = child(child(*doc, "Envelope"), "Body");
  if (!body) return unavailable(what + " answered without a SOAP body (HTTP " + std::to_string(response.status) + ").");
  if (pugi::xml_node fault = child(body, "Fault")) {
    const std::string message = child_text(fault, "faultstring");
    const std::string code = child_text(fault, "faultcode");
    const std::string l = lower(message);
    if (l.find("limit exceeded") != std::string::npos || response.status == 429)
      return std::move(unavailable("24SevenOffice refused the request: " + message)).with_retry_after(300);
    if (l.find("not authenticated") != std::string::npos || l.find("notauthenticated") != std::string::npos ||
        l.find("session") != std::string::npos) {
      if (stale_session) *stale_session = true;
      return permission_denied("24SevenOffice says: " + message);
    }
    if (l.find("identityid is blocked") != std::string::npos)
      return permission_denied("24SevenOffice says: " + message +
                               " Choose another company in the integration's settings.");
    if (response.status >= 500 && code.find("Client") == std::string::npos)
      return unavailable(what + " failed: " + message);
    return invalid_argument(what + " was refused: " + message);
  }
  if (response.status >= 400)
    return unavailable(what + " answered HTTP " + std::to_string(response.status) + "; dagbok tries again later.");
  pugi::xml_node resp = child(body, std::string(operation) + "Response");
  if (!resp) return unavailable(what + " answered without " + std::string(operation) + "Response.");
  return SoapAnswer{doc, child(resp, std::string(operation) + "Result")};
}

}  // namespace dagbok::twentyfourseven
