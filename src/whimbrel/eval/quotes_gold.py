"""Quote evaluation on whimbrel's own gold files (``shared/gold/*.json``, ``quotes`` lists).

Gold quotes give text, kind, speaker name, speaker mention text and cue text, not offsets;
they are located in the body by exact search (the guidelines make every quote text an exact
substring), the mention and cue by the occurrence nearest to the quote. Scoring is
:class:`whimbrel.eval.quote_score.Tally`; ``required: false`` gold quotes count when found
and cost nothing when missed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from whimbrel.eval.quote_score import SpanQuote, Tally
from whimbrel.model import Article, article_id

_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,40}\s\([^)]{0,80}\)\s+")


def gold_article(gold: dict, shared: Path) -> Article:
    """The :class:`Article` of a gold file's input, built without the extraction stage.

    CSV input: body = the ``text`` column, paragraphs = its non-empty lines. Crawl-text
    input: body = the gold's ``article.body_paragraphs`` joined by blank lines, with the
    dateline and its parenthetical as ``text_start``. Raises ``KeyError``/``FileNotFoundError``
    when the input cannot be found.
    """
    inp = gold["input"]
    path = shared / inp["path"]
    if path.suffix == ".csv":
        csv.field_size_limit(10**9)
        with open(path, encoding="utf-8", newline="") as fh:
            row = list(csv.DictReader(fh))[inp["row"]]
        body = row["text"]
        text_start = 0
    else:
        paras = gold["article"]["body_paragraphs"]
        body = "\n\n".join(paras)
        m = _DATELINE.match(body)
        text_start = m.end() if m else 0
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", body) if m.group().strip())
    return Article(id=article_id(None, body), body=body, paragraphs=paragraphs,
                   text_start=text_start, published=gold.get("published"))


def parse(nlp, article: Article):
    """The spaCy Doc over ``article.body`` with the dateline prefix blanked (offsets equal)."""
    text = " " * article.text_start + article.body[article.text_start:]
    return nlp(text)


def _nearest(body: str, needle: str | None, around: int, max_dist: int = 600) -> tuple[int, int] | None:
    if not needle:
        return None
    best = None
    for m in re.finditer(re.escape(needle), body):
        d = abs(m.start() - around)
        if d <= max_dist and (best is None or d < best[0]):
            best = (d, (m.start(), m.end()))
    return best[1] if best else None


def gold_quotes(gold: dict, body: str) -> list[SpanQuote]:
    """The gold quotes of one gold file as :class:`SpanQuote` records located in ``body``."""
    out = []
    for q in gold.get("quotes", []):
        start = body.find(q["text"])
        if start < 0:
            continue
        end = start + len(q["text"])
        mid = (start + end) // 2
        out.append(SpanQuote([(start, end)],
                             speaker=_nearest(body, q.get("speaker_mention"), mid),
                             cue=None, name=q.get("speaker"), kind=q.get("kind"),
                             required=bool(q.get("required", True))))
    return out


def evaluate_gold_quotes(paths: list[Path], shared: Path, *, nlp=None, use_actors: bool = True
                         ) -> dict[str, Any]:
    """Score :func:`whimbrel.annotate.quotes.find_quotes` on whimbrel gold files.

    ``paths`` are gold JSON files, ``shared`` the ``shared/`` folder their inputs are
    relative to, ``nlp`` a loaded spaCy pipeline (default: the pipeline's model,
    :func:`whimbrel.annotate.nlp.load_nlp`); ``use_actors`` runs the actor layer first and resolves speakers
    through it (otherwise the quote layer's own entity-based fallback). Returns ``{"metrics": {name: float}, "n_docs": int,
    "misses": [(doc, text)], "false_alarms": [(doc, text)]}``.
    """
    from whimbrel.annotate.quotes import find_quotes

    if nlp is None:
        nlp = _default_nlp()
    tally = Tally()
    for path in paths:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        article = gold_article(gold, shared)
        doc = parse(nlp, article)
        pred = [SpanQuote([(q.start, q.end)],
                          speaker=(q.speaker_start, q.speaker_end) if q.speaker_start is not None else None,
                          cue=(q.cue_start, q.cue_end) if q.cue_start is not None else None,
                          name=q.speaker, kind=q.kind)
                for q in find_quotes(article, doc, _actors(article, doc) if use_actors else ())]
        tally.add(article.body, pred, gold_quotes(gold, article.body), gold.get("id", str(path)))
    return {"metrics": tally.metrics(), "n_docs": len(paths),
            "misses": tally.misses, "false_alarms": tally.false_alarms}


def _actors(article: Article, doc) -> list:
    from whimbrel.annotate.actors import find_actors

    return find_actors(article, doc)


def _default_nlp():
    from whimbrel.annotate.nlp import load_nlp

    return load_nlp()
