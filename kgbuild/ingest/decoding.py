"""Bytes → text: UTF-8 only, with the reason when it is not (empty, binary, UTF-16, a byte
that is not UTF-8).

No encoding is guessed: a wrong guess silently garbles names, which then end up in the
graph; a clear error costs the user one re-save.
"""

from __future__ import annotations

from kgbuild.errors import InputError

STDIN_ORIGIN = "<stdin>"


def decode(raw: bytes, origin: str) -> str:
    """Decode UTF-8 bytes, refusing empty, binary and other encodings with a reason.

    Raises:
        InputError: The bytes are empty (or only white space), binary, UTF-16, or not UTF-8.
    """
    refuse_binary(raw, origin)
    text = decode_line(raw, origin)
    if not text.removeprefix("\ufeff").strip():
        raise InputError(f"{origin}: empty {'input' if origin == STDIN_ORIGIN else 'file'}")
    return text


def refuse_binary(head: bytes, origin: str) -> None:
    """Refuse bytes (or the first bytes of a stream) that are UTF-16 or binary, not text.

    Raises:
        InputError: A UTF-16 byte-order mark, UTF-16 without one, or NUL bytes.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{origin}: not UTF-8 (starts with a UTF-16 byte-order mark); save it as UTF-8")
    if b"\x00" in head:
        if utf16_without_mark(head):
            raise InputError(f"{origin}: not UTF-8 (looks like UTF-16 without a byte-order mark); "
                             f"save it as UTF-8")
        raise InputError(f"{origin}: binary file (contains NUL bytes); expected UTF-8 text")


def decode_line(raw: bytes, where: str, *, unit: str = "") -> str:
    """Decode UTF-8, naming the first byte that is not (and what is skipped, `unit`).

    >>> decode_line("Café".encode("latin-1"), "feed.jsonl:3", unit="line")
    Traceback (most recent call last):
    ...
    kgbuild.errors.InputError: feed.jsonl:3: not UTF-8 (byte 0xe9 at offset 3); line skipped
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        skipped = f"; {unit} skipped" if unit else "; save it as UTF-8"
        raise InputError(f"{where}: not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}){skipped}"
                         ) from error


def utf16_without_mark(raw: bytes) -> bool:
    r"""Whether bytes look like UTF-16 text: a NUL in every other byte, mostly on one side.

    >>> utf16_without_mark("Rain in Leeds".encode("utf-16-le")), utf16_without_mark(b"\x89PNG\x00\x01")
    (True, False)
    """
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 4 and max(even, odd) >= 0.4 * half and min(even, odd) <= 0.05 * half
