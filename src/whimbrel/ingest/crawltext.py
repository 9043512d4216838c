"""Crawl-text pages: a header line `` date YYYY-MM-DD <source>`` then the page's visible text.

This is the format a crawler leaves when it saves a page's rendered text: site navigation,
related-story lists and footers are still in it; :mod:`whimbrel.extract.boilerplate` finds
the article.
"""

from __future__ import annotations

import re

from whimbrel import errors
from whimbrel.model import Origin, RawDocument, Rejection

#: The header line: optional leading space, ``date``, an ISO date, then the source name.
HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*?)\s*$")


def is_crawl_text(text: str) -> bool:
    """True when the first line of ``text`` is a crawl-text header."""
    first = text.split("\n", 1)[0]
    return HEADER.match(first) is not None


def parse_crawl_text(text: str, origin: Origin, encoding: str = "utf-8") -> RawDocument | Rejection:
    """Split a decoded crawl-text page into header fields and page text.

    Returns a :class:`RawDocument` with ``source`` and ``published`` (``YYYY-MM-DD``) from
    the header, or a W105 :class:`Rejection` when the first line is not a header.
    """
    first, _, rest = text.partition("\n")
    m = HEADER.match(first)
    if m is None:
        return Rejection(
            origin=origin,
            code=errors.W105.code,
            reason=errors.W105.reason,
            detail=f"first line is not ' date YYYY-MM-DD <source>': {first[:60]!r}",
        )
    if not rest.strip():
        return Rejection(origin=origin, code=errors.W103.code, reason=errors.W103.reason,
                         detail="the page has a header but no text")
    from whimbrel.dates import valid_iso

    published = m.group(1) if valid_iso(m.group(1)) else None
    return RawDocument(
        origin=origin,
        format="crawl-text",
        text=rest,
        source=m.group(2),
        published=published,
        encoding=encoding,
        warnings=() if published else (f"date: the header date {m.group(1)!r} is not a calendar date",),
    )
