# The Visma eEkonomi kind (doc/connectors/visma.md).
dagbok_library(connectors_visma
  SRCS connectors/visma/visma_client.cc connectors/visma/visma_vouchers.cc connectors/visma/visma_connector.cc
  DEPS core config exports net
  LIBS PkgConfig::CURL)
