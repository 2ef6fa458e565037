#!/usr/bin/env python3
"""Merges the OpenAPI fragments of src/server/openapi/ into one document.

  merge_openapi.py TEMPLATE OUT base.json area.json ...

base.json holds everything but the routes; each area's fragment holds
{"paths": {...}, "components": {"schemas": {...}}}. The merged document is
written into TEMPLATE at @DAGBOK_OPENAPI_JSON@ (src/server/openapi_document.cc.in).
A path or a schema named twice is an error, as is a key other than those.
"""
import collections
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=collections.OrderedDict)


def main(template, out, base, *fragments):
    doc = load(base)
    paths = doc["paths"]
    schemas = doc["components"]["schemas"]
    for name in fragments:
        frag = load(name)
        extra = set(frag) - {"paths", "components"} | set(frag.get("components", {})) - {"schemas"}
        if extra:
            sys.exit(f"{name}: only 'paths' and 'components.schemas' belong in a fragment, not {sorted(extra)}")
        for key, value in frag.get("paths", {}).items():
            if key in paths:
                sys.exit(f"{name}: the path {key} is already described in another fragment")
            paths[key] = value
        for key, value in frag.get("components", {}).get("schemas", {}).items():
            if key in schemas:
                sys.exit(f"{name}: the schema {key} is already described in another fragment")
            schemas[key] = value
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    with open(template, encoding="utf-8") as f:
        source = f.read().replace("@DAGBOK_OPENAPI_JSON@", text)
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == source:
                return  # unchanged: nothing recompiles
    except FileNotFoundError:
        pass
    with open(out, "w", encoding="utf-8") as f:
        f.write(source)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
