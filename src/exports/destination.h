// DestinationRegistry: the kinds of destination this dagbok has, by kind.
// src/connectors/registry.cc fills one (connector_registry()); the engine,
// the CLI and the server look kinds up in it and list them in the order
// they were added.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exports/connector.h"

namespace dagbok {

class DestinationRegistry {
 public:
  // A kind added twice replaces the first (tests swap in a kind over a fake).
  void add(std::unique_ptr<Connector> connector);
  Connector* find(const std::string& kind) const;
  void remove(const std::string& kind);
  // Every kind, in the order added.
  std::vector<Connector*> all() const;
  // The first kind that can send a file by hand (Connector::sends_files), or null.
  Connector* file_sender() const;

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::unique_ptr<Connector>> connectors_;
};

}  // namespace dagbok
