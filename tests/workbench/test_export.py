"""`whimbrel export`: whole tables complete with full ids, GDELT 2.0 Events and Mentions in the
codebook's shape; normalised event dates; the listing commands' filters and errors."""

from __future__ import annotations

import csv
import io
import json

import duckdb
from typer.testing import CliRunner

from whimbrel.cli import app
from whimbrel.export import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, read_gdelt, split_actor_code

runner = CliRunner()
GDELT = "data/gdelt_samples"


def _codebook(shared, name: str) -> tuple[list[str], dict[str, str]]:
    path = shared / GDELT / "gdelt2_mentions_and_schemas_gdeltPyR" / "field_definitions" / name
    if name.endswith(".csv"):
        rows = list(csv.DictReader(open(path, encoding="utf-8")))
    else:
        rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    return [r["tableId"] for r in rows], {r["tableId"]: r["dataType"] for r in rows}


def test_every_table_exports_completely_with_full_ids(demo_db, tmp_path):
    out = tmp_path / "dump"
    r = runner.invoke(app, ["export", "all", "-f", "parquet", "-o", str(out), "--db", str(demo_db)])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(demo_db), read_only=True)
    for table in ("articles", "events", "actors", "places", "quotes", "event_clusters", "stories"):
        n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        got = duckdb.connect().execute(f"SELECT count(*) FROM '{out / (table + '.parquet')}'").fetchone()[0]
        assert got == n and n > 0, table
    ids = {r[0] for r in duckdb.connect().execute(f"SELECT DISTINCT article_id FROM '{out / 'events.parquet'}'").fetchall()}
    assert ids and all(len(i) == 64 for i in ids)
    assert ids <= {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    # more than 100 rows on standard output, none cut: the old listing stopped at 100
    n_entities = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    assert n_entities > 100
    r = runner.invoke(app, ["export", "entities", "-f", "csv", "--db", str(demo_db)])
    assert r.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == n_entities
    r = runner.invoke(app, ["export", "events", "-f", "jsonl", "--db", str(demo_db)])
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(recs) == con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert {d[0] for d in con.execute("SELECT * FROM events LIMIT 0").description} == set(recs[0])  # every column
    bad = runner.invoke(app, ["export", "nonsense", "--db", str(demo_db)])
    assert bad.exit_code == 2 and "unknown table" in bad.output


def test_event_dates_are_stored_as_days_with_their_precision(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)  # a plain session: no whimbrel macros
    rows = con.execute("SELECT date, date_start, date_end, date_precision FROM events WHERE date IS NOT NULL").fetchall()
    assert rows
    for date, start, end, precision in rows:
        assert start <= end
        if precision == "day":
            assert str(start) == str(end) == date[:10]
        elif precision == "month":
            assert str(start) == date + "-01" and str(end)[:7] == date
        elif precision == "year":
            assert (str(start), str(end)) == (f"{date}-01-01", f"{date}-12-31")
    assert con.execute("SELECT count(*) FROM events WHERE date IS NULL AND date_start IS NOT NULL").fetchone()[0] == 0
    # the hostile article's "on Tuesday" against 2019-10-22 (a Tuesday)
    assert ("2019-10-22", "day") in {(str(r[1]), r[3]) for r in rows}


def test_gdelt_events_have_the_codebooks_61_columns_and_parse_like_real_gdelt(shared_dir, demo_db, tmp_path):
    names, types = _codebook(shared_dir, "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    assert len(names) == 61 and list(GDELT_EVENT_COLUMNS) == names
    r = runner.invoke(app, ["export", "gdelt", "-o", str(tmp_path / "g"), "--db", str(demo_db)])
    assert r.exit_code == 0, r.output
    text = (tmp_path / "g" / "events.export.CSV").read_text(encoding="utf-8")
    ours = read_gdelt(text, types, names)
    con = duckdb.connect(str(demo_db), read_only=True)
    assert len(ours) == con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] > 10
    # a real GDELT row (the 1.0 sample: 2.0 without the three ADM2 columns) through the same reader
    real_cols = [n for n in names if not n.endswith("ADM2Code")]
    real_lines = [ln for ln in (shared_dir / GDELT / "gdelt1_events_reed9999" / "events_sample.tsv")
                  .read_text(encoding="utf-8").splitlines() if ln.count("\t") == len(real_cols) - 1]
    real = read_gdelt("\n".join(real_lines[:50]), types, real_cols)
    assert real[0]["EventCode"] == "010" and isinstance(real[0]["GoldsteinScale"], float)
    for row in real + ours:
        assert len(str(row["SQLDATE"])) == 8 and str(row["SQLDATE"]).startswith(str(row["Year"]))
        assert row["EventRootCode"] is None or row["EventCode"].startswith(row["EventRootCode"])
        assert row["QuadClass"] in (1, 2, 3, 4)
        for side in ("Actor1", "Actor2"):
            assert " " not in (row[f"{side}Code"] or "")
    # our values, checked against the store
    by_id = {row["GLOBALEVENTID"]: row for row in ours}
    cl = con.execute("SELECT cluster_id, num_mentions, num_sources, num_articles, cameo FROM event_clusters").fetchall()
    for cid, nm, ns, na, cameo in cl:
        row = by_id[int(cid[:15], 16)]
        assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (nm, ns, na)
        assert row["EventRootCode"] == (cameo or "")[:2] or row["EventRootCode"] is None
    sochi = [r for r in ours if r["ActionGeo_FullName"] and "Sochi" in r["ActionGeo_FullName"]]
    assert sochi and sochi[0]["ActionGeo_CountryCode"] == "RS" and abs(sochi[0]["ActionGeo_Lat"] - 43.6) < 0.1
    assert sochi[0]["Actor1Code"] == "TURGOV" and sochi[0]["Actor1CountryCode"] == "TUR"
    assert sochi[0]["ActionGeo_Type"] == 4 and sochi[0]["SQLDATE"] == 20191022
    assert any(r["IsRootEvent"] == 1 for r in ours) and all(r["IsRootEvent"] in (0, 1) for r in ours)
    assert all(r["SOURCEURL"] for r in ours)


def test_gdelt_mentions_match_the_codebook_and_the_real_sample(shared_dir, demo_db, tmp_path):
    names, types = _codebook(shared_dir, "GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv")
    assert list(GDELT_MENTION_COLUMNS) == names and len(names) == 16
    r = runner.invoke(app, ["export", "gdelt-mentions", "--db", str(demo_db)])
    assert r.exit_code == 0
    ours = read_gdelt(r.stdout, types, names)
    sample = (shared_dir / GDELT / "gdelt2_mentions_and_schemas_gdeltPyR" / "mentions2_sample_20170701.csv")
    real = read_gdelt(sample.read_text(encoding="utf-8"), types, names, sep=",", header=True)
    assert len(real) > 1000 and isinstance(real[0]["MentionDocTone"], float)
    con = duckdb.connect(str(demo_db), read_only=True)
    assert len(ours) == con.execute("SELECT count(*) FROM events").fetchone()[0]
    for row in real[:200] + ours:
        assert row["MentionType"] in (1, 2, 3, 4, 5, 6) and len(str(row["MentionTimeDate"])) == 14
        assert 0 <= row["Confidence"] <= 100 and row["MentionDocLen"] > 0
    events = {e["GLOBALEVENTID"] for e in read_gdelt(runner.invoke(app, ["export", "gdelt-events", "--db", str(demo_db)]).stdout,
                                                     *reversed(_codebook(shared_dir, "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")))}
    assert {m["GLOBALEVENTID"] for m in ours} == events  # every mention joins an event


def test_actor_codes_split_into_gdelt_columns():
    assert split_actor_code("CHN GOV")["Code"] == "CHNGOV"
    assert split_actor_code("CHN GOV")["CountryCode"] == "CHN" and split_actor_code("CHN GOV")["Type1Code"] == "GOV"
    assert split_actor_code("IGO")["KnownGroupCode"] == "IGO"
    assert split_actor_code("--- MED") | {} == {**split_actor_code(None), "Code": "MED", "Type1Code": "MED"}


def test_listing_filters_counts_and_errors(demo_db):
    db = ["--db", str(demo_db)]
    r = runner.invoke(app, ["events", "-n", "3", "-f", "csv", *db])
    assert r.exit_code == 0 and len(list(csv.DictReader(io.StringIO(r.stdout)))) == 3
    assert "showing 3 of" in r.stderr and "-n 0 for all" in r.stderr
    total = duckdb.connect(str(demo_db), read_only=True).execute("SELECT count(*) FROM events").fetchone()[0]
    r = runner.invoke(app, ["events", "-n", "0", "-f", "csv", *db])
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == total
    r = runner.invoke(app, ["events", "--source", "erdogan", "-f", "jsonl", "-n", "0", *db])  # no accent typed
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and all("Erdoğan" in (x["source_name"] or "") or x["source_code"].startswith("ERDOGAN") for x in rows)
    r = runner.invoke(app, ["events", "--target", "RUS", "--cameo", "04", "-f", "jsonl", *db])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and all(x["target_code"].startswith("RUS") and x["cameo"].startswith("04") for x in rows)
    r = runner.invoke(app, ["events", "--min-confidence", "0.8", "-f", "jsonl", "-n", "0", *db])
    assert all(json.loads(x)["confidence"] >= 0.8 for x in r.stdout.splitlines())
    r = runner.invoke(app, ["events", "--country", "RUS", "-f", "jsonl", *db])
    assert r.stdout and all(json.loads(x)["action_geo_fullname"] for x in r.stdout.splitlines())
    for args, msg in ((["--type", "FIGHTING"], "unknown --type"), (["--since", "2019-13"], "not a real date"),
                      (["--cameo", "999"], "unknown --cameo"), (["--country", "XYZ"], "unknown --country")):
        r = runner.invoke(app, ["events", *args, *db])
        assert r.exit_code == 2 and msg in r.output and "Traceback" not in r.output, args
    r = runner.invoke(app, ["quotes", "--speaker", "ERDOGAN", "-f", "jsonl", *db])
    assert r.exit_code == 0 and any("Erdoğan" in json.loads(x)["speaker"] for x in r.stdout.splitlines())
    r = runner.invoke(app, ["articles", "-f", "jsonl", *db])
    assert all(len(json.loads(x)["id"]) == 64 for x in r.stdout.splitlines())


def test_terminal_output_strips_escapes_and_show_events_only(demo_db):
    db = ["--db", str(demo_db)]
    aid = duckdb.connect(str(demo_db), read_only=True).execute(
        "SELECT id FROM articles WHERE source = 'Hostile Daily'").fetchone()[0]
    body = duckdb.connect(str(demo_db), read_only=True).execute("SELECT body FROM articles WHERE id = ?", [aid]).fetchone()[0]
    assert "\x1b[31m" in body  # stored as it came
    r = runner.invoke(app, ["show", aid[:10], *db])
    assert r.exit_code == 0 and "\x1b" not in r.stdout and "red" in r.stdout
    r = runner.invoke(app, ["show", aid[:10], "--events-only", *db])
    assert r.exit_code == 0 and "CONSULT" in r.stdout and "(Consult" in r.stdout
    assert "Time expressions" not in r.stdout and "entities" not in r.stdout
    r = runner.invoke(app, ["events", "-n", "0", *db], env={"COLUMNS": "80"})
    assert r.exit_code == 0 and "\x1b" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "Consult, not specified below" in r.stdout.replace("\n", " ").replace("│", " ") or "Consult" in r.stdout
