"""Reader for HTML pages on disk: ``.html``, ``.htm`` and gzip-compressed ``.html.gz``.

Each file becomes one :class:`~whimbrel.model.RawDocument` with ``format="html"`` and the
decoded page in ``text``; article extraction happens later
(:func:`whimbrel.extract.html.extract_html`). The character set is found the way the
WHATWG HTML standard's encoding sniffing orders it: a byte-order mark, then the transport
(HTTP ``Content-Type`` charset, when the caller has one, e.g. from a WARC record), then a
``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in the first 4096 bytes, then
UTF-8 if the bytes are valid UTF-8, then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from whimbrel import errors
from whimbrel.model import Origin, RawDocument, Rejection

#: Bytes of the page searched for a ``<meta>`` charset (the standard says 1024; pages in the
#: wild put it later, after long ``<script>`` blocks, so we look a little further).
META_PRESCAN_BYTES = 4096

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']([^"'\s>]+)""",
    re.IGNORECASE,
)
_OG_URL = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:url["'])[^>]*\bcontent\s*=\s*["']([^"'\s>]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_html(path: str | Path) -> Iterator[RawDocument | Rejection]:
    """Read one HTML file (``.html``, ``.htm``, ``.html.gz``) as a RawDocument.

    ``url`` is the page's canonical URL (``<link rel="canonical">`` or ``og:url``) when it
    names one, else ``None``; ``encoding`` the character set used to decode it. Yields a
    :class:`Rejection` instead — W101 unreadable (missing file, bad gzip), W102 binary, W103
    empty, W104 encoding — and never raises for bad input.
    """
    path = Path(path)
    origin = Origin(str(path))
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz" or data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        yield _reject(origin, errors.W101, f"cannot read {path}: {exc}")
        return
    yield html_document(data, origin)


def html_document(data: bytes, origin: Origin, source: str | None = None) -> RawDocument | Rejection:
    """The bytes of one (decompressed) HTML page as a RawDocument, or a W102/W103/W104
    :class:`Rejection`. ``source`` names the outlet when the caller knows it."""
    if not data.strip():
        return _reject(origin, errors.W103, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _reject(origin, errors.W102, "the file has NUL bytes; it is not an HTML page")
    try:
        text, encoding = decode_html(data)
    except UnicodeDecodeError as exc:
        return _reject(origin, errors.W104, f"cannot decode the page: {exc}")
    return RawDocument(
        origin=origin, format="html", text=text, url=canonical_url(text), encoding=encoding, source=source
    )


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: ``(text, encoding)``.

    Order (WHATWG encoding sniffing): BOM, ``http_charset`` (the transport's
    ``Content-Type`` charset), ``<meta>`` charset in the first :data:`META_PRESCAN_BYTES`
    bytes, UTF-8 when valid, charset-normalizer's best guess, else UTF-8 with replacement
    characters. A declared charset that Python does not know or that fails on the bytes is
    skipped (pages often lie). ``encoding`` is the Python codec name used. Raises
    ``UnicodeDecodeError`` only if no codec at all fits, which the last step prevents.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    declared = []
    if http_charset:
        declared.append(http_charset)
    m = _META_CHARSET.search(data[:META_PRESCAN_BYTES])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    for name in declared:
        enc = _codec(name)
        if enc is None:
            continue
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


def canonical_url(html: str) -> str | None:
    """The page's own URL as its ``<head>`` declares it (canonical link, else ``og:url``),
    searched in the first 64 KiB; ``None`` when absent or not absolute http(s)."""
    head = html[:65536]
    for pattern in (_CANONICAL, _OG_URL):
        m = pattern.search(head)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1)
    return None


def _codec(name: str) -> str | None:
    """Python codec for a declared charset; WHATWG maps latin-1/ascii labels to cp1252."""
    try:
        enc = codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None
    if enc in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return enc


def _reject(origin: Origin, code: errors.Code, detail: str) -> Rejection:
    return Rejection(origin=origin, code=code.code, reason=code.reason, detail=detail)
