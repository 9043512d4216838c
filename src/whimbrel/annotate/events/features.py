"""Sentence features for the trained event-type model (:mod:`whimbrel.annotate.events.model`).

One feature vector per body sentence, built from what the earlier layers already computed (the
spaCy parse, the actors, the timexes, the quotes and the rule coder's candidate events), so the
model adds almost nothing to the pipeline's time. Training (:mod:`whimbrel.train.events`) and
inference call the same :func:`sentence_features`, so the two can never drift apart.

Features are strings, hashed into ``DIM`` buckets with CRC-32 (stable across processes and
Python versions, unlike ``hash``):

* ``w=<lemma>`` content lemmas; ``v=<lemma>|<dep>`` verbs with their dependency;
* ``lex=<TYPE>`` a lemma of the trigger lexicon (any of its rows, conditions not checked), with
  its modality context: ``lex=<TYPE>|neg`` (a negation child), ``|aux=<lemma>`` (a modal or
  future auxiliary), ``|mark=<lemma>`` (if/unless/whether), ``|head=<lemma>`` (the governing
  verb: "plans to attack", "failed to meet");
* ``rule=<TYPE>``, ``rule=<TYPE>|<lexicon lemma>``: an event the rule coder coded here;
* ``act=<role>``, ``actn=<0|1|2|3+>``, ``cty=<0|1|2+>``: actors in the sentence;
* ``quoted`` (inside a quotation), ``question``, ``timex`` and ``timex=past|future`` (against
  the publication date), ``first`` (the lead sentence);

plus the sentence's mean word vector (``VEC_DIM`` values, L2-normalised) when the spaCy model
has vectors (zeros otherwise).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from whimbrel.model import Actor, Event, Quote, Sentence, TimeExpression

#: hashed feature buckets (a power of two)
DIM = 1 << 17
#: dense sentence-vector size (en_core_web_md has 300-d vectors)
VEC_DIM = 300
#: auxiliaries and markers that change an act's factuality
MODAL_AUX = {"will", "would", "could", "can", "ca", "may", "might", "should", "must", "shall",
             "ought", "need"}
MARKERS = {"if", "unless", "whether", "until", "before", "once"}
_WORD = re.compile(r"[a-z]")


def bucket(feature: str) -> int:
    """The hashed bucket of one feature string."""
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


@lru_cache(maxsize=1)
def lexicon_types() -> dict[str, frozenset[str]]:
    """``{lemma: PLOVER types}`` of every row of the trigger lexicon (conditions ignored)."""
    from whimbrel.annotate.events.lexicon import load_lexicon

    out: dict[str, set[str]] = {}
    for lemma, entries in load_lexicon().entries.items():
        for entry in entries:
            out.setdefault(lemma.lower(), set()).add(entry.plover)
    return {k: frozenset(v) for k, v in out.items()}


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _modality(tok) -> list[str]:
    out = []
    for c in tok.children:
        if c.dep_ == "neg":
            out.append("neg")
        elif c.dep_ in ("aux", "auxpass") and _lemma(c) in MODAL_AUX:
            out.append("aux=" + _lemma(c))
        elif c.dep_ == "mark" and _lemma(c) in MARKERS:
            out.append("mark=" + _lemma(c))
    head = tok.head
    if head is not tok and head.pos_ in ("VERB", "AUX", "ADJ"):
        out.append("head=" + _lemma(head))
        for c in head.children:
            if c.dep_ == "neg":
                out.append("headneg")
            elif c.dep_ in ("aux", "auxpass") and _lemma(c) in MODAL_AUX:
                out.append("headaux=" + _lemma(c))
    return out


def _inside(start: int, end: int, spans: Sequence) -> list:
    return [s for s in spans if s.start < end and start < s.end]


def sentence_features(sent: Sentence, doc, *, actors: Sequence[Actor], timexes: Sequence[TimeExpression],
                      quotes: Sequence[Quote], rule_events: Sequence[Event], dct: str | None,
                      index: int, span=None) -> list[str]:
    """The feature strings of one sentence (see the module docstring); ``span`` is its
    spaCy span when the caller has it."""
    feats: list[str] = ["bias"]
    if span is None:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    lex = lexicon_types()
    if span is not None:
        for tok in span:
            if tok.is_punct or tok.is_space or not _WORD.search(tok.lower_):
                if tok.text == "?":
                    feats.append("question")
                continue
            lem = _lemma(tok)
            if not tok.is_stop:
                feats.append("w=" + lem)
            if tok.pos_ == "VERB":
                feats.append(f"v={lem}|{tok.dep_}")
            types = lex.get(lem)
            if types and tok.pos_ in ("VERB", "NOUN", "ADJ"):
                mods = _modality(tok)
                for t in types:
                    feats.append("lex=" + t)
                    feats.append(f"lex={t}|{tok.pos_}")
                    feats.extend(f"lex={t}|{m}" for m in mods)
                    feats.extend(f"lexw={lem}|{m}" for m in mods)
    for ev in rule_events:
        if ev.sentence.start == sent.start or (ev.evidence.start < sent.end and sent.start < ev.evidence.end):
            feats.append("rule=" + ev.plover)
            m = re.search(r'"([^"]+)"', ev.rule or "")
            if m:
                feats.append(f"rule={ev.plover}|{m.group(1).lower()}")
            feats.append(f"rulesrc={ev.plover}|{bool(ev.source)}")
    acts = _inside(sent.start, sent.end, actors)
    feats.append("actn=" + ("3+" if len(acts) >= 3 else str(len(acts))))
    countries = {a.country for a in acts if a.country}
    feats.append("cty=" + ("2+" if len(countries) >= 2 else str(len(countries))))
    for a in acts:
        if a.role:
            feats.append("act=" + a.role)
        feats.append("actkind=" + (a.kind or "?"))
    if _inside(sent.start, sent.end, quotes):
        feats.append("quoted")
    for t in _inside(sent.start, sent.end, timexes):
        feats.append("timex")
        if t.value and dct and t.value[:4].isdigit():
            v = t.value[:10]
            feats.append("timex=" + ("future" if v > dct[: len(v)] else "past"))
    if index == 0:
        feats.append("first")
    return feats


def sentence_vector(sent: Sentence, doc, span=None) -> np.ndarray:
    """The L2-normalised mean word vector of the sentence (zeros without vectors)."""
    out = np.zeros(VEC_DIM, dtype=np.float32)
    if span is None:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None or not doc.has_vector:
        return out
    v = span.vector
    if v.shape[0] != VEC_DIM:
        return out
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n > 0 else out


def article_matrix(article, doc, rule_events: Sequence[Event]):
    """``(feature bucket lists, dense vectors)`` for every sentence of ``article``."""
    dct = str(article.dct)[:10] if getattr(article, "dct", None) else None
    rows, vecs = [], []
    for i, sent in enumerate(article.sentences):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        feats = sentence_features(sent, doc, actors=article.actors, timexes=article.timexes,
                                  quotes=article.quotes, rule_events=rule_events, dct=dct, index=i, span=span)
        rows.append(sorted({bucket(f) for f in feats}))
        vecs.append(sentence_vector(sent, doc, span))
    dense = np.vstack(vecs) if vecs else np.zeros((0, VEC_DIM), dtype=np.float32)
    return rows, dense
