"""CAMEO detail and argument cases a new user met, on free text written for these tests:
appeals are CAMEO 02x (not demands, 10x), an air strike on targets in a place is an ASSAULT,
sanctions are PLOVER SANCTION with their target, a protest lodged with a government is an
official complaint to it, a negated attack is no event, and "in December" in a January story
is last December for a past act and next December for a future one."""

from __future__ import annotations


def _only(events, plover):
    hits = [e for e in events if e.plover == plover]
    assert len(hits) == 1, [(e.plover, e.cameo, e.evidence.text) for e in events]
    return hits[0]


def test_urged_is_an_appeal_not_a_demand(code):
    e = _only(code("The United Nations urged both sides to return to the negotiating table.", "2021-05-04"),
              "REQUEST")
    assert e.cameo.startswith("02") and e.quad_class == 1 and e.goldstein > 0
    e = _only(code("The rebels called on the government to release the prisoners.", "2021-05-04"), "REQUEST")
    assert e.cameo.startswith("02")


def test_demanded_stays_a_demand(code):
    e = _only(code("Protesters demanded the resignation of the prime minister.", "2020-01-15"), "REQUEST")
    assert e.cameo.startswith("10") and e.goldstein < 0


def test_jets_striking_targets_in_a_place_is_an_assault(code):
    e = _only(code("Israeli jets struck targets in Gaza on Tuesday, the military said.", "2021-05-12"), "ASSAULT")
    assert e.source is not None and e.source.code.startswith("ISR")
    assert e.date == "2021-05-11" and e.date_basis == "text"


def test_sanctions_are_sanction_with_their_target(code):
    e = _only(code("The United States imposed sanctions on Iran over its nuclear programme.", "2019-06-24"),
              "SANCTION")
    assert e.source.code.startswith("USA") and e.target is not None and e.target.code.startswith("IRN")
    assert e.cameo == "163"
    evs = code("The European Union imposed new restrictions on steel imports from Turkey.", "2019-06-24")
    assert not any(x.plover == "SANCTION" for x in evs)


def test_a_protest_lodged_with_a_government_is_a_complaint_to_it(code):
    e = _only(code("Japan lodged a formal protest with China over the incursion.", "2020-07-01"), "ACCUSE")
    assert e.source.code.startswith("JPN") and e.target.code.startswith("CHN") and e.cameo == "114"


def test_a_negated_attack_is_no_event(code):
    assert not code("The army did not attack the village, a spokesman said.", "2020-07-01")


def test_december_in_a_january_story(code):
    past = code("The foreign ministers met in December to discuss the crisis.", "2020-01-15")
    assert [e.date for e in past if e.plover == "CONSULT"] == ["2019-12"]
    future = code("Officials said the two leaders will meet in Geneva in December.", "2020-01-15")
    assert all(e.date == "2020-12" for e in future) and future
