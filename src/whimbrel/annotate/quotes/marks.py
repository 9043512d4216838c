"""Quotation-mark spans of an article body.

Pairs opening and closing marks paragraph by paragraph: straight ``"`` (toggling), curly
``“ ”``, low ``„``, guillemets ``« »`` and, only in articles that use no double marks at all,
curly single marks ``‘ ’`` (British house style). A quotation that is still open at the end
of its paragraph runs to the paragraph's end (``runs_on``); when the next paragraph opens
with a mark, that paragraph's quotation continues it (``continued``), which is the
typographic convention for quotations spanning paragraphs (Chicago Manual of Style 13.30).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"＂'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quotation marks: ``[start, end)`` of the content (marks excluded),
    ``open_at``/``close_at`` the offsets of the marks (``close_at`` is ``None`` when the
    quotation runs on past its paragraph), ``paragraph`` the paragraph index,
    ``continued`` true when it continues a quotation of the previous paragraph,
    ``outer_end`` the offset just after the closing mark (the paragraph end when none)."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    continued: bool = False
    outer_end: int = 0

    @property
    def runs_on(self) -> bool:
        return self.close_at is None

    @property
    def outer(self) -> tuple[int, int]:
        """``[start, end)`` including the marks."""
        return self.open_at, self.outer_end


def paragraph_spans(body: str, paragraphs: tuple[tuple[int, int], ...], text_start: int = 0
                    ) -> list[tuple[int, int]]:
    """The article's paragraphs as ``[start, end)`` offsets, clipped to ``text_start``.

    Uses ``paragraphs`` when given, else splits ``body`` at line breaks. Empty paragraphs are
    dropped; offsets are trimmed of surrounding white space.
    """
    if paragraphs:
        raw = list(paragraphs)
    else:
        raw = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
    out = []
    for s, e in raw:
        s = max(s, text_start)
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _mark_width(body: str, at: int) -> int:
    """Characters taken by the quotation mark at ``at``: 2 for ``''``, else 1."""
    return 2 if body.startswith("''", at) else 1


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _scan_double(body: str, s: int, e: int) -> tuple[list[tuple[int, int | None]], bool]:
    """Pairs of (open offset, close offset or None) in ``body[s:e]``. Two apostrophes
    (``''``, the New York Times' archive convention) count as one straight double mark and
    are normalised first by the caller (see :func:`_mark_width`)."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    i = s - 1
    while i + 1 < e:
        i += 1
        ch = body[i]
        if ch == "'" and i + 1 < e and body[i + 1] == "'":
            if open_at is None:
                open_at = i
            else:
                pairs.append((open_at, i))
                open_at = None
            i += 1
            continue
        if ch in DOUBLE_OPEN:
            if open_at is None:
                open_at = i
            # a second opener inside an open quotation is a typo or a nested quote: ignore
        elif ch in DOUBLE_CLOSE:
            if open_at is not None:
                pairs.append((open_at, i))
                open_at = None
            elif i + 1 < e and _is_word(body[i + 1]) and (i == s or body[i - 1].isspace()):
                open_at = i  # a closing mark used as an opener (typesetting error)
        elif ch in STRAIGHT:
            if open_at is None:
                open_at = i
            else:
                pairs.append((open_at, i))
                open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs, False


def _scan_single(body: str, s: int, e: int) -> list[tuple[int, int | None]]:
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i in range(s, e):
        ch = body[i]
        if ch == SINGLE_OPEN and open_at is None and (i == s or not _is_word(body[i - 1])):
            open_at = i
        elif ch == SINGLE_CLOSE and open_at is not None:
            nxt = body[i + 1] if i + 1 < e else " "
            if not _is_word(nxt):  # not an apostrophe inside a word ("don’t")
                pairs.append((open_at, i))
                open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def find_marked_spans(body: str, paragraphs: list[tuple[int, int]]) -> list[MarkedSpan]:
    """All quotation-mark spans of ``body``, in text order.

    ``paragraphs`` are ``[start, end)`` offsets (see :func:`paragraph_spans`). Returns
    :class:`MarkedSpan` records; empty quotations (``""``) are skipped.
    """
    use_single = not any(ch in body for ch in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT) and "''" not in body
    spans: list[MarkedSpan] = []
    prev_runs_on = False
    for p, (ps, pe) in enumerate(paragraphs):
        pairs = _scan_single(body, ps, pe) if use_single else _scan_double(body, ps, pe)[0]
        runs_on = False
        for k, (o, c) in enumerate(pairs):
            cs, ce = o + _mark_width(body, o), (c if c is not None else pe)
            if c is None:
                runs_on = True
            continued = prev_runs_on and k == 0 and o == ps
            while cs < ce and body[cs].isspace():
                cs += 1
            while ce > cs and body[ce - 1].isspace():
                ce -= 1
            outer_end = c + _mark_width(body, c) if c is not None else pe
            if ce > cs:
                spans.append(MarkedSpan(cs, ce, o, c, p, continued, outer_end))
        prev_runs_on = runs_on
    return spans
