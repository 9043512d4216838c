"""The same event reported by several outlets is one event cluster with GDELT-style counts;
the query side counts clusters. Also the listing queries behind `whimbrel events`,
`actors`, `quotes` and `articles`."""

from __future__ import annotations

import csv

import pytest

from conftest import EXAMPLES
from whimbrel.run.local import run_inputs
from whimbrel.store.duckdb import Store
from whimbrel.store.queries import list_articles, list_event_clusters, list_events, top_actors


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory, pipeline):
    """Six real Wikinews articles, each run under two outlet names."""
    folder = tmp_path_factory.mktemp("clusters")
    src = EXAMPLES / "wikinews" / "wikinews_2019.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sample = folder / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for i in (6, 15, 16, 35, 43, 45):
            w.writerow(rows[i])
    store = Store(folder / "w.duckdb")
    run_inputs([str(sample)], store=store, pipeline=pipeline, source="Outlet A")
    run_inputs([str(sample)], store=store, pipeline=pipeline, source="Outlet B")
    yield store
    store.close()


def test_each_event_is_one_cluster_reported_by_two_sources(two_outlets):
    store = two_outlets
    n_events = store.count("events")
    clusters = list_event_clusters(store, limit=10_000)
    assert n_events > 20 and clusters
    assert sum(c["num_mentions"] for c in clusters) == n_events
    # every cluster is reported by both outlets, in one story each
    assert all(c["num_sources"] == 2 and c["num_stories"] == 1 for c in clusters)
    assert all(c["num_articles"] == 2 for c in clusters)
    assert len(clusters) <= n_events // 2


def test_listing_queries(two_outlets):
    store = two_outlets
    assert len(list_articles(store)) == 12
    assert {r["source"] for r in list_articles(store, source="Outlet B")} == {"Outlet B"}
    actors = top_actors(store, limit=5)
    assert actors[0]["mentions"] >= actors[-1]["mentions"]
    usa = list_events(store, actor="USA", limit=1000)
    assert usa and all("USA" in ((e["source_code"] or "") + (e["target_code"] or "")) for e in usa)
    since = list_events(store, since="2019-02-01", limit=1000)
    assert since and all(e["date"] >= "2019-02" for e in since)
    assert list_event_clusters(store, plover="ACCUSE") and \
        all(c["plover"] == "ACCUSE" for c in list_event_clusters(store, plover="accuse"))


def test_events_without_actors_are_not_merged_across_stories(two_outlets):
    store = two_outlets
    rows = store.con.execute(
        "SELECT num_stories FROM event_clusters WHERE source_code IS NULL AND target_code IS NULL").fetchall()
    assert all(n == 1 for (n,) in rows)
