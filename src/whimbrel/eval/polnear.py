"""Quote evaluation on PolNeAR (Newell, Margolin & Ruths, "An attribution relations corpus for
political news", LREC 2018): 1,008 US election news articles with Source/Cue/Content
attribution relations in brat standoff (``shared/data/polnear``; its PROVENANCE.md).

What is scored. Each attribution relation (``E`` line) gives a Content (possibly
discontinuous, ``"s e;s e"``), a Cue and usually a Source, as character offsets into the
article ``.txt``. Where an article has several annotators' ``.ann`` files the first in name
order is the gold. whimbrel's quotes for one cue are grouped into one attribution (a mixed
quote's clause and its quoted fragments are one PolNeAR Content). Scoring is
:class:`whimbrel.eval.quote_score.Tally`: content-span overlap P/R/F1 (one-to-one match when the
normalised spans share ≥ 50 % of the longer), exact-span F1, Citron's token-overlap F1
(the measure behind Citron's PARC 3.0 content figure 0.833), speaker accuracy (the
predicted speaker mention overlaps the gold Source) and cue accuracy on matched quotes.

Scope differences to keep in mind when comparing with Citron on PARC 3.0: PolNeAR, like
PARC, also annotates attributions of beliefs, intentions and knowledge ("X believes",
"X wants", "polls show"), which whimbrel's quote layer does not claim; recall is therefore
a lower bound of quote recall. The test split's attributions are held back (PROVENANCE.md).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from whimbrel.eval.quote_score import SpanQuote, Tally
from whimbrel.model import Article, article_id

#: articles scored by default (first in name order): ~0.2 s CPU each with en_core_web_md, so
#: the gate's run stays well under a minute on a shared 2-core box; the full dev split is 84
DEFAULT_LIMIT = 40


def read_ann(path: Path) -> list[SpanQuote]:
    """Attribution relations of one brat ``.ann`` file as :class:`SpanQuote` records
    (``pieces`` the Content fragments, ``speaker`` the Source hull or ``None``, ``cue`` the
    Cue hull). Relations without Content or Cue are skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, rest, *_ = line.split("\t") + [""]
            label, _, offs = rest.partition(" ")
            pieces = []
            for part in offs.split(";"):
                a, b = part.split()
                pieces.append((int(a), int(b)))
            spans[tid] = (label, pieces)
        elif line.startswith("E"):
            parts = line.split("\t")[1].split()
            rels.append({k: v for k, v in (p.split(":", 1) for p in parts)})
    out = []
    for r in rels:
        contents = [spans[v][1] for k, v in r.items() if k.startswith("Content") and v in spans]
        cue = spans.get(r.get("Cue", ""))
        if not contents or cue is None:
            continue
        pieces = [p for c in contents for p in c]
        src = spans.get(r.get("Source", ""))

        def hull(ps):
            return min(s for s, _ in ps), max(e for _, e in ps)

        out.append(SpanQuote(pieces, speaker=hull(src[1]) if src else None, cue=hull(cue[1])))
    return out


def split_files(root: Path, split: str = "dev") -> list[tuple[Path, Path]]:
    """``(text, ann)`` pairs of ``split`` under the PolNeAR folder ``root`` (the one holding
    ``data/``), sorted by name; articles without an ``.ann`` file are left out."""
    base = Path(root) / "data" / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        anns.setdefault(stem, ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        if txt.stem in anns:
            out.append((txt, anns[txt.stem]))
    return out


def polnear_article(text: str, name: str = "") -> Article:
    """An :class:`Article` over a PolNeAR text: body = the text, paragraphs = its lines."""
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip())
    return Article(id=article_id("polnear", text), body=text, source="PolNeAR", title=name,
                   paragraphs=paragraphs)


def predicted_attributions(quotes) -> list[SpanQuote]:
    """whimbrel quotes as attributions: quotes sharing a cue span become one attribution
    whose Content pieces are their spans."""
    groups: dict[Any, list] = {}
    for q in quotes:
        key = (q.cue_start, q.cue_end) if q.cue_start is not None else ("q", q.start)
        groups.setdefault(key, []).append(q)
    out = []
    for qs in groups.values():
        first = qs[0]
        out.append(SpanQuote(sorted((q.start, q.end) for q in qs),
                             speaker=(first.speaker_start, first.speaker_end)
                             if first.speaker_start is not None else None,
                             cue=(first.cue_start, first.cue_end) if first.cue_start is not None else None,
                             name=first.speaker, kind=first.kind))
    return out


def evaluate_polnear(root: Path, split: str = "dev", *, limit: int | None = DEFAULT_LIMIT,
                     nlp=None) -> dict:
    """Score the quote layer on PolNeAR's ``split`` (``"train"`` or ``"dev"``).

    ``root`` is the PolNeAR folder (``shared/data/polnear``); ``limit`` scores only the first
    ``limit`` articles in name order (``None``: all; the default keeps the run near a minute);
    ``nlp`` a loaded spaCy pipeline (default: the pipeline's model,
    :func:`whimbrel.annotate.nlp.load_nlp`). Raises ``FileNotFoundError``
    when the split has no articles. Returns ``{"metrics": {name: float}, "n_docs": int,
    "n_gold": int, "n_pred": int, "seconds_per_doc": float, "split": str}``; metric names
    are those of :meth:`whimbrel.eval.quote_score.Tally.metrics`.
    """
    from whimbrel.annotate.quotes import find_quotes

    files = split_files(root, split)
    if not files:
        raise FileNotFoundError(f"no PolNeAR {split!r} articles with attributions under {root}")
    if limit is not None:
        files = files[:limit]
    if nlp is None:
        from whimbrel.annotate.nlp import load_nlp

        nlp = load_nlp()
    tally = Tally()
    t0 = time.perf_counter()
    for txt, ann in files:
        text = txt.read_text(encoding="utf-8")
        article = polnear_article(text, txt.stem)
        doc = nlp(text)
        pred = predicted_attributions(find_quotes(article, doc))
        tally.add(text, pred, read_ann(ann), txt.stem)
    elapsed = time.perf_counter() - t0
    return {"metrics": tally.metrics(), "n_docs": len(files), "n_gold": tally.n_gold_required,
            "n_pred": tally.n_pred, "seconds_per_doc": round(elapsed / len(files), 3), "split": split}
