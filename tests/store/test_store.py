"""The DuckDB store: reruns add no rows, Article → DuckDB → Article round-trips, the
schema version is checked."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from whimbrel.errors import StoreError
from whimbrel.model import (
    Actor, Article, Entity, Event, EventArgument, Location, Origin, Quote, Sentence, Span,
    TimeExpression, article_id,
)
from whimbrel.run.local import run_inputs
from whimbrel.store.duckdb import Store

TABLES = ("articles", "entities", "timexes", "actors", "quotes", "events", "rejects")


def test_rerun_adds_zero_rows(tmp_path, pipeline):
    inputs = [str(EXAMPLES / "crawl-text"), str(tmp_path / "missing.txt")]
    with Store(tmp_path / "w.duckdb") as store:
        first = run_inputs(inputs, store=store, pipeline=pipeline)
        counts = {t: store.count(t) for t in TABLES}
        second = run_inputs(inputs, store=store, pipeline=pipeline)
        assert (first.stored, first.duplicates) == (1, 0)
        assert (second.stored, second.duplicates) == (0, 1)
        assert {t: store.count(t) for t in TABLES} == counts
        assert counts["articles"] == 1 and counts["entities"] > 10 and counts["rejects"] == 1
        assert store.count("runs") == 2  # every run is logged


def test_same_story_twice_in_one_run_is_stored_once(tmp_path, pipeline):
    seed = str(EXAMPLES / "crawl-text" / "urdupoint-2023-05-05.txt")
    with Store(tmp_path / "w.duckdb") as store:
        summary = run_inputs([seed, seed], store=store, pipeline=pipeline)
        assert (summary.read, summary.stored, summary.duplicates) == (2, 1, 1)
        article = store.get_article(store.article_ids()[0])
        assert len(article.entities) > 10  # the stored copy is the annotated one


def test_stored_seed_round_trips(tmp_path, seed_article):
    with Store(tmp_path / "w.duckdb") as store:
        store.write_articles([seed_article])
        back = store.get_article(seed_article.id[:10])
    assert back == seed_article


def test_schema_version_is_checked(tmp_path):
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_info SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="E301"):
        Store(path)


def test_unknown_id(tmp_path):
    with Store(tmp_path / "w.duckdb") as store, pytest.raises(StoreError, match="E303"):
        store.get_article("abc")


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_opt = st.none() | _text


@st.composite
def articles(draw):
    body = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
    n = len(body)

    def span():
        s = draw(st.integers(0, n))
        return s, draw(st.integers(s, n))

    def uniq(items):
        seen, out = set(), []
        for it in items:
            key = (it.start, it.end) if not isinstance(it, Entity) else (it.start, it.end, it.label)
            if key not in seen:
                seen.add(key)
                out.append(it)
        return tuple(sorted(out, key=lambda x: (x.start, x.end)))

    ents = uniq(Entity(*(sp := span()), body[sp[0]:sp[1]], label=draw(st.sampled_from(["PERSON", "GPE", "ORG"])))
                for _ in range(draw(st.integers(0, 4))))
    timexes = uniq(TimeExpression(*(sp := span()), body[sp[0]:sp[1]], value=draw(_opt), mod=draw(_opt),
                                  type="DATE", producer="t/1") for _ in range(draw(st.integers(0, 3))))
    actors = uniq(Actor(*(sp := span()), body[sp[0]:sp[1]], name=draw(_text), code=draw(_opt), country=draw(_opt),
                        role=draw(_opt), title=draw(_opt), kind="person",
                        antecedent=draw(st.none() | st.tuples(st.integers(0, n), st.integers(0, n))), producer="a/1")
                  for _ in range(draw(st.integers(0, 3))))
    quotes = uniq(Quote(*(sp := span()), body[sp[0]:sp[1]], kind="direct", cue=draw(_opt), cue_start=None,
                        cue_end=None, speaker=draw(_opt), speaker_code=None, speaker_start=1, speaker_end=2,
                        producer="q/1") for _ in range(draw(st.integers(0, 2))))
    events = tuple(
        Event(plover=draw(st.sampled_from(["CONSULT", "ASSAULT"])), evidence=Span(*(sp := span()), body[sp[0]:sp[1]]),
              sentence=Sentence(0, n), mode=draw(_opt), cameo="041", cameo_root="04", quad_class=1, goldstein=1.0,
              source=EventArgument(0, 1, body[:1], name="x", code="CHN GOV"),
              target=draw(st.none() | st.just(EventArgument(0, n, body, name=None, code=None))),
              date=draw(st.none() | st.sampled_from(["2023-05-05", "2023-05", "2023-W18", "2023"])), date_basis="text", location=draw(st.none() | st.just(Location("India", "IND", None, None))),
              cue="held talks", rule="r", confidence=0.5, producer="e/1")
        for _ in range(draw(st.integers(0, 2))))
    source = draw(_opt)
    return Article(
        id=article_id(source, body), body=body, source=source, url=draw(_opt), title=draw(_opt), author=draw(_opt),
        published=draw(st.none() | st.sampled_from(["2023-05-05", "2023-05-05T08:30"])), dateline=draw(_opt),
        credit=tuple(draw(st.lists(_text, max_size=2))), language="en", tags=tuple(draw(st.lists(_text, max_size=3))),
        paragraphs=((0, n),), origin=draw(st.none() | st.just(Origin("a.csv", 3)) | st.just(Origin("b.txt"))),
        text_start=0, sentences=(Sentence(0, n),), entities=ents, timexes=timexes, actors=actors, quotes=quotes,
        events=events, producers=("nlp.spacy/1",),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_round_trip_property(tmp_path_factory, article):
    path = tmp_path_factory.mktemp("rt") / "w.duckdb"
    with Store(path) as store:
        assert store.write_articles([article]).stored == (article.id,)
        assert store.get_article(article.id) == article
        assert store.write_articles([article]).duplicates == (article.id,)
