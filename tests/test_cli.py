"""The command line: --version, --help, extract, run and show on the bundled sample."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from whimbrel import __version__
from whimbrel.cli import app

runner = CliRunner()
SEED = str(EXAMPLES / "crawl-text" / "urdupoint-2023-05-05.txt")


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"whimbrel {__version__}"


@pytest.mark.parametrize("command", ["extract", "run", "show"])
def test_help_is_complete(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    for word in ("--model", "--input-format") if command != "show" else ("--db", "--model"):
        assert word in result.output


def test_extract_prints_the_article_record():
    result = runner.invoke(app, ["extract", SEED, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("{")]
    rec = json.loads(line)
    for key in ("id", "source", "url", "title", "author", "published", "dateline", "credit", "language",
                "tags", "body", "paragraphs", "entities", "timexes", "actors", "quotes", "events", "rejected"):
        assert key in rec
    assert rec["published"] == "2023-05-05T08:30" and rec["dateline"] == "BEIJING"
    assert rec["rejected"] is None
    ent = rec["entities"][0]
    assert rec["body"][ent["start"]:ent["end"]] == ent["text"]


def test_extract_reads_stdin():
    with open(SEED, "rb") as fh:
        data = fh.read()
    result = runner.invoke(app, ["extract", "--no-nlp", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["author"] == "Sumaira FH"


def test_extract_reports_rejects(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", "--no-nlp", str(empty), SEED])
    assert result.exit_code == 0
    recs = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert recs[0]["rejected"]["reason"] == "empty" and recs[1]["title"]


def test_run_then_show(tmp_path):
    db = str(tmp_path / "w.duckdb")
    result = runner.invoke(app, ["run", SEED, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["stored"] == 1 and summary["read"] == 1
    from whimbrel.store.duckdb import Store

    with Store(db, read_only=True) as store:
        aid = store.article_ids()[0]
    shown = runner.invoke(app, ["show", aid[:8], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "China To Continue Coordination" in shown.output and "Sumaira FH" in shown.output
    missing = runner.invoke(app, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 2 and "E303" in missing.output


def test_events_export_as_csv_and_dates_are_checked(tmp_path):
    db = str(tmp_path / "w.duckdb")
    assert runner.invoke(app, ["run", SEED, "--db", db, "--json"]).exit_code == 0
    result = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    rows = list(__import__("csv").DictReader(result.output.splitlines()))
    assert rows and all(r["plover"] == "CONSULT" for r in rows)
    assert {"date", "source_code", "target_code", "evidence_text"} <= set(rows[0])
    assert any(r["date"] == "2023-05-04" for r in rows)  # "on Thursday" in the seed
    bad = runner.invoke(app, ["events", "--db", db, "--since", "May 2023"])
    assert bad.exit_code == 2 and "E202" in bad.output and "ISO 8601" in bad.output


def test_published_dates_plain_text(tmp_path):
    # free text in the style of a news lede, as a user's plain-text file without any date
    text = tmp_path / "leicester.txt"
    text.write_text("On Sunday evening in Victoria Park in Leicester, a mass stabbing killed two people "
                    "and wounded four others.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(text), "--published", "2021-05-12"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.output.splitlines()[0])
    assert rec["published"].startswith("2021-05-12")
    assert [t["value"] for t in rec["timexes"]] == ["2021-05-09"]
    undated = json.loads(runner.invoke(app, ["extract", str(text)]).output.splitlines()[0])
    assert undated["published"] is None and undated["timexes"][0]["value"] is None
    # the formats of a date column: an ambiguous numeric date alone is read month first
    us = json.loads(runner.invoke(app, ["extract", str(text), "--published", "12/05/2021"]).output.splitlines()[0])
    assert us["published"] == "2021-12-05"
    bad = runner.invoke(app, ["extract", str(text), "--published", "the day after"])
    assert bad.exit_code == 2 and "E202" in bad.output


def test_show_a_file():
    result = runner.invoke(app, ["show", SEED])
    assert result.exit_code == 0
    assert "BEIJING" in result.output and "Qin Gang" in result.output


def test_user_actor_dictionary(tmp_path):
    # a real Wikinews sentence (2019) whose speaker the packaged tables do not know
    page = tmp_path / "sdf.txt"
    page.write_text('Kino Gabriel said, "The statement was a surprise and we can say that it is a stab '
                    'in the back for the SDF."\n')
    user = tmp_path / "mine.tsv"
    user.write_text("pattern\tname\tcode\tvalid_from\tvalid_to\n"
                    "Kino Gabriel\tKino Gabriel\tSYR REB\t2015-10-10\t\n")
    import os

    def kino_code(args):
        result = runner.invoke(app, ["extract", str(page), *args])
        assert result.exit_code == 0, result.output
        rec = json.loads([x for x in result.output.splitlines() if x.startswith("{")][0])
        return {a["text"]: a["code"] for a in rec["actors"]}.get("Kino Gabriel")

    try:
        assert kino_code([]) != "SYR REB"
        assert kino_code(["--actors-dict", str(user)]) == "SYR REB"
    finally:
        os.environ.pop("WHIMBREL_ACTORS_DICT", None)
