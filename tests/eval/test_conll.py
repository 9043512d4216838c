"""CoNLL-2003 reference benchmark: IOB1 reading, label mapping, entity-level scoring."""

from __future__ import annotations

from collections import Counter

import pytest

from whimbrel.eval.conll import (
    ONTONOTES_TO_CONLL,
    evaluate_conll,
    find_split,
    iob1_entities,
    read_conll,
    score,
)


def test_iob1_entities():
    # "West Indian all-rounder Phil Simmons" (eng.testa) and two adjacent LOCs split by B-LOC
    assert iob1_entities(["I-MISC", "I-MISC", "O", "I-PER", "I-PER"]) == [(0, 2, "MISC"), (3, 5, "PER")]
    assert iob1_entities(["I-LOC", "B-LOC", "I-LOC", "O"]) == [(0, 1, "LOC"), (1, 3, "LOC")]
    assert iob1_entities(["I-ORG", "I-PER"]) == [(0, 1, "ORG"), (1, 2, "PER")]
    assert iob1_entities(["B-PER", "I-PER", "B-PER"]) == [(0, 2, "PER"), (2, 3, "PER")]  # IOB2


def test_score_is_exact_span_and_type():
    gold = [[(0, 2, "MISC"), (3, 5, "PER")], [(0, 1, "LOC")]]
    pred = [[(0, 2, "MISC"), (4, 5, "PER")], [(0, 1, "ORG")]]
    m = score(gold, pred)
    assert m["entity.p"] == pytest.approx(1 / 3) and m["entity.r"] == pytest.approx(1 / 3)
    assert m["span.f1"] == pytest.approx(2 / 3)  # the LOC/ORG span is right, the PER span not
    assert m["MISC.f1"] == 1.0 and m["PER.f1"] == 0.0 and m["LOC.r"] == 0.0


def test_mapping_covers_the_name_labels_only():
    assert ONTONOTES_TO_CONLL["GPE"] == "LOC" and ONTONOTES_TO_CONLL["NORP"] == "MISC"
    assert "DATE" not in ONTONOTES_TO_CONLL and "CARDINAL" not in ONTONOTES_TO_CONLL
    assert set(ONTONOTES_TO_CONLL.values()) == {"PER", "ORG", "LOC", "MISC"}


def test_reads_the_real_test_split(shared):
    path = find_split(shared / "data" / "conll2003_ner")
    sents = list(read_conll(path))
    assert len(sents) == 3453 and sum(len(s.words) for s in sents) == 46435
    types = Counter(e[2] for s in sents for e in s.entities)
    assert types == {"PER": 1617, "ORG": 1661, "LOC": 1668, "MISC": 702}  # the published counts
    assert sents[0].words[:3] == ("SOCCER", "-", "JAPAN") and sents[0].entities[0] == (2, 3, "LOC")


def test_evaluate_conll_on_the_first_sentences(shared, nlp):
    r = evaluate_conll(shared / "data" / "conll2003_ner", nlp, limit=300)
    assert r["sentences"] == 300 and r["model"] == "en_core_web_md 3.8.0"
    m = r["metrics"]
    # a model trained on OntoNotes, mapped: well above chance, well below CoNLL-trained models
    assert 0.45 < m["entity.f1"] < 0.9
    assert m["span.f1"] >= m["entity.f1"]
