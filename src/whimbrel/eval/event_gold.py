"""Scoring the event layer against the project gold (``../shared/gold``, GUIDELINES.md).

Matching follows the project's eval harness: a prediction matches a gold event when the PLOVER
type is the same and the evidence spans overlap inside the same sentence; matching is
one-to-one (required gold first); gold with ``required: false`` is never counted as a miss and
a prediction matching it is not a false positive. Variants also require the dyad: equal source
and target codes (``dyad``) or equal source and target countries (``country``). Date accuracy
is measured over the type matches.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from whimbrel.model import Article, Event, Sentence, article_id

_DATE_LINE = re.compile(r"^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\w+\s+\d{1,2},\s+\d{4}\s*\n")


def _paragraphs(body: str, start: int) -> tuple[tuple[int, int], ...]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", body):
        s, e = m.start(), m.end()
        if e <= start or not body[s:e].strip():
            continue
        out.append((max(s, start), e))
    return tuple(out)


def build_article(gold: dict[str, Any], shared: Path) -> Article:
    """The article a gold file describes, built directly from its input (the body exactly
    as the gold offsets assume). Uses the project's extractor when it is installed.

    Raises ``FileNotFoundError`` when the input file is missing.
    """
    inp = gold["input"]
    path = shared / inp["path"]
    published = gold.get("published")
    if "row" in inp:
        csv.field_size_limit(1 << 30)
        with path.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i == inp["row"]:
                    break
        body = row["text"]
        m = _DATE_LINE.match(body)
        text_start = m.end() if m else 0
        while text_start < len(body) and body[text_start].isspace():
            text_start += 1
        title, dateline = row.get("title"), None
    else:
        meta = gold["article"]
        body = "\n\n".join(meta["body_paragraphs"])
        dateline = meta.get("dateline")
        m = re.match(r"^[A-Z][A-Z .,'-]+\([^)]*\)\s*", body)
        text_start = m.end() if m else 0
        title = meta.get("title")
    return Article(
        id=article_id(None, body), body=body, title=title, published=published, dateline=dateline,
        paragraphs=_paragraphs(body, text_start), text_start=text_start,
    )


def annotate(article: Article, nlp) -> tuple[Article, Any, list[Event]]:
    """Run spaCy, the time layer, the actor layer (when installed) and the event layer."""
    from whimbrel.annotate.events import find_events  # noqa: PLC0415

    masked = " " * article.text_start + article.body[article.text_start:]
    doc = nlp(masked)
    sents = tuple(Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip())
    article = replace(article, sentences=sents)
    try:
        from whimbrel.annotate.timex import find_timexes  # noqa: PLC0415

        timexes = find_timexes(article.body, article.dct, doc=doc)
    except ImportError:
        timexes = []
    try:
        from whimbrel.annotate.actors import find_actors  # noqa: PLC0415

        actors = find_actors(article, doc)
    except ImportError:
        actors = []
    article = replace(article, timexes=tuple(timexes), actors=tuple(actors))
    return article, doc, find_events(article, doc, actors=actors, timexes=timexes)


def load_gold_article(gold: dict[str, Any], shared: Path, nlp) -> tuple[Article, Any, list[Event]]:
    """Build and annotate the article of one gold file: ``(article, doc, events)``."""
    return annotate(build_article(gold, shared), nlp)


def _locate(body: str, text: str, start: int) -> tuple[int, int] | None:
    i = body.find(text, start)
    if i < 0:
        i = body.find(text)
    return (i, i + len(text)) if i >= 0 else None


def normal_code(code: str | None) -> str | None:
    """Actor code in the gold's spelling: ``"IGO"`` alone is ``"IGO IGO"``."""
    if not code:
        return None
    parts = code.split()
    if parts == ["IGO"]:
        return "IGO IGO"
    return " ".join(parts[:2])


def _country(code: str | None) -> str | None:
    return code.split()[0] if code else None


