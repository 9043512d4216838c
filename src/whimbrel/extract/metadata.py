"""Article metadata found in page text: byline, publication date-time, dateline, credit.

Patterns follow the shapes news sites and wire services use:

* bylines — ``By Jane Doe``, ``Jane Doe | Reuters``, ``Sumaira FH Published May 05, 2023 |
  08:30 AM``, ``Published: 4 May 2023 10:12 BST``, ``Updated May 4, 2023``;
* datelines — an upper-case place opening the first paragraph, optionally followed by a
  date and a parenthetical wire credit and a dash: ``BEIJING (UrduPoint News / Sputnik -
  05th May, 2023)``, ``WASHINGTON, May 4 (Reuters) -``, ``KYIV, Ukraine (AP) —``,
  ``LONDON —``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

#: "Published", "Updated", "Posted", "Last updated", "First published" with optional colon.
_STAMP_WORD = r"(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?"

_BYLINE_STAMP = re.compile(rf"^(?P<author>.*?)\s*\b{_STAMP_WORD}\s+(?P<date>.+)$", re.I)
_BYLINE_BY = re.compile(
    r"^by\s*:?\s+(?P<author>[^|•·/\n]{2,80}?)\s*(?:(?:[|•·,/]|\s[-–—]\s|\bon\b|(?=(?:" + _MONTHS
    + r")\.?\s+\d)|(?=\d))\s*(?P<rest>.*))?$", re.I)
#: "Chris Davies - Nov 19, 2019, 10:31 pm CST", "LinkNaija October 06, 2018": a name, an
#: optional separator, then a date that :func:`parse_datetime` reads.
_BYLINE_NAME_DATE = re.compile(
    r"^(?P<author>(?!(?i:" + _MONTHS + r"|mon|tue|wed|thu|fri|sat|sun)\w*\b)[A-Z][\w.'’-]*"
    r"(?:\s+(?!(?i:" + _MONTHS + r"|mon|tue|wed|thu|fri|sat|sun)\w*\b)[A-Z][\w.'’-]*){0,3})"
    r"\s*(?:[-–—|/•·,]\s*)?(?P<date>.*\d.*)$")
_DATE_LIKE = re.compile(
    rf"(\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)",
    re.I,
)

#: Words that may stand in an upper-case dateline place ("NEW YORK", "ST. PETERSBURG").
_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})?)"
    rf"(?:,\s*(?P<date>(?i:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"(?:\s*,?\s*\((?P<credit>[^()]{1,120})\)\s*(?:[-–—:]+\s*)?|\s+[-–—]+\s+)"
)


@dataclass(frozen=True)
class Byline:
    """What a byline line says: ``author`` (``None`` when it names none) and ``published``
    (ISO 8601 date or date-time, ``None`` when it gives none)."""

    author: str | None
    published: str | None


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a paragraph: ``place`` as printed, ``credit`` (wire
    agencies named in its parenthetical, in order), ``end`` (character offset where the
    article text proper begins)."""

    place: str
    credit: tuple[str, ...]
    end: int


def parse_datetime(text: str) -> str | None:
    """A date or date-time in ``text`` as ISO 8601: ``"May 05, 2023 | 08:30 AM"`` →
    ``"2023-05-05T08:30"``, ``"4 May 2023"`` → ``"2023-05-04"``. ``None`` if no full date
    (day, month and year) is found. Uses dateparser (English only) after removing
    separators such as ``|`` and ``•``."""
    import dateparser  # imported here: it takes ~0.3 s to import

    cleaned = re.sub(r"[|•·]", " ", text)
    cleaned = re.sub(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?",
                     r"\1 \2", cleaned)
    short = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2})\b(?!/)", cleaned)
    if short:  # US month/day/2-digit year: "11/19/19"
        cleaned = cleaned.replace(short.group(0), f"{short.group(1)}/{short.group(2)}/20{short.group(3)}", 1)
    cleaned = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,-")
    has_time = re.search(r"\b\d{1,2}:\d{2}(?!\d)", cleaned) is not None
    if not re.search(r"\b\d{4}\b", cleaned) or not _DATE_LIKE.search(cleaned):
        return None
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    if parsed is None:
        m = re.search(rf"(\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
                      r"|\d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2})?)", cleaned, re.I)
        if m is None:
            return None
        parsed = dateparser.parse(m.group(1), languages=["en"])
        if parsed is None:
            return None
        has_time = ":" in m.group(1)
    return _iso(parsed, has_time)


