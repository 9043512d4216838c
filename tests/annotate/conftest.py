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
def rules_pipeline(pipeline):
    """The pipeline with the rule event coder alone (``--events rules``), sharing the spaCy
    model of the root ``pipeline`` fixture."""
    from whimbrel.pipeline import Pipeline

    p = Pipeline(events="rules")
    p._nlp = pipeline.nlp
    return p


def _coder(pipe):
    def _code(text: str, published: str):
        art = Article(id=article_id(None, text), body=text, published=published, paragraphs=((0, len(text)),))
        done = [a for a in pipe.annotate([art]) if isinstance(a, Article)]
        assert len(done) == 1, "the layers failed on the text"
        return list(done[0].events)
    return _code


@pytest.fixture(scope="session")
def code(rules_pipeline):
    """``code(text, published) -> list[Event]``: the spaCy parse and every layer (time, actors,
    quotes, events) on a one-paragraph article, with the rule event coder (these tests are the
    rule coder's; the trained model has its own in test_event_model.py)."""
    return _coder(rules_pipeline)


@pytest.fixture(scope="session")
def code_default(pipeline):
    """Like ``code``, with the default event coder (hybrid when trained weights are installed)."""
    return _coder(pipeline)
