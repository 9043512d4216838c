"""The trained argument scorer: who is the source and who the target of a coded event.

For each event and each side (source, target) it scores every coded actor mention of the
event's sentence, and of the sentence before it, with a logistic regression trained on the
annotated corpus (:mod:`whimbrel.train.events`), and picks the best-scoring mention when its
probability reaches the side's threshold; otherwise the side is left empty. The features read
the parse and what the rule coder chose:

* ``rule`` / ``other``: the rule coder chose this mention for this side / for the other side;
* ``path=<deps>``: the dependency path from the mention's head up to the event's trigger (at
  most three steps: ``nsubj``, ``prep:by>pobj``, ``dobj``, ``poss``…), also crossed with the
  PLOVER type;
* ``pos=before|after|prev``: where the mention is, against the trigger; ``dist=<bucket>``;
* ``kind=``, ``role=``, ``pron`` (a pronoun resolved by coreference), ``inev`` (inside the
  evidence), ``firstact`` (the sentence's first actor).

A place is never a candidate unless the actor layer coded it as a state actor ("Beijing
said"), and the same mention is never both source and target. Each choice records its score in
the event's rule (``source p=0.81``).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from whimbrel.annotate.events import weights as weights_io
from whimbrel.model import Actor, Event, EventArgument

DIM = 1 << 15
SIDES = ("source", "target")
DEFAULT_MODEL = "event_arguments"
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "we", "i", "who"}


def bucket(f: str) -> int:
    return zlib.crc32(f.encode("utf-8")) & (DIM - 1)


def _tok_at(doc, pos: int):
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _head_of(doc, a: Actor):
    span = doc.char_span(a.start, a.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def trigger_token(doc, ev: Event):
    """The token of the event's cue inside its evidence (the first cue word), else the
    evidence's root."""
    span = doc.char_span(ev.evidence.start, ev.evidence.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cue = (ev.cue or "").split(" … ")[-1].split()
    if cue:
        for t in span:
            if t.text == cue[0]:
                return t
    return span.root


def _path(tok, trig) -> str:
    """Dependency labels from ``tok`` up to ``trig`` (at most 3 steps), or ``far``."""
    steps, t = [], tok
    for _ in range(3):
        if t is trig:
            return ">".join(steps) or "self"
        if t.head is t:
            break
        lab = t.dep_
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            lab = "pobj"
        if t.dep_ == "prep":
            lab = "prep:" + t.lower_
        steps.append(lab)
        t = t.head
    if t is trig:
        return ">".join(steps)
    # the trigger under the same head (the subject of a light verb over a nominal trigger)
    if trig is not None and trig.head is tok.head and tok.dep_ in ("nsubj", "nsubjpass"):
        return "sib:" + tok.dep_
    return "far"


def candidates(article, ev: Event) -> list[tuple[Actor, str]]:
    """Coded actor mentions of the event's sentence (``in``) and of the one before (``prev``)."""
    sents = article.sentences
    i = next((k for k, s in enumerate(sents) if s.start <= ev.evidence.start < s.end), None)
    out = []
    if i is None:
        return out
    cur, prev = sents[i], sents[i - 1] if i > 0 else None
    for a in article.actors:
        if not a.code:
            continue
        if cur.start <= a.start < cur.end:
            out.append((a, "in"))
        elif prev is not None and prev.start <= a.start < prev.end:
            out.append((a, "prev"))
    return out


def _same(arg: EventArgument | None, a: Actor) -> bool:
    return arg is not None and arg.start < a.end and a.start < arg.end


def features(doc, ev: Event, a: Actor, where: str, side: str, first: bool) -> list[str]:
    trig = trigger_token(doc, ev)
    head = _head_of(doc, a)
    t = ev.plover
    own = ev.source if side == "source" else ev.target
    other = ev.target if side == "source" else ev.source
    f = [f"{side}|bias", f"{side}|type={t}"]
    if _same(own, a):
        f += [f"{side}|rule", f"{side}|rule|type={t}"]
    if _same(other, a):
        f.append(f"{side}|other")
    if where == "prev":
        f.append(f"{side}|pos=prev")
    elif trig is not None:
        f.append(f"{side}|pos=" + ("before" if a.start < trig.idx else "after"))
        d = abs((head.i if head is not None else trig.i) - trig.i)
        f.append(f"{side}|dist=" + ("0-2" if d <= 2 else "3-5" if d <= 5 else "6-10" if d <= 10 else "11+"))
    if head is not None and trig is not None and where == "in":
        p = _path(head, trig)
        f += [f"{side}|path={p}", f"{side}|path={p}|type={t}"]
        if trig.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trig.children):
            f.append(f"{side}|passive|path={p}")
    f.append(f"{side}|kind={a.kind}")
    if a.role:
        f += [f"{side}|role={a.role}", f"{side}|role={a.role}|type={t}"]
    if a.text.lower() in PRONOUNS:
        f.append(f"{side}|pron")
    if ev.evidence.start <= a.start and a.end <= ev.evidence.end:
        f.append(f"{side}|inev")
    if first:
        f.append(f"{side}|firstact")
    return f