def _iso(value: datetime, with_time: bool) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if with_time else value.strftime("%Y-%m-%d")


def parse_byline(line: str) -> Byline | None:
    """Parse a byline/date-stamp line, or ``None`` when ``line`` is not one.

    >>> parse_byline("Sumaira FH Published May 05, 2023 | 08:30 AM")
    Byline(author='Sumaira FH', published='2023-05-05T08:30')
    """
    line = line.strip()
    if not line or len(line) > 160:
        return None
    m = _BYLINE_STAMP.match(line)
    if m:
        date_text, author_text = m.group("date"), m.group("author")
        tail = re.split(r"\s+by\s+", date_text, maxsplit=1, flags=re.I)
        lead = re.match(r"by\s+(.+?)\s+on\s+(.*\d.*)$", date_text, flags=re.I)
        if lead and not author_text.strip():  # "Posted by Michael David Smith on November 19, 2019"
            author_text, date_text = lead.group(1), lead.group(2)
        elif len(tail) == 2 and not author_text.strip():  # "Posted on January 4, 2019 by Anna Petrova"
            date_text, author_text = tail
        published = parse_datetime(date_text)
        author = _clean_author(author_text)
        if published or author:
            return Byline(author, published)
    m = _BYLINE_BY.match(line)
    if m and _looks_like_name(m.group("author")):
        rest = m.group("rest") or ""
        return Byline(_clean_author(m.group("author")), parse_datetime(rest) if rest else None)
    m = _BYLINE_NAME_DATE.match(line)
    if m and len(line.split()) <= 12 and _DATE_LIKE.search(m.group("date")):
        date_text = m.group("date")
        if _DATE_LIKE.match(date_text.strip()) or re.match(r"\w{3,9}\.?\s+\d|\d", date_text.strip()):
            published = parse_datetime(date_text)
            author = _clean_author(m.group("author"))
            if published and author and not _DATE_LIKE.search(m.group("author")):
                return Byline(author, published)
    return None


def _clean_author(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^by\s+", "", text.strip(" |•·,-"), flags=re.I).strip()
    return text if text and _looks_like_name(text) else None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    if any(ch.isdigit() for ch in text):
        return False
    return all(w[0].isupper() or w.lower() in {"and", "de", "van", "von", "al", "bin", "la", "le", "da"}
               for w in words)


def split_credit(text: str) -> tuple[str, ...]:
    """Wire credits in a dateline parenthetical: ``"UrduPoint News / Sputnik - 05th May,
    2023"`` → ``("UrduPoint News", "Sputnik")``; ``"Reuters"`` → ``("Reuters",)``.
    A trailing date (after `` - ``) is dropped; names are split on ``/``, ``,``, ``and``."""
    parts = re.split(r"\s+[-–—]\s+", text, maxsplit=1)
    head = parts[0]
    if _DATE_LIKE.search(head) and len(parts) == 1:
        return ()
    names = [n.strip(" .") for n in re.split(r"\s*/\s*|\s*,\s*|\s+and\s+|\s*;\s*", head)]
    return tuple(n for n in names if n and not _DATE_LIKE.search(n))


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or ``None``.

    A dateline needs an upper-case place of at least three letters and after it a wire
    credit in parentheses, a dash, or a colon, followed by running text.
    """
    m = _DATELINE.match(paragraph)
    if m is None:
        return None
    place = m.group("place")
    head = place.split(",")[0]
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return None
    rest = paragraph[m.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“‘'"):
        return None
    credit = split_credit(m.group("credit")) if m.group("credit") else ()
    return Dateline(place=place.strip(), credit=credit, end=m.end())
