"""Tense of the clause a time expression sits in: ``"past"``, ``"present"`` or ``"future"``.

With a spaCy ``Doc`` the governing verb is found on the dependency tree (the first
VERB/AUX ancestor of the timex) and its tense read from its tag, its auxiliaries ("will",
"would", "'ll", "shall") and its controller ("is to", "plans to", "is expected to").
Without a doc a cheap guess looks for tense markers in the clause around the timex
(punctuation-bounded), then in the sentence, taking the marker nearest the timex.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FUTURE = re.compile(
    r"(?i:\b(?:will|won't|shall|would|wouldn't|'ll|is\s+to|are\s+to|was\s+to|were\s+to|am\s+to|"
    r"plans?\s+to|planning\s+to|intends?\s+to|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|poised)\s+to|"
    r"scheduled\s+(?:to|for)|planned\s+for|slated\s+for|going\s+to|upcoming|aims?\s+to|to\s+be\s+held|will\s+be|"
    r"must|should|could|can|may|might|as\s+soon\s+as|as\s+early\s+as|deadline)\b)|’ll\b")
_PAST = re.compile(
    r"(?i:\b(?:was|were|had|did|has|have|said|told|met|took|held|gave|went|came|made|began|saw|"
    r"found|left|won|lost|fell|rose|sent|spoke|wrote|brought|led|struck|shot|hit|paid|sold|"
    r"bought|fought|caught|chose|drove|flew|grew|knew|stood|thought|became|broke|ran|said|"
    r"[a-z]{2,}ed)\b)")
_PRESENT = re.compile(r"(?i:\b(?:is|are|am|says|tells|remains|continues|begins)\b)")
_PARTICIPLE_AUX = re.compile(r"(?i:\b(?:be|been|being|is|are|am|get|gets)\s+(?:\w+ly\s+)?)$")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s")
_SENT_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z\"“‘(\d])|\n")


class SentenceIndex:
    """Regex sentence starts of a text, for the doc-less tense guess."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _SENT_BREAK.finditer(text)]

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        s = self.starts[i]
        e = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return s, e


def _nearest(text: str, lo: int, hi: int, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    fut_spans = []
    for m in _FUTURE.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        fut_spans.append((m.start(), m.end()))
        d = min(abs(m.start() - start), abs(m.end() - end))
        if best is None or d < best[0]:
            best = (d, "future")
    for rx, label in ((_PAST, "past"), (_PRESENT, "present")):
        for m in rx.finditer(text, lo, hi):
            if start <= m.start() < end or any(a <= m.start() < b for a, b in fut_spans):
                continue
            if label == "past" and m.group().lower().endswith("ed") and _PARTICIPLE_AUX.search(text, max(0, m.start() - 16), m.start()):
                continue  # "must be returned": a participle, the auxiliary carries the tense
            d = min(abs(m.start() - start), abs(m.end() - end))
            if best is None or d < best[0]:
                best = (d, label)
    return best[1] if best else None


def guess_tense(text: str, start: int, end: int, sentences: SentenceIndex) -> str:
    """Regex tense guess for the timex at ``[start, end)``; ``"past"`` when no marker."""
    s, e = sentences.bounds(start)
    lo = s
    for m in _CLAUSE_BREAK.finditer(text, s, start):
        lo = m.end()
    m = _CLAUSE_BREAK.search(text, end, e)
    hi = m.start() if m else e
    return _nearest(text, lo, hi, start, end) or _nearest(text, s, e, start, end) or "past"


_FUT_AUX = {"will", "shall", "'ll", "’ll", "would", "wo"}
_FUT_CONTROL = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "slate", "poise", "go", "be"}


def verb_of(doc, start: int, end: int):
    """The governing VERB/AUX token of the character span, or ``None``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (start <= tok.idx < end):
            return tok
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def doc_tense(doc, start: int, end: int) -> str | None:
    """Tense of the verb governing ``[start, end)`` read from a spaCy doc, or ``None`` when
    no verb governs it (the caller falls back to the regex guess)."""
    v = verb_of(doc, start, end)
    if v is None:
        return None
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lower = {a.lower_ for a in auxes}
    if lower & _FUT_AUX:
        return "future"
    if "to" in lower and v.dep_ == "xcomp" and v.head.lemma_ in _FUT_CONTROL:
        return "present" if v.head.tag_ in ("VBD",) and v.head.lemma_ != "be" else "future"
    if any(a.tag_ in ("VBD",) for a in auxes) or v.tag_ in ("VBD",):
        return "past"
    if v.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None
