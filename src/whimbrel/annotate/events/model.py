"""The trained event-type model: which PLOVER types each sentence reports as asserted acts.

A linear model (one logistic regression per PLOVER type, trained by ``whimbrel train`` on the
annotated corpus, :mod:`whimbrel.train.events`) scores every body sentence from the features of
:mod:`whimbrel.annotate.events.features`. Its not_events (negated, hypothetical, future, generic
and question acts) are negatives, so the score folds in factuality.

:func:`refine` combines it with the rule coder (``--events hybrid``, the default when weights
are installed):

* a rule event is kept when the model gives its (sentence, type) at least ``keep`` (its rule
  then ends with ``model p=0.83``, and ``confidence`` is that probability); otherwise it is
  dropped, and the article's ``dropped_events`` records it with the reason;
* a (sentence, type) the model scores at least ``add`` with no rule event of that type becomes
  an event of its own (rule ``model: TYPE p=0.91``): its trigger is the sentence's lexicon
  word of that type, or its main verb; the source is the actor of the trigger's subject (or the
  first actor before it), the target the actor of its object (or the first actor after it),
  the date the sentence's time expression, else the publication date.

Weights live in ``annotate/events/models/`` (``event_types.npz`` and its ``.json`` card) and are
chosen by name (``WHIMBREL_EVENT_MODEL`` or ``Pipeline(event_model=...)``); nothing is
downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from whimbrel.annotate.events import features as fx
from whimbrel.annotate.events import weights
from whimbrel.model import Event, EventArgument, Sentence, Span
from whimbrel.ontology import cameo as cameo_tables
from whimbrel.ontology import plover as plover_tables

PRODUCER = "events.hybrid/1"
MODEL_DIR = weights.MODEL_DIR
DEFAULT_MODEL = "event_types"
#: the event-layer modes: the rule coder alone, or rules refined by the trained model
MODES = ("rules", "model", "hybrid")


@dataclass(frozen=True)
class TypeModel:
    """Weights of the per-type logistic regressions: ``sparse`` (types × ``fx.DIM``),
    ``dense`` (types × ``fx.VEC_DIM``), ``bias`` (types), with the thresholds ``keep`` and
    ``add`` and the model card ``meta``."""

    types: tuple[str, ...]
    sparse: np.ndarray
    dense: np.ndarray
    bias: np.ndarray
    keep: float
    add: float
    meta: dict

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> TypeModel:
        """Load weights by name (a file stem in ``MODEL_DIR``) or path (without suffix)."""
        npz, meta = weights.read(name)
        if npz["sparse"].shape[1] != fx.DIM or npz["dense"].shape[1] != fx.VEC_DIM:
            raise ValueError(f"{name}: weights of another feature layout; rerun whimbrel train")
        return cls(tuple(meta["types"]), npz["sparse"].astype(np.float32), npz["dense"].astype(np.float32),
                   npz["bias"].astype(np.float32), float(meta["thresholds"]["keep"]),
                   float(meta["thresholds"]["add"]), meta)

    def save(self, base: Path) -> None:
        weights.write(base, dict(self.meta, types=list(self.types), thresholds={"keep": self.keep, "add": self.add}),
                      sparse=self.sparse.astype(np.float16), dense=self.dense.astype(np.float16),
                      bias=self.bias.astype(np.float32))

    def predict(self, rows: Sequence[Sequence[int]], dense: np.ndarray) -> np.ndarray:
        """Probabilities ``[sentence, type]`` for hashed rows and dense vectors."""
        out = np.empty((len(rows), len(self.types)), dtype=np.float32)
        for i, idx in enumerate(rows):
            out[i] = self.sparse[:, idx].sum(axis=1) if idx else 0.0
        if len(rows):
            out += dense @ self.dense.T
        out += self.bias
        return 1.0 / (1.0 + np.exp(-out))


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> TypeModel | None:
    """The installed model of that name, or None when no weights are installed."""
    try:
        return TypeModel.load(weights.chosen("WHIMBREL_EVENT_MODEL", DEFAULT_MODEL, name))
    except FileNotFoundError:
        return None


def default_mode() -> str:
    """``hybrid`` when trained weights are installed, else ``rules``."""
    return "hybrid" if load_model() is not None else "rules"


# --------------------------------------------------------------------------- new events


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _trigger(span, plover: str):
    """The sentence's token that best names an act of ``plover``: a lexicon word of that
    type (verbs first), else the root verb."""
    lex = fx.lexicon_types()
    best = None
    for tok in span:
        if plover in lex.get(_lemma(tok), ()) and tok.pos_ in ("VERB", "NOUN", "ADJ"):
            if best is None or (tok.pos_ == "VERB" and best.pos_ != "VERB"):
                best = tok
    if best is None:
        best = span.root
    return best


def _actor_at(tok, actors):
    for a in actors:
        if a.start <= tok.idx < a.end:
            return a
    return None


def _argument(actor) -> EventArgument | None:
    if actor is None or not actor.code:
        return None
    return EventArgument(actor.start, actor.end, actor.text, actor.name, actor.code)


def _subject_actor(trig, actors):
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    for t in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ in ("nsubj", "agent"):
                for d in ([c] if c.dep_ == "nsubj" else list(c.children)):
                    for x in d.subtree:
                        a = _actor_at(x, actors)
                        if a is not None and a.code:
                            return a
    return None


def _object_actor(trig, actors, exclude):
    for c in trig.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass", "pobj", "prep", "attr"):
            for x in c.subtree:
                a = _actor_at(x, actors)
                if a is not None and a.code and a is not exclude:
                    return a
    return None


def _place_index(article, doc):
    """The place layer's index of the article, or None when the place layer is absent."""
    try:
        from whimbrel.annotate.places import PlaceIndex
    except ImportError:
        return None
    return PlaceIndex(article, doc) if getattr(article, "places", None) is not None else None


