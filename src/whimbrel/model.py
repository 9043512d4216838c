"""Core record types of whimbrel.

Every span type carries ``start`` and ``end``: ``[start, end)`` character offsets into
:attr:`Article.body` (Python ``str`` indices, i.e. Unicode code points, not bytes).
All types are frozen dataclasses; a pipeline stage returns a new :class:`Article` made
with :func:`dataclasses.replace` instead of mutating one.

Dates are ISO 8601 strings (``"2023-05-05"``, ``"2023-05-05T08:30"``) so that records
round-trip through JSON and DuckDB unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

InputFormat = Literal["crawl-text", "text", "csv", "jsonl", "html", "warc"]


@dataclass(frozen=True)
class Origin:
    """Where a document came from: ``path`` (``"-"`` for stdin) and, for tabular input,
    the 0-based data ``row`` (CSV rows after the header, JSONL lines)."""

    path: str
    row: int | None = None

    def __str__(self) -> str:
        return self.path if self.row is None else f"{self.path}#row={self.row}"


@dataclass(frozen=True)
class RawDocument:
    """A document as a reader hands it on, before article extraction.

    ``text`` is the decoded content (``str``); the other fields are what the container
    says about it (the crawl-text header, CSV/JSONL columns). ``published`` is ISO 8601 or
    ``None``; ``format`` names the reader that produced it.
    """

    origin: Origin
    format: InputFormat
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    doc_id: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Rejection:
    """A document (or part of one) that could not be processed, kept as data.

    ``code`` is a warning code from :mod:`whimbrel.errors` (``"W103"``), ``reason`` its
    short machine name (``"empty"``), ``detail`` a human sentence saying what was wrong.
    """

    origin: Origin
    code: str
    reason: str
    detail: str
    stage: str = "ingest"

    @property
    def id(self) -> str:
        """Stable hex id: the same bad input rejected twice gets the same id."""
        key = f"{self.origin}\x1f{self.code}\x1f{self.detail}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Span:
    """A ``[start, end)`` character range of the body and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body: ``[start, end)`` character offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class Entity(Span):
    """A named entity from the NLP model; ``label`` is the spaCy/OntoNotes label
    (``PERSON``, ``ORG``, ``GPE``, ``NORP``, ``LOC``, ``DATE`` …)."""

    label: str = ""


@dataclass(frozen=True)
class TimeExpression(Span):
    """A TIMEX3-style time expression.

    ``value`` is ISO 8601 at the precision the text gives (``"2023"``, ``"2023-02"``,
    ``"2023-05-04"``, ``"2023-W18"``, ``"2023-05-05T08:30"``) or ``None`` when it cannot be
    placed on a calendar; ``mod`` is ``"START"``, ``"MID"``, ``"END"`` or ``None``;
    ``type`` is the TIMEX3 type (``DATE``, ``TIME``, ``DURATION``, ``SET``).
    """

    value: str | None = None
    mod: str | None = None
    type: str = "DATE"
    producer: str = ""


def article_id(source: str | None, body: str) -> str:
    """Content hash of an article: hex SHA-256 of ``source``, a unit separator and the body.

    The same text from the same source always gets the same id, which is what makes a
    rerun add no rows.
    """
    h = hashlib.sha256()
    h.update((source or "").encode("utf-8"))
    h.update(b"\x1f")
    h.update(body.encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article: body without boilerplate, its metadata and annotation layers.

    ``published`` is the publication date-time (document creation time, DCT) as ISO 8601,
    ``"2023-05-05T08:30"`` or ``"2023-05-05"``. ``paragraphs`` and every layer hold
    ``[start, end)`` offsets into ``body``. Layers a stage has not produced are empty tuples.
    """

    id: str
    body: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    dateline: str | None = None
    credit: tuple[str, ...] = ()
    language: str | None = "en"
    tags: tuple[str, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    origin: Origin | None = None
    #: character offset where the article text proper starts, after the dateline and its
    #: parenthetical ("BEIJING (UrduPoint News / Sputnik - 05th May, 2023) "); 0 if none.
    text_start: int = 0
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()
    actors: tuple[Any, ...] = ()
    quotes: tuple[Any, ...] = ()
    events: tuple[Any, ...] = ()
    producers: tuple[str, ...] = field(default=())

    @property
    def dct(self) -> date | None:
        """The publication date as a :class:`datetime.date`, or ``None`` if unknown."""
        if not self.published:
            return None
        try:
            return date.fromisoformat(self.published[:10])
        except ValueError:
            return None

    def paragraph_texts(self) -> list[str]:
        """The body's paragraphs as strings."""
        return [self.body[s:e] for s, e in self.paragraphs]

    def to_record(self) -> dict[str, Any]:
        """The article record of design.md (``whimbrel extract --format jsonl``)."""
        def spans(items):
            return [asdict(x) for x in items]

        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "dateline": self.dateline,
            "credit": list(self.credit),
            "language": self.language,
            "tags": list(self.tags),
            "body": self.body,
            "paragraphs": [list(p) for p in self.paragraphs],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "entities": spans(self.entities),
            "timexes": spans(self.timexes),
            "actors": spans(self.actors),
            "quotes": spans(self.quotes),
            "events": spans(self.events),
            "origin": str(self.origin) if self.origin else None,
            "rejected": None,
        }
