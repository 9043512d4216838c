"""Reader for WARC archives (ISO 28500; Common Crawl CC-NEWS, Internet Archive): the HTML
pages in their ``response`` (and ``resource``) records.

Parsing is FastWARC's (``fastwarc`` 2.x). Plain and gzip-compressed files (one gzip member
per record, or one for the whole file) are both read; the compression is detected from the
bytes, not the name.

For each record:

* ``warcinfo``, ``request``, ``metadata``, ``revisit`` and ``conversion`` records hold no page;
  they are passed over and counted in :attr:`WarcReader.counts` (not rejected);
* a ``response``/``resource`` record whose HTTP ``Content-Type`` (or, when absent, whose
  first bytes) is HTML becomes a :class:`RawDocument` with ``format="html"``, ``url`` =
  ``WARC-Target-URI``, ``doc_id`` = ``WARC-Record-ID``, ``encoding`` from the HTTP charset,
  the ``<meta>`` charset or detection (:func:`whimbrel.ingest.html.decode_html`), and
  ``published`` = the crawl date (``WARC-Date``, UTC, ``YYYY-MM-DDTHH:MM``). The crawl date
  is only an upper bound of the publication date: :func:`whimbrel.extract.html.extract_html`
  replaces it with the date the page itself gives (htmldate, with the crawl date as
  ``max_date``) and keeps it only when the page has none;
* otherwise the record becomes a :class:`Rejection` with a counted reason: non-HTML
  (:data:`NOT_HTML`), truncated (``WARC-Truncated`` header, or fewer payload bytes than the
  record declares: :data:`TRUNCATED`), an HTTP status other than 2xx (:data:`HTTP_STATUS`),
  a ``WARC-Block-Digest`` that does not match (W108 bad-record), an empty payload (W103).

A malformed record (a header that does not parse, a broken gzip member) makes FastWARC
stop; the reader then rejects it (W108 bad-record, with the byte offset) and resumes at the
next record boundary it can find (``WARC/1.x`` line, or gzip member header), so one bad
record does not lose the rest of the file.
"""

from __future__ import annotations

import mmap
from collections import Counter
from collections.abc import Iterator
from datetime import timezone
from pathlib import Path

from whimbrel import errors
from whimbrel.ingest.inflate import TooLarge
from whimbrel.ingest.html import decode_html
from whimbrel.model import Origin, RawDocument, Rejection

NOT_HTML = errors.W114
TRUNCATED = errors.W115
HTTP_STATUS = errors.W116

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_PAGE_TYPES = ("response", "resource")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = (b"WARC/1.0\r\n", b"WARC/1.1\r\n")


def read_warc(path: str | Path) -> Iterator[RawDocument | Rejection]:
    """RawDocuments (HTML pages) and Rejections (skipped records) of one WARC file, in file
    order. See :class:`WarcReader` for counts; never raises for bad records (a file that
    cannot be opened yields one W101 Rejection)."""
    return iter(WarcReader(path))


