"""Untrusted text on the command line (issue 17): rich markup and terminal control
sequences in article text and file names are printed as visible text; configuration
errors stop the run with exit 2 even under -q; ``--published`` reads the formats a date
column does."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from whimbrel.cli import app
from whimbrel.model import Article, Quote, article_id
from whimbrel.safe import json_line, visible
from whimbrel.store.duckdb import Store

runner = CliRunner()

BODY = ("Police arrested three men in Kabul on Friday \x1b[2J\x1b]8;;http://evil.example\x07click\x1b]8;;\x07 "
        "after a bomb exploded, \u202eevil\u202c the ministry said \x1b]52;c;cm0gLXJmIH4=\x07.")
TITLE = "[/b] Blast [link=http://evil.example]in Kabul[/link] \x9b31m"
CONTROL = ("\x1b", "\x9b", "\u202e", "\x07")


def _store(tmp_path):
    db = tmp_path / "w.duckdb"
    q = Quote(0, 6, BODY[:6], kind="direct", cue="said", cue_start=None, cue_end=None, speaker="[bold]Ahmad\x1b[0m",
              speaker_code=None, speaker_start=None, speaker_end=None, producer="q/1")
    a = Article(id=article_id("[red]x", BODY), body=BODY, source="[red]x", title=TITLE, published="2023-05-05",
                paragraphs=((0, len(BODY)),), quotes=(q,))
    with Store(db) as store:
        store.write_articles([a])
    return db, a


def test_listings_print_markup_and_controls_as_text(tmp_path):
    db, a = _store(tmp_path)
    for args in (["articles"], ["quotes"], ["show", a.id[:12]], ["actors"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
        assert not any(c in result.output for c in CONTROL), args
    out = runner.invoke(app, ["articles", "--db", str(db)], env={"COLUMNS": "300"}).output
    assert "[/b]" in out and "[link=http://evil.example]" in out and "\\x9b31m" in out
    shown = runner.invoke(app, ["show", a.id[:12], "--db", str(db)], env={"COLUMNS": "300"}).output
    assert "\\x1b]52;c;" in shown and "\\u202e" in shown


def test_csv_and_jsonl_escape_control_characters(tmp_path):
    db, _ = _store(tmp_path)
    out = runner.invoke(app, ["articles", "--db", str(db), "--format", "csv"]).output
    assert not any(c in out for c in CONTROL)
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["title"] == visible(TITLE)
    out = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"]).output
    assert not any(c in out for c in CONTROL)
    assert json.loads(out)["title"] == TITLE  # escaped on the wire, the same value once parsed


def test_json_line_escapes_c1_and_bidi():
    line = json_line({"t": "a\x9bb\u202ec\x1bd"})
    assert line == '{"t": "a\\u009bb\\u202ec\\u001bd"}' and json.loads(line)["t"] == "a\x9bb\u202ec\x1bd"


def test_run_summary_escapes_file_names(tmp_path):
    f = tmp_path / "evil\x1b[31m.txt"
    f.write_text("x")
    result = runner.invoke(app, ["run", str(f), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\\x1b[31m" in result.output


def test_headerless_actor_dictionary_exit_2_with_file_line_and_fix(tmp_path, monkeypatch):
    from whimbrel.ontology.actor_dictionary import ENV_VAR

    monkeypatch.setenv(ENV_VAR, "")  # the CLI sets it for the process; restored after the test
    d = tmp_path / "actors.tsv"
    d.write_text("Kino Gabriel\tKino Gabriel\tSYR REB\t2015-10-10\t\n")
    story = tmp_path / "story.txt"
    story.write_text("Kino Gabriel said on Monday that his fighters had taken the village.")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["-q", "run", str(story), "--db", str(db), "--actors-dict", str(d)])
    assert result.exit_code == 2
    assert "E203" in result.output and f"{d}:1" in result.output and "pattern<TAB>name<TAB>code" in result.output
    assert not db.exists()  # stopped before the first document


def test_published_reads_the_date_column_formats(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Police arrested three men in Kabul on Friday after a bomb exploded, the ministry said.")
    for given, stored in (("12/10/2023", "2023-12-10"), ("Tue, 10 Oct 2023 08:00:00 +0200", "2023-10-10T08:00+02:00"),
                          ("1696924800", "2023-10-10T08:00Z"), ("October 2023", "2023-10")):
        result = runner.invoke(app, ["extract", str(story), "--no-nlp", "--published", given])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output.splitlines()[0])["published"] == stored
    result = runner.invoke(app, ["extract", str(story), "--no-nlp", "--published", "next week"])
    assert result.exit_code == 2 and "E202" in result.output
