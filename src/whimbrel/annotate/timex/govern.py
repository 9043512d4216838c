"""Which timex governs a span (an event's evidence, a clause): the event layer's date.

Precedence, first hit wins:

1. a timex inside the span ``[start, end)``;
2. a timex in the same clause: with a spaCy doc, one whose governing verb is the span's
   verb (dependency tree); without, one between the clause punctuation (``, ; : ( ) —``
   and quotation marks) around the span;
3. the nearest timex in the same sentence (by character distance);
4. the nearest timex in the previous sentences of the same paragraph (latest first).

Timexes that never govern: those with value ``None``; those before ``text_start`` (the
dateline's date is the publication date itself — letting it govern would label a DCT
fallback as ``"text"``); those outside every sentence (the dateline, blanked in the doc);
and boundary expressions opened by "since", "until" or "from" ("since 2011" says when a
state began, not when the event happened).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from whimbrel.model import TimeExpression

_CLAUSE = re.compile(r"[,;:()\[\]—–\"“”]")
_BOUNDARY = re.compile(r"(?i)^(?:since|until|from)\b")


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
                    text_start: int = 0, body: str | None = None) -> tuple[TimeExpression | None, str]:
    """The timex that governs the span ``[start, end)`` and the date basis.

    ``timexes`` are the article's timexes (offsets into the body); ``sentences`` and
    ``paragraphs`` are :class:`~whimbrel.model.Sentence` records or ``(start, end)`` pairs;
    ``doc`` an optional spaCy Doc over the body (same offsets) for the clause test;
    ``text_start`` the offset where the article text starts after the dateline; ``body``
    the article body, used for the punctuation clause test when no doc is given.

    Returns ``(timex, "text")`` when one governs (precedence in the module docstring),
    else ``(None, "dct")``: the caller then dates the event by the publication date.
    """
    sents = _pairs(sentences)
    paras = _pairs(paragraphs)
    usable = [t for t in timexes
              if t.value is not None and t.start >= text_start and not _BOUNDARY.match(t.text)
              and (not sents or _containing(sents, t.start) is not None)]
    if not usable:
        return None, "dct"
    inside = [t for t in usable if t.start >= start and t.end <= end]
    if inside:
        return inside[0], "text"
    si = _containing(sents, start) if sents else None
    if si is None:
        s_lo, s_hi = start, end
    else:
        s_lo, s_hi = sents[si]
    same = [t for t in usable if s_lo <= t.start < s_hi]
    if same:
        clause = _same_clause(same, start, end, doc, body)
        if clause:
            return min(clause, key=lambda t: _dist(t, start, end)), "text"
        return min(same, key=lambda t: _dist(t, start, end)), "text"
    if si is None:
        return None, "dct"
    pi = _containing(paras, start) if paras else None
    p_lo = paras[pi][0] if pi is not None else s_lo
    for j in range(si - 1, -1, -1):
        a, b = sents[j]
        if b <= p_lo:
            break
        prev = [t for t in usable if a <= t.start < b]
        if prev:
            return prev[-1], "text"
    return None, "dct"


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
