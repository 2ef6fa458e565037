// The kind as the registry makes it: over libcurl (net/http_client.h).
#include "connectors/24sevenoffice/twentyfourseven_connector.h"

namespace dagbok::twentyfourseven {

std::unique_ptr<Connector> make_connector(const ConnectorHost& host) {
  auto http = std::make_shared<net::CurlHttpClient>();
  return std::make_unique<TwentyFourSevenConnector>(host, [http]() -> net::HttpClient& { return *http; });
}

}  // namespace dagbok::twentyfourseven
