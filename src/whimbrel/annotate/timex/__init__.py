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
    value ``None``. Raises ``ValueError`` if ``tense`` is not one of :data:`TENSES` or the
    expression contains no time expression; when it holds several, the longest is used.
    """
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    cands = find_candidates(expression, scope="calendar")
    if not cands:
        raise ValueError(f"no time expression in {expression!r}")
    c = max(cands, key=lambda c: c.end - c.start)
    d = _as_date(dct)
    value, mod, typ = anchor_frame(c.frame, dct=d, anchor=d, ref=None, tense=tense,
                                   dayfirst=_dayfirst(expression, cands))
    return Resolution(value, mod, typ)


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


def find_timexes(text: str, dct: date | datetime | None, *, doc=None,
                 scope: str = "calendar") -> list[TimeExpression]:
    """All time expressions of ``text`` (an article body, dateline included), in order.

    ``dct`` is the publication date (``None``: only expressions with an explicit year get
    a value). ``doc`` is an optional spaCy ``Doc`` whose character offsets equal ``text``
    offsets; it gives the tense of the governing verb (else a regex guess is used).
    ``scope="calendar"`` (default) returns what can be placed on a calendar (DATE, TIME);
    ``scope="timeml"`` also returns durations, sets and PRESENT_REF/PAST_REF/FUTURE_REF and
    TIMEX3 part-of-day suffixes (``2019-09-09TNI``), for TimeML evaluation only.

    Returns :class:`~whimbrel.model.TimeExpression` records with ``[start, end)``
    character offsets into ``text``, ``value`` ISO 8601 at the precision written or
    ``None`` when unresolvable, ``mod``, ``type`` and ``producer="timex.rules/1"``.
    Cost: a few dozen compiled regular expressions over the text; no parser library.
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
    out: list[TimeExpression] = []
    for c in cands:
        in_quote = _inside(quotes, c.start, c.end)
        tense = None
        if doc is not None:
            tense = doc_tense(doc, c.start, c.end)
        if tense is None:
            tense = guess_tense(text, c.start, c.end, sents)
        anchor = ref if (in_quote and ref is not None and c.frame.kind in _DEICTIC) else d
        value, mod, typ = anchor_frame(c.frame, dct=d, anchor=anchor, ref=ref, tense=tense,
                                       dayfirst=dayfirst, timeml=timeml)
        if value and not in_quote and typ in ("DATE", "TIME") and _DAY_VALUE.match(value):
            try:
                ref = date.fromisoformat(value[:10])
            except ValueError:
                pass
        out.append(TimeExpression(start=c.start, end=c.end, text=text[c.start:c.end], value=value,
                                  mod=mod, type=typ, producer=PRODUCER))
    return out
