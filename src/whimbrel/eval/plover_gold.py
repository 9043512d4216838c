"""Evaluate the event layer on the PLOVER gold-standard records.

The records (``plover_gold_cameo_examples/gold_standard_records/PLOVER_GSR_CAMEO.txt``, Open
Event Data Alliance, CC BY-SA 4.0) are 322 example sentences of the CAMEO 1.1b3 manual, each coded
with one PLOVER event, its source and target actors (CAMEO-style country codes) and the trigger
text. Categories of the older PLOVER draft used there are mapped to the 16 current types as the
PLOVER manual's CAMEO→PLOVER table does (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
FIGHT→ASSAULT; :data:`whimbrel.ontology.plover.LEGACY_TYPES`).

Each sentence is coded as a one-sentence article (publication date = the record's date). The
predicted sentence type is that of the most confident event, if any. Metrics:

* ``accuracy`` — predicted type equals the gold type (a sentence with no event is wrong);
* ``macro_f1`` — mean over the 16 types of the per-type F1 of sentence-level predictions;
* ``coverage`` — share of sentences with at least one event;
* ``precision_when_coded`` — accuracy over the sentences that got an event;
* ``dyad_accuracy`` — type right and, for some event of that type, the source country equals a
  gold source's country and (when the gold has a target) the target country equals a gold
  target's country (the record codes are 3-letter CAMEO country codes, compared as given).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from whimbrel.model import Article, Sentence, article_id
from whimbrel.ontology.plover import LEGACY_TYPES, PLOVER_TYPES

GSR_PATH = Path("gold_standard_records") / "PLOVER_GSR_CAMEO.txt"


def read_records(root: Path) -> Iterator[dict[str, Any]]:
    """The event records of the PLOVER GSR under ``root`` (the ``plover_gold_cameo_examples``
    folder), with ``event`` mapped to a current PLOVER type; the DOCUMENT header and records
    whose category maps to no type are skipped. Raises ``FileNotFoundError`` when missing."""
    data = json.loads((root / GSR_PATH).read_text(encoding="utf-8"))
    for rec in data:
        ev = LEGACY_TYPES.get(rec.get("event", ""), rec.get("event", ""))
        if ev not in PLOVER_TYPES:
            continue
        yield {**rec, "event": ev}


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return code.split()[0][:3]


def _codes(actors: Any) -> set[str]:
    if not actors or not isinstance(actors, list):
        return set()
    return {c for c in (_country(a.get("code")) for a in actors) if c}


def evaluate_plover(root: Path, *, nlp=None, limit: int | None = None) -> dict[str, Any]:
    """Score :func:`whimbrel.annotate.events.find_events` on the PLOVER GSR records.

    ``root`` is the ``plover_gold_cameo_examples`` folder; ``nlp`` a loaded spaCy pipeline
    (default: the project's en_core_web_md); ``limit`` scores only the first N records.
    Returns ``{"metrics": {accuracy, macro_f1, coverage, precision_when_coded, dyad_accuracy},
    "n": int, "confusion": {gold: {pred: count}}}``.
    """
    from whimbrel.annotate.events import find_events  # noqa: PLC0415

    if nlp is None:
        from whimbrel.annotate.nlp import load_nlp  # noqa: PLC0415

        nlp = load_nlp()  # the configured model (--model / $WHIMBREL_MODEL), as the pipeline uses
    try:
        from whimbrel.annotate.actors import find_actors  # noqa: PLC0415
    except ImportError:
        find_actors = None
    try:
        from whimbrel.annotate.timex import find_timexes  # noqa: PLC0415
    except ImportError:
        find_timexes = None

    records = list(read_records(root))
    if limit is not None:
        records = records[:limit]
    texts = [r["text"] for r in records]
    n = len(records)
    correct = coded = coded_correct = dyad_ok = 0
    tp = {t: 0 for t in PLOVER_TYPES}
    fp = dict(tp)
    fn = dict(tp)
    confusion: dict[str, dict[str, int]] = {}
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        body = rec["text"]
        art = Article(id=article_id("plover-gsr", body), body=body, published=rec.get("date"),
                      sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
                      paragraphs=((0, len(body)),))
        timexes = find_timexes(body, art.dct, doc=doc) if find_timexes else []
        actors = find_actors(art, doc) if find_actors else []
        art = replace(art, timexes=tuple(timexes), actors=tuple(actors))
        events = find_events(art, doc, actors=actors, timexes=timexes)
        gold = rec["event"]
        pred = max(events, key=lambda e: e.confidence).plover if events else None
        confusion.setdefault(gold, {})
        confusion[gold][pred or "-"] = confusion[gold].get(pred or "-", 0) + 1
        if pred is not None:
            coded += 1
        if pred == gold:
            correct += 1
            coded_correct += 1
            tp[gold] += 1
            g_src, g_tgt = _codes(rec.get("source")), _codes(rec.get("target"))
            for e in events:
                if e.plover != gold:
                    continue
                s_ok = _country(e.source.code if e.source else None) in g_src if g_src else True
                t_ok = _country(e.target.code if e.target else None) in g_tgt if g_tgt else True
                if s_ok and t_ok:
                    dyad_ok += 1
                    break
        else:
            fn[gold] += 1
            if pred is not None:
                fp[pred] += 1
    f1s = []
    for t in PLOVER_TYPES:
        if tp[t] + fp[t] + fn[t] == 0:
            continue
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    metrics = {
        "accuracy": round(correct / n, 3) if n else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "coverage": round(coded / n, 3) if n else 0.0,
        "precision_when_coded": round(coded_correct / coded, 3) if coded else 0.0,
        "dyad_accuracy": round(dyad_ok / n, 3) if n else 0.0,
    }
    return {"metrics": metrics, "n": n, "confusion": confusion}


__all__ = ["evaluate_plover", "read_records"]
