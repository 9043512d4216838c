"""Titles with "general" that are no generals, and broadcasters called "the network"
(Wikinews 2020 row 52, 2020-05-06, the ABS-CBN shutdown)."""

from __future__ import annotations

from whimbrel.annotate.actors import find_actors


def _actors(parse, text, published="2020-05-06"):
    art, doc = parse(text, published)
    return {a.text: a for a in find_actors(art, doc)}


def test_solicitor_general_is_government_not_military(parse):
    found = _actors(parse, "Solicitor General Jose Calida filed a quo warranto petition on February 10, "
                           "accusing the network of violating its franchise.")
    calida = found["Solicitor General Jose Calida"]
    assert calida.name == "Jose Calida" and calida.role == "GOV"
    assert found["the network"].role == "MED"


def test_a_general_is_still_military(parse):
    found = _actors(parse, "General Qasem Soleimani was killed in a United States airstrike.", "2020-01-05")
    assert any(a.role == "MIL" and "Soleimani" in (a.name or "") for a in found.values())


def test_an_assembly_of_ministers_is_the_ministers(parse):
    # Wikinews 2020 row 6 (2020-01-11): a collective noun stands for the members its of-phrase
    # names, while "the National Assembly" is still a legislature
    found = _actors(parse, "On Wednesday, an assembly of several foreign ministers in Cairo denounced the "
                           "memoranda of understanding between Turkey and Libya.", "2020-01-11")
    group = found["an assembly of several foreign ministers"]
    assert group.code == "EGY GOV"
    assert "an assembly" not in found


def test_they_and_the_ministers_continue_the_group(parse):
    # Wikinews 2020 row 6 (2020-01-11): the second "They" is the ministers again (the subject
    # of the sentence before), not "third states"; "The foreign ministers" is the group, not
    # the one minister named last
    text = ("On Wednesday, an assembly of several foreign ministers in Cairo denounced the memoranda of "
            "understanding between Turkey and Libya. The Italian foreign minister, Luigi Di Maio, joined "
            "the talks as an observer. They concluded that the November 27 maritime border agreement "
            "between Turkey and Libya is \"null and void\" and \"infringes upon the sovereign rights of "
            "third states, does not comply with the Law of the Sea and cannot produce any legal "
            "consequences\". They called on Turkey to halt their drilling operations within the EEZ of "
            "Cyprus. The foreign ministers agreed to a future meet on Crete.")
    art, doc = parse(text, "2020-01-11")
    actors = find_actors(art, doc)
    they = [a for a in actors if a.text == "They"]
    assert len(they) == 2 and all(a.code == "EGY GOV" for a in they)
    (group,) = [a for a in actors if a.text == "The foreign ministers"]
    assert group.kind != "person" and group.code == "EGY GOV"


def test_a_generic_name_takes_the_country_of_its_of_phrase(parse):
    # Wikinews 2020 row 52 (2020-05-06): "Congress" alone is the US Congress in the tables, but
    # "the Congress of the Philippines" is not; "the network" is the broadcaster, not Congress
    # (the first sentence, the law's and the next, verbatim)
    text = ("Following the expiry of broadcast corporation ABS-CBN's legislative franchise, the Philippine "
            "government issued a cease and desist order dated yesterday, forcing the shut-down of "
            "broadcasting operations by the company. Republic Act No. 3846, also known as the \"Radio "
            "Control Law\", states \"no person, firm, company, association, or corporation shall construct, "
            "install, establish, or operate a radio transmitting station, or radio receiving station used "
            "for commercial purposes, or a radio broadcasting station, without having first obtained a "
            "franchise therefor from the Congress of the Philippines.\" Since ABS-CBN's legislative "
            "franchise, Republic Act No. 7966, expired on Monday, the network no longer had a valid franchise "
            "to continue airing their programs.")
    art, doc = parse(text, "2020-05-06")
    found = {a.text: a for a in find_actors(art, doc)}
    assert found["the Congress of the Philippines"].code == "PHL LEG"
    assert found["the network"].role == "MED" and found["the network"].country == "PHL"


def test_journalists_in_a_national_story_are_its_countrys(parse):
    # Wikinews 2020 row 77 (2020-07-12): unqualified journalists in a Serbian story are Serbian
    text = ("Friday night was the fourth night in a row that Serbians protested; the protest started out "
            "against the government's anti-COVID-19 measures but has reportedly expanded into more general "
            "anti-government protests. A number of journalists were also injured after being attacked by "
            "protesters.")
    art, doc = parse(text, "2020-07-12")
    found = {a.text: a for a in find_actors(art, doc)}
    journalists = next(a for t, a in found.items() if "journalists" in t)
    assert journalists.code == "SRB MED"
