"""Trigger senses, on real sentences: who counts as an acting actor (``actsubj``, ``actobj``,
``persons`` use the actor layer, not only NER), violent acts named by nouns, and words of
violence or demand used in other senses (software, medicine, politics, telescopes)."""

from __future__ import annotations

import pytest


def test_subject_coded_by_the_actor_layer_is_an_actor(code):
    # PLOVER gold-standard records (CAMEO 1.1b3 manual example; OEDA, CC BY-SA 4.0):
    # "guerrillas" is neither an entity nor a listed agent noun
    evs = code("Hezbollah guerrillas killed the deputy chief of Israel's militia ally in southern "
               "Lebanon Sunday sources on both sides said.", "2019-06-23")
    hits = [e for e in evs if e.plover == "ASSAULT"]
    assert len(hits) == 1
    assert hits[0].source.text == "Hezbollah guerrillas" and hits[0].source.code == "LBN REB"
    assert hits[0].cue == "killed"


def test_fire_that_kills_is_no_actor(code):
    # Wikinews 2019 row 2: a disaster, not an act of an actor
    evs = code("A fire yesterday afternoon killed five girls, all aged fifteen, at an escape room the "
               "group was visiting to celebrate a birthday in Koszalin, North Poland.", "2019-01-06")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


def test_violent_event_nouns(code):
    # free text: a stabbing as the subject of "killed"; a possessive "killing ... in an airstrike"
    evs = code("On Sunday afternoon in Victoria Park in Leicester, England shortly after 15:00 local time "
               "(1400 UTC), a mass stabbing killed two people and wounded four others.", "2021-05-12")
    hits = [e for e in evs if e.plover == "ASSAULT"]
    assert len(hits) == 1 and hits[0].mode == "primitive" and hits[0].date.startswith("2021-05-09")
    evs = code("The decision comes after Israel's killing of a senior Hamas commander in an airstrike last month.",
               "2021-06-06")
    (e,) = [e for e in evs if e.plover == "ASSAULT"]
    assert e.source.code == "ISR GOV" and e.cameo == "195" and e.mode == "aerial"


def test_possessor_of_a_bare_killing_is_no_agent(code):
    # Wikinews 2019 row 120: "Jamal's killing" names the victim, so no event is coded from it
    evs = code("Imagine that the entire world remains silent over Jamal's killing.", "2019-09-29")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


def test_executing_software_is_no_assassination(code):
    # free text: software "executes" a script
    evs = code("The installer then executes the downloaded script, just as a terminal would.", "2021-10-26")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


def test_politician_attacking_politician_is_verbal(code):
    # free text: one politician "attacked" another for what they said or did
    for text, published in (("Warren attacked Trump for the post, claiming he used it to distract from "
                             "the impeachment hearings.", "2019-11-15"),
                            ("Trump attacked Pelosi for taking a holiday in Hawaii during the government "
                             "shutdown.", "2019-01-10")):
        evs = code(text, published)
        assert [e.plover for e in evs if e.cue == "attacked"] == ["ACCUSE"], text


def test_fighting_corruption_is_no_assault(code):
    # free text: "fighting" an abstract evil
    evs = code("The march's organisers said they were fighting fraud and abuse of power.", "2021-12-15")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


@pytest.mark.parametrize("text, published, plover", [
    # no act of an actor: Wikinews 2020 row 121 (the sample corpus), then free text
    ("With NASA's James Webb Telescope scheduled to be deployed next year, the paper suggests "
     "researchers could observe smaller exoplanets that orbit small red-dwarf stars.", "2020-12-25", None),
    ("The presidency of Malawi on Friday confirmed her death and said she had died of a cardiac "
     "arrest.", "2021-06-11", "COERCE"),
    ("A contributor opened a pull request that copied the project's code into the company's public "
     "repository.", "2021-10-26", "REQUEST"),
    ("Even so, we fully understand users who feel that we have killed the features of the app that "
     "mattered most to them.", "2021-12-20", "ASSAULT"),
])
def test_words_of_violence_or_demand_in_other_senses(code, text, published, plover):
    evs = code(text, published)
    if plover is None:
        assert [e for e in evs if e.plover in ("MOBILIZE", "THREATEN")] == []
    else:
        assert [e for e in evs if e.plover == plover] == []


