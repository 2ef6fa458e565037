# The e-mail kind. src/CMakeLists.txt includes every src/connectors/<kind>/connector.cmake
# and the registry (src/connectors/registry.cc) depends on each kind's module.
dagbok_library(connectors_email
  SRCS connectors/email/mime.cc connectors/email/mailer.cc connectors/email/memory_mailer.cc
       connectors/email/file_mail.cc connectors/email/internal/smtp_transcript.cc
       connectors/email/email_destination.cc connectors/email/email_connector.cc
  DEPS core crypto config exports pipeline formats_day formats_csv formats_xlsx formats_pdf
  LIBS PkgConfig::CURL)
