"""Places in the tools and the store: the seed page's places (issue #14 acceptance), the
geo columns round-trip through DuckDB, a version 1 store is upgraded in place, ``whimbrel
show`` prints each event's place with coordinates and basis, ``whimbrel events --country``
filters on it, and a GeoNames dump plugs into the gazetteer."""

from __future__ import annotations

import csv
import zipfile

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from whimbrel.cli import app
from whimbrel.store.duckdb import Store

runner = CliRunner()
SEED = str(EXAMPLES / "crawl-text" / "urdupoint-2023-05-05.txt")


def test_seed_places(seed_article):
    dl = next(p for p in seed_article.places if p.kind == "dateline")
    assert (dl.text, dl.name, dl.country, dl.fips, dl.adm1, dl.geonameid) == ("BEIJING", "Beijing", "CHN", "CH",
                                                                             "CH22", 1816670)
    assert round(dl.lat, 1) == 39.9 and round(dl.lon, 1) == 116.4
    # "the ministers' meeting" of the first sentence took place "in India" (second paragraph)
    meeting = next(e for e in seed_article.events if e.plover == "CONSULT" and "told the meeting" in e.evidence.text)
    assert (meeting.location.text, meeting.location.country, meeting.location_basis) == ("India", "IND", "episode")
    assert meeting.action_geo.type == 1 and meeting.action_geo.fips == "IN"
    # the Xi–Zelenskyy phone call: no place in the text, so the dateline's (gold: none)
    call = next(e for e in seed_article.events if e.plover == "CONSULT" and "telephone" in e.evidence.text)
    assert call.location_basis == "dateline" and call.location.country == "CHN"
    assert (call.source_geo.country, call.target_geo.country) == ("CHN", "UKR")
    # a capital standing for its government is a place, but never where an event happened
    beijing = [p for p in seed_article.places if p.text == "Beijing"]
    assert beijing and all(p.stands_for == "government" for p in beijing)
    assert not any(e.location_basis == "clause" and e.location.text == "Beijing" for e in seed_article.events)


def test_geo_columns_round_trip_and_v1_upgrade(tmp_path, seed_article):
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        store.write_articles([seed_article])
        assert store.count("places") == len(seed_article.places)
        assert store.get_article(seed_article.id) == seed_article
        row = store.con.execute("SELECT action_geo_country, action_geo_lat, location_basis FROM events "
                                "WHERE location_basis = 'episode' LIMIT 1").fetchone()
        assert row[0] == "IND" and 20 < row[1] < 21
    # a version 1 file: no geo columns, no places table (nor the version 3 date columns)
    old = tmp_path / "v1.duckdb"
    Store(old).close()
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE places")
    for (name,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' "
                               "AND (column_name LIKE '%geo%' OR column_name = 'location_basis' "
                               "OR column_name IN ('date_start', 'date_end', 'date_precision'))").fetchall():
        con.execute(f'ALTER TABLE events DROP COLUMN "{name}"')
    con.execute("UPDATE schema_info SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with Store(old) as store:
        store.write_articles([seed_article])
        assert store.get_article(seed_article.id) == seed_article
        assert store.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()[0] == "3"
        assert store.con.execute("SELECT count(*) FROM events WHERE date IS NOT NULL AND date_start IS NULL")\
            .fetchone()[0] == 0


def test_show_and_events_by_country(tmp_path):
    db = str(tmp_path / "w.duckdb")
    assert runner.invoke(app, ["run", SEED, "--db", db, "--json"]).exit_code == 0
    shown = runner.invoke(app, ["show", SEED], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert "place India [IND] 20.29, 79.01 (episode); source in CHN, target in RUS" in shown.output
    assert "place Beijing, China [CHN] 39.91, 116.40 from 'BEIJING' (dateline)" in shown.output
    result = runner.invoke(app, ["events", "--db", db, "--country", "ind", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert rows and {r["location_country"] for r in rows} == {"IND"}
    assert all(r["location_basis"] == "episode" and r["action_geo_lat"] for r in rows)
    none = runner.invoke(app, ["events", "--db", db, "--country", "SYR", "--format", "jsonl"])
    assert none.exit_code == 0 and not none.output.strip()


def test_a_geonames_dump_plugs_in(tmp_path):
    from whimbrel.ontology.gazetteer import add_geonames_dump, load_gazetteer

    # two rows in GeoNames' own dump format (readme.txt of download.geonames.org/export/dump)
    rows = [
        ["170654", "Tall Tamr", "Tall Tamr", "Tal Tamr,Tell Tamer", "36.65", "40.37", "P", "PPL", "SY", "",
         "04", "", "", "", "0", "", "300", "Asia/Damascus", "2019-10-16"],
        ["99999999", "Nowhere Hill", "Nowhere Hill", "", "1.0", "1.0", "S", "HTL", "SY", "", "04", "", "", "",
         "0", "", "0", "Asia/Damascus", "2019-10-16"],
    ]
    dump = tmp_path / "SY.zip"
    with zipfile.ZipFile(dump, "w") as zf:
        zf.writestr("SY.txt", "".join("\t".join(r) + "\n" for r in rows))
    g = load_gazetteer.__wrapped__()   # a fresh bundled gazetteer, not the cached one
    assert not g.lookup("Tell Tamer")
    assert add_geonames_dump(g, dump) == 1          # the hotel (class S) is skipped
    (entry, primary), = g.lookup("Tell Tamer")
    assert (entry.geonameid, entry.country, entry.adm1_code, primary) == (170654, "SYR", "SY04", False)
    assert g.fullname(entry) == "Tall Tamr, Syria"


@pytest.mark.parametrize("name, iso3, fips", [("Georgia", "GEO", "GG"), ("UK", "GBR", "UK"), ("U.S.", "USA", "US"),
                                              ("Britain", "GBR", "UK"), ("Kosovo", "XKX", "KV")])
def test_country_names_resolve_with_fips(name, iso3, fips):
    from whimbrel.ontology.gazetteer import load_gazetteer

    countries = [e for e, _ in load_gazetteer().lookup(name) if e.is_country]
    assert [(e.country, e.fips) for e in countries] == [(iso3, fips)]