def test_troops_deployed_are_mobilised(code):
    # Wikinews 2019 row 143 (dev gold): an intransitive deployment by an actor
    evs = code("Syrian government forces began deploying into previously SDF controlled territory.", "2019-10-14")
    assert [e.plover for e in evs if e.cue == "deploying"] == ["MOBILIZE"]


@pytest.mark.parametrize("text, published, plover, cameo", [
    # free text: "fired tear gas at"; "complained ... about"
    ("As demonstrators tried to break into the ministry, riot police fired tear gas at them.", "2021-09-19",
     "ASSAULT", "175"),
    ("I went to the labour office the next morning and complained there about my employer.",
     "2021-10-18", "ACCUSE", "114"),
])
def test_fire_at_and_complain_about(code, text, published, plover, cameo):
    assert [(e.plover, e.cameo) for e in code(text, published) if e.plover == plover] == [(plover, cameo)]


def test_a_condition_that_repeats_its_kind_is_refused():
    from whimbrel.annotate.events.lexicon import Condition

    assert Condition.parse("prep:to|about").lemmas == {"to", "about"}
    with pytest.raises(ValueError, match="prep:a|b"):
        Condition.parse("prep:to|prep:about")


def test_victims_are_no_sources(code):
    # free text: the man shot and the man who survived an attack are not attackers
    evs = code("Karim Haddad, a freelance photographer from Lebanon, died in the city of Sidon, in "
               "southern Lebanon, on Monday after being shot in his car.", "2021-06-09")
    (shot,) = [e for e in evs if e.plover == "ASSAULT"]
    assert shot.source is None and shot.target.text == "Karim Haddad"
    evs = code("In 2018 he survived a drone attack that left four guards dead.", "2021-06-09")
    assert [e.plover for e in evs] == ["ASSAULT"]  # "left six soldiers dead" is no withdrawal
    assert evs[0].source is None and evs[0].mode == "drone"


def test_anti_government_protests_oppose_the_government(code):
    # free text: a national story; "Anti-government protests" opens a sentence
    evs = code("Saturday night was the third night running that Bulgarians demonstrated; the rallies began "
               "against the government's new fuel tax but have reportedly grown into broader anti-government "
               "protests. Interior ministry spokesman Petar Ivanov said at least 40 people were detained "
               "Saturday night. "
               "Anti-government protests have been held since Wednesday in the Bulgarian capital Sofia "
               "after the government announced the new tax, which the government withdrew once the "
               "protests started.", "2021-09-19")
    (e,) = [e for e in evs if e.plover == "PROTEST" and "protests" in e.cue
            and e.evidence.text.startswith("Anti-government")]
    assert e.target.code == "BGR GOV" and e.source.code == "BGR CVL"


def test_a_nation_marching_is_its_civilians(code):
    # TimeBank/AQUAINT APW20000128.0316 (2000-01-28), "Cubans Demand Return of Elian": the
    # actor layer reads a plural nationality as the state ("the Saudis said"); a march is civilians'
    evs = code("The commemorations began early Friday morning, as tens of thousands of Cubans marched "
               "through Havana's streets by torchlight.", "2000-01-28")
    (e,) = [e for e in evs if e.plover == "PROTEST"]
    assert e.source.code == "CUB CVL" and e.date == "2000-01-28"


def test_anti_government_as_spacy_splits_it(code):
    # free text: spaCy splits a sentence-initial "Anti-government" into three modifiers; the
    # government is named only afterwards
    evs = code("Anti-government protests have been held since Wednesday in the Bulgarian capital Sofia "
               "after the government announced the new tax, which the government withdrew once the "
               "protests started.  According to reports, critics within Bulgaria have said fuel prices rose "
               "because Prime Minister Georgi Petrov raised the tax to pay for promises made before the "
               "election held on March 4.", "2021-09-19")
    (e,) = [e for e in evs if e.plover == "PROTEST" and e.evidence.text.startswith("Anti-government")]
    assert e.target.code == "BGR GOV" and e.source.code == "BGR CVL"
