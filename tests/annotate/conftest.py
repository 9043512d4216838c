"""Fixtures for the layer tests: articles parsed with the pipeline's spaCy model (loaded once
per session by the root ``pipeline`` fixture), and the event layer run on one paragraph."""

from __future__ import annotations

import pytest

from whimbrel.model import Article, Sentence, article_id


@pytest.fixture(scope="session")
def parse(pipeline):
    """``parse(body, published, text_start=0, dateline=None) -> (Article, Doc)`` with the
    dateline prefix blanked in the Doc, as the pipeline does."""
    nlp = pipeline.nlp

    def _parse(body: str, published: str | None = "2019-06-01", *, text_start: int = 0,
               dateline: str | None = None):
        doc = nlp(" " * text_start + body[text_start:])
        art = Article(id=article_id(None, body), body=body, published=published,
                      text_start=text_start, dateline=dateline,
                      sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents))
        return art, doc

    return _parse


@pytest.fixture(scope="session")
def code(pipeline):
    """``code(text, published) -> list[Event]``: the pipeline's spaCy parse and every layer
    (time, actors, quotes, events) on a one-paragraph article."""

    def _code(text: str, published: str):
        art = Article(id=article_id(None, text), body=text, published=published, paragraphs=((0, len(text)),))
        done = [a for a in pipeline.annotate([art]) if isinstance(a, Article)]
        assert len(done) == 1, "the layers failed on the text"
        return list(done[0].events)
    return _code
