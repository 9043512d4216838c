"""RawDocument → Article: the article body without boilerplate, and its metadata.

:func:`extract_article` dispatches on the reader's format: crawl-text pages go through
:func:`whimbrel.extract.boilerplate.find_article`; plain text and CSV/JSONL rows are taken
as article text (paragraphs split on blank lines); HTML goes to
:mod:`whimbrel.extract.html` when installed. The body is the paragraphs joined by a blank
line (``"\\n\\n"``); :attr:`Article.paragraphs` gives their offsets.
"""

from __future__ import annotations

import re

from whimbrel import errors
from whimbrel.extract.boilerplate import clean_line, find_article
from whimbrel.dates import parse_date
from whimbrel.extract.metadata import parse_dateline
from whimbrel.model import Article, RawDocument, Rejection, article_id

PARAGRAPH_SEPARATOR = "\n\n"


_MARKUP = re.compile(r"</?(?:p|a|br|div|span|em|strong|i|b|u|ul|ol|li|h[1-6]|blockquote|figure|figcaption|"
                     r"img|table|tr|td|section|article)\b[^<>]*>", re.I)
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|figcaption|tr|section|article)\s*>", re.I)


def strip_markup(text: str) -> str:
    """Text of a CSV/JSONL field that holds HTML markup (``<p>…</p>``, links): block ends
    become paragraph breaks, other tags are dropped. Text without markup is returned as is."""
    if not _MARKUP.search(text):
        return text
    text = _BLOCK_END.sub("\n\n", text)
    return re.sub(r"<[^<>]{0,2000}>", "", text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of clean text: split on blank lines, each trimmed (non-breaking spaces
    included), HTML markup removed and entities decoded; inner line breaks are kept."""
    parts = re.split(r"\n[ \t\u00a0]*\n", strip_markup(text))
    return [p for p in (clean_line(part) for part in parts) if p]


def assemble(paragraphs: list[str] | tuple[str, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join paragraphs into a body and return it with each paragraph's ``[start, end)``."""
    spans = []
    pos = 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), tuple(spans)


def _published(header_date: str | None, byline_date: str | None) -> str | None:
    """The publication date-time: the byline's when it agrees with the container's date
    (same day) or when the container gives none; else the container's."""
    if byline_date and (not header_date or byline_date[:10] == header_date[:10]):
        return byline_date
    if header_date:
        return _normalise_date(header_date)
    return None


def _normalise_date(value: str) -> str | None:
    """A container's date as stored ISO 8601 (:func:`whimbrel.dates.parse_date`), or
    ``None`` when it is not a real date (``2023-99-99``)."""
    return parse_date(value)


def extract_article(raw: RawDocument) -> Article | Rejection:
    """The :class:`Article` in ``raw``, or a W107 :class:`Rejection` when it holds none.

    Raises nothing for bad content; HTML extraction errors become rejections too.
    """
    if raw.format == "html":
        try:
            from whimbrel.extract.html import extract_html
        except ImportError as exc:
            return _reject(raw, errors.W109, f"HTML input needs the HTML extractor ({exc})")
        return extract_html(raw)
    title, author, byline_date, tags = raw.title, None, None, ()
    if raw.format == "crawl-text":
        page = find_article(raw.text)
        paragraphs = list(page.paragraphs)
        title = title or page.title
        if page.byline:
            author, byline_date = page.byline.author, page.byline.published
        tags = page.tags
    else:
        paragraphs = split_paragraphs(raw.text)
        if raw.format == "text" and title is None and len(paragraphs) > 1:
            first = paragraphs[0]
            if "\n" not in first and len(first.split()) <= 25 and not re.search(r"[.!?]$", first):
                title, paragraphs = first, paragraphs[1:]
    if not paragraphs:
        return _reject(raw, errors.W107, "no paragraph of article text was found")
    body, spans = assemble(paragraphs)
    dateline = parse_dateline(paragraphs[0])
    published = _published(raw.published and _normalise_date(raw.published), byline_date)
    return Article(
        id=article_id(raw.source, body),
        body=body,
        source=raw.source,
        url=raw.url,
        title=title,
        author=author,
        published=published,
        dateline=dateline.place if dateline else None,
        credit=dateline.credit if dateline else (),
        language="en",
        tags=tuple(tags),
        paragraphs=spans,
        origin=raw.origin,
        text_start=dateline.end if dateline else 0,
    )


def _reject(raw: RawDocument, code: errors.Code, detail: str) -> Rejection:
    return Rejection(origin=raw.origin, code=code.code, reason=code.reason, detail=detail, stage="extract")
