// The one list of the kinds of destination this dagbok has. Adding a kind
// is its folder under src/connectors/<kind>/ and one line in registry.cc
// (doc/connectors.md).
//
//   ConnectorHost host{[&] { return load_config(path, env); }, env, key_file, warn};
//   DestinationRegistry kinds = connector_registry(host);
//   ExportEngine engine(store, kinds, clock);
#pragma once

#include <functional>
#include <string>

#include "exports/destination.h"

namespace dagbok {

// Which kinds a registry holds.
enum class Kinds {
  kAll,        // every kind (the CLI, the server's routes)
  kReadyOnly,  // only those ready() to deliver (the server's worker: the others' exports wait)
};

// Every kind, made for `host`. With Kinds::kReadyOnly, a kind that is not
// ready is left out and `skipped` hears its kind and why.
DestinationRegistry connector_registry(const ConnectorHost& host, Kinds which = Kinds::kAll,
                                       const std::function<void(const std::string& kind, const Error& why)>& skipped = {});

}  // namespace dagbok
