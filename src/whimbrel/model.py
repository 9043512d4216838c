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
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

InputFormat = Literal["crawl-text", "text", "csv", "jsonl", "html", "warc"]


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with every lone surrogate (``"\\ud83d"`` from JSON, an undecodable byte of
    a file name) replaced by U+FFFD, one character for one, so offsets stay valid and the
    text can be encoded as UTF-8 (by the store, the terminal, a JSON writer)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def display_path(path: str) -> str:
    """A file name as text that encodes: the bytes of a name that is not UTF-8 (which
    Python keeps as surrogate escapes) are shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return scrub(path)


@dataclass(frozen=True)
class Origin:
    """Where a document came from: ``path`` (``"-"`` for stdin) and, for tabular input,
    the 0-based data ``row`` (CSV rows after the header, JSONL lines)."""

    path: str
    row: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", display_path(self.path))

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
    #: problems that did not stop the document (``"date: cannot read '...' as a date"``);
    #: the pipeline reports each as a W124 warning row beside the stored article
    warnings: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class Actor(Span):
    """An actor mention resolved to a CAMEO-style code.

    ``name`` is the resolved full name ("Qin Gang"), ``code`` is ``"COUNTRY ROLE"``
    (``"CHN GOV"``, ``"IGO"`` alone for an international organisation, ``"--- MED"`` when no
    country applies), ``country`` an ISO 3166-1 alpha-3 code or ``"IGO"`` or ``None``,
    ``role`` a CAMEO role code (GOV, MIL, COP, JUD, LEG, OPP, PTY, REB, INS, SEP, SPY, CVL,
    BUS, MED, NGO, IGO, EDU, HLH, REL, LAB, CRM, REF, UAF, UNK) or ``None``, ``title`` the
    title the text gives a person ("Foreign Minister"). ``kind`` is ``"person"``, ``"org"``,
    ``"state"`` (a country or capital standing for its government) or ``"agent"``
    (a common-noun actor such as "police"). ``antecedent`` is the ``[start, end)`` of the
    mention this one was linked to by coreference, if any.
    """

    name: str = ""
    code: str | None = None
    country: str | None = None
    role: str | None = None
    title: str | None = None
    kind: str = "person"
    antecedent: tuple[int, int] | None = None
    producer: str = ""


@dataclass(frozen=True)
class Quote(Span):
    """Reported speech. ``[start, end)`` covers the content (between the quotation marks for
    a direct quote; the reported clause without "that" for an indirect one).

    ``kind`` is ``"direct"``, ``"indirect"`` or ``"mixed"``; ``cue`` the reporting
    expression ("said", "quoted Qin as saying", "according to") at ``cue_start``–``cue_end``;
    ``speaker`` the resolved name, ``speaker_code`` its actor code, ``speaker_start``/
    ``speaker_end`` the speaker mention tied to the cue (``None`` when unknown).
    """

    kind: str = "direct"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_code: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    producer: str = ""


@dataclass(frozen=True)
class EventArgument(Span):
    """The source or target of an event: the mention span, resolved name and actor code."""

    name: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Location:
    """Where an event happened: the place text and its ISO 3166-1 alpha-3 country."""

    text: str
    country: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Place(Span):
    """A toponym resolved to a gazetteer place (GDELT-style geography).

    ``geonameid`` is the GeoNames id (``None`` for a curated place without one), ``name`` the
    gazetteer name, ``fullname`` the GDELT-style full name ("Paris, Texas, United States"),
    ``feature_class``/``feature_code`` GeoNames' (``P``/``PPL`` a city, ``A``/``PCLI`` a
    country, ``A``/``ADM1`` a state or province, ``H`` water), ``geo_type`` GDELT's (1 country,
    2 US state, 3 US city, 4 world city, 5 world state), ``country`` ISO 3166-1 alpha-3 and
    ``fips`` its FIPS 10-4 code, ``adm1`` the GDELT-style ADM1 code ("USTX"), ``lat``/``lon``
    WGS84 degrees. ``kind`` is ``"dateline"`` or ``"mention"``; ``rule`` says how it was
    resolved and ``score`` the winning candidate's score. ``stands_for`` is ``"government"``
    when an actor mention covers it ("Washington said").
    """

    geonameid: int | None = None
    name: str = ""
    fullname: str = ""
    feature_class: str = ""
    feature_code: str = ""
    geo_type: int | None = None
    country: str | None = None
    fips: str | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = "mention"
    stands_for: str | None = None
    rule: str = ""
    score: float = 0.0
    producer: str = ""


@dataclass(frozen=True)
class Geo:
    """A GDELT-style geography of an event or actor (ActionGeo, Actor1Geo, Actor2Geo):
    ``type`` (1 country, 2 US state, 3 US city, 4 world city, 5 world state), ``fullname``,
    ``country`` (ISO 3166-1 alpha-3), ``fips`` (FIPS 10-4), ``adm1``, ``lat``, ``lon``,
    ``feature_id`` (GeoNames id), and ``start``/``end`` of the text it was read from
    (``None`` when it came from an actor code)."""

    type: int | None = None
    fullname: str | None = None
    country: str | None = None
    fips: str | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_id: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Event:
    """One coded event (PLOVER type and mode, CAMEO code) with its dyad and evidence.

    ``cameo`` is a 3–4 digit CAMEO code string ("044"), ``cameo_root`` its first two digits,
    ``quad_class`` 1–4 (verbal coop., material coop., verbal conflict, material conflict),
    ``goldstein`` the Goldstein (1992) score −10…+10 from the CAMEO tables. ``date`` is
    ISO 8601 at the precision of the governing timex; ``date_basis`` is ``"text"`` or
    ``"dct"``. ``evidence`` is the supporting span, ``sentence`` the sentence it is in,
    ``cue`` the trigger word(s), ``rule`` why it was coded, ``producer`` component/version.
    ``action_geo`` is where it happened (GDELT ActionGeo), ``location_basis`` how that was
    found (``"clause"``, ``"sentence"``, ``"episode"``, ``"dateline"``; ``None`` when no
    place was found); ``source_geo``/``target_geo`` are the actors' places (Actor1Geo,
    Actor2Geo).
    """

    plover: str
    evidence: Span
    sentence: Sentence
    mode: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source: EventArgument | None = None
    target: EventArgument | None = None
    date: str | None = None
    date_basis: str = "dct"
    location: Location | None = None
    cue: str | None = None
    rule: str | None = None
    confidence: float = 0.5
    producer: str = ""
    action_geo: Geo | None = None
    location_basis: str | None = None
    source_geo: Geo | None = None
    target_geo: Geo | None = None


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
    places: tuple[Any, ...] = ()
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
            "places": spans(self.places),
            "events": spans(self.events),
            "origin": str(self.origin) if self.origin else None,
            "rejected": None,
        }
