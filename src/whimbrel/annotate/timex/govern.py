"""Which timex governs a span (an event's evidence, a clause): the event layer's date.

Precedence, first hit wins:

1. a timex inside the span ``[start, end)`` (a "since" boundary counts there: "sanctions
   since 2011");
2. a timex in the same clause: with a spaCy doc, one whose governing verb is the span's
   verb (dependency tree); without, one between the clause punctuation (``, ; : ( ) —``
   and quotation marks) around the span;
3. the nearest timex in the same sentence (by character distance);
4. the nearest timex in the previous sentences of the same paragraph (latest first),
   skipping bare years there ("In 2016, ..." two sentences up is background);
   levels 3 and 4 are skipped when the span's own verb is in the present tense
   ("Protesters' demands include ..."): it states what holds at publication.

Timexes that never govern: those with value ``None``; decades and centuries ("the
1970s"); those before ``text_start`` (the dateline's date is the publication date itself —
letting it govern would label a DCT fallback as ``"text"``); those outside every sentence
(the dateline, blanked in the doc); and boundary expressions opened by "since", "until"
or "from" ("since 2011" says when a state began, not when the event happened). The
Wikinews date line ("Monday, January 7, 2019") is its own paragraph, so it governs nothing.

Measured against the dates of the gold events (20 dev files + the seed, 202 events with
a date; evidence located by text, spaCy parse): the governing timex (or the DCT when none)
gives the gold date for 73.3 % and the gold ``date_basis`` for 77.7 %
(:func:`whimbrel.eval.timeml.evaluate_event_dates`). A fallback to the article's lede
date for spans with no timex in their paragraph was tried: +1 point date, −10 points
basis, so it is not used.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Sequence

from whimbrel.model import TimeExpression

_CLAUSE = re.compile(r"[,;:()\[\]—–\"“”]")
_BOUNDARY = re.compile(r"(?i)^(?:since|until|from)\b")
_END_BOUNDARY = re.compile(r"(?i)^(?:until|from)\b")
#: span tenses for which timexes of other sentences do not govern: a present-tense span
#: ("Protesters' demands include ...") states what holds at publication
_CUT_OTHER_SENTENCES = frozenset({"present"})
_YEAR_ONLY = re.compile(r"^\d{4}$")


def _pairs(items) -> list[tuple[int, int]]:
    out = []
    for x in items:
        if isinstance(x, tuple | list):
            out.append((int(x[0]), int(x[1])))
        else:
            out.append((x.start, x.end))
    return sorted(out)


def _containing(bounds: list[tuple[int, int]], pos: int) -> int | None:
    i = bisect_right([b[0] for b in bounds], pos) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return i
    return None


def _dist(t: TimeExpression, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0


def governing_timex(timexes: Sequence[TimeExpression], start: int, end: int, *,
                    sentences: Sequence, paragraphs: Sequence, doc=None,
                    text_start: int = 0, body: str | None = None,
                    dct: date | None = None) -> tuple[TimeExpression | None, str]:
    """The timex that governs the span ``[start, end)`` and the date basis.

    ``timexes`` are the article's timexes (offsets into the body); ``sentences`` and
    ``paragraphs`` are :class:`~whimbrel.model.Sentence` records or ``(start, end)`` pairs;
    ``doc`` an optional spaCy Doc over the body (same offsets) for the clause and tense
    tests; ``text_start`` the offset where the article text starts after the dateline;
    ``body`` the article body, for the punctuation clause test and the tense guess when no
    doc is given; ``dct`` the publication date: a past-tense span is not governed by a
    later date from another clause ("G7 was scheduled to meet this weekend. The call was
    quickly seconded ...").

    Returns ``(timex, "text")`` when one governs (precedence in the module docstring),
    else ``(None, "dct")``: the caller then dates the event by the publication date.
    """
    sents = _pairs(sentences)
    paras = _pairs(paragraphs)
    inside = [t for t in timexes if t.value is not None and t.start >= max(start, text_start) and t.end <= end
              and not _END_BOUNDARY.match(t.text)]
    if inside:  # "sanctions since 2011" is dated 2011; "envoy until December, also criticized" is not
        return inside[0], "text"
    usable = [t for t in timexes
              if t.value is not None and len(t.value) > 3 and t.start >= text_start
              and not _BOUNDARY.match(t.text)
              and (not sents or _containing(sents, t.start) is not None)]
    if not usable:
        return None, "dct"
    si = _containing(sents, start) if sents else None
    s_lo, s_hi = sents[si] if si is not None else (start, end)
    same = [t for t in usable if s_lo <= t.start < s_hi]
    clause = _same_clause(same, start, end, doc, body) if same else []
    if clause:
        return min(clause, key=lambda t: _dist(t, start, end)), "text"
    tense = _span_tense(start, end, doc, body)
    if dct is not None and tense == "past":
        usable = [t for t in usable if not _after(t.value, dct)]
        same = [t for t in same if not _after(t.value, dct)]
    if same:
        return min(same, key=lambda t: _dist(t, start, end)), "text"
    if si is None or tense in _CUT_OTHER_SENTENCES:
        return None, "dct"  # "demands include ...": a state at publication, not a past date
    pi = _containing(paras, start) if paras else None
    p_lo = paras[pi][0] if pi is not None else s_lo
    for j in range(si - 1, -1, -1):
        a, b = sents[j]
        if b <= p_lo:
            break
        prev = [t for t in usable if a <= t.start < b and not _YEAR_ONLY.match(t.value)]
        if prev:
            return prev[-1], "text"
    return None, "dct"


def _after(value: str, dct: date) -> bool:
    """Whether the period ``value`` starts after ``dct`` (ISO dates, months, years, weeks)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value)
    if not m:
        return False
    y, mo, d, wk = m.groups()
    try:
        first = date.fromisocalendar(int(y), int(wk), 1) if wk else date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return False
    return first > dct


def _span_tense(start: int, end: int, doc, body: str | None) -> str | None:
    """Tense of the span's own verb: from the parse, else the first tense marker in it."""
    from whimbrel.annotate.timex.tense import span_tense, verb_tense

    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
            v = root if root.pos_ in ("VERB", "AUX") else (verbs[0] if verbs else None)
            return verb_tense(v) if v is not None else None
    if body is not None:
        return span_tense(body, start, end)
    return None


def _same_clause(cands: list[TimeExpression], start: int, end: int, doc, body: str | None):
    if doc is not None:
        from whimbrel.annotate.timex.tense import verb_of

        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verbs = {t.i for t in span if t.pos_ in ("VERB", "AUX")}
            v = span.root if span.root.pos_ in ("VERB", "AUX") else verb_of(doc, start, end)
            if v is not None:
                verbs.add(v.i)
            return [t for t in cands
                    if (tv := verb_of(doc, t.start, t.end)) is not None and tv.i in verbs]
    if body is None:
        return []
    hits = []
    for t in cands:
        gap = body[t.end:start] if t.end <= start else body[end:t.start] if t.start >= end else ""
        if not _CLAUSE.search(gap):
            hits.append(t)
    return hits
