# The 24SevenOffice kind (doc/connectors/24sevenoffice.md): SOAP over the
# HTTP seam (net/http_client.h), envelopes built and read with pugixml.
dagbok_library(connectors_24sevenoffice
  SRCS connectors/24sevenoffice/soap.cc connectors/24sevenoffice/twentyfourseven_client.cc
       connectors/24sevenoffice/twentyfourseven_connector.cc connectors/24sevenoffice/make_connector.cc
  DEPS core crypto config exports net
  LIBS pugixml::pugixml)
