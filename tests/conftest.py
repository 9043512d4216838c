"""Shared fixtures. ``shared_dir`` is the project's ``../shared`` folder (gold, corpora,
public data sets); tests that need it skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "corpus"
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared (gold and corpora) is not present")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """The full pipeline with the default model, loaded once per test session."""
    from whimbrel.pipeline import Pipeline

    p = Pipeline()
    p.nlp  # noqa: B018 - load now
    return p


@pytest.fixture(scope="session")
def seed_article(pipeline):
    """The seed crawl-text page (bundled copy) through the whole pipeline."""
    from whimbrel.ingest import read_path

    raw = next(read_path(str(EXAMPLES / "crawl-text" / "urdupoint-2023-05-05.txt")))
    return pipeline.process(raw)
