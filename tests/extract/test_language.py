"""Language identification (issue 17): real German and French pages of the trafilatura
evaluation set are flagged, not coded; English stays English."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.ingest import read_inputs
from whimbrel.language import is_english
from whimbrel.pipeline import Pipeline, has_sentence
from whimbrel.run.local import run_inputs
from whimbrel.store.duckdb import Store

TRAFILATURA = Path(__file__).resolve().parents[3] / "shared" / "data" / "trafilatura_eval" / "html"
GERMAN = "0a12df42d1764095989ab078ee0f940b.html.gz"
FRENCH = "aoc.media.archaisme.html.gz"


@pytest.fixture(scope="module")
def pages():
    if not (TRAFILATURA / GERMAN).exists() or not (TRAFILATURA / FRENCH).exists():
        pytest.skip("../shared trafilatura pages not present")
    return [str(TRAFILATURA / GERMAN), str(TRAFILATURA / FRENCH)]


def test_german_and_french_pages_are_rejected_as_not_english(pages):
    out = list(Pipeline(nlp=False).process_many(read_inputs(pages)))
    assert [(r.code, r.reason) for r in out] == [("W121", "not-english")] * 2
    assert "'de'" in out[0].detail and "'fr'" in out[1].detail


def test_kept_other_languages_are_stored_unannotated(pages, pipeline, tmp_path):
    p = Pipeline(pipeline._model_name, other_languages="keep")
    p._nlp = pipeline.nlp
    with Store(tmp_path / "w.duckdb") as store:
        summary = run_inputs(pages, store=store, pipeline=p)
        langs = store.con.execute("SELECT language FROM articles ORDER BY language").fetchall()
        assert summary.stored == 2 and [r[0] for r in langs] == ["de", "fr"]
        for table in ("entities", "actors", "events", "quotes", "timexes"):
            assert store.count(table) == 0, table


def test_english_news_stays_english():
    text = ("Police arrested three men in Kabul on Friday after a bomb exploded near a crowded market, "
            "the interior ministry said.")
    assert is_english(text)[:2] == (True, "en")
    assert is_english("Merkel said.")[0]  # too short and unsure: not rejected
    german = ("Die Bundesregierung hat am Mittwoch neue Regeln für den Ausbau der Windkraft beschlossen. "
              "Die Opposition kritisierte den Entwurf als unzureichend und forderte weitere Gespräche.")
    assert is_english(german)[:2] == (False, "de")


def test_has_sentence():
    assert has_sentence("Police arrested three men.")
    assert not has_sentence("x ? 4653")
    assert not has_sentence("SGVsbG8gd29ybGQgdGhpcyBpcyBh bG9uZyBiYXNlNjQgYmxvYg== c29tZXRoaW5n")
    assert not has_sentence("\u200b\u200b \u200b")
