"""Article-body extraction scored on the Zyte (ScrapingHub) article-extraction benchmark.

The benchmark (``../shared/data/article_extraction_benchmark_zyte``: ``html/<id>.html.gz``,
181 gzip-compressed UTF-8 pages, and ``ground-truth.json`` mapping each id to
``{"articleBody": …, "url": …}``) scores a body with **shingle matching**, as its
README.rst and technical report describe:

* tokens are the ``\\w+`` runs of the text (Unicode, case kept);
* a shingle is a run of 4 consecutive tokens (a text shorter than 4 tokens is one shingle);
* per page, true positives / false positives / false negatives are the multiset overlap
  of predicted and true shingles, normalised by their sum so that long pages weigh no more
  than short ones;
* precision is the mean per-page precision over pages where something was predicted or
  expected (tp + fp > 0), recall likewise over tp + fn > 0, and F1 the harmonic mean of
  those two means (not the mean of per-page F1);
* accuracy is the share of pages whose predicted token sequence equals the true one.

Published reference (README.rst, latest evaluation): trafilatura 2.0.0 F1 0.958 ± 0.006,
precision 0.938, recall 0.978, accuracy 0.293.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.model import Article, Origin, RawDocument, Rejection

#: The reference figure the acceptance test compares against (README.rst of the benchmark).
TRAFILATURA_PUBLISHED_F1 = 0.958

_TOKEN = re.compile(r"\w+")
SHINGLE_N = 4


def tokens(text: str) -> list[str]:
    """The benchmark's tokens: ``\\w+`` runs of ``text`` (Unicode word characters)."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE_N) -> Counter:
    """Multiset of ``n``-token shingles (tuples); a text of fewer than ``n`` tokens is a single
    shorter shingle, an empty text has none."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


@dataclass(frozen=True)
class PageScore:
    """Normalised ``tp``, ``fp``, ``fn`` of one page (they sum to 1, or are all 0) and whether
    the token sequences are identical (``exact``)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def score_page(true: str, pred: str) -> PageScore:
    """Score one predicted body against the true body by 4-token shingle overlap."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(float(tp), float(fp), float(fn), tokens(true) == tokens(pred))


def aggregate(scores: list[PageScore]) -> dict[str, float]:
    """Benchmark metrics over pages: mean precision, mean recall, F1 of the two, accuracy."""
    ps = [s.precision for s in scores if s.tp + s.fp > 0]
    rs = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean(s.exact for s in scores) if scores else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": accuracy}


def load_benchmark(root: Path, *, limit: int | None = None) -> list[tuple[str, str, str | None, str]]:
    """Pages of the benchmark in id order: ``(item_id, html, url, true_body)``.

    Raises ``FileNotFoundError`` when ``root`` lacks ``ground-truth.json`` or a page.
    """
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    items = sorted(truth.items())
    if limit is not None:
        items = items[:limit]
    out = []
    for item_id, rec in items:
        with gzip.open(root / "html" / f"{item_id}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        out.append((item_id, html, rec.get("url"), rec.get("articleBody", "")))
    return out


def evaluate_zyte(
    root: Path,
    *,
    limit: int | None = None,
    extractor: Callable[[RawDocument], Article | Rejection] | None = None,
) -> dict[str, Any]:
    """Run our HTML extraction over the benchmark pages and score the bodies.

    ``root`` is the benchmark folder; ``limit`` takes the first N pages in id order;
    ``extractor`` defaults to :func:`whimbrel.extract.html.extract_html` (called in process,
    no sandbox, so that pages/s measures the extractor). A page that gives a Rejection counts
    as an empty prediction.

    Returns ``{"metrics": {"f1", "precision", "recall", "accuracy"}, "n": pages,
    "rejected": count, "seconds": wall time of extraction, "pages_per_s": …,
    "reference": {"trafilatura 2.0.0 (published)": 0.958}, "pages": {id: {"f1", "precision",
    "recall"}}}``.
    """
    if extractor is None:
        from whimbrel.extract.html import extract_html as extractor
    pages = load_benchmark(Path(root), limit=limit)
    scores: list[PageScore] = []
    per_page: dict[str, dict[str, float]] = {}
    rejected = 0
    seconds = 0.0
    for item_id, html, url, true_body in pages:
        raw = RawDocument(
            origin=Origin(str(Path(root) / "html" / f"{item_id}.html.gz")),
            format="html",
            text=html,
            url=url,
        )
        t0 = time.perf_counter()
        result = extractor(raw)
        seconds += time.perf_counter() - t0
        if isinstance(result, Rejection):
            rejected += 1
            pred = ""
        else:
            pred = result.body
        s = score_page(true_body, pred)
        scores.append(s)
        page_f1 = (
            2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0
        )
        per_page[item_id] = {"f1": page_f1, "precision": s.precision, "recall": s.recall}
    return {
        "metrics": aggregate(scores),
        "n": len(pages),
        "rejected": rejected,
        "seconds": seconds,
        "pages_per_s": len(pages) / seconds if seconds else 0.0,
        "reference": {"trafilatura 2.0.0 (published)": TRAFILATURA_PUBLISHED_F1},
        "pages": per_page,
    }
