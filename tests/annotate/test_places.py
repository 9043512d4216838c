"""The place layer on news sentences: toponyms resolved to GeoNames places with the country,
ADM1 and coordinates, the ambiguity cases of issue #14 (Georgia, Paris, Washington, "Turkey's
largest city of Istanbul", "Douma, near Damascus"), and an event's place with its basis.

The sentences are written for these tests in the style of wire copy (none is taken from a
reserved document)."""

from __future__ import annotations

import pytest

from whimbrel.model import Article, article_id


@pytest.fixture(scope="module")
def run(pipeline):
    """``run(text, dateline=None) -> Article`` with every layer, places and events included."""

    def _run(text: str, published: str = "2023-05-05", dateline: str | None = None):
        text_start = 0
        if dateline:
            text_start = len(dateline) + 1
            text = f"{dateline} {text}"
        art = Article(id=article_id(None, text), body=text, published=published, dateline=dateline,
                      text_start=text_start, paragraphs=((0, len(text)),))
        done = [a for a in pipeline.annotate([art]) if isinstance(a, Article)]
        assert len(done) == 1, "the layers failed on the text"
        return done[0]

    return _run


def _place(article, text, nth=0):
    hits = [p for p in article.places if p.text == text]
    assert len(hits) > nth, [(p.text, p.country) for p in article.places]
    return hits[nth]


def test_georgia_the_country(run):
    a = run("Thousands of protesters rallied outside the parliament in Tbilisi on Sunday, as the "
            "Russian foreign ministry warned Georgia against joining NATO.")
    p = _place(a, "Georgia")
    assert (p.country, p.feature_code, p.fips) == ("GEO", "PCLI", "GG")
    assert _place(a, "Tbilisi").country == "GEO"


def test_georgia_the_us_state(run):
    a = run("Voters in Atlanta and Savannah waited for hours on Tuesday as Georgia held its runoff "
            "election, the state's top election official, Brad Raffensperger, said in Atlanta.")
    p = _place(a, "Georgia")
    assert (p.country, p.feature_code, p.adm1, p.geo_type) == ("USA", "ADM1", "USGA", 2)


def test_paris_texas_and_paris_france(run):
    a = run("A tornado tore the roofs off dozens of homes in Paris, Texas, late on Monday, the "
            "National Weather Service said.")
    p = _place(a, "Paris")
    assert (p.country, p.adm1, p.geo_type) == ("USA", "USTX", 3)
    assert p.rule == "container"
    assert p.fullname == "Paris, Texas, United States"
    assert 33 < p.lat < 34 and -96 < p.lon < -95
    b = run("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday.")
    q = _place(b, "Paris")
    assert (q.country, q.geonameid) == ("FRA", 2988507)
    e = next(e for e in b.events if e.plover == "CONSULT")
    assert (e.location_basis, e.action_geo.country) == ("clause", "FRA")


def test_washington_the_government_and_the_city(run):
    a = run("Washington imposed new sanctions on Iran's oil ministry on Friday, the State Department said.")
    p = _place(a, "Washington")
    assert (p.country, p.adm1) == ("USA", "USDC")    # the capital, not the state or the English town
    assert p.stands_for == "government"
    sanction = a.events[0]
    assert sanction.source.code == "USA GOV"
    # the actor is not where it happened: Washington is not the event's place
    assert sanction.location is None or sanction.location.start != p.start
    b = run("Tens of thousands of people marched in Washington on Saturday to demand action on gun violence.")
    q = _place(b, "Washington")
    assert (q.country, q.adm1, q.stands_for) == ("USA", "USDC", None)
    protest = next(e for e in b.events if e.plover == "PROTEST")
    assert (protest.location_basis, protest.location.text, protest.action_geo.adm1) == ("clause", "Washington", "USDC")


def test_turkeys_largest_city_of_istanbul(run):
    a = run("Police detained dozens of demonstrators in Turkey's largest city of Istanbul on Saturday, "
            "the governor's office said.")
    p = _place(a, "Istanbul")
    assert (p.country, p.adm1, p.rule) == ("TUR", "TU34", "container")
    assert not any(x.text.startswith("Turkey") and x.kind == "state" for x in a.actors)
    e = next(e for e in a.events if e.plover == "COERCE")
    assert (e.location_basis, e.action_geo.fullname) == ("clause", "Istanbul, Turkey")


def test_douma_near_damascus(run):
    a = run("Rescue workers said air strikes hit Douma, near Damascus, on Wednesday, killing at least 20 civilians.")
    p = _place(a, "Douma")
    assert (p.country, p.rule) == ("SYR", "container")
    assert p.geonameid is not None and 33 < p.lat < 34
    assert _place(a, "Damascus").country == "SYR"


def test_qualifiers_are_stripped_before_the_lookup():
    from whimbrel.annotate.places import _strip

    assert _strip("north-eastern Syria") == "Syria"
    assert _strip("the southern Gaza Strip") == "Gaza Strip"
    assert _strip("Turkey's") == "Turkey"


def test_event_place_falls_back_to_the_dateline(run):
    a = run("Chinese President Xi Jinping held a telephone conversation with Kenyan President William Ruto "
            "on Thursday.", dateline="BEIJING")
    dl = next(p for p in a.places if p.kind == "dateline")
    assert (dl.text, dl.country, dl.fullname) == ("BEIJING", "CHN", "Beijing, China")
    e = next(e for e in a.events if e.plover == "CONSULT")
    assert (e.location_basis, e.location.country, e.action_geo.adm1) == ("dateline", "CHN", "CH22")
    assert e.source_geo.country == "CHN" and e.target_geo.country == "KEN"


def test_the_place_a_withdrawal_leaves(run):
    a = run("President Donald Trump said on Wednesday he would withdraw all US troops from Syria "
            "within 30 days.", published="2018-12-19")
    e = next(e for e in a.events if e.plover in ("CONCEDE", "RETREAT"))
    assert (e.location_basis, e.location.text, e.action_geo.country, e.action_geo.type) == ("clause", "Syria", "SYR", 1)
    assert e.source_geo is not None and e.source_geo.country == "USA"
