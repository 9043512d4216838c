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
    # Wikinews 2020 row 69 (2020-06-23) and row 2 (2020-01-06)
    evs = code("On Saturday evening in Forbury Gardens in Reading, Berkshire, UK shortly before 19:00 local "
               "time (1800 UTC), a mass stabbing killed three people and injured three others.", "2020-06-23")
    hits = [e for e in evs if e.plover == "ASSAULT"]
    assert len(hits) == 1 and hits[0].mode == "primitive" and hits[0].date.startswith("2020-06-20")
    evs = code("The move follows the United States' killing of Qasem Soleimani in an airstrike last week.",
               "2020-01-06")
    (e,) = [e for e in evs if e.plover == "ASSAULT"]
    assert e.source.code == "USA GOV" and e.cameo == "195" and e.mode == "aerial"


def test_possessor_of_a_bare_killing_is_no_agent(code):
    # Wikinews 2019 row 120: "Jamal's killing" names the victim, so no event is coded from it
    evs = code("Imagine that the entire world remains silent over Jamal's killing.", "2019-09-29")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


def test_executing_software_is_no_assassination(code):
    # Wikinews 2020 row 102 (2020-10-26)
    evs = code("youtube-dl executes this JavaScript, just like a web browser.", "2020-10-26")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


def test_politician_attacking_politician_is_verbal(code):
    # Wikinews 2020 rows 86 (2020-08-31) and 108 (2020-11-02); NER calls "Trump" an ORG here
    for text, published in (("Biden attacked Trump for the tweet, claiming he used it to distract from "
                             "Lewis's funeral.", "2020-08-31"),
                            ("Trump attacked Biden for accumulating wealth since leaving public office.",
                             "2020-11-02")):
        evs = code(text, published)
        assert [e.plover for e in evs if e.cue == "attacked"] == ["ACCUSE"], text


def test_fighting_corruption_is_no_assault(code):
    # Wikinews 2020 row 118 (2020-12-15)
    evs = code("Organizers of the rally said they were fighting corruption and dishonesty.", "2020-12-15")
    assert [e for e in evs if e.plover == "ASSAULT"] == []


@pytest.mark.parametrize("text, published, plover", [
    # Wikinews 2020 rows 121, 65, 102 and 117 (the sample corpus): no act of an actor
    ("With NASA's James Webb Telescope scheduled to be deployed next year, the paper suggests "
     "researchers could observe smaller exoplanets that orbit small red-dwarf stars.", "2020-12-25", None),
    ("The government of Burundi on Tuesday announced his death and announced the cause of death as a "
     "cardiac arrest.", "2020-06-11", "COERCE"),
    ("One user submitted a pull request, merging the source code of youtube-dl along with the DMCA "
     "repository.", "2020-10-26", "REQUEST"),
    ("That said, we totally understand community members who feel that we have killed the part of the "
     "project that they care about.", "2020-12-20", "ASSAULT"),
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
    # Wikinews 2020 row 77 and row 97 (the sample corpus)
    ("As they tried to storm parliament, police in response fired tear gas at them.", "2020-07-12",
     "ASSAULT", "175"),
    ("I went straight to the police station nearly after I saw her and complained there about her.",
     "2020-10-18", "ACCUSE", "114"),
])
def test_fire_at_and_complain_about(code, text, published, plover, cameo):
    assert [(e.plover, e.cameo) for e in code(text, published) if e.plover == plover] == [(plover, cameo)]


def test_a_condition_that_repeats_its_kind_is_refused():
    from whimbrel.annotate.events.lexicon import Condition

    assert Condition.parse("prep:to|about").lemmas == {"to", "about"}
    with pytest.raises(ValueError, match="prep:a|b"):
        Condition.parse("prep:to|prep:about")


def test_victims_are_no_sources(code):
    # Wikinews 2020, "Yemeni journalist Nabil Hasan al-Quaety shot dead in Aden" (2020-06-05),
    # as a new user fed it in: the man shot and the man who survived an attack are not attackers
    evs = code("Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in "
               "southern Yemen, on Tuesday after being shot in his car.", "2020-06-05")
    (shot,) = [e for e in evs if e.plover == "ASSAULT"]
    assert shot.source is None and shot.target.text == "Nabil Hasan al-Quaety"
    evs = code("In 2019 he survived a drone attack that left six soldiers dead.", "2020-06-05")
    assert [e.plover for e in evs] == ["ASSAULT"]  # "left six soldiers dead" is no withdrawal
    assert evs[0].source is None and evs[0].mode == "drone"


def test_anti_government_protests_oppose_the_government(code):
    # Wikinews 2020 row 77 (2020-07-12): the first paragraph and the second's first sentence
    evs = code("Friday night was the fourth night in a row that Serbians protested; the protest started out "
               "against the government's anti-COVID-19 measures but has reportedly expanded into more general "
               "anti-government protests. Police director Vladimir Rebic said at least 71 people were arrested "
               "Friday night. "
               "Anti-government protests have been taking place since Tuesday in the Serbian capital Belgrade "
               "after the government announced new lockdown measures, which the government dropped after the "
               "protests began.", "2020-07-12")
    (e,) = [e for e in evs if e.plover == "PROTEST" and "protests" in e.cue
            and e.evidence.text.startswith("Anti-government")]
    assert e.target.code == "SRB GOV" and e.source.code == "SRB CVL"


def test_a_nation_marching_is_its_civilians(code):
    # TimeBank/AQUAINT APW20000128.0316 (2000-01-28), "Cubans Demand Return of Elian": the
    # actor layer reads a plural nationality as the state ("the Saudis said"); a march is civilians'
    evs = code("The commemorations began early Friday morning, as tens of thousands of Cubans marched "
               "through Havana's streets by torchlight.", "2000-01-28")
    (e,) = [e for e in evs if e.plover == "PROTEST"]
    assert e.source.code == "CUB CVL" and e.date == "2000-01-28"


def test_anti_government_as_spacy_splits_it(code):
    # Wikinews 2020 row 77 (2020-07-12), the second paragraph's first two sentences: spaCy
    # splits "Anti-government" into three modifiers; the government is named only afterwards
    evs = code("Anti-government protests have been taking place since Tuesday in the Serbian capital Belgrade "
               "after the government announced new lockdown measures, which the government dropped after the "
               "protests began.  According to reports, criticism within Serbia has said COVID-19 cases rose "
               "because President Aleksandar Vučić eased lockdown measures to win elections which were held on "
               "June 21.", "2020-07-12")
    (e,) = [e for e in evs if e.plover == "PROTEST" and e.evidence.text.startswith("Anti-government")]
    assert e.target.code == "SRB GOV" and e.source.code == "SRB CVL"
