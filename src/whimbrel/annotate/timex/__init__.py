"""The timex layer: date and time expressions with TIMEX3-style ISO 8601 values.

GDELT and most event data date an event by the day the article appeared; whimbrel dates
it by the text. This layer finds every date/time expression in an article body, with its
``[start, end)`` character offsets and a value at the precision the text gives, anchored on
the publication date (document creation time, DCT). The value format is TIMEX3's (TimeML
1.2.1 annotation guidelines, Pustejovsky et al. 2005; ISO 8601 with TIMEX3's Q/season/
part-of-day extensions). The anchoring rules are in :mod:`whimbrel.annotate.timex.anchor`.

Span policy (matches the project gold, GUIDELINES.md): a leading "on", "in", "since",
"until" or "from" is part of the timex when it stands right before a date, weekday, month
or year ("on Thursday", "In February", "since 2011") or before "the same day"; it is not
when a modifier or determiner comes first ("In late April" → "late April", "in the 1970s"
→ "the 1970s"). A possessive "'s" belongs to the timex ("Monday's"). TimeML excludes both;
:mod:`whimbrel.eval.timeml` strips them before comparing.

Public API: :func:`find_timexes`, :func:`resolve`, :class:`Resolution`,
:func:`governing_timex`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from whimbrel.annotate.timex.anchor import anchor_frame
from whimbrel.annotate.timex.grammar import Candidate, find_candidates
from whimbrel.annotate.timex.govern import governing_timex
from whimbrel.annotate.timex.tense import SentenceIndex, doc_tense, guess_tense
from whimbrel.model import TimeExpression

__all__ = ["PRODUCER", "Resolution", "find_timexes", "resolve", "governing_timex", "TENSES"]

PRODUCER = "timex.rules/1"
TENSES = ("past", "present", "future")

#: how near (characters) a tense marker must be to a month or month-day without a year for
#: the regex guess to use it; farther, the nearest occurrence is taken. Measured on TBAQ:
#: tense markers help weekdays but, guessed by regex from afar, mislead months.
_MONTH_REACH = 15

#: frame kinds whose anchor is the speech time inside a direct quote
_DEICTIC = {"deictic", "relunit", "ago"}


@dataclass(frozen=True)
class Resolution:
    """A resolved time expression: ``value`` (ISO 8601 / TIMEX3, or ``None`` when the
    expression cannot be placed on a calendar without more context), ``mod``
    (``"START"``, ``"MID"``, ``"END"`` or ``None``) and TIMEX3 ``type`` (``"DATE"``,
    ``"TIME"``; ``"DURATION"``/``"SET"`` only in TimeML scope)."""

    value: str | None
    mod: str | None
    type: str


def _as_date(dct: date | datetime | None) -> date | None:
    if isinstance(dct, datetime):
        return dct.date()
    return dct


def resolve(expression: str, dct: date, tense: str = "past") -> Resolution:
    """Resolve one time expression against the publication date ``dct``.

    ``expression`` is the timex text ("on Thursday", "late April", "05th May, 2023");
    ``tense`` the tense of its clause, one of ``"past"``, ``"present"``, ``"future"``.
    Rules (documented in :mod:`whimbrel.annotate.timex.anchor`):

    >>> resolve("on Thursday", date(2023, 5, 5), "past").value
    '2023-05-04'
    >>> resolve("on Friday", date(2023, 5, 3), "future").value
    '2023-05-05'
    >>> resolve("late April", date(2023, 5, 5))
    Resolution(value='2023-04', mod='END', type='DATE')

    Anaphoric expressions ("the same day") have no reference date here and resolve to
    value ``None``. What the rules do not recognise goes to dateparser (English) as a
    fallback ("a fortnight ago"). Raises ``ValueError`` if ``tense`` is not one of :data:`TENSES` or the
    expression contains no time expression; when it holds several, the longest is used.
    """
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    cands = find_candidates(expression, scope="calendar")
    if not cands:
        fallback = _dateparser_fallback(expression, _as_date(dct), tense)
        if fallback is None:
            raise ValueError(f"no time expression in {expression!r}")
        return fallback
    c = max(cands, key=lambda c: c.end - c.start)
    d = _as_date(dct)
    rest = _FILLER.sub(" ", expression[:c.start] + " " + expression[c.end:]).strip()
    if rest:  # the rules saw only part of it ("2023" in "May the 5th, 2023")
        fallback = _dateparser_fallback(expression, d, tense)
        if fallback is not None:
            return fallback
    value, mod, typ = anchor_frame(c.frame, dct=d, anchor=d, ref=None, tense=tense,
                                   dayfirst=_dayfirst(expression, cands))
    return Resolution(value, mod, typ)


def _dateparser_fallback(expression: str, dct: date, tense: str) -> Resolution | None:
    """dateparser (English only: other languages make a call take seconds) for what the
    rules do not know ("a fortnight ago", "May the 5th, 2023"); the precision is
    dateparser's period. Only :func:`resolve` uses it, never :func:`find_timexes`."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day),
                "PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(tense, "current_period"),
                "RETURN_TIME_AS_PERIOD": True}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(expression)
    d, period = data.date_obj, data.period
    if d is None:
        return None
    if period == "time":
        return Resolution(d.strftime("%Y-%m-%dT%H:%M"), None, "TIME")
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(period, "%Y-%m-%d")
    if period == "week":
        y, w, _ = d.isocalendar()
        return Resolution(f"{y:04d}-W{w:02d}", None, "DATE")
    return Resolution(d.strftime(fmt), None, "DATE")


