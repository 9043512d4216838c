"""CSV and JSONL exports: one article per row.

Columns (design.md): ``text`` (required), ``title``, ``date`` (publication date, ISO 8601),
``url``, ``source``, ``id``. Other columns are ignored. ``published_at``/``published`` and
``body``/``content`` are accepted as aliases because common exports use them.
A row without text becomes a W103 rejection; an unparsable JSONL line a W108 one; a file
without a text column a single W105 rejection. Row numbers are 0-based data rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from whimbrel import errors
from whimbrel.model import Origin, RawDocument, Rejection

ALIASES = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publication_date", "pubdate"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "outlet", "publisher", "site"),
    "id": ("id", "doc_id", "article_id"),
}

#: Largest CSV field, in characters (csv's own default is 131,072, too small for articles).
MAX_FIELD_CHARS = 10_000_000
#: Largest JSONL line / CSV record, in characters; a longer one is rejected (W106) alone.
MAX_RECORD_CHARS = 20_000_000


def _pick(row: dict[str, Any], field: str) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in ALIASES[field]:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def source_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (``"en.wikinews.org"``), or ``None``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def row_to_document(
    row: dict[str, Any], origin: Origin, fmt: str, source: str | None = None
) -> RawDocument | Rejection:
    """One CSV row or JSONL object → :class:`RawDocument`, or W103 when it has no text.

    ``source`` overrides the row's own source column (for ``--source``).
    """
    text = _pick(row, "text")
    if text is None:
        return Rejection(origin=origin, code=errors.W103.code, reason=errors.W103.reason,
                         detail="the row has no text")
    url = _pick(row, "url")
    return RawDocument(
        origin=origin,
        format=fmt,  # type: ignore[arg-type]
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        source=source or _pick(row, "source") or source_from_url(url),
        url=url,
        title=_pick(row, "title"),
        published=_pick(row, "date"),
        doc_id=_pick(row, "id"),
    )


def _missing_text(origin: Origin, columns: list[str]) -> Rejection:
    shown = [c if len(c) <= 40 else c[:37] + "..." for c in map(str, columns[:12])]
    more = f" and {len(columns) - 12} more" if len(columns) > 12 else ""
    return Rejection(origin=origin, code=errors.W105.code, reason=errors.W105.reason,
                     detail=f"no 'text' column; columns are {shown}{more}")


def read_csv_text(text: str, path: str, source: str | None = None) -> Iterator[RawDocument | Rejection]:
    """Rows of a decoded CSV file (header line first)."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if not any(c in ALIASES["text"] for c in columns):
        yield _missing_text(Origin(path), list(reader.fieldnames or []))
        return
    row_no = 0
    while True:
        origin = Origin(path, row_no)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(origin=origin, code=errors.W108.code, reason=errors.W108.reason,
                            detail=f"CSV error: {exc}")
            return
        yield row_to_document(row, origin, "csv", source)
        row_no += 1


def read_jsonl_text(text: str, path: str, source: str | None = None) -> Iterator[RawDocument | Rejection]:
    """Objects of a decoded JSONL file, one per non-blank line."""
    row_no = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        origin = Origin(path, row_no)
        row_no += 1
        if len(line) > MAX_RECORD_CHARS:
            yield Rejection(origin=origin, code=errors.W106.code, reason=errors.W106.reason,
                            detail=f"the record has {len(line):,} characters, over {MAX_RECORD_CHARS:,}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(origin=origin, code=errors.W108.code, reason=errors.W108.reason,
                            detail=f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield Rejection(origin=origin, code=errors.W108.code, reason=errors.W108.reason,
                            detail=f"a JSON {type(obj).__name__}, not an object")
            continue
        if _pick(obj, "text") is None and not any(k.lower() in ALIASES["text"] for k in obj):
            yield _missing_text(origin, list(obj))
            continue
        yield row_to_document(obj, origin, "jsonl", source)
