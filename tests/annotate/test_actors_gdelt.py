"""GDELT's typical actor failures, on sentences from the shared corpora (BBC News 2004-05,
Wikinews 2019/2020): a city named in a feature story is not a state actor; a reporter or
newspaper is MED, not GOV; a company is BUS."""

from __future__ import annotations

import pytest

from whimbrel.annotate.actors import find_actors, resolve_mention


def _actors(parse, text, published="2005-01-15"):
    art, doc = parse(text, published)
    return art, find_actors(art, doc)


def _at(art, actors, mention):
    start = art.body.index(mention)
    return resolve_mention(art, actors, start, start + len(mention))


@pytest.mark.parametrize("text,place", [
    # BBC News (entertainment), 2005
    ("Hollywood stars brought a touch of glamour to London on Saturday for the biggest night "
     "in the British film calendar.", "London"),
    ("Rock star Patti Smith has been made artistic director of this year's Meltdown festival, "
     "to be held at London's South Bank Centre in June.", "London"),
    ("Sir Elton John has performed at a special concert in Paris to raise money for the "
     "victims of the Asian tsunami.", "Paris"),
    ("Blind Faith recorded only one studio album but notably played before a crowd of a "
     "hundred thousand at a free concert in London's Hyde Park.", "London"),
    # the example of a feature story
    ("The festival drew thousands of visitors to Edinburgh.", "Edinburgh"),
])
def test_city_in_a_feature_story_is_not_an_actor(parse, text, place):
    art, actors = _actors(parse, text)
    start = text.index(place)
    assert not [a for a in actors if a.start <= start < a.end and a.role == "GOV"], actors


def test_capital_in_an_actor_slot_is_the_state(parse):
    # control for the test above: the same kind of name as subject of a reporting verb
    text = ("Moscow is ready to maintain close contacts with Beijing, the ministry cited "
            "Lavrov.")
    art, actors = _actors(parse, text, "2023-05-05")
    assert _at(art, actors, "Moscow").code == "RUS GOV"
    assert _at(art, actors, "Beijing").code == "CHN GOV"


@pytest.mark.parametrize("text,mention,code", [
    # Wikinews 2019
    ("Pohiva was a long-time advocate for democratization in Tonga, The Guardian reported.",
     "The Guardian", "GBR MED"),
    ("The New York Times reports that more subpoenas are likely to be issued in the coming "
     "week.", "The New York Times", "USA MED"),
    # BBC News (business, politics), 2005
    ("The share offer, representing about 20% of Jet's equity, was oversubscribed, news "
     "agency Reuters reported.", "Reuters", "GBR MED"),
    ("But the BBC said on Thursday there were no plans for a comeback.", "the BBC", "GBR MED"),
    ("But BBC correspondent Peter Hunt said they are not responsible for how money is spent "
     "and may be unable to answer.", "BBC correspondent Peter Hunt", "GBR MED"),
    # free text: a reporter named by the outlet takes the outlet's country, not the story's
    ("An Al Jazeera reporter in Nigeria said hospital staff had confirmed that the minister was "
     "being treated for malaria.", "An Al Jazeera reporter", "QAT MED"),
])
def test_reporter_or_newspaper_is_media_not_government(parse, text, mention, code):
    art, actors = _actors(parse, text, "2019-10-01")
    a = _at(art, actors, mention)
    assert a is not None and a.code == code and a.role == "MED"


def test_journalist_in_a_country_is_not_its_government(parse):
    # free text: the journalist is MED; "the government" in the same sentence is GOV
    text = ("Amina Bello, a journalist based in the Ghana capital Accra, said the government "
            "was weighing criminal charges against officials found to have diverted relief "
            "funds and would make them pay the money back.")
    art, actors = _actors(parse, text, "2021-05-01")
    bello = _at(art, actors, "Amina Bello")
    assert bello.role == "MED" and bello.title == "journalist"
    assert _at(art, actors, "government").code == "GHA GOV"
    assert not [a for a in actors if a.text in ("Ghana", "Accra")]


@pytest.mark.parametrize("text,mention,code", [
    # BBC News (business), 2005
    ("However, Gazprom has announced it is not linked to Baikal in any way.", "Gazprom",
     "RUS BUS"),
    # Wikinews 2019 (row 15)
    ("Germany banned Iranian airline Mahan Air from its airspace.", "Iranian airline Mahan Air",
     "IRN BUS"),
])
def test_company_is_business(parse, text, mention, code):
    art, actors = _actors(parse, text)
    a = _at(art, actors, mention)
    assert a is not None and a.code == code


def test_company_description_links_back(parse):
    text = ("Germany banned Iranian airline Mahan Air from its airspace. The airline has "
            "flown to Syria.")
    art, actors = _actors(parse, text, "2019-01-21")
    a = _at(art, actors, "The airline")
    assert a.name == "Mahan Air" and a.code == "IRN BUS" and a.antecedent is not None