class WarcReader:
    """Iterate a WARC file; :attr:`counts` (a Counter) says afterwards what was seen:
    ``"html"`` pages, ``"skipped:<type>"`` records without a page, and one key per rejection
    reason (``"not-html"``, ``"truncated-record"``, ``"bad-record"`` …).

    ``max_payload_bytes``: a page larger than this (bytes, after HTTP decoding) is rejected
    (W109 unsupported-format, with the size in the detail); news pages are far below the
    default 20 MB.
    """

    def __init__(self, path: str | Path, *, max_payload_bytes: int = 20_000_000) -> None:
        self.path = Path(path)
        self.max_payload_bytes = max_payload_bytes
        self.counts: Counter[str] = Counter()
        self._header_broken = False

    def __iter__(self) -> Iterator[RawDocument | Rejection]:
        n = 0
        for item in self._iter():
            n += 1
            yield item
        if n == 0:  # an empty (or only-metadata) archive still leaves a row in rejects
            skipped = ", ".join(f"{k[8:]} {v}" for k, v in sorted(self.counts.items()) if k.startswith("skipped:"))
            yield self._reject(Origin(str(self.path)), errors.W103,
                               "the WARC file holds no page record" + (f" (only {skipped})" if skipped else ""))

    def _iter(self) -> Iterator[RawDocument | Rejection]:
        from fastwarc.warc import ArchiveIterator

        try:
            f = self.path.open("rb")
        except OSError as exc:
            yield self._reject(Origin(str(self.path)), errors.W101, f"cannot open {self.path}: {exc}")
            return
        with f:
            try:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # empty file
                yield self._reject(Origin(str(self.path)), errors.W103, "the WARC file is empty")
                return
            with mm:
                gz = mm[:3] == _GZIP_MAGIC
                start = 0
                ordinal = 0
                in_bad_region = False  # between a malformed record and the next good one
                while True:
                    f.seek(start)
                    last = start - 1  # stream position of the last record read from here
                    try:
                        for rec in ArchiveIterator(f, parse_http=False, auto_decode="none"):
                            last = rec.stream_pos
                            origin = Origin(str(self.path), ordinal)
                            ordinal += 1
                            out = self._record(rec, origin)
                            # a record whose header is broken already speaks for its region
                            in_bad_region = self._header_broken
                            if out is not None:
                                yield out
                        break
                    except OSError as exc:
                        if not in_bad_region:  # one malformed region is one rejection
                            origin = Origin(str(self.path), ordinal)
                            ordinal += 1
                            yield self._reject(
                                origin,
                                errors.W108,
                                f"malformed WARC record after byte {max(last, start)}: {exc}",
                            )
                        in_bad_region = True
                        nxt = _next_boundary(mm, max(last, start) + 1, gz)
                        if nxt is None:
                            break
                        start = nxt

    # -- one record ------------------------------------------------------------------
    def _record(self, rec, origin: Origin) -> RawDocument | Rejection | None:
        rtype = rec.headers.get("WARC-Type")
        self._header_broken = not rtype or not rec.headers.get("WARC-Record-ID")
        if self._header_broken:
            return self._reject(origin, errors.W108, f"WARC record at byte {rec.stream_pos} lacks WARC-Type or WARC-Record-ID")
        if rtype not in _PAGE_TYPES:
            self.counts[f"skipped:{rtype}"] += 1
            return None
        uri = rec.headers.get("WARC-Target-URI")
        declared = rec.content_length
        block = rec.reader.read()
        where = f"record {rec.headers.get('WARC-Record-ID') or origin.row} ({uri})"
        if rec.headers.get("WARC-Truncated"):
            return self._reject(
                origin, TRUNCATED, f"{where}: truncated by the crawler (WARC-Truncated: {rec.headers.get('WARC-Truncated')})"
            )
        if len(block) < declared:
            return self._reject(origin, TRUNCATED, f"{where}: {len(block)} of {declared} bytes; the file ends inside it")
        digest = rec.headers.get("WARC-Block-Digest")
        if digest and not _digest_ok(digest, block):
            return self._reject(origin, errors.W108, f"{where}: WARC-Block-Digest does not match the content")
        http_charset = None
        content_type = None
        if rtype == "response" and block[:5] == b"HTTP/":
            head, sep, payload = block.partition(b"\r\n\r\n")
            if not sep:
                head, sep, payload = block.partition(b"\n\n")
            status, headers = _parse_http_head(head)
            if status is None:
                return self._reject(origin, errors.W108, f"{where}: the HTTP status line does not parse")
            if not 200 <= status < 300:
                return self._reject(origin, HTTP_STATUS, f"{where}: HTTP status {status}")
            content_type, http_charset = _content_type(headers.get("content-type"))
            try:
                payload = _decode_transfer(payload, headers, self.max_payload_bytes)
            except TooLarge as exc:
                return self._reject(origin, errors.W120, f"{where}: the HTTP body {exc}")
            except (OSError, ValueError, EOFError) as exc:
                return self._reject(origin, errors.W108, f"{where}: cannot undo HTTP encoding: {exc}")
        else:
            payload = block
            content_type, http_charset = _content_type(rec.headers.get("Content-Type"))
        if not payload.strip():
            return self._reject(origin, errors.W103, f"{where}: empty payload")
        if not _is_html(content_type, payload):
            return self._reject(origin, NOT_HTML, f"{where}: content type {content_type or 'unknown'}")
        if len(payload) > self.max_payload_bytes:
            return self._reject(
                origin, errors.W109, f"{where}: page of {len(payload)} bytes is over the {self.max_payload_bytes} byte limit"
            )
        text, encoding = decode_html(payload, http_charset)
        self.counts["html"] += 1
        return RawDocument(
            origin=origin,
            format="html",
            text=text,
            url=uri,
            published=_warc_date(rec),
            doc_id=(rec.headers.get("WARC-Record-ID") or "").strip("<>") or None,
            encoding=encoding,
        )

    def _reject(self, origin: Origin, code: errors.Code, detail: str) -> Rejection:
        self.counts[code.reason] += 1
        return Rejection(origin=origin, code=code.code, reason=code.reason, detail=detail)


