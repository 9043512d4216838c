"""The event layer on real sentences (wikinews 2019 rows, the seed page), on free text written
for these tests in the style of news, and the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.annotate.events import candidate_sentences, find_events, load_lexicon
from whimbrel.eval.score import norm_code as normal_code
from whimbrel.model import Article

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def _one(events, plover):
    hits = [e for e in events if e.plover == plover]
    assert len(hits) == 1, [(e.plover, e.evidence.text) for e in events]
    return hits[0]


# --- reporting frames and accusations ------------------------------------------------------

def test_accuse_x_of_is_accuse_x_to_y_and_its_content_is_not_coded(code):
    # free text: "X accused Y of saying ..." — the saying and what was said are content
    evs = code("Trump accused Warren of once saying she wanted to ban private health insurance.", "2019-10-20")
    e = _one(evs, "ACCUSE")
    assert (e.source.text, e.target.text) == ("Trump", "Warren")
    assert e.source.code == "USA GOV" and e.cameo == "112" and e.quad_class == 3
    assert not [x for x in evs if x.plover == "COERCE"], "the alleged ban is content, not an event"
    assert e.rule.startswith('lexicon:verb "accuse"') and e.producer == "events.rules/1"


def test_reported_act_takes_its_own_subject_not_the_speaker(code):
    # free text: "X said they had arrested ..." — the pronoun is the speaker in a report
    evs = code("Yesterday, Greater Manchester Police said they had arrested a third man in connection "
               "with the theft of a rare violin.", "2021-03-18")
    e = _one(evs, "COERCE")
    assert e.mode == "arrest" and e.cameo == "173"
    assert e.source.text == "Greater Manchester Police" and e.source.code.endswith("COP")
    assert (e.date, e.date_basis) == ("2021-03-17", "text")


def test_request_with_recipient(code):
    evs = code("Obama asked Romney to publish his tax returns on his campaign website.", "2012-10-20")
    e = _one(evs, "REQUEST")
    assert (e.source.text, e.target.text) == ("Obama", "Romney")


# --- passive voice ----------------------------------------------------------------------------

def test_passive_with_agent(code):
    # wikinews 2019 row 108
    evs = code("Osama bin Laden founded Al-Qaeda and orchestrated the 9/11 attacks on the US of 2001. "
               "Osama was killed by US special forces in Pakistan in 2011.", "2019-09-17")
    e = [x for x in evs if x.cue == "killed"][0]
    assert e.plover == "ASSAULT" and e.source.code == "USA MIL" and e.target.text == "Osama"
    assert (e.date, e.date_basis) == ("2011", "text")
    assert e.location.text == "Pakistan" and e.location.country == "PAK"


def test_passive_participle_takes_the_clause_subject_as_target(code):
    # free text: "X were hurt after being attacked by Y"
    evs = code("Several photographers were badly hurt after being attacked by rioters near the stadium.",
               "2021-09-19")
    e = _one(evs, "ASSAULT")
    assert e.source.text == "rioters" and "photographers" in e.target.text


def test_passive_drone_strike_mode_from_cue(shared_dir, rules_pipeline):
    from whimbrel.eval.gold import load_gold
    from whimbrel.eval.runner import read_inputs

    gold = load_gold(shared_dir / "gold" / "dev" / "wikinews-2019-106.json")
    evs = rules_pipeline.process(read_inputs([gold])[gold.path]).events
    hit = [e for e in evs if e.plover == "ASSAULT" and "were hit by multiple drone strikes" in e.evidence.text]
    assert hit, [(e.plover, e.evidence.text) for e in evs]
    e = hit[0]
    assert (e.mode, e.cameo, e.goldstein) == ("drone", "195", -10.0)
    assert e.target.code == "SAU BUS" and (e.date, e.date_basis) == ("2019-09-14", "text")
    # background events keep their own dates
    dates = {e.evidence.text[:20]: e.date for e in evs}
    assert any(d == "2015" for d in dates.values()) and any(d == "2006" for d in dates.values())
    suicide = [e for e in evs if e.mode == "suicide-attack"]
    assert suicide and suicide[0].date == "2006" and suicide[0].target.text == "Abqaiq"


# --- nominal events ---------------------------------------------------------------------------

def test_nominal_airstrike_with_light_verb(code):
    # free text: "carry out" + a nominal attack
    evs = code("Israel carried out the airstrike on a convoy near Damascus International Airport, where "
               "Khalil was travelling by car.", "2023-06-09")
    e = _one(evs, "ASSAULT")
    assert e.source.code == "ISR GOV" and e.mode == "aerial" and e.cue == "carried … airstrike"


def test_restated_nominal_event_is_not_coded_again(code):
    evs = code("Tuesday, Israeli military forces killed Samir Khalil, a commander of Hezbollah, in an airstrike. "
               "Israel carried out the airstrike on a convoy near Damascus International Airport, where Khalil "
               "was travelling by car.", "2023-06-09")
    e = _one(evs, "ASSAULT")
    assert e.source.code == "ISR MIL" and e.target.text == "Samir Khalil"
    assert (e.mode, e.date) == ("aerial", "2023-06-06")


# --- negation, hypotheticals, questions -------------------------------------------------------

@pytest.mark.parametrize("text,date", [
    # free text
    ("We have never agreed to any of their terms.", "2021-11-17"),               # negation
    ("I could never reject a patient because of their beliefs.", "2021-07-06"),  # hypothetical
    ("Why did you agree to join the cabinet of Prime Minister Halvorsen?", "2021-08-31"),  # question
    ("So what we did is, we ran one of the trials with mice that hadn't met each other before, "
     "and it [the trial] worked.", "2021-04-30"),                               # negation
])
def test_not_events(code, text, date):
    assert code(text, date) == []


# --- the seed page (acceptance) ---------------------------------------------------------------

def test_seed_required_events(seed_article, shared_dir):
    gold = json.loads((shared_dir / "gold" / "urdupoint-2023-05-05.json").read_text())
    evs = seed_article.events
    assert evs, "the pipeline ran no event layer"
    for g in gold["events"]:
        if not g.get("required", True):
            continue
        start = seed_article.body.find(g["evidence"])
        assert start >= 0
        end = start + len(g["evidence"])
        cands = [e for e in evs if e.plover == g["plover"] and e.evidence.start < end and start < e.evidence.end]
        assert cands, g["evidence"]
        want = (normal_code(g["source"]["code"]), normal_code(g["target"]["code"]), g["date"])
        got = [(normal_code(e.source and e.source.code), normal_code(e.target and e.target.code), e.date) for e in cands]
        symmetric = (want[1], want[0], want[2])
        assert want in got or (g["plover"] in ("AGREE", "CONSULT") and symmetric in got), (g["evidence"], got)
    # the title and related-story teasers are never coded
    for ne in gold["not_events"]:
        assert not any(ne["evidence"][:30] in e.evidence.text for e in evs)
    assert all(e.evidence.start >= seed_article.text_start for e in evs)
    assert not any(seed_article.title and e.evidence.text in seed_article.title for e in evs)


def test_seed_event_fields(seed_article):
    phone = [e for e in seed_article.events if e.plover == "CONSULT" and e.mode == "phone"]
    assert len(phone) == 1
    e = phone[0]
    assert (e.cameo, e.cameo_root, e.quad_class, e.goldstein) == ("041", "04", 1, 1.0)
    assert e.source.name == "Xi Jinping" and e.target.code == "UKR GOV"
    assert (e.date, e.date_basis) == ("2023-04", "text")
    body = seed_article.body
    assert body[e.evidence.start:e.evidence.end] == e.evidence.text
    assert e.sentence.start <= e.evidence.start < e.evidence.end <= e.sentence.end
    assert "conversation" in e.cue and 'lexicon:noun "conversation"' in e.rule and 0 < e.confidence <= 1
    # coordinated actors: one symmetric AGREE with both sides
    both = [e for e in seed_article.events if e.evidence.text.startswith("Moscow and Beijing")]
    assert len(both) == 1 and {both[0].source.code, both[0].target.code} == {"RUS GOV", "CHN GOV"}
    # a promise to cooperate is AGREE (PLOVER manual 3.1)
    first = [e for e in seed_article.events if e.evidence.text.startswith("Beijing will continue")]
    assert first and first[0].plover == "AGREE" and first[0].cameo.startswith("03")


# --- the prefilter and the data files ---------------------------------------------------------

def test_prefilter_selects_only_trigger_sentences():
    texts = ["The ministerial meeting took place on the sidelines.", "The weather was fine in Beijing.",
             "Xi held talks with Putin.", "Ambassador Bolton and I disagreed."]
    assert candidate_sentences(texts) == [0, 2]


def test_user_lexicon_rows_take_precedence(tmp_path, pipeline):
    extra = tmp_path / "mine.tsv"
    extra.write_text("lemma\tpos\trequires\texcludes\tplover\tmode\tcameo\ttarget\tconf\tnote\n"
                     "disagree\tVERB\t-\t-\tACCUSE\tdisapprove\t110\tprep:with\t0.6\tmy row\n", encoding="utf-8")
    lex = load_lexicon((extra,))
    text = "There were many times that Ambassador Bolton and I disagreed."
    art = Article(id="x", body=text, published="2019-09-10", paragraphs=((0, len(text)),))
    doc = pipeline.nlp(text)
    evs = find_events(art, doc, actors=[], timexes=[], lexicon=lex)
    assert [e.plover for e in evs] == ["ACCUSE"] and evs[0].cameo == "110"


def test_lexicon_rows_are_valid():
    lex = load_lexicon()
    assert sum(len(v) for v in lex.entries.values()) > 150
    from whimbrel.ontology import cameo
    for entries in lex.entries.values():
        for e in entries:
            assert cameo.lookup(e.cameo).code == e.cameo


def test_conditional_future_use_of_force_is_a_threat(code):
    # wikinews 2019 row 133: the act is in the main clause; "if Turkey does anything" is the condition
    text = ('Trump, also on Twitter, defended his decision, "As I have stated strongly before, and just to '
            'reiterate, if Turkey does anything that I, in my great and unmatched wisdom, consider to be off '
            'limits, I will totally destroy and obliterate the Economy of Turkey (I’ve done [it] before!).')
    evs = code(text, "2019-10-08")
    e = _one(evs, "THREATEN")
    assert e.source.text == "Trump" and e.target.code == "TUR GOV"
    assert "future ASSAULT → THREATEN" in e.rule and not [x for x in evs if x.plover == "ASSAULT"]