def match_events(article: Article, events: list[Event], gold: dict[str, Any]) -> dict[str, Any]:
    """Match predicted events to a gold file's events (see module docstring).

    Returns counts (``pred``, ``required``, ``matched_required``, ``matched_pred``, dyad and
    country variants, ``date_ok``/``date_n``) plus the lists ``misses`` (gold dicts),
    ``false_positives`` (events), ``pairs`` ((event, gold) tuples).
    """
    body = article.body
    sents = [(s.start, s.end) for s in article.sentences]

    def sent_of(pos: int):
        for s, e in sents:
            if s <= pos < e:
                return (s, e)
        return None

    golds = []
    for g in gold.get("events", []):
        loc = _locate(body, g["evidence"], article.text_start)
        if loc is None:
            continue
        golds.append((g, loc, sent_of(loc[0])))
    golds.sort(key=lambda x: not x[0].get("required", True))
    used: set[int] = set()
    pairs = []
    matched_pred: set[int] = set()

    def overlap(ev: Event, loc, sent) -> bool:
        return (ev.sentence.start, ev.sentence.end) == sent or (
            sent is not None and ev.evidence.start < sent[1] and sent[0] < ev.evidence.end
        )

    def strict(ev, g):
        return normal_code(ev.source.code if ev.source else None) == normal_code((g["source"] or {}).get("code")) and \
            normal_code(ev.target.code if ev.target else None) == normal_code((g["target"] or {}).get("code"))

    def loose(ev, g):
        return _country(ev.source.code if ev.source else None) == _country((g["source"] or {}).get("code")) and \
            _country(ev.target.code if ev.target else None) == _country((g["target"] or {}).get("code"))

    res: dict[str, Any] = {k: 0 for k in ("pred", "required", "matched_required", "matched_pred",
                                          "dyad_required", "dyad_pred", "country_required", "country_pred",
                                          "date_ok", "date_n")}
    res["pred"] = len(events)
    res["required"] = sum(1 for g, _, _ in golds if g.get("required", True))
    # three passes: with dyad first so that the type-level match picks the best partner
    for gi, (g, loc, sent) in enumerate(golds):
        best = None
        for ei, ev in enumerate(events):
            if ei in matched_pred or ev.plover != g["plover"]:
                continue
            if not (overlap(ev, loc, sent) and ev.evidence.start < loc[1] and loc[0] < ev.evidence.end):
                continue
            rank = (strict(ev, g), loose(ev, g))
            if best is None or rank > best[0]:
                best = (rank, ei)
        if best is None:
            continue
        ei = best[1]
        ev = events[ei]
        matched_pred.add(ei)
        used.add(gi)
        pairs.append((ev, g))
        req = g.get("required", True)
        res["matched_pred"] += 1
        res["matched_required"] += req
        if strict(ev, g):
            res["dyad_pred"] += 1
            res["dyad_required"] += req
        if loose(ev, g):
            res["country_pred"] += 1
            res["country_required"] += req
        res["date_n"] += 1
        res["date_ok"] += ev.date == g.get("date")
    res["misses"] = [g for gi, (g, _, _) in enumerate(golds) if gi not in used and g.get("required", True)]
    res["false_positives"] = [ev for ei, ev in enumerate(events) if ei not in matched_pred]
    res["pairs"] = pairs
    # forbidden: a prediction overlapping a not_event evidence
    forb = 0
    for ne in gold.get("not_events", []):
        loc = _locate(body, ne["evidence"], 0)
        if loc and any(ev.evidence.start < loc[1] and loc[0] < ev.evidence.end and ev in res["false_positives"] for ev in events):
            forb += 1
    res["not_event_hits"] = forb
    return res


def _prf(tp_pred: int, pred: int, tp_req: int, req: int) -> dict[str, float]:
    p = tp_pred / pred if pred else 0.0
    r = tp_req / req if req else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 over :func:`match_events` results: type+sentence, +dyad,
    +country; date accuracy over matches; counts."""
    tot = {k: sum(r[k] for r in results) for k in ("pred", "required", "matched_required", "matched_pred",
                                                    "dyad_required", "dyad_pred", "country_required",
                                                    "country_pred", "date_ok", "date_n", "not_event_hits")}
    return {
        "type": _prf(tot["matched_pred"], tot["pred"], tot["matched_required"], tot["required"]),
        "dyad": _prf(tot["dyad_pred"], tot["pred"], tot["dyad_required"], tot["required"]),
        "country": _prf(tot["country_pred"], tot["pred"], tot["country_required"], tot["required"]),
        "date_acc": round(tot["date_ok"] / tot["date_n"], 3) if tot["date_n"] else 0.0,
        "counts": tot,
    }


__all__ = ["annotate", "build_article", "load_gold_article", "match_events", "summarize"]