def _dayfirst(text: str, cands: list[Candidate]) -> bool:
    """Locale hint for numeric dates: day-first if an unambiguous numeric date says so
    (first field > 12), else if day-month written dates ("5 May") outnumber month-day
    ones ("May 5"); US month-first otherwise."""
    votes = 0
    for c in cands:
        f = c.frame.f
        if c.frame.kind == "numeric":
            if f["a"] > 12:
                return True
            if f["b"] > 12:
                return False
        elif c.frame.kind == "date" and "day" in f:
            votes += 1 if f.get("dayfirst") else -1
    return votes > 0


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of direct quotes: curly pairs, and straight double quotes paired
    within a paragraph."""
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        open_at = None
        for m in re.finditer(r"[\"“”]", para.group()):
            ch = m.group()
            pos = para.start() + m.start()
            if ch == "“" or (ch == '"' and open_at is None):
                open_at = pos
            elif open_at is not None:
                regions.append((open_at, pos + 1))
                open_at = None
    return regions


def _inside(regions: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < s and e < b for a, b in regions)


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FILLER = re.compile(r"(?i)\b(?:on|in|at|since|until|from|by|of|the|a|an|during)\b|[\s,.;:()'\"-]+")
_SINCE = re.compile(r"(?i)since\b")
_ENDPOINT = re.compile(r"(?i)\b(?:to|until|till|through|by|before|around|effective|payable)\s+$")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_PRECISION = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?(?:$|T)")


def _update_refs(refs: dict[str, date], value: str, dct: date | None) -> None:
    """Record a narrative date as the reference at its precision and every coarser one
    (a day also sets the week, month and year), unless it lies after the DCT."""
    m = _PRECISION.match(value)
    if not m:
        return
    y, mo, dd, wk = m.group(1), m.group(2), m.group(3), m.group(4)
    try:
        if wk:
            first = date.fromisocalendar(int(y), int(wk), 1)
        else:
            first = date(int(y), int(mo or 1), int(dd or 1))
    except ValueError:
        return
    if dct is not None and first > dct:
        return
    refs["year"] = first
    if mo or wk:
        refs["week" if wk else "month"] = first
    if dd:
        refs["week"] = first
        refs["month"] = first


def _names_a_thing(doc, start: int, end: int) -> bool:
    """Whether the expression at ``[start, end)`` modifies a noun after it (spaCy ``nmod``,
    ``compound``, ``amod`` or ``nummod`` on a following noun): a date in a name, not a time
    the narrative is at."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return (root.dep_ in ("nmod", "compound", "amod", "nummod") and root.head.pos_ in ("NOUN", "PROPN")
            and root.head.i >= span.end)


def _speech_date(found: list[TimeExpression], quotes, sents: SentenceIndex, pos: int,
                 dct: date | None) -> date | None:
    """The day a quote was said, when its sentence gives one outside the quote ("Macron
    told the world on Thursday"): the day-precision timex of that sentence before the
    quote. Later ones are not known yet when scanning, so only earlier ones count."""
    s, _ = sents.bounds(pos)
    for t in reversed(found):
        if t.start < s:
            break
        if t.value and _DAY_VALUE.match(t.value) and not _inside(quotes, t.start, t.end):
            day = date.fromisoformat(t.value[:10])
            if dct is None or day <= dct:
                return day
    return None


