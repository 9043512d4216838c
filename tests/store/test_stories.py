"""One story told by many outlets is counted once: articles are kept, linked to a story
cluster (exact and MinHash near-duplicates), and the clusters span runs."""

from __future__ import annotations

from conftest import EXAMPLES
from whimbrel.pipeline import Pipeline
from whimbrel.run.local import run_inputs
from whimbrel.store.duckdb import Store

WIKINEWS = str(EXAMPLES / "wikinews")


def test_wikinews_twice_under_two_sources_is_each_story_once(tmp_path):
    pipeline = Pipeline(nlp=False)  # clustering needs the body only
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        a = run_inputs([WIKINEWS], store=store, pipeline=pipeline, source="Outlet A")
    with Store(db) as store:  # a new process would reopen the file: clusters must span runs
        b = run_inputs([WIKINEWS], store=store, pipeline=pipeline, source="Outlet B")
        # one of the 295 rows has a 22-character body without a sentence: a W122 reject
        assert (a.stored, b.stored, b.duplicates) == (294, 294, 0)
        assert a.rejected == {"no-sentence": 1}
        assert store.count("articles") == 588
        stories = store.con.execute("SELECT n_articles, n_sources, sources FROM stories").fetchall()
        assert len(stories) == 294
        assert all(n == 2 and s == 2 and src == ["Outlet A", "Outlet B"] for n, s, src in stories)
        how = dict(store.con.execute("SELECT how, count(*) FROM story_members GROUP BY 1").fetchall())
        assert how == {"first": 294, "exact": 294}


def test_rewritten_copy_joins_its_story(tmp_path):
    from whimbrel.ingest import read_path
    from whimbrel.model import RawDocument

    raw = list(read_path(str(EXAMPLES / "wikinews" / "wikinews_2019.csv")))[6]
    paragraphs = raw.text.split("\n\n\n")
    # another outlet: a dateline and credit in front, the last paragraph cut
    copy = RawDocument(origin=raw.origin, format="text", source="Wire Copy",
                       text="WASHINGTON (Wire) — " + "\n\n".join(p.strip() for p in paragraphs[1:-2]))
    pipeline = Pipeline(nlp=False)
    with Store(tmp_path / "w.duckdb") as store:
        store.write_articles([pipeline.extract(raw), pipeline.extract(copy)])
        (story,) = store.con.execute("SELECT story_id, n_articles, n_sources FROM stories").fetchall()
        assert story[1:] == (2, 2)
        assert store.con.execute("SELECT how FROM story_members ORDER BY how").fetchall() == [("first",), ("near",)]