def with_actor_geos(ev: Event, places) -> Event:
    """``ev`` with its actors' places (GDELT Actor1Geo/Actor2Geo) from the place layer."""
    if places is None:
        return ev
    from whimbrel.annotate.places import actor_geo

    return replace(ev, source_geo=actor_geo(ev.source, places), target_geo=actor_geo(ev.target, places))


def new_event(article, doc, sent: Sentence, plover: str, p: float, places=None) -> Event | None:
    """An event of ``plover`` for a sentence the model scored ``p``, rules having coded none;
    ``places`` is the article's :class:`~whimbrel.annotate.places.PlaceIndex` (for its place)."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trig = _trigger(span, plover)
    acts = [a for a in article.actors if sent.start <= a.start and a.end <= sent.end]
    src = _subject_actor(trig, acts)
    if src is None:
        src = next((a for a in acts if a.code and a.end <= trig.idx), None)
    tgt = _object_actor(trig, acts, src)
    if tgt is None:
        tgt = next((a for a in acts if a.code and a.start > trig.idx and a is not src
                    and a.code != (src.code if src else None)), None)
    date, basis = None, "dct"
    for t in article.timexes:
        if sent.start <= t.start < sent.end and t.value and t.value[:4].isdigit() and t.type in ("DATE", "TIME"):
            date, basis = t.value, "text"
            break
    if date is None and article.dct is not None:
        date = article.dct.isoformat()
    ptype = plover_tables.types().get(plover)
    cameo_code = getattr(ptype, "default_cameo", None) or None
    from whimbrel.annotate.events.lexicon import load_lexicon

    mode = None
    for entry in load_lexicon().candidates(_lemma(trig)):
        if entry.plover == plover:
            cameo_code, mode = entry.cameo or cameo_code, entry.mode
            break
    code = cameo_tables.lookup(cameo_code) if cameo_code else None
    start, end = sent.start, sent.end
    place = {}
    if places is not None:
        from whimbrel.annotate.places import event_place

        loc, geo, basis_ = event_place(trig, sent, places)
        place = {"location": loc, "action_geo": geo, "location_basis": basis_}
    ev = Event(
        plover=plover, evidence=Span(start, end, article.body[start:end]), sentence=sent,
        mode=mode if mode and plover_tables.is_mode(plover, mode) else None,
        cameo=code.code if code else None, cameo_root=code.root if code else None,
        quad_class=code.quad_class if code else None, goldstein=code.goldstein if code else None,
        source=_argument(src), target=_argument(tgt), date=date, date_basis=basis,
        cue=trig.text, rule=f"model: {plover} p={p:.2f} (trigger {trig.text!r})",
        confidence=round(float(p), 3), producer=PRODUCER, **place)
    return with_actor_geos(ev, places)


# --------------------------------------------------------------------------- refine


@dataclass(frozen=True)
class Dropped:
    """A rule event the model dropped, and why."""

    event: Event
    reason: str


def refine(article, doc, rule_events: Sequence[Event], model: TypeModel,
           keep: float | None = None, add: float | None = None,
           probs: np.ndarray | None = None) -> tuple[list[Event], list[Dropped]]:
    """The hybrid events of an article: rule events the model keeps, plus the model's own.
    ``probs`` (sentence × type) may be given when already computed (training)."""
    keep = model.keep if keep is None else keep
    add = model.add if add is None else add
    if probs is None:
        rows, dense = fx.article_matrix(article, doc, rule_events)
        probs = model.predict(rows, dense)
    tix = {t: i for i, t in enumerate(model.types)}
    sent_ix = {s.start: i for i, s in enumerate(article.sentences)}

    def sentence_of(ev: Event) -> int | None:
        i = sent_ix.get(ev.sentence.start)
        if i is None:
            for j, s in enumerate(article.sentences):
                if s.start <= ev.evidence.start < s.end:
                    return j
        return i

    out: list[Event] = []
    dropped: list[Dropped] = []
    covered: set[tuple[int, str]] = set()
    # the model judges only the types it learned from enough examples; the rule coder keeps
    # the others (and the model adds none of them)
    trust = int(model.meta.get("trust_min_positives", 0))
    learned = {t for t in model.types if int(model.meta.get("positives", {}).get(t, 0)) >= trust}
    for ev in rule_events:
        i = sentence_of(ev)
        if i is None or ev.plover not in tix:
            out.append(ev)
            continue
        p = float(probs[i, tix[ev.plover]])
        if ev.plover not in learned:
            out.append(replace(ev, rule=f"{ev.rule}; model p={p:.2f} (type learned from too few "
                                        f"examples: the rule decides)", producer=PRODUCER))
            covered.add((i, ev.plover))
        elif p >= keep:
            out.append(replace(ev, rule=f"{ev.rule}; model p={p:.2f}", confidence=round(p, 3),
                               producer=PRODUCER))
            covered.add((i, ev.plover))
        else:
            dropped.append(Dropped(ev, f"model p={p:.2f} < {keep:.2f}: not an asserted {ev.plover} "
                                       f"in this sentence"))
    places = None
    for i, sent in enumerate(article.sentences):
        if sent.end <= article.text_start:
            continue
        for t, j in tix.items():
            p = float(probs[i, j])
            if p >= add and (i, t) not in covered and t in learned:
                if places is None:
                    places = _place_index(article, doc)
                ev = new_event(article, doc, sent, t, p, places)
                if ev is not None:
                    out.append(ev)
    out.sort(key=lambda e: (e.evidence.start, e.evidence.end))
    return out, dropped
