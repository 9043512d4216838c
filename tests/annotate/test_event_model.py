"""The trained event layer (rules refined by the model: ``--events hybrid``, the default when
weights are installed), on free text written for these tests, and its contracts: every event
records its model score, a dropped rule event records why, the rule coder alone stays
available, and training is seeded."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from whimbrel.annotate.events import features as fx
from whimbrel.annotate.events.model import TypeModel, load_model, refine
from whimbrel.pipeline import Pipeline

needs_weights = pytest.mark.skipif(load_model() is None, reason="no trained weights installed (whimbrel train)")


@needs_weights
def test_the_default_event_coder_is_the_hybrid():
    assert Pipeline(nlp=False).events_mode == "hybrid"
    assert Pipeline(nlp=False, events="rules").events_mode == "rules"
    from whimbrel.errors import ConfigError

    with pytest.raises(ConfigError):
        Pipeline(nlp=False, events="oracle")


@needs_weights
def test_every_hybrid_event_records_its_model_score(code_default):
    evs = code_default("Government troops attacked rebel positions near the northern town on Saturday, "
                       "killing at least 12 fighters, the army said.", "2021-04-11")
    assault = [e for e in evs if e.plover == "ASSAULT"]
    assert assault, [(e.plover, e.evidence.text) for e in evs]
    assert all("p=" in (e.rule or "") for e in evs)
    assert assault[0].date == "2021-04-10"


@needs_weights
@pytest.mark.parametrize("text", [
    "The army did not attack the village, a spokesman said.",
    "If talks fail, the rebels could attack the capital, analysts warned.",
    "The company reported a 5 per cent rise in quarterly profit on Tuesday.",
    "Would the minister resign over the scandal? Nobody in the party would say.",
])
def test_no_event_in_negated_hypothetical_or_ordinary_sentences(code_default, text):
    evs = code_default(text, "2021-04-11")
    assert not [e for e in evs if e.plover in ("ASSAULT", "RETREAT")], [(e.plover, e.rule) for e in evs]


def _flat_model(bias: float) -> TypeModel:
    types = ("ASSAULT", "ACCUSE")
    return TypeModel(types, np.zeros((2, fx.DIM), np.float32), np.zeros((2, fx.VEC_DIM), np.float32),
                     np.full(2, bias, np.float32), keep=0.2, add=0.9, meta={})


def test_a_rule_event_the_model_doubts_is_dropped_with_its_reason(parse, code):
    from whimbrel.annotate.events import find_events

    text = "Rebels attacked a police station in the city on Monday."
    art, doc = parse(text, "2021-04-13")
    rule_events = code(text, "2021-04-13")
    assert [e.plover for e in rule_events] == ["ASSAULT"]
    art = replace(art, actors=(), timexes=(), quotes=())
    low = _flat_model(-5.0)   # p = 0.007 for every sentence and type
    kept, dropped = refine(art, doc, rule_events, low)
    assert kept == [] and len(dropped) == 1 and "model p=0.01 < 0.20" in dropped[0].reason
    high = _flat_model(5.0)    # p = 0.993: the rule event is kept and an ACCUSE is added
    kept, dropped = refine(art, doc, rule_events, high)
    assert not dropped and sorted(e.plover for e in kept) == ["ACCUSE", "ASSAULT"]
    assert "model p=0.99" in kept[0].rule or "model p=0.99" in kept[1].rule
    assert find_events  # the rule coder is importable on its own


def test_weights_round_trip(tmp_path):
    m = _flat_model(0.5)
    m = replace(m, sparse=m.sparse.copy())
    m.sparse[0, 7] = 1.25
    m.save(tmp_path / "tiny")
    back = TypeModel.load(str(tmp_path / "tiny"))
    assert back.types == m.types and back.keep == 0.2 and back.add == 0.9
    assert float(back.sparse[0, 7]) == pytest.approx(1.25)
    rows = [[7], []]
    assert np.allclose(back.predict(rows, np.zeros((2, fx.VEC_DIM), np.float32)),
                       m.predict(rows, np.zeros((2, fx.VEC_DIM), np.float32)), atol=1e-3)


def test_features_are_stable_strings():
    assert fx.bucket("lex=ASSAULT") == fx.bucket("lex=ASSAULT") and 0 <= fx.bucket("x") < fx.DIM
    assert fx.bucket("lex=ASSAULT") != fx.bucket("lex=ACCUSE")


def _annotated(rules_pipeline, text: str, published: str):
    from whimbrel.model import Origin, RawDocument

    return rules_pipeline.annotated_doc(RawDocument(Origin("-"), "text", text, published=published))


def test_the_date_model_undates_only_publication_dated_acts(rules_pipeline):
    from whimbrel.annotate.events.dating import DIM, DateModel, undate_background

    art, doc = _annotated(rules_pipeline, "Rebels attacked a police station in the town on Monday. The army has "
                                          "accused the rebels of smuggling weapons.", "2021-04-13")
    evs = list(art.events)
    assert {e.date_basis for e in evs} == {"text", "dct"}, [(e.plover, e.date_basis) for e in evs]
    always = DateModel(np.zeros(DIM, np.float32), 5.0, 0.5, {})
    out = undate_background(art, doc, evs, always)
    for before, after in zip(evs, out):
        if before.date_basis == "text":
            assert after == before
        else:
            assert (after.date, after.date_basis) == (None, "none") and "background p=0.99" in after.rule
    never = DateModel(np.zeros(DIM, np.float32), -5.0, 0.5, {})
    assert undate_background(art, doc, evs, never) == evs


def test_the_argument_scorer_keeps_a_confident_choice_and_drops_a_doubtful_one(rules_pipeline):
    from whimbrel.annotate.events import arguments as ax

    art, doc = _annotated(rules_pipeline, "Russian President Vladimir Putin met Turkish President Recep Tayyip "
                                          "Erdogan in Sochi on Monday.", "2019-06-24")
    evs = [e for e in art.events if e.plover == "CONSULT"]
    assert evs and (evs[0].source.code, evs[0].target.code) == ("RUS GOV", "TUR GOV")
    w = np.zeros((2, ax.DIM), np.float32)
    for k, side in enumerate(ax.SIDES):
        w[k, ax.bucket(f"{side}|rule")] = 10.0
    trust_rule = ax.ArgumentModel(w, np.full(2, -5.0, np.float32), {"source": 0.5, "target": 0.5}, {})
    kept = ax.assign(art, doc, evs, trust_rule)[0]
    assert (kept.source.code, kept.target.code) == ("RUS GOV", "TUR GOV") and "source p=0.99" in kept.rule
    doubt = ax.ArgumentModel(np.zeros((2, ax.DIM), np.float32), np.full(2, -5.0, np.float32),
                             {"source": 0.5, "target": 0.5}, {})
    dropped = ax.assign(art, doc, evs, doubt)[0]
    assert dropped.source is None and dropped.target is None and "no argument scored" in dropped.rule


def test_the_cli_takes_the_event_mode(tmp_path):
    from typer.testing import CliRunner

    from whimbrel.cli import app

    f = tmp_path / "a.txt"
    f.write_text("Rebels attacked a police station in the town on Monday.", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--events", "oracle", "--published", "2021-04-13"])
    assert r.exit_code == 2 and "unknown event mode" in r.output
    r = CliRunner().invoke(app, ["extract", str(f), "--events", "rules", "--published", "2021-04-13"])
    assert r.exit_code == 0 and '"plover": "ASSAULT"' in r.stdout and "model p=" not in r.stdout
