"""`whimbrel serve` pages through Starlette's test client: escaping of hostile article text,
filters, read-only by default, CSRF on review writes, reviews exported as gold that
`whimbrel eval` reads."""

from __future__ import annotations

import json

import duckdb
from starlette.testclient import TestClient
from typer.testing import CliRunner

from whimbrel.cli import app as cli
from whimbrel.web import create_app


def _hostile(db) -> tuple[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    aid = con.execute("SELECT id FROM articles WHERE source = 'Hostile Daily'").fetchone()[0]
    no = con.execute("SELECT min(event_no) FROM events WHERE article_id = ? AND plover = 'CONSULT'", [aid]).fetchone()[0]
    con.close()
    return aid, no


def test_every_page_renders_and_escapes_article_text(demo_db):
    aid, no = _hostile(demo_db)
    app = create_app(demo_db)
    with TestClient(app) as c:
        for url in ("/", "/timeline", "/network", "/map", "/stories", f"/article/{aid}", f"/event/{aid}/{no}"):
            r = c.get(url)
            assert r.status_code == 200, url
            assert "<script" not in r.text.lower() and 'href="javascript:' not in r.text.lower(), url
            assert "default-src 'none'" in r.headers["content-security-policy"]
        page = c.get(f"/article/{aid}").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "javascript:alert(2)" in page  # shown as text
        ev = c.get(f"/event/{aid}/{no}").text
        assert 'id="evidence"' in ev and "Recep Tayyip Erdoğan met Russian President Vladimir Putin</mark>" in ev
        assert "review" not in ev.split("<main>")[1].split("<h2>")[0].lower() or "<form class=\"review\"" not in ev
        for chart in ("/chart/timeline.svg", "/chart/network.svg", "/chart/map.svg"):
            r = c.get(chart)
            assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
            assert "<svg" in r.text and "http://" not in r.text.replace("http://www.w3.org", "")
        assert "Sochi" in c.get("/map").text and "TUR GOV" in c.get("/network").text
        assert "Outlet A, Outlet B" in c.get("/stories").text


def test_event_filters_and_clear_errors(demo_db):
    with TestClient(create_app(demo_db)) as c:
        r = c.get("/", params={"type": "ASSAULT"})
        assert r.status_code == 200 and "ASSAULT" in r.text and "CONSULT</a>" not in r.text
        r = c.get("/", params={"source": "erdogan"})
        assert "Erdoğan" in r.text and r.text.count('class="event-row"') >= 2
        r = c.get("/", params={"country": "XYZ"})
        assert r.status_code == 400 and "unknown country code" in r.text
        r = c.get("/", params={"since": "2019-13"})
        assert r.status_code == 400 and "not an ISO 8601 date" in r.text


def test_read_only_unless_review_and_csrf(demo_db):
    aid, no = _hostile(demo_db)
    with TestClient(create_app(demo_db)) as c:
        assert 'name="csrf"' not in c.get(f"/event/{aid}/{no}").text
        assert c.post(f"/review/{aid}/{no}", data={"verdict": "correct"}).status_code == 403
    app = create_app(demo_db, review=True, reviewer="tester")
    with TestClient(app) as c:
        assert c.post(f"/review/{aid}/{no}", data={"verdict": "correct", "csrf": "forged"}).status_code == 403
        r = c.post(f"/review/{aid}/{no}", data={"verdict": "corrected", "plover": "AGREE", "csrf": app.state.csrf},
                   follow_redirects=False)
        assert r.status_code == 303
        page = c.get(r.headers["location"]).text
        assert "Review saved" in page and "corrected by tester" in page and "plover → AGREE" in page
    con = duckdb.connect(str(demo_db), read_only=True)
    assert con.execute("SELECT verdict, corrected_plover, reviewer FROM reviews").fetchall() == [("corrected", "AGREE", "tester")]


def test_reviews_become_gold_that_eval_reads(demo_db, tmp_path):
    from whimbrel.eval.gold import load_gold_files, missing_strings

    aid, no = _hostile(demo_db)
    app = create_app(demo_db, review=True, reviewer="tester")
    with TestClient(app) as c:
        c.post(f"/review/{aid}/{no}", data={"verdict": "correct", "csrf": app.state.csrf})
        c.post(f"/review/{aid}/{no + 1}", data={"verdict": "wrong", "csrf": app.state.csrf, "note": "not an act"})
    out = tmp_path / "gold"
    r = CliRunner().invoke(cli, ["export", "--reviews-as-gold", str(out), "--db", str(demo_db)])
    assert r.exit_code == 0, r.output
    [gold] = load_gold_files([out])
    assert gold.id == aid and gold.data["input"]["path"].endswith("hostile.txt")
    assert [e["plover"] for e in gold.data["events"]] == ["CONSULT"]
    assert gold.data["events"][0]["source"]["code"] == "TUR GOV"
    assert len(gold.data["not_events"]) == 1 and gold.data["review"]["reviewers"] == ["tester"]
    assert missing_strings(gold.data, gold.body("/")) == []
    r = CliRunner().invoke(cli, ["eval", str(out), "--data-root", "/", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout.strip().splitlines()[-1])
    assert "events" in json.dumps(report)
