"""A small demo store for the workbench tests: six Wikinews 2019 articles (free rows of the
bundled corpus) stored under two outlet names, and one hostile article whose body holds a
<script> element, a javascript: link and an ANSI escape."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

HOSTILE = ("Erdoğan meets Putin\n\nTurkish President Recep Tayyip Erdoğan met Russian President Vladimir Putin "
           "in Sochi on Tuesday &lt;script&gt;alert(1)&lt;/script&gt; with a "
           "&lt;a href=\"javascript:alert(2)\"&gt;link&lt;/a&gt; and \x1b[31mred\x1b[0m text.\n\n"
           "Erdoğan said Turkey would continue to cooperate with Russia on Syria.\n")
ROWS = (6, 15, 16, 35, 43, 45)


def build_demo_store(folder: Path, pipeline) -> Path:
    from whimbrel.run.local import run_inputs
    from whimbrel.store.duckdb import Store

    with open(EXAMPLES / "wikinews" / "wikinews_2019.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sample = folder / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for i in ROWS:
            w.writerow(rows[i])
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "demo.duckdb"
    with Store(db) as store:
        run_inputs([str(sample)], store=store, pipeline=pipeline, source="Outlet A")
        run_inputs([str(sample)], store=store, pipeline=pipeline, source="Outlet B")
        run_inputs([str(hostile)], store=store, pipeline=pipeline, input_format="text", published="2019-10-22",
                   source="Hostile Daily")
    return db


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory, pipeline) -> Path:
    return build_demo_store(tmp_path_factory.mktemp("demo"), pipeline)


@pytest.fixture()
def demo_db(demo_db_master, tmp_path) -> Path:
    """A fresh copy of the demo store (tests may write reviews to it)."""
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_master, db)
    return db
