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
    r"must|as\s+soon\s+as|as\s+early\s+as|deadline|payable|effective|expires?|"
    r"expiring|should)\b)|’ll\b")
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


def _nearest(text: str, lo: int, hi: int, start: int, end: int, reach: int | None = None) -> str | None:
    """The tense of the marker nearest ``[start, end)`` within ``[lo, hi)``. Strong markers
    (auxiliaries, modals, irregular past forms) beat weak ones (any "-ed" word, which may be
    an adjective: "preferred shares") regardless of distance. With ``reach``, a marker
    farther than ``reach`` characters from the timex does not count."""
    strong: tuple[int, str] | None = None
    weak: tuple[int, str] | None = None
    fut_spans = []
    for m in _FUTURE.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        fut_spans.append((m.start(), m.end()))
        d = min(abs(m.start() - start), abs(m.end() - end))
        if strong is None or d < strong[0]:
            strong = (d, "future")
    for rx, label in ((_PAST, "past"), (_PRESENT, "present")):
        for m in rx.finditer(text, lo, hi):
            if start <= m.start() < end or any(a <= m.start() < b for a, b in fut_spans):
                continue
            is_weak = (label == "past" and m.group().lower().endswith("ed") and m.group().lower() not in _STRONG_ED
                       and not _VERB_FOLLOW.match(text, m.end())
                       and not (0 <= start - m.end() <= 1))  # "ruled Wednesday": the verb the timex hangs on
            if is_weak and _PARTICIPLE_AUX.search(text, max(0, m.start() - 16), m.start()):
                continue  # "must be returned": a participle, the auxiliary carries the tense
            d = min(abs(m.start() - start), abs(m.end() - end))
            if m.group().lower() in _AUX_PAST:
                d = min(d, 0 if reach is not None else d)  # "who was ... until December": the clause's own tense
            if is_weak:
                if weak is None or d < weak[0]:
                    weak = (d, label)
            elif strong is None or d < strong[0]:
                strong = (d, label)
    best = strong or weak
    if best is None or (reach is not None and best[0] > reach):
        return None
    return best[1]


#: what follows a finite "-ed" verb rather than an "-ed" adjective ("filed a motion")
_VERB_FOLLOW = re.compile(r"\s+(?:a|an|the|his|her|their|its|our|that|to|on|in|with|by|for|at|from|over|"
                          r"him|them|it|us|me|up|out|off|down|via|into|across|after|before|against|as|during|under|"
                          r"through|about|around|near|outside|inside)\b")
_PREV_WORD = re.compile(r"(\w+)\s+$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
#: words opening a direct object: after "noun + -ed" they make the "-ed" a finite verb
#: ("the atmosphere turned the city"), where a preposition marks a participle
#: ("a statement delivered via")
_OBJECT_STARTS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "him", "them", "it",
                            "us", "that", "this", "these", "those", "plans", "to"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those"})
#: lower-case words after which an "-ed" form is a finite verb ("it announced")
_SUBJECT_WORDS = frozenset({"it", "he", "she", "they", "we", "i", "you", "who", "which", "that", "also",
                            "then", "later", "and", "but", "recently", "previously", "jointly", "officially",
                            "reportedly", "police", "officials", "government", "ministry", "company"})
_AUX_PAST = {"was", "were", "had"}
_STRONG_ED = {"said", "had", "did", "led", "fled", "shed", "wed"}


#: a marker elsewhere in the sentence is weak evidence: only "future" survives it
_WEAK = {"future": "future"}


def _first(text: str, lo: int, hi: int) -> str | None:
    """The tense of the first marker in ``[lo, hi)``: after a fronted adverbial ("Late on
    Sunday, Trump, in a statement delivered via ..., announced troops would leave") the
    first verb is the main one; a later "would" belongs to reported speech."""
    marks = []
    for rx, label in ((_FUTURE, "future"), (_PAST, "past"), (_PRESENT, "present")):
        for m in rx.finditer(text, lo, hi):
            w = m.group().lower()
            if label == "past" and w.endswith("ed") and w not in _STRONG_ED:
                if _PARTICIPLE_AUX.search(text, max(0, m.start() - 16), m.start()):
                    continue
                prev = _PREV_WORD.search(text, max(0, m.start() - 20), m.start())
                nxt = _NEXT_WORD.match(text, m.end())
                if prev and (prev.group(1).lower() in _DETERMINERS
                             or (prev.group(1).islower() and prev.group(1) not in _SUBJECT_WORDS
                                 and not (nxt and nxt.group(1).lower() in _OBJECT_STARTS))):
                    continue  # "the preferred shares", "a statement delivered": not the main verb
            marks.append((m.start(), 0 if label == "future" else 1, label))
    return min(marks)[2] if marks else None


def guess_tense(text: str, start: int, end: int, sentences: SentenceIndex, *, reach: int | None = None) -> str:
    """Regex tense guess for the timex at ``[start, end)``: the marker nearest the timex in
    its clause; for a fronted or trailing adverbial the first marker of the next clause
    (else the nearest of the previous one); else a future marker in its sentence; else
    ``"present"`` (unknown: the resolver then takes the nearest occurrence). ``reach``
    (characters) limits how far a clause marker may be from the timex to count."""
    s, e = sentences.bounds(start)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, s, e)]
    before = [b for b in breaks if b < start]
    after = [b for b in breaks if b >= end]
    lo = before[-1] + 1 if before else s
    hi = after[0] if after else e
    if _nearest(text, lo, hi, start, end) is None:
        # a fronted or trailing adverbial ("On Friday, police said ..."): the next clause
        # carries the verb, else the previous one
        found = _first(text, end, e) if after else None
        if found is None and before:
            found = _nearest(text, s, hi, start, end)
        return found or "present"
    found = _nearest(text, lo, hi, start, end, reach)
    return found or _WEAK.get(_nearest(text, s, e, start, end), "present")


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
    return verb_tense(v)


def span_tense(text: str, start: int, end: int) -> str | None:
    """Regex tense of a span holding its own verb (an event's evidence): the first tense
    marker inside it, or ``None``."""
    return _first(text, start, end)


def verb_tense(v) -> str | None:
    """Tense of a spaCy verb token: ``"future"`` (will/would/shall, "plans to"), ``"past"``
    (VBD, or a perfect), ``"present"`` (VBZ/VBP), else ``None``."""
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
