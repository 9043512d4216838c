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


def test_period_macros_cover_every_precision_the_time_layer_writes(tmp_path):
    with Store(tmp_path / "p.duckdb") as store:
        got = {d: store.con.execute("SELECT period_start(?), period_end(?)", [d, d]).fetchone()
               for d in ("2020-W01", "2020-Q3", "2019-H2", "2020-SU", "2020-06", "2020", "2020-06-02T10:00")}
    assert [str(x) for x in got["2020-W01"]] == ["2019-12-30", "2020-01-05"]  # ISO week 1 starts in 2019
    assert [str(x) for x in got["2020-Q3"]] == ["2020-07-01", "2020-09-30"]
    assert [str(x) for x in got["2019-H2"]] == ["2019-07-01", "2019-12-31"]
    assert [str(x) for x in got["2020-SU"]] == ["2020-06-01", "2020-08-31"]
    assert [str(x) for x in got["2020-06"]] == ["2020-06-01", "2020-06-30"]
    assert [str(x) for x in got["2020"]] == ["2020-01-01", "2020-12-31"]
    assert [str(x) for x in got["2020-06-02T10:00"]] == ["2020-06-02", "2020-06-02"]


def test_week_dated_events_sort_and_filter_by_their_days(two_outlets):
    store = two_outlets
    row = store.con.execute("SELECT article_id, event_no, date FROM events WHERE date LIKE '2019-01-%' "
                            "ORDER BY date LIMIT 1").fetchone()
    assert row is not None
    from whimbrel.store.duckdb import DATE_COLUMNS_SQL

    store.con.execute("UPDATE events SET date = '2019-W02', date_precision = NULL WHERE article_id = ? "
                      "AND event_no = ?", row[:2])
    store.con.execute(DATE_COLUMNS_SQL)
    assert store.con.execute("SELECT date_start, date_end, date_precision FROM events WHERE article_id = ? "
                             "AND event_no = ?", row[:2]).fetchone() == (
        __import__("datetime").date(2019, 1, 7), __import__("datetime").date(2019, 1, 13), "week")
    try:
        # week 2 of 2019 is 7-13 January: inside a range of its days, outside one after it
        hit = list_events(store, since="2019-01-10", until="2019-01-10", limit=1000)
        assert any(e["article_id"] == row[0] and e["event_no"] == row[1] for e in hit)
        miss = list_events(store, since="2019-01-14", limit=1000)
        assert not any(e["article_id"] == row[0] and e["event_no"] == row[1] for e in miss)
        # newest first by first day: the week sorts among January dates, not after December
        ordered = list_events(store, limit=10_000)
        pos = next(i for i, e in enumerate(ordered) if e["article_id"] == row[0] and e["event_no"] == row[1])
        assert all(e["date"][:7] <= "2019-01" for e in ordered[pos:]
                   if e["date"] and not e["date"].startswith("2019-W"))
    finally:
        store.con.execute("UPDATE events SET date = ?, date_precision = NULL WHERE article_id = ? AND event_no = ?",
                          [row[2], *row[:2]])
        store.con.execute(DATE_COLUMNS_SQL)
