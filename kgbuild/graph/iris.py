"""Minting IRIs for the things a graph describes.

Every path segment that comes from an article (ids, names, phrases) is percent-encoded,
so no article text can end an IRI early or inject syntax into Turtle or SPARQL.

    {base}article/{id}                     the article (schema:NewsArticle)
    {base}article/{id}/graph               the named graph holding what the article says
    {base}article/{id}/sentence/{n}        a sentence (nif:Sentence)
    {base}article/{id}/statement/{n}       a statement (rdf:Statement)
    {base}article/{id}/phrase/{slug}       a noun phrase of that article
    {base}article/{id}/quote/{offset}      a quotation
    {base}entity/{type}/{slug}             an entity, shared by all articles
    {base}author/{slug}                    a byline name (schema:author), shared by all articles
    {base}activity/{digest}                the extraction run's provenance
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from rdflib import BNode, URIRef

from kgbuild.errors import InputError
from kgbuild.graph.vocab import REL

DEFAULT_BASE = "https://w3id.org/kgbuild/id/"


@lru_cache(maxsize=65_536)  # an article's id and its entities' names recur in every statement
def _segment(text: str) -> str:
    """One percent-encoded path segment (unreserved characters stay readable)."""
    return quote(text, safe="-._~")


def slug(text: str, *, limit: int = 80) -> str:
    """A readable, stable key for a phrase: lower case, words joined by hyphens.

    >>> slug("More than 2,400 civilians")
    'more-than-2,400-civilians'
    """
    words = re.sub(r"\s+", "-", text.strip().casefold())
    if len(words) > limit:  # long phrases: keep the start readable, the digest unique
        digest = hashlib.sha1(words.encode()).hexdigest()[:10]
        words = f"{words[:limit]}-{digest}"
    return words or "empty"


#: An absolute IRI as a base: a scheme, then no space, control character or character an IRI
#: may not hold unescaped (RFC 3987).
_ABSOLUTE_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]*")


def check_base(base: str) -> str:
    """`base` if it can be the base IRI of a graph; else an `InputError` saying why.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    ...
    kgbuild.errors.InputError: Not an absolute IRI: 'not an iri'. Give a base such as https://w3id.org/kgbuild/id/
    """
    if not isinstance(base, str) or not _ABSOLUTE_IRI.fullmatch(base):
        raise InputError(f"Not an absolute IRI: {base!r}. Give a base such as {DEFAULT_BASE}")
    return base


class IriMinter:
    """Mints the IRIs of one graph under a base IRI."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        check_base(base)
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{_segment(article_id)}")

    def article_graph(self, article_id: str) -> URIRef:
        """The named graph of one article: its node, sentences, statements and entity mentions."""
        return URIRef(f"{self.article(article_id)}/graph")

    def sentence(self, article_id: str, index: int) -> URIRef:
        return URIRef(f"{self.article(article_id)}/sentence/{index}")

    def statement(self, article_id: str, index: int) -> URIRef:
        return URIRef(f"{self.article(article_id)}/statement/{index}")

    def phrase(self, article_id: str, text: str) -> URIRef:
        return URIRef(f"{self.article(article_id)}/phrase/{_segment(slug(text))}")

    def quote(self, article_id: str, offset: int) -> URIRef:
        return URIRef(f"{self.article(article_id)}/quote/{offset}")

    def entity(self, key: str) -> URIRef:
        kind, _, name = key.partition("/")
        return URIRef(f"{self.base}entity/{_segment(kind)}/{_segment(name)}")

    def publisher(self, name: str) -> URIRef:
        return URIRef(f"{self.base}source/{_segment(slug(name))}")

    def author(self, name: str) -> URIRef:
        """A byline name, one node per name across articles."""
        return URIRef(f"{self.base}author/{_segment(slug(name))}")

    def activity(self, description: str) -> URIRef:
        return URIRef(f"{self.base}activity/{hashlib.sha1(description.encode()).hexdigest()[:16]}")

    @staticmethod
    def relation(key: str) -> URIRef:
        """`rel:{key}`; a final "." is percent-encoded, since Turtle writes it `rel:a\\.`,
        which rdflib cannot read back.

        >>> str(IriMinter.relation("say")), str(IriMinter.relation("a."))
        ('https://w3id.org/kgbuild/relation/say', 'https://w3id.org/kgbuild/relation/a%2E')
        """
        local = _segment(key)
        return REL[local[:-1] + "%2E" if local.endswith(".") else local]

    @staticmethod
    def resolution(entity_key: str, article_id: str, surface: str, rule: str) -> BNode:
        """A blank node per (entity, article, words, rule), labelled stably."""
        digest = hashlib.sha1("\x1f".join((entity_key, article_id, surface, rule)).encode()).hexdigest()[:20]
        return BNode(f"r{digest}")

    @staticmethod
    def argument(article_id: str, statement_index: int, position: int) -> BNode:
        """A blank node with a stable label, so a rerun writes byte-identical Turtle."""
        digest = hashlib.sha1(article_id.encode()).hexdigest()[:12]
        return BNode(f"a{digest}s{statement_index}a{position}")
