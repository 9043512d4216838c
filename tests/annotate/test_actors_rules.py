"""Resolution rules on real sentences: appositions, coordination, pronouns, "former",
date-bounded roles, user dictionaries."""

from __future__ import annotations

from whimbrel.annotate.actors import find_actors, resolve_mention, resolve_mentions
from whimbrel.ontology.actor_dictionary import ActorDictionary


def _at(art, actors, mention, after=0):
    start = art.body.index(mention, after)
    return resolve_mention(art, actors, start, start + len(mention))


def test_apposition_spokesman_inherits_the_organisation(parse):
    # free text: "X, a spokesman for ORG" takes the organisation's code; "in Iraq" is a place
    text = ("The air raid came after drone attacks on the United States Embassy in Iraq; local "
            "media said the drones had been launched by supporters of the PMF. In a statement "
            "issued after the raid, Karim al-Jabouri, a spokesman for the PMF, on Friday blamed "
            "Israel, along with the United States, for the escalation.")
    art, doc = parse(text, "2021-07-08")
    actors = find_actors(art, doc)
    spokesman = _at(art, actors, "Karim al-Jabouri")
    assert (spokesman.name, spokesman.code, spokesman.title) == ("Karim al-Jabouri", "IRQ MIL", "spokesman")
    assert spokesman.text == "Karim al-Jabouri, a spokesman for the PMF"
    assert _at(art, actors, "Israel").code == "ISR GOV"            # object of "blamed"
    embassy = _at(art, actors, "the United States Embassy")
    assert embassy.code == "USA GOV" and embassy.kind == "org"
    # "in Iraq" is a location, not an actor
    iraq = text.index("in Iraq") + 3
    assert not [a for a in actors if a.start <= iraq < a.end and a.kind == "state"]


def test_coordinated_states_are_two_actors(parse):
    # seed article (UrduPoint 2023-05-05)
    text = ("Moscow and Beijing also reaffirmed their readiness to strengthen cooperation and "
            "coordination within international organizations and blocs, such as BRICS, the "
            "Group of Twenty (G20), the United Nations, and the SCO.")
    art, doc = parse(text, "2023-05-05")
    actors = find_actors(art, doc)
    both = resolve_mentions(art, actors, 0, len("Moscow and Beijing"))
    assert [a.code for a in both] == ["RUS GOV", "CHN GOV"]
    assert {a.name for a in actors if a.code == "IGO"} >= {
        "BRICS", "Group of Twenty", "United Nations", "Shanghai Cooperation Organization"}


def test_pronoun_and_short_name_link_to_the_titled_person(parse):
    # Wikinews 2019 (row 114), 2019-09-23
    text = ('Yesterday, President Hassan Rouhani of Iran said if the goal is peace and security, '
            'then foreign powers should "get out of the region" as their presence could cause an '
            'arms race. He also announced a new security initiative for the Persian Gulf, the '
            'Gulf of Oman and the Strait of Hormuz to be unveiled at the United Nations General '
            'Assembly later this week.\n\n\nRouhani was speaking at the opening of Sacred Defence '
            'Week, an annual commemoration of the eight-year Iran–Iraq War, which features '
            'military parades.')
    art, doc = parse(text, "2019-09-23")
    actors = find_actors(art, doc)
    first = _at(art, actors, "President Hassan Rouhani of Iran")
    assert (first.name, first.code, first.title) == ("Hassan Rouhani", "IRN GOV", "President")
    he = _at(art, actors, "He")
    assert he.name == "Hassan Rouhani" and he.antecedent == (first.start, first.end)
    assert _at(art, actors, "Rouhani", he.end).antecedent == (first.start, first.end)
    assert _at(art, actors, "foreign powers").code == "--- GOV"


def test_former_officials_are_civilians(parse):
    # Wikinews 2019 (row 133), 2019-10-08
    text = ("Former US Ambassador to the United Nations Nikki Haley wrote on Twitter, \"We must "
            "always have the backs of our allies, if we expect them to have our back.\"")
    art, doc = parse(text, "2019-10-08")
    haley = _at(art, find_actors(art, doc), "Former US Ambassador to the United Nations Nikki "
                                            "Haley")
    assert haley.name == "Nikki Haley" and haley.code == "USA CVL"   # not IGO, not GOV


def test_known_people_take_the_role_of_the_article_date(parse):
    text = "Pompeo said the talks would continue."
    for published, code in (("2017-06-01", "USA SPY"), ("2019-06-01", "USA GOV")):
        art, doc = parse(text, published)
        assert _at(art, find_actors(art, doc), "Pompeo").code == code


def test_user_dictionary_resolves_a_group_and_its_spokesman(parse, tmp_path):
    # Guardian 2018 sample (NGEC)
    text = ("\u201cThe carnage has been like nothing you could imagine,\u201d said Wael Rahman, "
            "a spokesman for Falaq al-Rahman.")
    art, doc = parse(text, "2018-03-01")
    assert _at(art, find_actors(art, doc), "Wael Rahman").code != "SYR REB"
    user = tmp_path / "syria.tsv"
    user.write_text("pattern\tname\tcode\tvalid_from\tvalid_to\n"
                    "Falaq al-Rahman\tFaylaq al-Rahman\tSYR REB\t2013-01-01\t\n", encoding="utf-8")
    actors = find_actors(art, doc, ActorDictionary.load(extra=[user]))
    rahman = _at(art, actors, "Wael Rahman")
    assert rahman.code == "SYR REB" and rahman.title == "spokesman"


def test_the_country_in_the_text_wins_over_a_generic_table_entry(parse):
    # free text: "House of Representatives" is in the tables, but "Libyan" names the country
    text = ("She also said that the Libyan House of Representatives had refused to ratify the "
            "accord, and that Egypt and Turkey could take their quarrel before International "
            "Court of Justice in the Hague unless the talks succeed.")
    art, doc = parse(text, "2021-02-16")
    actors = find_actors(art, doc)
    assert _at(art, actors, "the Libyan House").code == "LBY LEG"
    assert _at(art, actors, "International Court of Justice").code == "IGO"
    assert not [a for a in actors if "Hague" in a.text]


def test_a_descriptor_names_the_sector_of_an_unknown_company(parse):
    # free text: two companies the tables do not know, each named with a descriptor
    text = ("Later that week, the Italian oil producer Adriagas signed a preliminary deal to sell "
            "three million barrels of crude a year to the Italian fuel supplier Petrolvalle.")
    art, doc = parse(text, "2021-02-16")
    actors = find_actors(art, doc)
    assert _at(art, actors, "Petrolvalle").code == "ITA BUS"
    assert _at(art, actors, "Adriagas").code == "ITA BUS"
