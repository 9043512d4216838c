"""CoNLL-2003 English NER as a reference point for our spaCy model.

The data is ``eng.testb`` (the test split, 3,453 sentences / 46,435 tokens of Reuters news,
Aug–Dec 1996; Tjong Kim Sang & De Meulder 2003, "Introduction to the CoNLL-2003 Shared Task:
Language-Independent Named Entity Recognition", CoNLL 2003) in the two-column ``token TAG``
IOB1 form of ``shared/data/conll2003_ner/data/``.

**Method.** Each sentence is given to the model *with the gold tokens* (a ``Doc`` built from the
CoNLL words, one space between them), and only the ``ner`` component runs (in the spaCy 3.8
``en_core_web_md`` pipeline it has its own embedding layer and does not listen to
``tok2vec``, so its output equals the full pipeline's). Our model predicts the 18 OntoNotes 5
labels; they are mapped to the four CoNLL types by :data:`ONTONOTES_TO_CONLL`, and labels
with no CoNLL counterpart (dates, numbers, money …) are dropped. Scores are entity-level and
exact, as in ``conlleval``: an entity is right when its token span *and* type equal a gold
entity's. This is a cross-scheme comparison — OntoNotes and CoNLL draw some boundaries
differently (OntoNotes excludes "the", CoNLL tags nationality adjectives as MISC, sports teams
named after cities as ORG) — so the figure is a reference point for regressions, not a
state-of-the-art comparison (models trained on CoNLL itself reach ~0.93 F1).

Speed (measured 2026-11-29 on the project's shared 2-core machine, ``en_core_web_md`` 3.8,
ner only, batch 256): the whole test split in 4.8 s (~720 sentences/s) after a 1 s model
load, so CI runs it in full; ``limit`` takes the first N sentences. Sentence by sentence is
what is scored: whole documents (231, with sentence starts set) gave a slightly lower
entity F1 (0.614 vs 0.618).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: OntoNotes 5 entity label (spaCy English pipelines) → CoNLL-2003 type. Labels not listed
#: (DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL) have no CoNLL type and are dropped.
#: Sources: OntoNotes Release 5.0 named-entity guidelines (Weischedel et al. 2013, LDC2013T19);
#: CoNLL-2003 guidelines (the MUC-7 / CoNLL "MISC" class holds nationalities, events, titles
#: of works, products and languages).
ONTONOTES_TO_CONLL: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")
SPLIT_FILES = {"test": "eng.testb", "dev": "eng.testa", "train": "eng.train"}

Entity = tuple[int, int, str]  # [start, end) token offsets in the sentence, CoNLL type


@dataclass(frozen=True)
class Sentence:
    """One CoNLL sentence: tokens and the gold entities as ``(start, end, type)`` token spans."""

    words: tuple[str, ...]
    entities: tuple[Entity, ...]


def iob1_entities(tags: Sequence[str]) -> list[Entity]:
    """Entity spans of an IOB1 tag sequence (CoNLL-2003: ``I-X`` continues an ``I-X``/``B-X``
    before it and otherwise starts an entity; ``B-X`` starts a new entity right after another
    ``X``). Also reads IOB2 (``B-X`` everywhere) correctly."""
    out: list[Entity] = []
    start, typ = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, t = tag.partition("-")
        continues = prefix == "I" and t == typ
        if start is not None and not continues:
            out.append((start, i, typ))
            start, typ = None, None
        if prefix in ("B", "I") and start is None:
            start, typ = i, t
    return out


def read_conll(path: Path | str) -> Iterator[Sentence]:
    """Sentences of a two-column (``token TAG``; extra middle columns are ignored) CoNLL file;
    ``-DOCSTART-`` lines and empty sentences are skipped."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in list(fh) + [""]:
            parts = line.split()
            if parts and parts[0] != "-DOCSTART-":
                words.append(parts[0])
                tags.append(parts[-1])
                continue
            if words:
                yield Sentence(tuple(words), tuple(iob1_entities(tags)))
                words, tags = [], []


def find_split(root: Path | str, split: str = "test") -> Path:
    """The file of ``split`` under ``root``: the ``conll2003_ner`` folder, its ``data/``
    folder, or the shared data root holding ``conll2003_ner/``. Raises
    :class:`FileNotFoundError`."""
    root = Path(root)
    name = SPLIT_FILES[split]
    for cand in (root / "data" / name, root / name, root / "conll2003_ner" / "data" / name):
        if cand.is_file():
            return cand
    raise FileNotFoundError(f"no {name} under {root}")


