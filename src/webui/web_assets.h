// The files of the web UI (web/ in the source tree), embedded in the binary
// at build time by cmake/embed_files.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace dagbok::webui {

struct EmbeddedFile {
  std::string_view path;   // "/index.html", "/js/main.js"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace dagbok::webui
