"""The endpoint's query page: one offline HTML file (template and script shipped beside this
module), with a form, the packaged example queries, and the answer drawn as a table."""

from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache
from importlib import resources
from string import Template
from urllib.parse import quote

__all__ = ["DEFAULT_QUERY", "query_page", "script_hash"]

DEFAULT_QUERY = "SELECT ?name ?type\nWHERE { ?entity a kg:Entity , ?type ; rdfs:label ?name }\nLIMIT 25\n"


@lru_cache(maxsize=1)
def _parts() -> tuple[Template, str]:
    folder = resources.files("kgbuild.query")
    return (Template(folder.joinpath("page.html").read_text(encoding="utf-8")),
            folder.joinpath("page.js").read_text(encoding="utf-8"))


def script_hash() -> str:
    """The page script's CSP source (`'sha256-…'`): the one script the page may run."""
    digest = hashlib.sha256(_parts()[1].encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def query_page(endpoint_url: str, path: str, examples: dict[str, str], chosen: str | None) -> str:
    """The page, every text from outside (URL, query names and texts) escaped."""
    template, script = _parts()
    items = []
    for name, text in examples.items():
        description = " ".join(line.lstrip("#").strip() for line in text.splitlines()
                               if line.startswith("#")).split(". ")[0].rstrip(".")
        items.append(f'<li><a href="/?example={html.escape(quote(name), quote=True)}">{html.escape(name)}</a>'
                     f" — {html.escape(description)}</li>")
    query = examples.get(chosen or "", DEFAULT_QUERY)
    return template.substitute(endpoint=html.escape(endpoint_url), path=html.escape(path, quote=True),
                               query=html.escape(query), examples="\n".join(items), script=script)
