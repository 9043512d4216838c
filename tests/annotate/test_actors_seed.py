"""The seed article (UrduPoint, 2023-05-05): gold actors resolved to their codes, short
names linked to the full names, the dateline not an actor."""

from __future__ import annotations

import json

import pytest

from whimbrel.annotate.actors import PRODUCER, find_actors, resolve_mention, resolve_mentions


@pytest.fixture(scope="module")
def seed(shared_dir, parse):
    path = shared_dir / "gold" / "urdupoint-2023-05-05.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    body = "\n\n".join(gold["article"]["body_paragraphs"])
    text_start = body.index(") ") + 2   # after "BEIJING (UrduPoint News / Sputnik - 05th May, 2023)"
    art, doc = parse(body, "2023-05-05", text_start=text_start, dateline="BEIJING")
    return gold, art, find_actors(art, doc)


def _normal(code):
    return "IGO" if code and code.split()[0] == "IGO" else code


def test_every_gold_actor_mention_resolves_to_its_code(seed):
    gold, art, actors = seed
    checked = 0
    for g in gold["actors"]:
        for mention in g["mentions"]:
            start = art.body.find(mention, art.text_start)
            if start < 0:   # "the foreign ministry" is written "The foreign ministry"
                start = art.body.lower().find(mention.lower(), art.text_start)
            assert start >= 0, mention
            a = resolve_mention(art, actors, start, start + len(mention))
            assert a is not None, mention
            assert _normal(a.code) == _normal(g["code"]), (mention, a)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("short,full,code", [
    ("Qin", "Qin Gang", "CHN GOV"),
    ("Lavrov", "Sergey Lavrov", "RUS GOV"),
    ("Xi", "Xi Jinping", "CHN GOV"),
    ("Zelenskyy", "Volodymyr Zelenskyy", "UKR GOV"),
])
def test_short_names_link_to_the_full_name(seed, short, full, code):
    _, art, actors = seed
    shorts = [a for a in actors if a.text == short]
    assert shorts, short
    for a in shorts:
        assert a.name == full and a.code == code
        assert a.antecedent is not None
        ante = art.body[a.antecedent[0]:a.antecedent[1]]
        assert ante.endswith(full)


def test_titles_and_definite_descriptions(seed):
    _, art, actors = seed
    qin = next(a for a in actors if a.text == "Chinese Foreign Minister Qin Gang")
    assert (qin.name, qin.title, qin.country, qin.role, qin.kind) == (
        "Qin Gang", "Foreign Minister", "CHN", "GOV", "person")
    ministry = [a for a in actors if a.text.lower() in ("the ministry", "the foreign ministry")]
    assert len(ministry) >= 3
    assert all(a.name == "Chinese Foreign Ministry" and a.antecedent for a in ministry)


def test_dateline_is_not_an_actor_and_offsets_are_body_offsets(seed):
    _, art, actors = seed
    assert all(a.start >= art.text_start for a in actors)
    for a in actors:
        assert art.body[a.start:a.end] == a.text
        assert a.producer == PRODUCER


def test_the_sides_are_china_and_russia(seed):
    _, art, actors = seed
    start = art.body.index("The sides")
    sides = resolve_mentions(art, actors, start, start + len("The sides"))
    assert [a.code for a in sides] == ["CHN GOV", "RUS GOV"]
    assert all(a.antecedent for a in sides)
    # every record has its own span (the store keys actors by span)
    assert len({(a.start, a.end) for a in actors}) == len(actors)


def test_place_in_a_location_phrase_is_not_an_actor(seed):
    _, art, actors = seed
    india = art.body.index("in India") + 3
    assert not [a for a in actors if a.start <= india < a.end]


def test_pipeline_fills_the_actor_layer(seed_article):
    # the bundled seed page through ingest → extract → spaCy → actors
    a = seed_article
    by_text = {}
    for actor in a.actors:
        by_text.setdefault(actor.text, actor)
    assert by_text["Qin"].name == "Qin Gang" and by_text["Qin"].code == "CHN GOV"
    assert by_text["Lavrov"].name == "Sergey Lavrov"
    assert by_text["Chinese President Xi Jinping"].title == "President"
    assert all(x.start >= a.text_start for x in a.actors)
    assert a.to_record()["actors"][0]["producer"] == PRODUCER
