"""The component's records as plain data, so a `Doc` carrying them still serialises.

spaCy sends `doc.user_data` through msgpack (`DocBin(store_user_data=True)`,
`Doc.to_bytes()`, `nlp.pipe(n_process=2)`) and checks `Doc.to_json(underscore=...)` values
with JSON; neither takes dataclasses. The component therefore stores its records here as
dicts, lists, strings, numbers and `None`, and the `doc._` getters rebuild the frozen
records of `kgbuild.types` from them on each access.

    >>> from kgbuild.types import Sentence
    >>> plain = to_plain(Sentence(index=0, start=0, end=5, text="Hi."))
    >>> plain
    {'index': 0, 'start': 0, 'end': 5, 'text': 'Hi.'}
    >>> from_plain(Sentence, plain)
    Sentence(index=0, start=0, end=5, text='Hi.')
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

Record = TypeVar("Record")


def to_plain(value: Any) -> Any:
    """`value` (a record, an enum, a tuple of them ...) as msgpack- and JSON-safe data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    return value


def from_plain(kind: type[Record], plain: Any) -> Record:
    """The record of type `kind` that `to_plain` turned into `plain`."""
    return typing.cast(Record, _decode(kind, plain))


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _decode(hint: Any, plain: Any) -> Any:
    if plain is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        for option in options:  # `Mention | str`: a dict is the record, a string the string
            if dataclasses.is_dataclass(option) and isinstance(plain, dict):
                return _decode(option, plain)
        return _decode(options[0], plain) if len(options) == 1 else plain
    if origin is tuple:
        arguments = typing.get_args(hint)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_decode(arguments[0], item) for item in plain)
        return tuple(_decode(argument, item) for argument, item in zip(arguments, plain))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = _hints(hint)
        return hint(**{field.name: _decode(hints[field.name], plain[field.name])
                       for field in dataclasses.fields(hint) if field.name in plain})
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(plain)
    return plain
