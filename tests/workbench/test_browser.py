"""The workbench in a real headless Chromium (Debian's chromium, driven by Playwright): every
page loads, a filter applies, an event opens with its evidence highlighted, no request
leaves localhost, and a review submitted in the browser appears in the exported gold.
Screenshots are saved in $WHIMBREL_ARTIFACTS (default tests/artifacts/)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("WHIMBREL_ARTIFACTS", Path(__file__).resolve().parents[1] / "artifacts"))


@pytest.fixture()
def server(demo_db):
    import uvicorn

    from whimbrel.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(demo_db, review=True, reviewer="browser"), host="127.0.0.1",
                                        port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", demo_db
    srv.should_exit = True
    t.join(10)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_pages_in_headless_chromium(server, tmp_path):
    pw = pytest.importorskip("playwright.sync_api")
    base, db = server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        for path, name in (("/", "events"), ("/timeline?source=TUR", "timeline"), ("/network", "network"),
                           ("/map", "map"), ("/stories", "stories")):
            page.goto(base + path)
            assert page.locator("header nav").is_visible()
            if page.locator("img#chart").count():
                page.wait_for_function("document.querySelector('img#chart').naturalWidth > 0", timeout=20000)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=name != "events")
        # a filter, applied in the form
        page.goto(base + "/")
        page.fill("input[name=source]", "erdogan")
        page.click("#apply")
        assert "source=erdogan" in page.url
        rows = page.locator("tr.event-row")
        assert rows.count() >= 2 and "Erdoğan" in rows.first.inner_text()
        # open the Sochi meeting: its evidence is highlighted in the article
        page.locator("tr.event-row", has_text="met Russian President").first.locator("a.open").click()
        mark = page.locator("mark#evidence")
        assert mark.is_visible() and "Vladimir Putin" in mark.inner_text()
        assert page.evaluate("getComputedStyle(document.querySelector('mark#evidence')).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.locator("script").count() == 0  # the article's <script> is text, not an element
        page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
        # a review submitted in the browser
        page.check("input[value=corrected]")
        page.select_option("select[name=plover]", "AGREE")
        page.fill("input[name=note]", "a meeting that agreed")
        page.click("#submit-review")
        assert page.locator("#saved").is_visible()
        page.locator("dd a").first.click()
        page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
        browser.close()
    assert requests and all(u.startswith(base + "/") for u in requests), [u for u in requests if not u.startswith(base)]
    from typer.testing import CliRunner

    from whimbrel.cli import app as cli
    from whimbrel.eval.gold import load_gold_files

    time.sleep(0.2)
    gold_dir = tmp_path / "gold"
    # the server holds the store for writing: export from a copy
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    if Path(str(db) + ".wal").exists():  # the review not yet checkpointed into the file
        shutil.copy(str(db) + ".wal", str(copy) + ".wal")
    r = CliRunner().invoke(cli, ["export", "--reviews-as-gold", str(gold_dir), "--db", str(copy)])
    assert r.exit_code == 0, r.output
    [gold] = load_gold_files([gold_dir])
    assert [e["plover"] for e in gold.data["events"]] == ["AGREE"]
    assert gold.data["events"][0]["note"] == "a meeting that agreed" and gold.data["review"]["reviewers"] == ["browser"]
