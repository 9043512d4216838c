"""Actor dictionary tables and lookups (no spaCy needed)."""

from __future__ import annotations

from datetime import date

import pytest

from whimbrel.ontology.actor_dictionary import (
    ActorDictionary, format_code, normalise, parse_code, tokenize)
from whimbrel.ontology.countries import load_countries


@pytest.fixture(scope="module")
def d():
    return ActorDictionary.load()


def test_country_table_covers_iso_3166_and_terms():
    table = load_countries()
    assert len(table) >= 249
    chn = table.get("CHN")
    assert chn.name == "China" and "Chinese" in chn.adjectives and "Beijing" in chn.capitals
    assert table.get("TUR").name == "Turkey"          # common short name, not "Türkiye"
    assert table.get("XKX").name == "Kosovo"          # user-assigned code used by CAMEO


@pytest.mark.parametrize("text,code", [
    ("Beijing", "CHN GOV"), ("the Kremlin", "RUS GOV"), ("Iranian", "IRN GOV"),
    ("the Saudis", "SAU GOV"), ("#US", "USA GOV"), ("U.S.", "USA GOV"),
    ("the United Nations", "IGO"), ("G20", "IGO"), ("the Group of Twenty", "IGO"),
    ("NATO", "IGO"), ("the AfCFTA", "IGO"),
    ("Gazprom", "RUS BUS"), ("The New York Times", "USA MED"), ("Greenpeace", "--- NGO"),
    ("the Taliban", "AFG INS"), ("the CIA", "USA SPY"), ("ISIS", "--- INS"),
    ("the Chinese Foreign Ministry", "CHN GOV"), ("Iraq's parliament", "IRQ LEG"),
    ("Hong Kong protesters", "HKG CVL"), ("foreign forces", "--- MIL"),
    ("a Reuters reporter", "GBR MED"), ("Iranian airline Mahan Air", "IRN BUS"),
])
def test_lookup_codes(d, text, code):
    assert d.lookup(text, on=date(2019, 10, 1)).code == code


def test_case_rules_keep_pronouns_and_common_words_out(d):
    assert d.lookup("who") is None          # WHO matches only in capitals
    assert d.lookup("us") is None           # so does US
    assert d.lookup("at dawn") is None      # "Dawn" the newspaper needs its capital
    assert d.lookup("Dawn").role == "MED"


def test_people_take_the_role_held_on_the_date(d):
    assert d.lookup("Pompeo", on=date(2017, 6, 1)).code == "USA SPY"   # CIA director
    assert d.lookup("Pompeo", on=date(2019, 6, 1)).code == "USA GOV"   # Secretary of State
    assert d.lookup("Qin Gang", on=date(2023, 5, 5)).title == "Foreign Minister"
    outside = d.lookup("Qin Gang", on=date(2010, 1, 1))
    assert outside.name == "Qin Gang" and outside.role is None       # known, no role then
    assert d.lookup("Trump", on=date(2019, 3, 1)).code == "USA GOV"


def test_user_dictionary_file_wins_and_is_date_bounded(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text(
        "pattern\tname\tcode\tvalid_from\tvalid_to\n"
        "# my own actors\n"
        "Acme Corp\tAcme Corporation\tUSA BUS\t\t\n"
        "Jane Roe\tJane Roe\tGBR LEG\t2019-01-01\t2020-12-31\n"
        "Gazprom\tGazprom\tRUS GOV\t\t\n", encoding="utf-8")
    d = ActorDictionary.load(extra=[user])
    assert d.lookup("Acme Corp").code == "USA BUS"
    assert d.lookup("Jane Roe", on=date(2019, 6, 1)).code == "GBR LEG"
    assert d.lookup("Jane Roe", on=date(2022, 6, 1)) is None
    assert d.lookup("Gazprom").code == "RUS GOV"                 # user entry wins


def test_user_dictionary_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("pattern\tname\tcode\tvalid_from\tvalid_to\nX\tX\tUSA BOSS\t\t\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: .*BOSS"):
        ActorDictionary.load(extra=[bad])


def test_codes_and_keys():
    assert format_code("IGO", "IGO") == "IGO"
    assert format_code("---", "MED") == "--- MED"
    assert format_code(None, "NGO") == "--- NGO"
    assert parse_code("IGO IGO") == ("IGO", "IGO")
    assert parse_code("USA GOV") == ("USA", "GOV")
    assert normalise("the Kremlin's") == "Kremlin"
    text = "Iraq's People's Protection Units U.S. OPEC+"
    assert [text[s:e] for s, e in tokenize(text)] == [
        "Iraq", "'s", "People", "'s", "Protection", "Units", "U.S.", "OPEC+"]


def test_scan_finds_longest_matches_on_token_boundaries(d):
    text = "Chinese Foreign Minister Qin Gang met the Shanghai Cooperation Organization in India."
    hits = [(text[m.start:m.end], m.entry.kind) for m in d.scan(text, tokenize(text),
                                                              on=date(2023, 5, 5))]
    assert hits == [("Chinese", "adjective"), ("Qin Gang", "person"),
                    ("Shanghai Cooperation Organization", "igo"), ("India", "country")]


def test_data_files_have_header_and_source_comment():
    from whimbrel.ontology.countries import data_path
    for name in ("countries.tsv", "roles.tsv", "igos.tsv", "organisations.tsv", "people.tsv"):
        lines = data_path(name).read_text(encoding="utf-8").splitlines()
        assert "\t" in lines[0] and lines[1].startswith("# ")
        width = len(lines[0].split("\t"))
        for ln in lines[2:]:
            if ln and not ln.startswith("#"):
                assert len(ln.split("\t")) == width, (name, ln)


def test_user_files_from_the_environment(tmp_path):
    import os

    from whimbrel.ontology.actor_dictionary import ENV_VAR, user_dictionary_paths
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    for p, line in ((a, "Acme Corp\tAcme\tUSA BUS\t\t"), (b, "Zeta Group\tZeta\tGRC BUS\t\t")):
        p.write_text("pattern\tname\tcode\tvalid_from\tvalid_to\n" + line + "\n",
                     encoding="utf-8")
    env = {ENV_VAR: f"{a}{os.pathsep}{b}"}
    assert user_dictionary_paths(env) == (a, b)
    assert user_dictionary_paths({}) == ()
    d = ActorDictionary.default(env)
    assert d.lookup("Zeta Group").code == "GRC BUS"


def test_lookup_reads_a_mention_as_a_noun_phrase(d):
    qin = d.lookup("Chinese Foreign Minister Qin Gang", on=date(2023, 5, 5))
    assert (qin.name, qin.title, qin.code, qin.kind) == (
        "Qin Gang", "Foreign Minister", "CHN GOV", "person")
    group = d.lookup("an environmental group")
    assert (group.name, group.role, group.country) == ("environmental group", "NGO", None)
    assert d.lookup("the Greek foreign minister").code == "GRC GOV"
    assert d.lookup("the festival") is None
