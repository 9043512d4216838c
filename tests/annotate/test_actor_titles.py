"""Titles with "general" that are no generals, broadcasters called "the network", collective
nouns that stand for their members, and unqualified groups in a national story (free text
written for these tests, in the style of wire news)."""

from __future__ import annotations

from whimbrel.annotate.actors import find_actors


def _actors(parse, text, published="2020-05-06"):
    art, doc = parse(text, published)
    return {a.text: a for a in find_actors(art, doc)}


def test_solicitor_general_is_government_not_military(parse):
    found = _actors(parse, "Solicitor General Maria Villanueva lodged a petition with the court on March 3, "
                           "accusing the network of breaching the terms of its licence.")
    sg = found["Solicitor General Maria Villanueva"]
    assert sg.name == "Maria Villanueva" and sg.role == "GOV"
    assert found["the network"].role == "MED"


def test_a_general_is_still_military(parse):
    found = _actors(parse, "General Viktor Petrenko was wounded in a missile strike near the front.", "2022-05-05")
    assert any(a.role == "MIL" and "Petrenko" in (a.name or "") for a in found.values())


def test_an_assembly_of_ministers_is_the_ministers(parse):
    # a collective noun stands for the members its of-phrase names, while "the National
    # Assembly" is still a legislature
    found = _actors(parse, "On Thursday, an assembly of several defence ministers in Nairobi condemned the "
                           "security pact signed between Ethiopia and Somaliland.", "2024-01-13")
    group = found["an assembly of several defence ministers"]
    assert group.code == "KEN GOV"
    assert "an assembly" not in found


def test_they_and_the_ministers_continue_the_group(parse):
    # the second "They" is the ministers again (the subject of the sentence before), not "other
    # governments" in the quotation; "The defence ministers" is the group, not the one minister
    # named last
    text = ("On Thursday, an assembly of several defence ministers in Nairobi condemned the security pact "
            "signed between Ethiopia and Somaliland. The Ugandan defence minister, Samuel Okello, attended "
            "the meeting as an observer. They declared that the January 1 port agreement between Ethiopia "
            "and Somaliland is \"without legal effect\" and \"violates the territorial integrity of a member "
            "state, breaches the charter of the African Union and cannot bind other governments\". They urged "
            "Ethiopia to abandon its plans for a naval base on the coast of Somaliland. The defence ministers "
            "agreed to meet again in Kampala next month.")
    art, doc = parse(text, "2024-01-13")
    actors = find_actors(art, doc)
    they = [a for a in actors if a.text == "They"]
    assert len(they) == 2 and all(a.code == "KEN GOV" for a in they)
    (group,) = [a for a in actors if a.text == "The defence ministers"]
    assert group.kind != "person" and group.code == "KEN GOV"


def test_a_generic_name_takes_the_country_of_its_of_phrase(parse):
    # "Congress" alone is the US Congress in the tables, but "the Congress of Peru" is not;
    # "the network" is the broadcaster, not Congress (a law quoted between the two)
    text = ("After the broadcasting licence of television company Canal Andino ran out, the Peruvian "
            "government issued an order dated yesterday that forced the station to stop its transmissions. "
            "Law No. 28278, the country's broadcasting statute, says \"no person or company may install or "
            "operate a television station for commercial ends without a licence granted under a law passed "
            "by the Congress of Peru.\" Since the licence of Canal Andino lapsed on Monday, the network no "
            "longer had the legal right to keep showing its programmes.")
    art, doc = parse(text, "2021-03-10")
    found = {a.text: a for a in find_actors(art, doc)}
    assert found["the Congress of Peru"].code == "PER LEG"
    assert found["the network"].role == "MED" and found["the network"].country == "PER"


def test_journalists_in_a_national_story_are_its_countrys(parse):
    # unqualified journalists in a Bulgarian story are Bulgarian
    text = ("Saturday night was the third night running that Bulgarians demonstrated; the rallies began "
            "against the government's new fuel tax but have reportedly grown into broader anti-government "
            "protests. Several journalists were also hurt after being assaulted by demonstrators.")
    art, doc = parse(text, "2021-09-19")
    found = {a.text: a for a in find_actors(art, doc)}
    journalists = next(a for t, a in found.items() if "journalists" in t)
    assert journalists.code == "BGR MED"
