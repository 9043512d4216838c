"""Resolution rules on real sentences: appositions, coordination, pronouns, "former",
date-bounded roles, user dictionaries."""

from __future__ import annotations

from whimbrel.annotate.actors import find_actors, resolve_mention, resolve_mentions
from whimbrel.ontology.actor_dictionary import ActorDictionary


def _at(art, actors, mention, after=0):
    start = art.body.index(mention, after)
    return resolve_mention(art, actors, start, start + len(mention))


def test_apposition_spokesman_inherits_the_organisation(parse):
    # Wikinews 2020 (row 1), 2020-01-05
    text = ("The military strike follows rocket attacks on the United States Embassy in Iraq; "
            "Business Insider reported that the rocket strikes were carried out by sympathizers "
            "of the PMF. In a statement following the attack, Ahmed al-Assadi, a spokesman for "
            "the PMF, blamed both Israel and the United States for the attack.")
    art, doc = parse(text, "2020-01-05")
    actors = find_actors(art, doc)
    assadi = _at(art, actors, "Ahmed al-Assadi")
    assert (assadi.name, assadi.code, assadi.title) == ("Ahmed al-Assadi", "IRQ MIL", "spokesman")
    assert assadi.text == "Ahmed al-Assadi, a spokesman for the PMF"
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
    # Wikinews 2020 (row 5), 2020-01-10
    text = ("He also noted that the Libyan House of Representatives rejected the demarcation, "
            "and that Greece and Turkey might end up before International Court of Justice in "
            "the Hague if they fail to reach an agreement.")
    art, doc = parse(text, "2020-01-10")
    actors = find_actors(art, doc)
    assert _at(art, actors, "the Libyan House").code == "LBY LEG"
    assert _at(art, actors, "International Court of Justice").code == "IGO"
    assert not [a for a in actors if "Hague" in a.text]


def test_a_descriptor_names_the_sector_of_an_unknown_company(parse):
    # Wikinews 2020 (row 5)
    text = ("Earlier that day, the Greek gas producer Energean signed a letter of intent on "
            "selling two billion cubic meters of gas per year to the Greek gas supplier DEPA.")
    art, doc = parse(text, "2020-01-10")
    actors = find_actors(art, doc)
    assert _at(art, actors, "DEPA").code == "GRC BUS"
    assert _at(art, actors, "Energean").code == "GRC BUS"