@dataclass(frozen=True)
class ArgumentModel:
    """Weights (sides × ``DIM``) and the threshold per side; ``meta`` is the model card."""

    weights: np.ndarray
    bias: np.ndarray
    thresholds: dict
    meta: dict

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> ArgumentModel:
        npz, meta = weights_io.read(name)
        return cls(npz["weights"].astype(np.float32), npz["bias"].astype(np.float32),
                   meta["thresholds"], meta)

    def save(self, base: Path) -> None:
        weights_io.write(base, dict(self.meta, thresholds=self.thresholds),
                         weights=self.weights.astype(np.float16), bias=self.bias)

    def score(self, side: str, feats: list[str]) -> float:
        k = SIDES.index(side)
        z = float(self.weights[k, [bucket(x) for x in feats]].sum() + self.bias[k])
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=4)
def load_arguments(name: str | None = None) -> ArgumentModel | None:
    try:
        return ArgumentModel.load(weights_io.chosen("WHIMBREL_ARGUMENT_MODEL", DEFAULT_MODEL, name))
    except FileNotFoundError:
        return None


def _arg(a: Actor) -> EventArgument:
    return EventArgument(a.start, a.end, a.text, a.name, a.code)


def assign(article, doc, events: Sequence[Event], model: ArgumentModel,
           thresholds: dict | None = None) -> list[Event]:
    """The events with their source and target chosen by the model."""
    from whimbrel.annotate.events.model import _place_index, with_actor_geos

    th = thresholds or model.thresholds
    places = _place_index(article, doc)
    out = []
    for ev in events:
        cands = candidates(article, ev)
        if not cands:
            out.append(ev)
            continue
        first = cands[0][0]
        chosen: dict[str, tuple[Actor, float] | None] = {}
        for side in SIDES:
            best = None
            for a, where in cands:
                if side == "target" and where == "prev":
                    continue
                p = model.score(side, features(doc, ev, a, where, side, a is first))
                if best is None or p > best[1]:
                    best = (a, p)
            chosen[side] = best if best is not None and best[1] >= th[side] else None
        src, tgt = chosen["source"], chosen["target"]
        if src and tgt and src[0] is tgt[0]:
            if src[1] >= tgt[1]:
                tgt = None
            else:
                src = None
        notes = []
        for side, c in (("source", src), ("target", tgt)):
            if c is not None:
                notes.append(f"{side} p={c[1]:.2f}")
        ev = replace(ev, source=_arg(src[0]) if src else None, target=_arg(tgt[0]) if tgt else None,
                     rule=(ev.rule or "") + ("; " + ", ".join(notes) if notes else "; no argument scored"))
        out.append(with_actor_geos(ev, places))
    return out