def _next_boundary(mm: mmap.mmap, pos: int, gz: bool) -> int | None:
    """Offset of the next record start at or after ``pos`` (gzip member or WARC/1.x line)."""
    if gz:
        i = mm.find(_GZIP_MAGIC, pos)
        return None if i < 0 else i
    hits = [i for i in (mm.find(m, pos) for m in _WARC_MAGIC) if i >= 0]
    return min(hits) if hits else None


def _digest_ok(digest: str, block: bytes) -> bool:
    """Check a ``WARC-Block-Digest`` (``sha1:`` base32 or hex, ``sha256:``, ``md5:``);
    an algorithm we do not know counts as matching."""
    import base64
    import hashlib

    algo, _, value = digest.partition(":")
    algo = algo.strip().lower().replace("-", "")
    if algo not in ("sha1", "sha256", "md5"):
        return True
    h = hashlib.new(algo, block).digest()
    value = value.strip()
    if value.lower() == h.hex():
        return True
    try:
        return base64.b32decode(value.upper() + "=" * (-len(value) % 8)) == h
    except ValueError:
        return False


def _parse_http_head(head: bytes) -> tuple[int | None, dict[str, str]]:
    lines = head.decode("latin-1").splitlines()
    if not lines:
        return None, {}
    parts = lines[0].split(None, 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError):
        return None, {}
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return status, headers


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` of a Content-Type header value."""
    if not value:
        return None, None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            charset = v.strip().strip("'\"")
    return parts[0].lower() or None, charset


def _decode_transfer(payload: bytes, headers: dict[str, str], limit: int = 1 << 62) -> bytes:
    """Undo ``Transfer-Encoding: chunked`` and ``Content-Encoding: gzip/deflate/br`` as the
    crawler stored them (Common Crawl stores decoded payloads; wget and Heritrix do not)."""
    from whimbrel.ingest.inflate import MAX_INFLATED_BYTES, gunzip, inflate, unbrotli

    if "chunked" in headers.get("transfer-encoding", "").lower():
        payload = _dechunk(payload)
    ce = headers.get("content-encoding", "").lower().strip()
    limit = min(limit, MAX_INFLATED_BYTES)
    if ce in ("gzip", "x-gzip"):
        if payload[:2] == b"\x1f\x8b":
            payload = gunzip(payload, limit)
    elif ce == "deflate":
        payload = inflate(payload, limit)
    elif ce == "br":
        payload = unbrotli(payload, limit)
    return payload


def _dechunk(data: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(data):
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            break
        size_field = data[pos:eol].split(b";")[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            return data  # not actually chunked: keep as stored
        if size == 0:
            break
        out += data[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def _is_html(content_type: str | None, payload: bytes) -> bool:
    if content_type:
        if content_type in _HTML_TYPES:
            return True
        if not content_type.startswith(("text/plain", "application/octet-stream", "unknown")):
            return False
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _warc_date(rec) -> str | None:
    d = rec.record_date
    if d is None:
        raw = rec.headers.get("WARC-Date")
        return raw[:16] if raw and len(raw) >= 16 else raw
    if d.tzinfo is not None:
        d = d.astimezone(timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M")
