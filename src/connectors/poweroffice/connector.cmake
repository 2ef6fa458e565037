# The PowerOffice Go kind (doc/connectors/poweroffice.md).
dagbok_library(connectors_poweroffice
  SRCS connectors/poweroffice/poweroffice_client.cc connectors/poweroffice/poweroffice_vouchers.cc
       connectors/poweroffice/poweroffice_connector.cc
  DEPS core crypto config exports net
  LIBS PkgConfig::CURL)
