"""Scoring predicted quotes against gold attribution spans (shared by the PolNeAR and the
whimbrel-gold quote evaluations).

Matching. Spans are first normalised: quotation marks, white space, edge punctuation and a
leading complementiser ("that", "whether") are trimmed, because PolNeAR's Content spans keep
"that" and the marks while whimbrel's quote span is the content proper (design.md). A
predicted quote *matches* a gold one when the characters they share are at least half of
the longer normalised span (``overlap / max(len_pred, len_gold) >= 0.5``); pairs are matched
one-to-one, best overlap first.

Metrics (all floats in [0, 1]):

* ``overlap_p/r/f1`` — matched quotes over predicted (P) and over required gold (R).
* ``exact_p/r/f1`` — the same with identical normalised spans.
* ``token_p/r/f1`` — Citron's "overlap metric" (BBC Citron ``metrics.py``): word tokens
  shared by predicted and gold content spans over all predicted (P) / all gold (R) content
  tokens, summed over the corpus. Citron's published PARC 3.0 figures (content spans 0.833
  F1) use this measure; it rewards partial spans, so it runs above ``overlap_f1``.
* ``speaker_acc`` — over matched pairs, the predicted speaker mention overlaps the gold
  source mention or has the same text (whimbrel gold gives mention texts, located at the
  occurrence nearest the quote, which for "he" is often another "he");
  ``speaker_name_acc`` — the resolved speaker names agree (:func:`same_name`);
  ``cue_acc`` — the predicted cue overlaps the gold cue; ``kind_acc`` — same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_EDGE = " \t\r\n\"“”„«»‘’'.,;:!?—–-()[]"
_LEAD = re.compile(r"^(?:that|whether)\s+", re.IGNORECASE)


@dataclass
class SpanQuote:
    """A quote reduced to what scoring needs: content ``pieces`` (``[start, end)`` pairs),
    optional ``speaker``/``cue`` spans, ``name`` (resolved speaker), ``kind`` and whether it
    is ``required`` (gold only)."""

    pieces: list[tuple[int, int]]
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    name: str | None = None
    kind: str | None = None
    required: bool = True

    @property
    def hull(self) -> tuple[int, int]:
        return min(s for s, _ in self.pieces), max(e for _, e in self.pieces)


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim marks, white space, edge punctuation and a leading "that" from ``text[start:end]``."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _EDGE:
            start += 1
            changed = True
        while end > start and text[end - 1] in _EDGE:
            end -= 1
            changed = True
        m = _LEAD.match(text[start:end])
        if m and end - start > m.end():
            start += m.end()
            changed = True
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _word_positions(text: str, pieces) -> set[int]:
    out: set[int] = set()
    for s, e in pieces:
        for m in _WORD.finditer(text, s, e):
            out.add(m.start())
    return out


@dataclass
class Tally:
    """Running counts over documents; :meth:`metrics` turns them into scores."""

    n_pred: int = 0
    n_gold_required: int = 0
    matched_pred: int = 0
    matched_required: int = 0
    exact_pred: int = 0
    exact_required: int = 0
    tok_overlap: int = 0
    tok_pred: int = 0
    tok_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    name_ok: int = 0
    name_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0
    kind_ok: int = 0
    kind_n: int = 0
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    def add(self, text: str, pred: list[SpanQuote], gold: list[SpanQuote], doc_id: str = "") -> None:
        """Score one document's predictions ``pred`` against ``gold`` (spans into ``text``)."""
        norm_p = [normalise(text, *p.hull) for p in pred]
        norm_g = [normalise(text, *g.hull) for g in gold]
        pairs = []
        for i, a in enumerate(norm_p):
            for j, b in enumerate(norm_g):
                ov = _overlap(a, b)
                longer = max(a[1] - a[0], b[1] - b[0], 1)
                if ov / longer >= 0.5:
                    pairs.append((ov / longer, i, j))
        pairs.sort(reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        matches = []
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            matches.append((i, j))
        self.n_pred += len(pred)
        self.n_gold_required += sum(1 for g in gold if g.required)
        self.matched_pred += len(matches)
        self.matched_required += sum(1 for _, j in matches if gold[j].required)
        for i, j in matches:
            exact = norm_p[i] == norm_g[j]
            self.exact_pred += exact
            self.exact_required += exact and gold[j].required
            p, g = pred[i], gold[j]
            if g.speaker is not None:
                self.speaker_n += 1
                self.speaker_ok += p.speaker is not None and (
                    _overlap(p.speaker, g.speaker) > 0
                    or text[slice(*p.speaker)].lower() == text[slice(*g.speaker)].lower())
            if g.name is not None:
                self.name_n += 1
                self.name_ok += same_name(p.name, g.name)
            if g.cue is not None:
                self.cue_n += 1
                self.cue_ok += p.cue is not None and _overlap(p.cue, g.cue) > 0
            if g.kind is not None:
                self.kind_n += 1
                self.kind_ok += p.kind == g.kind
        tp = _word_positions(text, [normalise(text, *x) for p in pred for x in p.pieces])
        tg = _word_positions(text, [normalise(text, *x) for g in gold for x in g.pieces])
        self.tok_overlap += len(tp & tg)
        self.tok_pred += len(tp)
        self.tok_gold += len(tg)
        for j, g in enumerate(gold):
            if j not in used_g and g.required:
                self.misses.append((doc_id, text[slice(*g.hull)][:100]))
        for i, p in enumerate(pred):
            if i not in used_p:
                self.false_alarms.append((doc_id, text[slice(*p.hull)][:100]))

    def metrics(self) -> dict[str, float]:
        """Scores as ``{name: float}`` (see the module docstring)."""
        def prf(prefix, tp_p, n_p, tp_r, n_r):
            p = tp_p / n_p if n_p else 0.0
            r = tp_r / n_r if n_r else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {f"{prefix}_p": round(p, 4), f"{prefix}_r": round(r, 4), f"{prefix}_f1": round(f, 4)}

        out: dict[str, float] = {}
        out.update(prf("overlap", self.matched_pred, self.n_pred, self.matched_required, self.n_gold_required))
        out.update(prf("exact", self.exact_pred, self.n_pred, self.exact_required, self.n_gold_required))
        out.update(prf("token", self.tok_overlap, self.tok_pred, self.tok_overlap, self.tok_gold))
        for name, ok, n in (("speaker_acc", self.speaker_ok, self.speaker_n),
                            ("speaker_name_acc", self.name_ok, self.name_n),
                            ("cue_acc", self.cue_ok, self.cue_n), ("kind_acc", self.kind_ok, self.kind_n)):
            if n:
                out[name] = round(ok / n, 4)
        return out


def _fold(name: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9 ]+", " ", s).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def same_name(pred: str | None, gold: str) -> bool:
    """Resolved speaker names agree: equal after folding case, accents and "the", or the
    gold name's words all appear in the predicted name (or the reverse, for a gold name of
    two or more words such as "Qin Gang" against "Qin Gang")."""
    if not pred:
        return False
    a, b = _fold(pred), _fold(gold)
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return bool(wb) and (wb <= wa or (len(wa) >= 2 and wa <= wb))
