"""Run the pipeline on gold articles (and public benchmarks) and score it.

``evaluate(["../shared/gold"])`` reads every gold file, reads each one's input through
:func:`whimbrel.ingest.read_path` (picking the CSV/JSONL row the gold names), runs
``pipeline.process(raw)`` and scores ``article.to_record()`` against the gold with
:func:`whimbrel.eval.score.score_article`; counts are summed per gold set (``"seed"``,
``"dev"``). Benchmarks named in ``benchmarks`` run through :mod:`whimbrel.eval.benchmarks`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from whimbrel.eval import benchmarks as registry
from whimbrel.eval.gold import GoldError, GoldFile, load_gold_files
from whimbrel.eval.report import ArticleResult, Report, TargetResult
from whimbrel.eval.score import score_article


class _Pipeline(Protocol):
    def process(self, raw: Any) -> Any: ...


#: the record scored when an article could not be processed: every gold item is a miss
EMPTY_RECORD: Mapping[str, Any] = {"body": "", "sentences": [], "paragraphs": [], "timexes": [],
                                   "quotes": [], "events": [], "entities": [], "actors": []}


def read_inputs(golds: Sequence[GoldFile], data_root: Path | str | None = None) -> dict[Path, Any]:
    """The raw input of each gold file: ``{gold.path: RawDocument | Rejection | str}`` (a
    ``str`` is an error message: input missing, row not found).

    Each input file is read once through :func:`whimbrel.ingest.read_path`; for a CSV/JSONL
    file the gold's ``input.row`` selects ``raw.origin.row`` (or ``input.id`` selects
    ``raw.doc_id``); a single-document file gives its first document. Reading stops as soon as
    every wanted row is found.
    """
    from whimbrel.ingest import read_path
    from whimbrel.model import Rejection

    out: dict[Path, Any] = {}
    by_input: dict[Path, list[GoldFile]] = {}
    for g in golds:
        try:
            by_input.setdefault(g.input_path(data_root), []).append(g)
        except GoldError as exc:
            out[g.path] = exc.message
    for path, gs in by_input.items():
        want_rows = {g.row: g for g in gs if g.row is not None}
        want_ids = {g.record_id: g for g in gs if g.record_id is not None and g.row is None}
        whole = [g for g in gs if g.row is None and g.record_id is None]
        for item in read_path(str(path)):
            origin = item.origin
            row = getattr(origin, "row", None)
            if whole and row in (None, 0):
                for g in whole:
                    out.setdefault(g.path, item)
            if row is not None and row in want_rows:
                out.setdefault(want_rows[row].path, item)
            doc_id = None if isinstance(item, Rejection) else getattr(item, "doc_id", None)
            if doc_id is not None and doc_id in want_ids:
                out.setdefault(want_ids[doc_id].path, item)
            if all(g.path in out for g in gs):
                break
        for g in gs:
            if g.path not in out:
                what = (f"row {g.row}" if g.row is not None
                        else f"id {g.record_id!r}" if g.record_id is not None else "a document")
                out[g.path] = f"{path} has no {what}"
    return out


def default_pipeline() -> _Pipeline:
    """The full pipeline with its default model (:class:`whimbrel.pipeline.Pipeline`)."""
    from whimbrel.pipeline import Pipeline

    return Pipeline()


def _score_arguments(layers, article, gold: Mapping[str, Any]) -> None:
    """Actor resolution on its own: the code the actor layer gives each gold event's source
    and target mention, found in the body (``actors.argument_code``), whether or not the
    event layer found the event."""
    try:
        from whimbrel.annotate.actors.scoring import score_arguments
    except ImportError:  # no actor layer in this copy
        return
    from whimbrel.eval.score import Ratio

    result = score_arguments(article, article.actors, gold.get("events", []))
    layers.setdefault("actors", {})["argument_code"] = Ratio(result.strict, result.total)


def score_golds(golds: Sequence[GoldFile], raws: Mapping[Path, Any],
                pipeline: _Pipeline) -> list[ArticleResult]:
    """Process and score each gold article; failures (a rejection, an exception, a missing
    input) are recorded in ``ArticleResult.error`` and score as an empty article."""
    from whimbrel.model import Article, Rejection

    results: list[ArticleResult] = []
    for g in golds:
        t0 = time.perf_counter()
        raw, record, error, art = raws.get(g.path), EMPTY_RECORD, None, None
        if isinstance(raw, str) or raw is None:
            error = raw or "input not read"
        elif isinstance(raw, Rejection):
            error = f"input rejected: {raw.code} {raw.reason}: {raw.detail}"
        else:
            try:
                art = pipeline.process(raw)
            except Exception as exc:  # one broken article must not hide the others' figures
                error = f"pipeline raised {type(exc).__name__}: {exc}"
            else:
                if isinstance(art, Rejection):
                    error = f"rejected at {art.stage}: {art.code} {art.reason}: {art.detail}"
                else:
                    record = art.to_record()
        s = score_article(record, g.data)
        if isinstance(art, Article):
            _score_arguments(s.layers, art, g.data)
        results.append(ArticleResult(g.id, str(g.path), s.layers, s.findings, error,
                                     time.perf_counter() - t0))
    return results


def evaluate(
    gold_paths: Iterable[Path | str],
    *,
    data_root: Path | str | None = None,
    pipeline: _Pipeline | None = None,
    benchmarks: Iterable[str] = (),
    quick: bool = False,
) -> Report:
    """Evaluate the pipeline on gold files/folders and on public benchmarks.

    ``gold_paths``: gold files or folders (see :mod:`whimbrel.eval.gold`); ``data_root``: the
    folder gold ``input.path`` values are relative to (default: each gold file's shared root,
    the folder holding its ``gold/``); benchmarks read ``<data_root or shared root>/data/``
    (without gold files or ``data_root``: ``shared/data`` beside the source checkout).
    ``pipeline``: anything with ``process(raw) -> Article | Rejection`` (default
    :func:`default_pipeline`, built only when there is a gold file); ``benchmarks``: names
    from :data:`whimbrel.eval.benchmarks.BENCHMARKS`; ``quick``: run benchmarks with their CI
    settings (limits). Raises :class:`~whimbrel.eval.gold.GoldError` on a malformed gold file
    and :class:`KeyError` on an unknown benchmark name.

    Returns a :class:`~whimbrel.eval.report.Report` with one target per gold set, in the
    order the sets were first met, then one per benchmark.
    """
    bench_names = list(benchmarks)
    for name in bench_names:
        if name not in registry.BENCHMARKS:
            raise KeyError(f"unknown benchmark {name!r}; known: {', '.join(registry.names())}")
    golds = load_gold_files(gold_paths)
    report = Report()
    if golds:
        pipeline = pipeline if pipeline is not None else default_pipeline()
        report.meta["pipeline"] = type(pipeline).__name__
        for key in ("model_name", "model", "version"):
            v = getattr(pipeline, key, None)
            if isinstance(v, str):
                report.meta[f"pipeline_{key}"] = v
        raws = read_inputs(golds, data_root)
        sets: dict[str, list[GoldFile]] = {}
        for g in golds:
            sets.setdefault(g.set, []).append(g)
        for name, gs in sets.items():
            t0 = time.perf_counter()
            articles = score_golds(gs, raws, pipeline)
            report.targets.append(TargetResult.from_articles(name, articles,
                                                             time.perf_counter() - t0))
    if bench_names:
        root = _benchmark_root(golds, data_root)
        for name in bench_names:
            report.targets.append(registry.run_benchmark(name, root, quick=quick))
    try:
        from importlib.metadata import version

        report.meta["whimbrel"] = version("whimbrel")
    except Exception:  # not installed (PYTHONPATH=src): no version to report
        pass
    return report


def default_shared_root() -> Path:
    """``shared/`` beside the source checkout (the repository's parent folder holds it)."""
    return Path(__file__).resolve().parents[4] / "shared"


def _benchmark_root(golds: Sequence[GoldFile], data_root: Path | str | None) -> Path | None:
    if data_root is not None:
        return Path(data_root) / "data"
    for g in golds:
        if g.shared_root is not None:
            return g.shared_root / "data"
    fallback = default_shared_root() / "data"
    return fallback if fallback.is_dir() else None