def default_nlp() -> Any:
    """The pipeline's spaCy model (:func:`whimbrel.annotate.nlp.load_nlp`: ``--model``,
    ``$WHIMBREL_MODEL``, else the best installed). Raises ConfigError E201 when none is."""
    from whimbrel.annotate.nlp import load_nlp

    return load_nlp()


def predict(nlp: Any, sentences: Sequence[Sentence], *, batch_size: int = 256) -> list[list[Entity]]:
    """Mapped predicted entities per sentence: the ``ner`` component on gold-token Docs."""
    from spacy.tokens import Doc

    ner = nlp.get_pipe("ner")
    docs = (Doc(nlp.vocab, words=list(s.words)) for s in sentences)
    out: list[list[Entity]] = []
    for doc in ner.pipe(docs, batch_size=batch_size):
        out.append([(e.start, e.end, ONTONOTES_TO_CONLL[e.label_]) for e in doc.ents
                    if e.label_ in ONTONOTES_TO_CONLL])
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0.0 where a denominator is 0)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: Sequence[Sequence[Entity]], pred: Sequence[Sequence[Entity]]) -> dict[str, float]:
    """Entity-level exact-match figures: ``entity.p``/``entity.r``/``entity.f1`` (micro over
    the four types), ``span.f1`` (span right, type ignored) and ``<TYPE>.p|r|f1`` per type."""
    c: Counter = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for typ in CONLL_TYPES:
            gt = {e for e in gs if e[2] == typ}
            pt = {e for e in ps if e[2] == typ}
            c[(typ, "tp")] += len(gt & pt)
            c[(typ, "fp")] += len(pt - gt)
            c[(typ, "fn")] += len(gt - pt)
        gu, pu = {e[:2] for e in gs}, {e[:2] for e in ps}
        c[("span", "tp")] += len(gu & pu)
        c[("span", "fp")] += len(pu - gu)
        c[("span", "fn")] += len(gu - pu)
    out: dict[str, float] = {}
    tot = [sum(c[(t, k)] for t in CONLL_TYPES) for k in ("tp", "fp", "fn")]
    out["entity.p"], out["entity.r"], out["entity.f1"] = prf(*tot)
    out["span.f1"] = prf(c[("span", "tp")], c[("span", "fp")], c[("span", "fn")])[2]
    for typ in CONLL_TYPES:
        p, r, f = prf(c[(typ, "tp")], c[(typ, "fp")], c[(typ, "fn")])
        out[f"{typ}.p"], out[f"{typ}.r"], out[f"{typ}.f1"] = p, r, f
    return out


def evaluate_conll(root: Path | str, nlp: Any = None, *, limit: int | None = None,
                   split: str = "test") -> dict[str, Any]:
    """Entity-level P/R/F1 of our spaCy NER on CoNLL-2003 (default: the test split).

    ``root``: the ``conll2003_ner`` folder (or see :func:`find_split`); ``nlp``: a loaded
    spaCy pipeline with an ``ner`` component (default :func:`default_nlp`); ``limit``: score
    only the first N sentences. Returns ``{"metrics": {...} (see :func:`score`), "sentences",
    "tokens", "gold_entities", "predicted_entities", "model", "split", "seconds",
    "sentences_per_second"}``. Raises :class:`FileNotFoundError` when the split is absent.
    """
    path = find_split(root, split)
    sentences = list(read_conll(path))
    if limit is not None:
        sentences = sentences[:limit]
    nlp = nlp if nlp is not None else default_nlp()
    t0 = time.perf_counter()
    pred = predict(nlp, sentences)
    seconds = time.perf_counter() - t0
    gold = [s.entities for s in sentences]
    return {
        "metrics": score(gold, pred),
        "split": split,
        "sentences": len(sentences),
        "tokens": sum(len(s.words) for s in sentences),
        "gold_entities": sum(len(g) for g in gold),
        "predicted_entities": sum(len(p) for p in pred),
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}",
        "seconds": round(seconds, 2),
        "sentences_per_second": round(len(sentences) / seconds, 1) if seconds else None,
    }
