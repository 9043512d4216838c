"""The local runner: inputs → pipeline → store, in one process, batch by batch.

The runner knows nothing about the stages; it feeds documents to a
:class:`~whimbrel.pipeline.Pipeline`, writes articles and rejections to a
:class:`~whimbrel.store.duckdb.Store`, and counts. Only the CLI prints.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whimbrel.errors import WhimbrelError
from whimbrel.ingest import read_inputs
from whimbrel.model import Article, Rejection
from whimbrel.pipeline import Pipeline
from whimbrel.store.duckdb import Store


#: Rejections a summary keeps to show (all are in the store's rejects table).
KEEP_REJECTIONS = 100


@dataclass
class RunSummary:
    """Counts of one run. ``read`` documents = ``stored`` + ``duplicates`` + rejected ones
    (ingest/extract); ``rejected`` counts them by reason; ``layer_failures`` counts articles
    stored with a failed layer (also in the rejects table, stage ``annotate:<layer>``).
    ``seconds`` is wall time."""

    run_id: str
    db: str
    model: str | None
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)
    layer_failures: Counter = field(default_factory=Counter)
    #: values that could not be read in stored articles (a date), by reason; in rejects
    #: with stage ``warning:<what>``
    warnings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    #: the first :data:`KEEP_REJECTIONS` rejections of the run, for the closing summary
    rejections: list = field(default_factory=list)

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def articles_per_s(self) -> float:
        """Articles processed (stored or duplicate) per second of wall time."""
        done = self.stored + self.duplicates
        return done / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        """False only when nothing could be processed (the CLI's exit code)."""
        return self.stored + self.duplicates > 0

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id, "db": self.db, "model": self.model, "read": self.read,
            "stored": self.stored, "duplicates": self.duplicates,
            "rejected": dict(self.rejected), "layer_failures": dict(self.layer_failures),
            "warnings": dict(self.warnings),
            "seconds": round(self.seconds, 3), "articles_per_s": round(self.articles_per_s, 2),
        }


def run_inputs(
    inputs: Sequence[str],
    *,
    store: Store,
    pipeline: Pipeline,
    input_format: str | None = None,
    source: str | None = None,
    published: str | None = None,
    columns: dict[str, str] | None = None,
    write_batch: int = 64,
    on_progress: Callable[[RunSummary], None] | None = None,
    on_duplicate: Callable[[Article], None] | None = None,
) -> RunSummary:
    """Read ``inputs`` (files, folders, globs, ``-``), process them and store the results.

    ``published`` (ISO 8601 date) dates the documents that carry no date of their own.
    ``on_duplicate(article)`` is called for each document skipped as a duplicate (which
    leaves no row of its own in the store).
    Returns the :class:`RunSummary`; the run is also recorded in the ``runs`` table.
    Bad documents become rejects rows and never stop the run; a configuration error
    (E2xx) raised on the way stops it after storing what was processed before it. Every
    document read ends as stored, duplicate or rejected: ``read == stored + duplicates
    + n_rejected``. After each batch the store is checkpointed, so a copy of the file
    holds every batch written.
    """
    started = time.perf_counter()
    run_id = store.start_run(inputs, pipeline.model_name)
    summary = RunSummary(run_id=run_id, db=store.path, model=pipeline.model_name)
    pending_articles: list[Article] = []
    pending_rejects: list[Rejection] = []

    def flush() -> None:
        if pending_articles:
            result = store.write_articles(pending_articles, run_id)
            summary.stored += len(result.stored)
            summary.duplicates += len(result.duplicates)
            pending_articles.clear()
        if pending_rejects:
            store.write_rejects(pending_rejects, run_id)
            pending_rejects.clear()
        store.checkpoint()

    seen: set[str] = set()

    def known(article: Article) -> bool:
        """Already stored or already seen in this run: counted as a duplicate, not annotated."""
        if article.id in seen or store.existing_ids([article.id]):
            summary.read += 1
            summary.duplicates += 1
            if on_duplicate is not None:
                on_duplicate(article)
            return True
        seen.add(article.id)
        return False

    documents = read_inputs(inputs, input_format=input_format, source=source, published=published,
                            columns=columns)
    try:
        for item in pipeline.process_many(documents, skip=known):
            if isinstance(item, Article):
                summary.read += 1
                pending_articles.append(item)
            else:
                pending_rejects.append(item)
                if len(summary.rejections) < KEEP_REJECTIONS:
                    summary.rejections.append(item)
                if item.stage.startswith("annotate:"):  # the article is stored, one layer failed
                    summary.layer_failures[item.reason] += 1
                elif item.stage.startswith("warning:"):  # the article is stored without one value
                    summary.warnings[item.reason] += 1
                else:
                    summary.read += 1
                    summary.rejected[item.reason] += 1
            if len(pending_articles) >= write_batch:
                flush()
            if on_progress is not None:
                on_progress(summary)
    except WhimbrelError:
        flush()  # what was processed before a configuration error is kept
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, read=summary.read, stored=summary.stored, duplicate=summary.duplicates,
                         rejected=summary.n_rejected, seconds=summary.seconds)
        raise
    flush()
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, read=summary.read, stored=summary.stored, duplicate=summary.duplicates,
                     rejected=summary.n_rejected, seconds=summary.seconds)
    if on_progress is not None:
        on_progress(summary)
    return summary
