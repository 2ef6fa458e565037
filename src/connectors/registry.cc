#include "connectors/registry.h"

#include "connectors/24sevenoffice/twentyfourseven_connector.h"
#include "connectors/email/email_connector.h"
#include "connectors/poweroffice/poweroffice_connector.h"
#include "connectors/visma/visma_connector.h"

namespace dagbok {
namespace {

// The kinds, in the order of the Integrationer page: one line each.
void add_kinds(DestinationRegistry& r, const ConnectorHost& host) {
  r.add(email::make_connector(host));
  r.add(twentyfourseven::make_connector(host));
  r.add(poweroffice::make_connector(host));
  r.add(visma::make_connector(host));
}

}  // namespace

DestinationRegistry connector_registry(const ConnectorHost& host, Kinds which,
                                       const std::function<void(const std::string&, const Error&)>& skipped) {
  DestinationRegistry all;
  add_kinds(all, host);
  if (which == Kinds::kAll) return all;
  for (Connector* c : all.all()) {
    Status s = c->ready();
    if (s.ok()) continue;
    if (skipped) skipped(c->kind(), s.error());
    all.remove(c->kind());
  }
  return all;
}

}  // namespace dagbok
