"""Finding nodes by what a user calls them: a name, another name, or an IRI."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from kgbuild.errors import InputError
from kgbuild.render.records import GraphContents

__all__ = ["find_nodes", "fold"]


def find_nodes(
    contents: GraphContents, names: str | Iterable[str], degree: Mapping[str, float]
) -> tuple[str, ...]:
    """The ids of the nodes a user means by names, IRIs or other names.

    Each name is matched, ignoring case, accents and extra spaces, first against the
    nodes' IRIs, then their names, then their other names (aliases); every node that
    matches at the first level that matches at all is taken.

    Raises:
        InputError: No node matches one of the names (the message suggests close ones).
    """
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise InputError("No focus given. Pass the name, other name or IRI of a node.")
    by_label: dict[str, list[str]] = defaultdict(list)
    by_alias: dict[str, list[str]] = defaultdict(list)
    for node in contents.nodes.values():
        by_label[fold(node.label)].append(node.id)
        for alias in node.aliases:
            by_alias[fold(alias)].append(node.id)
    found: dict[str, None] = {}
    for name in names:
        key = fold(str(name))
        matches = (
            [name] if name in contents.nodes else by_label.get(key) or by_alias.get(key) or []
        )
        if not matches:
            raise InputError(f"No node is called {name!r}.{_suggestions(contents, key, degree)}")
        found.update(dict.fromkeys(sorted(matches, key=lambda i: (-degree.get(i, 0), i))))
    return tuple(found)


def fold(text: str) -> str:
    """A name as search compares it: no case, no accents, single spaces.

    >>> fold("  Volodymyr   ZELENSKÝ ")
    'volodymyr zelensky'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _suggestions(contents: GraphContents, key: str, degree: Mapping[str, float]) -> str:
    """" Did you mean: …?" with the most connected nodes whose names contain the words."""
    words = key.split()
    close = [
        node for node in contents.nodes.values()
        if node.kind != "claim" and words
        and all(word in fold(" ".join((node.label, *node.aliases))) for word in words)
    ]
    close.sort(key=lambda node: (-degree.get(node.id, 0), node.label.casefold()))
    if close:
        names = ", ".join(repr(node.label) for node in close[:5])
        return f" Did you mean: {names}?"
    return " Give a name or other name as the page's search finds it, or the node's IRI."
