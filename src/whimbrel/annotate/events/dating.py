"""The trained background-act detector of the event date: current news, or background with no
date of its own.

The rule coder dates an event by its own time expression (basis ``text``) and otherwise by the
publication date (``dct``). That second default is wrong for background acts that the article
recalls without dating them ("the militia had seized the town", "he has long accused"): the
annotators give them no date (basis ``none``). This model, trained on the corpus
(:mod:`whimbrel.train.events`), scores each ``dct``-dated event: with probability at least its
threshold the event becomes ``date: null, date_basis: "none"``, and its rule records
``background p=0.81``.

Features: the trigger's tense and aspect (spaCy morphology, ``had``/``has`` auxiliaries), the
governing verb's, the sentence's position in the article (lead, early, late), whether the
sentence has a time expression or a quote, the PLOVER type, and words that mark background
("earlier", "previously", "since", "last year", "ago", "former").
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from whimbrel.annotate.events import weights as weights_io
from whimbrel.model import Event

DIM = 1 << 14
DEFAULT_MODEL = "event_dates"
CUES = {"earlier", "previously", "since", "ago", "former", "once", "already", "long", "past",
        "history", "years", "decades", "last", "before", "after", "until", "originally", "first"}


def bucket(f: str) -> int:
    return zlib.crc32(f.encode("utf-8")) & (DIM - 1)


def _verb_feats(tok, prefix: str) -> list[str]:
    out = []
    if tok is None:
        return out
    m = tok.morph
    for k in ("Tense", "Aspect", "VerbForm", "Mood"):
        for v in m.get(k):
            out.append(f"{prefix}{k}={v}")
    out.append(f"{prefix}tag={tok.tag_}")
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            out.append(f"{prefix}aux={c.lemma_.lower()}")
    return out


def features(article, doc, ev: Event) -> list[str]:
    """The feature strings of one event."""
    from whimbrel.annotate.events.arguments import trigger_token

    f = ["bias", f"type={ev.plover}"]
    trig = trigger_token(doc, ev)
    f += _verb_feats(trig, "t:")
    if trig is not None and trig.pos_ != "VERB":
        f += _verb_feats(trig.head, "h:")
    sents = article.sentences
    i = next((k for k, s in enumerate(sents) if s.start <= ev.evidence.start < s.end), 0)
    f.append("sent=" + ("0" if i == 0 else "1-2" if i <= 2 else "3-6" if i <= 6 else "7+"))
    share = i / max(1, len(sents))
    f.append("pos=" + ("early" if share < 0.33 else "mid" if share < 0.66 else "late"))
    s = sents[i] if sents else None
    if s is not None:
        if any(s.start <= t.start < s.end for t in article.timexes):
            f.append("timex")
        if any(q.start < s.end and s.start < q.end for q in article.quotes):
            f.append("quoted")
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                low = tok.lower_
                if low in CUES:
                    f.append("cue=" + low)
    return f


@dataclass(frozen=True)
class DateModel:
    weights: np.ndarray
    bias: float
    threshold: float
    meta: dict

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> DateModel:
        npz, meta = weights_io.read(name)
        return cls(npz["weights"].astype(np.float32), float(npz["bias"]), float(meta["threshold"]), meta)

    def save(self, base: Path) -> None:
        weights_io.write(base, dict(self.meta, threshold=self.threshold),
                         weights=self.weights.astype(np.float16), bias=np.float32(self.bias))

    def score(self, feats: list[str]) -> float:
        z = float(self.weights[[bucket(x) for x in feats]].sum() + self.bias)
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=4)
def load_dates(name: str | None = None) -> DateModel | None:
    try:
        return DateModel.load(weights_io.chosen("WHIMBREL_DATE_MODEL", DEFAULT_MODEL, name))
    except FileNotFoundError:
        return None


def undate_background(article, doc, events: Sequence[Event], model: DateModel,
                      threshold: float | None = None) -> list[Event]:
    """``events`` with the ``dct``-dated background acts undated."""
    th = model.threshold if threshold is None else threshold
    out = []
    for ev in events:
        if ev.date_basis == "dct":
            p = model.score(features(article, doc, ev))
            if p >= th:
                ev = replace(ev, date=None, date_basis="none",
                             rule=(ev.rule or "") + f"; date: none, background p={p:.2f}")
        out.append(ev)
    return out
