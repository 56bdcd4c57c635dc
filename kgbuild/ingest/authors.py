"""Bylines → author names: what a page's metadata says about who wrote it, tidied.

Pages give their authors in many shapes: "By LISA MASCARO", "Paul Takahashi; Staff writer",
"Phil Helsel is a reporter", "Analysis by Chris Cillizza". The rules here keep the names
and drop the job titles using general newsroom words, never one site's strings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kgbuild.types import Article

#: Words that start a job title in a byline: the name ends before them.
ROLE_WORDS = frozenset(
    """
    reporter reporters writer writers editor editors editor-at-large correspondent
    correspondents columnist contributor contributors producer journalist journalists
    photographer analyst anchor host presenter is was
    """.split()
)

#: Newsroom words that qualify a job title ("Senior Political Writer"), not a name.
TITLE_QUALIFIERS = frozenset(
    """
    news sport sports political politics national senior chief business science health
    foreign deputy associate special investigative contributing technology tech
    entertainment digital weather data economics education environment breaking auto
    staff local world international managing executive
    """.split()
)

#: Words that show a byline names an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    """
    press news newsroom agency agencies staff reports reporters editorial editors bureau
    service services desk team wire wires media network associated international times
    post daily group inc inc. ltd ltd. llc corporation corp corp. company board office
    department ministry ministries foundation institute university newspaper newspapers
    magazine radio television tv channel online digital sport sports
    """.split()
)

_SEPARATORS = re.compile(r"\s*(?:;|\||,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:(?:analysis|words|written|story|reporting|photos?|text|opinion)\s+)?by:?\s+",
                 re.IGNORECASE)
_MAX_WORDS = 6


def author_names(byline: str | None) -> tuple[str, ...]:
    """The names in a byline, in order, without "By", job titles or repeats.

    >>> author_names("By LISA MASCARO; MARY CLARE JALONICK, Associated Press")
    ('Lisa Mascaro', 'Mary Clare Jalonick', 'Associated Press')
    >>> author_names("Paul Takahashi; Staff writer")
    ('Paul Takahashi',)
    >>> author_names("Phil Helsel is a reporter for NBC News")
    ('Phil Helsel',)
    """
    if not byline:
        return ()
    names: list[str] = []
    for part in _SEPARATORS.split(byline):
        for name in _names(part):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return tuple(names)


def with_author_kinds(article: Article) -> Article:
    """The article with `organisation_authors` filled in: those of its `authors` that read as
    an outlet, desk or agency (`looks_like_organisation`). Kinds already given are kept.

    >>> with_author_kinds(Article(id="a", text="x", authors=("Lisa Mascaro", "Associated Press")))
    ... # doctest: +ELLIPSIS
    Article(..., authors=('Lisa Mascaro', 'Associated Press'), organisation_authors=('Associated Press',))
    """
    if article.organisation_authors or not article.authors:
        return article
    organisations = tuple(name for name in article.authors if looks_like_organisation(name))
    return replace(article, organisation_authors=organisations) if organisations else article


def looks_like_organisation(name: str) -> bool:
    """A byline name that is an outlet or a desk ("Associated Press", "Reuters", "Staff Reports").

    One word alone is taken as an organisation: a person's byline has a first name too.

    >>> looks_like_organisation("Staff Reports"), looks_like_organisation("Brigit Katz")
    (True, False)
    """
    words = name.split()
    return len(words) == 1 or any(word.casefold() in ORGANISATION_WORDS for word in words)


def _names(part: str) -> list[str]:
    """The names in one byline item: none when it is only a job title or not a name.

    A name in capitals run into its outlet ("ERIC TUCKER Associated Press") is two names.
    """
    text = _BY.sub("", " ".join(part.split())).strip(" .:-–—")
    if not text or "@" in text or "://" in text or any(c.isdigit() for c in text):
        return []
    words = text.split()
    cut = next((i for i, w in enumerate(words) if w.casefold().strip(".,") in ROLE_WORDS), None)
    if cut is not None:
        words = words[:cut]
        while words and words[-1].casefold() in TITLE_QUALIFIERS:
            words.pop()  # "Tom Gillespie News reporter", "AP Auto Writer"
        if len(words) < 2:
            return []  # "Staff writer", "CNN Editor-at-large": a title, no name
    if not words or len(words) > _MAX_WORDS or not words[0][:1].isupper():
        return []
    capitals = next((i for i, w in enumerate(words) if not w.isupper()), len(words))
    if capitals >= 2 and any(len(w) > 3 for w in words[:capitals]):
        name = " ".join(w.capitalize() if len(w) > 2 else w for w in words[:capitals])
        return [name] + ([" ".join(words[capitals:])] if capitals < len(words) else [])
    return [" ".join(words)]
