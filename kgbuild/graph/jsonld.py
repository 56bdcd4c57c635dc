"""JSON-LD with an `@context`: kgbuild's and the W3C vocabularies' prefixes, compact IRIs.

Oxigraph writes JSON-LD with every IRI in full (16 MB for 100 articles); it takes no
prefixes for that format. `compact_jsonld` rewrites its output into the same RDF with a
context of `PREFIXES` (plus `kgid:` for the graph's own IRIs under the default base):
keys, `@id`, `@type` and datatypes become compact IRIs, `rdf:type` becomes `@type`, plain
strings lose their `{"@value": ...}` wrapper and one-item lists their brackets. Nothing
else changes, so any JSON-LD processor expands it back to the same quads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kgbuild.graph.iris import DEFAULT_BASE
from kgbuild.graph.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: The graph's own IRIs (`--base` left at its default) are written `kgid:article/...`.
OWN_PREFIX = "kgid"


def jsonld_context(prefixes: dict[str, str] | None = None) -> dict[str, str]:
    """The `@context`: each prefix (all end in `/` or `#`, so JSON-LD 1.1 takes them as prefixes)."""
    return {**(PREFIXES if prefixes is None else prefixes), OWN_PREFIX: DEFAULT_BASE}


def jsonld_bytes(quads: Iterable[ox.Quad], prefixes: dict[str, str] | None = None) -> bytes:
    """`quads` as one compact JSON-LD document (UTF-8)."""
    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]")
    document = compact_jsonld(expanded, jsonld_context(prefixes))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compact_jsonld(expanded: list[dict[str, Any]], context: dict[str, str]) -> dict[str, Any]:
    """Oxigraph's JSON-LD (a list of node and named-graph objects) with `context` applied."""
    # Longest namespace first, so `kgid:` never wins over a longer one inside it.
    namespaces = sorted(((iri, prefix) for prefix, iri in context.items()), key=lambda item: -len(item[0]))

    def compact_iri(iri: str) -> str:
        for namespace, prefix in namespaces:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                # "kg:" alone or "kg://x" would not read back as this IRI.
                if local and not local.startswith("//"):
                    return f"{prefix}:{local}"
        return iri

    def value(item: dict[str, Any]) -> Any:
        if "@id" in item:
            return {"@id": compact_iri(item["@id"])}
        if set(item) == {"@value"} and isinstance(item["@value"], str):
            return item["@value"]  # a plain string is an xsd:string literal under this context
        if "@type" in item:
            return {**item, "@type": compact_iri(item["@type"])}
        return item

    def node(item: dict[str, Any]) -> dict[str, Any]:
        compacted: dict[str, Any] = {}
        for key, values in item.items():
            if key == "@id":
                compacted["@id"] = compact_iri(values)
            elif key == "@graph":
                compacted["@graph"] = [node(child) for child in values]
            elif key == "@type" or (key == RDF_TYPE and all(not v.get("@id", "_:").startswith("_:") for v in values)):
                types = [compact_iri(v if isinstance(v, str) else v["@id"]) for v in values]
                compacted["@type"] = [*compacted.get("@type", []), *types]
            else:
                compacted[compact_iri(key)] = [value(v) for v in values]
        return {key: (items[0] if isinstance(items, list) and len(items) == 1 and key != "@graph" else items)
                for key, items in compacted.items()}

    return {"@context": context, "@graph": [node(item) for item in expanded]}