def find_timexes(text: str, dct: date | datetime | None, *, doc=None,
                 scope: str = "calendar") -> list[TimeExpression]:
    """All time expressions of ``text`` (an article body, dateline included), in order.

    ``dct`` is the publication date (``None``: only expressions with an explicit year get
    a value). ``doc`` is an optional spaCy ``Doc`` whose character offsets equal ``text``
    offsets; it gives the tense of the governing verb (else a regex guess is used).
    ``scope="calendar"`` (default) returns what can be placed on a calendar (DATE, TIME);
    ``scope="timeml"`` also returns durations (``P3D``), sets and PRESENT_REF/PAST_REF/
    FUTURE_REF, and dates "a year earlier" in a quarterly report by quarter, for TimeML
    evaluation only (:mod:`whimbrel.eval.timeml`).

    Returns :class:`~whimbrel.model.TimeExpression` records with ``[start, end)``
    character offsets into ``text``, ``value`` ISO 8601 at the precision written or
    ``None`` when unresolvable (an anaphor with no earlier date, a relative date with no
    DCT), ``mod``, ``type`` and ``producer="timex.rules/1"``. Raises ``ValueError`` for an
    unknown ``scope``.

    Cost: compiled regular expressions run only in windows around their trigger words;
    no parser library. About 16 ms per 1,000 words without a doc (2 % of spaCy
    ``en_core_web_md`` parsing time on the same text), measured on Wikinews 2019.
    """
    if scope not in ("calendar", "timeml"):
        raise ValueError(f"scope must be 'calendar' or 'timeml', not {scope!r}")
    d = _as_date(dct)
    cands = find_candidates(text, scope=scope)
    if not cands:
        return []
    dayfirst = _dayfirst(text, cands)
    quotes = _quote_regions(text)
    sents = SentenceIndex(text)
    timeml = scope == "timeml"
    ref: date | None = None
    ref_quarter: str | None = None
    refs: dict[str, date] = {}
    out: list[TimeExpression] = []
    for c in cands:
        in_quote = _inside(quotes, c.start, c.end)
        tense = None
        if doc is not None:
            tense = doc_tense(doc, c.start, c.end)
        if c.frame.kind in ("date", "month", "season") and _SINCE.match(text, c.start):
            tense = "past"  # "since March": a start in the past
        if c.frame.kind == "date" and _ENDPOINT.search(text, max(0, c.start - 14), c.start):
            tense = "present"  # "extended to Nov. 16", "by Jan. 14": an end point, either side of the DCT
        if tense is None:
            tense = guess_tense(text, c.start, c.end, sents,
                                reach=_MONTH_REACH if c.frame.kind in ("date", "month") else None)
        if (c.frame.kind == "ago" and c.frame.f.get("dir") == "in" and not timeml and not in_quote
                and tense != "future"):
            continue  # "the lowest level in 24 years" is a duration; "in two days" a date only ahead
        anchor = d
        if in_quote and c.frame.kind in _DEICTIC:
            anchor = _speech_date(out, quotes, sents, c.start, d) or ref or d
        value, mod, typ = anchor_frame(c.frame, dct=d, anchor=anchor, ref=ref, tense=tense,
                                       dayfirst=dayfirst, timeml=timeml, ref_quarter=ref_quarter, refs=refs)
        # a date that only names a thing ("the November 27 maritime border agreement", "the
        # June 12 protests") is no point the story moves to: "the following day" after it
        # still counts from the narrative's own day
        narrative = not in_quote and not (doc is not None and _names_a_thing(doc, c.start, c.end))
        if value and narrative and typ in ("DATE", "TIME"):
            _update_refs(refs, value, d)
        if value and not in_quote and c.frame.kind == "quarter" and _QUARTER_VALUE.match(value):
            ref_quarter = value
        if value and narrative and typ in ("DATE", "TIME") and _DAY_VALUE.match(value):
            day = date.fromisoformat(value[:10])
            if d is None or day <= d:  # the narrative's reference time never moves to the future
                ref = day
        out.append(TimeExpression(start=c.start, end=c.end, text=text[c.start:c.end], value=value,
                                  mod=mod, type=typ, producer=PRODUCER))
    return out
