"""An act's subject counts as an actor when the actor layer coded it, not only when NER
labels it or it is a listed agent noun (lexicon condition ``actsubj``)."""

from __future__ import annotations


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
