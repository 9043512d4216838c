"""Bytes → text: UTF-8 first, then charset detection; binary and oversized lines rejected.

A byte-order mark decides the encoding first (UTF-32 and UTF-16 in either byte order,
UTF-8). Then the checks run in this order and the first that fails decides the reason:
empty (W103) → binary (W102: NUL bytes or > 10 % control characters in the first 8 KiB;
for CSV/JSONL, ``tabular=True``, only the share counts: a NUL in one cell rejects that row)
→ encoding (W104: neither UTF-8 nor a charset that charset-normalizer is confident of)
→ line too long (W106: a line over ``max_line_chars`` characters).
"""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

from whimbrel import errors
from whimbrel.model import Origin, Rejection

#: Default limit for one line, in characters. Article paragraphs run to a few thousand
#: characters; a megabyte-long line is a minified page or a data dump, not news text.
MAX_LINE_CHARS = 200_000

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read with (``"utf-8"``, ``"cp1252"`` …)."""

    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text: a NUL byte, or more than 10 % control characters,
    in its first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.10


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)


def _bom(data: bytes) -> tuple[str, str] | None | Rejection:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                return Rejection(Origin("-"), errors.W104.code, errors.W104.reason,
                                 f"the file starts with a {encoding} byte-order mark but does not decode as "
                                 f"{encoding}: {exc.reason} at byte {exc.start}")
    return None


def decode_bytes(
    data: bytes, origin: Origin, *, max_line_chars: int = MAX_LINE_CHARS, tabular: bool = False,
) -> Decoded | Rejection:
    """Decode ``data`` to text, or say why not.

    Returns :class:`Decoded` or a :class:`~whimbrel.model.Rejection` with code W102, W103,
    W104 or W106. A UTF-8 byte-order mark is dropped; line endings become ``\\n``.
    """
    bom = _bom(data)
    if isinstance(bom, Rejection):
        return _reject(origin, errors.W104, bom.detail)
    if bom is not None:
        text, encoding = bom
        if not text.strip():
            return _reject(origin, errors.W103, "the file is empty or holds only whitespace")
    else:
        if not data.strip():
            return _reject(origin, errors.W103, "the file is empty or holds only whitespace")
        if looks_binary(data.replace(b"\x00", b"\x01") if tabular else data):
            return _reject(origin, errors.W102, "the content is binary (NUL or control bytes), not text")
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            guessed = _guess(data)
            if guessed is None:
                return _reject(origin, errors.W104, "the text is neither UTF-8 nor a detectable encoding")
            text, encoding = guessed
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if tabular:  # records are checked one by one
        return Decoded(text, encoding)
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > max_line_chars:
        return _reject(
            origin,
            errors.W106,
            f"a line has {longest:,} characters, over the limit of {max_line_chars:,}",
        )
    return Decoded(text, encoding)


#: The legacy encoding of English web text (WHATWG's default for English locales).
LEGACY_DEFAULT = "cp1252"


def _guess(data: bytes) -> tuple[str, str] | None:
    """Decode bytes that are not UTF-8. English text that is not UTF-8 is almost always
    windows-1252 (a few ``£``, ``é`` or curly quotes among ASCII), where byte-statistics
    detectors are weakest and readily guess a multi-byte Asian code page; so 1252 is taken
    when it decodes the bytes and under 5 % of them are non-ASCII, or when charset-normalizer
    finds it at least as clean as its best guess ("chaos" no higher). Otherwise the best
    guess; ``None`` when there is none."""
    try:
        legacy_text: str | None = data.decode(LEGACY_DEFAULT)
    except UnicodeDecodeError:
        legacy_text = None
    if legacy_text is not None and sum(b > 127 for b in data) < 0.05 * len(data):
        return legacy_text, LEGACY_DEFAULT
    matches = from_bytes(data)
    best = matches.best()
    legacy = next((m for m in matches if m.encoding == LEGACY_DEFAULT), None)
    if legacy is None and legacy_text is not None:
        legacy = from_bytes(data, cp_isolation=[LEGACY_DEFAULT]).best()
    if legacy is not None and (best is None or legacy.chaos <= best.chaos):
        return str(legacy), LEGACY_DEFAULT
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding


def _reject(origin: Origin, code: errors.Code, detail: str) -> Rejection:
    return Rejection(origin=origin, code=code.code, reason=code.reason, detail=detail)
