"""Inter-annotator agreement: one annotation of an article scored as gold against another.

``whimbrel eval A --against B`` pairs the gold files of A and B by ``id`` and scores each B
file as if it were whimbrel's prediction, with the same scorers and matching rules as every
other evaluation (:func:`whimbrel.eval.score.score_article`). So an agreement figure and an
accuracy figure mean the same thing: ``events.located.f1`` between two annotators is the
ceiling a coder can be expected to reach on that layer.

:func:`gold_as_record` turns a gold annotation into the predicted-record shape: every string is
placed at its first occurrence in the body, an event's sentence is the sentence holding its
evidence, a quote's speaker is placed at its ``speaker_mention`` near the quote.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from whimbrel.eval.gold import GoldError, GoldFile, load_gold_files
from whimbrel.eval.report import ArticleResult, Report, TargetResult
from whimbrel.eval.score import score_article

#: a sentence ends at . ! ? (with closing quotes or brackets) before white space, or at a
#: line break
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n+")


def sentences(body: str) -> list[list[int]]:
    """Rough sentence spans ``[[start, end], ...]`` of ``body`` (enough to decide whether two
    annotators' evidence lies in the same sentence)."""
    out, start = [], 0
    for m in _SENT_END.finditer(body):
        end = m.end()
        if body[start:end].strip():
            out.append([start, end])
        start = end
    if body[start:].strip():
        out.append([start, len(body)])
    return out


def _place(body: str, text: str | None, near: int = 0) -> tuple[int, int] | None:
    """The occurrence of ``text`` in ``body`` nearest to ``near``, or None."""
    if not text:
        return None
    best, i = None, body.find(text)
    while i >= 0:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = body.find(text, i + 1)
    return None if best is None else (best, best + len(text))


def _sentence_of(spans: list[list[int]], pos: int) -> dict[str, int] | None:
    for s, e in spans:
        if s <= pos < e:
            return {"start": s, "end": e}
    return None


def gold_as_record(data: Mapping[str, Any], body: str) -> dict[str, Any]:
    """A gold annotation in the shape of ``Article.to_record()``, for scoring against another."""
    sents = sentences(body)
    events = []
    for e in data.get("events") or []:
        where = _place(body, e.get("evidence"))
        if where is None:
            continue
        events.append({
            "plover": e.get("plover"), "mode": e.get("mode"), "cameo": e.get("cameo"),
            "source": e.get("source"), "target": e.get("target"), "date": e.get("date"),
            "location": e.get("location"), "factuality": e.get("factuality", "asserted"),
            "evidence": {"start": where[0], "end": where[1], "text": e["evidence"]},
            "sentence": _sentence_of(sents, where[0]),
        })
    quotes = []
    for q in data.get("quotes") or []:
        where = _place(body, q.get("text"))
        if where is None:
            continue
        spk = _place(body, q.get("speaker_mention"), where[0])
        quotes.append({"text": q["text"], "start": where[0], "end": where[1],
                       "kind": q.get("kind"), "speaker": q.get("speaker"),
                       "speaker_start": spk[0] if spk else None,
                       "speaker_end": spk[1] if spk else None})
    timexes = []
    for t in data.get("timexes") or []:
        where = _place(body, t.get("text"))
        if where is not None:
            timexes.append({"text": t["text"], "start": where[0], "end": where[1],
                            "value": t.get("value"), "mod": t.get("mod")})
    return {"body": body, "published": data.get("published"), "sentences": sents,
            "paragraphs": [], "events": events, "quotes": quotes, "timexes": timexes,
            "entities": [], "actors": []}


def agreement(gold_paths: Iterable[Path | str], against: Iterable[Path | str], *,
              data_root: Path | str | None = None) -> Report:
    """Score the annotations of ``against`` (as predictions) against those of ``gold_paths``
    (as gold), article by article, paired by ``id``; articles annotated on one side only are
    left out and counted in the target's ``info``."""
    golds = load_gold_files(gold_paths)
    others: dict[str, GoldFile] = {g.id: g for g in load_gold_files(against)}
    report = Report()
    report.meta["pipeline"] = "annotation (agreement)"
    t0 = time.perf_counter()
    results: list[ArticleResult] = []
    unpaired = 0
    for g in golds:
        b = others.get(g.id)
        if b is None:
            unpaired += 1
            continue
        try:
            body = g.body(data_root)
        except GoldError as exc:
            results.append(ArticleResult(g.id, str(g.path), {}, [], exc.message))
            continue
        s = score_article(gold_as_record(b.data, body), g.data)
        results.append(ArticleResult(g.id, str(g.path), s.layers, s.findings, None, 0.0))
    target = TargetResult.from_articles("agreement", results, time.perf_counter() - t0)
    target.info.update({"paired": len(results), "unpaired": unpaired})
    report.targets.append(target)
    return report
