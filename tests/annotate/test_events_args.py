"""Event arguments and dates on real sentences of the 2019 wikinews dev articles
(../shared/gold/dev): which span becomes the source and the target, and when an event has no
date. Each test is one rule of ``whimbrel.annotate.events.coder``."""

from __future__ import annotations

from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def _of(events, plover):
    hits = [e for e in events if e.plover == plover]
    assert hits, [(e.plover, e.evidence.text) for e in events]
    return hits


def test_unsplit_coordination_of_two_leaders_is_a_dyad(code):
    # wikinews-2019-143: the parser reads "A and B" as one noun phrase
    evs = code("On October 6, US President Donald Trump and Turkish President Recep Tayyip Erdoğan "
               "spoke on the phone.", "2019-10-15")
    e = _of(evs, "CONSULT")[0]
    assert (e.source.code, e.target.code) == ("USA GOV", "TUR GOV")
    assert e.date == "2019-10-06"


def test_claimed_perpetrator_is_the_source_of_an_agentless_attack(code):
    # wikinews-2019-016
    evs = code("A car bomb was on Monday rammed into a military base in Maidan Shahr in the centre of "
               "Afghanistan's Maidan Wardak province. Dozens died in the attack, reportedly conducted by "
               "the Taliban.", "2019-01-24")
    e = _of(evs, "ASSAULT")[0]
    assert e.source is not None and e.source.code == "AFG INS"
    assert e.target is not None and e.target.code == "AFG MIL"


def test_event_noun_target_is_the_author_of_the_earlier_act(code):
    # wikinews-2019-143: "The operation" is Turkey's offensive of the sentence before
    evs = code("On Wednesday, Turkey began a military offensive with airstrikes followed by a ground "
               "invasion. The operation was condemned by members of the European Union.", "2019-10-15")
    e = _of(evs, "ACCUSE")[0]
    assert e.source.code == "IGO"
    assert e.target is not None and e.target.code.startswith("TUR")


def test_misparsed_apposition_names_the_source(code):
    # wikinews-2019-133: spaCy attaches "the Syrian Democratic Forces" as a conj of "One"
    evs = code("One of these groups, the Syrian Democratic Forces (SDF), opposed the withdrawal, "
               "calling it a stab in the back.", "2019-10-08")
    e = _of(evs, "ACCUSE")[0]
    assert e.source.text == "the Syrian Democratic Forces (SDF)"


def test_protest_without_recipient_targets_its_government(code):
    # wikinews-2019-043
    evs = code("Estimates by event organizers indicate roughly one million people marched in London on "
               "Saturday during an anti-Brexit (\"British exit\") march, protesting the pending exit of the "
               "United Kingdom from the European Union (EU). Protesters, carrying placards asking the "
               "government to revoke Article 50 — the EU treaty clause invoked by Brexit — and European "
               "Union flags, marched from Hyde Park Corner to Parliament.", "2019-03-28")
    e = [x for x in _of(evs, "PROTEST") if x.evidence.text.startswith("roughly one million")][0]
    assert e.source.code == "GBR CVL"
    assert e.target is not None and e.target.code == "GBR GOV" and e.target.text == "the government"


def test_announced_withdrawal_is_the_announcers_concession(code):
    # wikinews-2019-133: a future RETREAT is CONCEDE (PLOVER manual 3.4) by who announces it
    evs = code("On Sunday night, the United States President Donald Trump, in a statement delivered via "
               "the press secretary, announced US troops would be leaving Syria.", "2019-10-08")
    e = _of(evs, "CONCEDE")[0]
    assert e.source.code == "USA GOV" and "Trump" in e.source.text
    assert e.target is None


def test_background_past_perfect_has_no_date_but_reported_one_does(code):
    # wikinews-2019-064 (background) and wikinews-2019-019 (reported, backshifted)
    evs = code("They had asked Hong Kong Chief Executive Carrie Lam, who is supported by the mainland "
               "Chinese government, to resign from her position.", "2019-06-23")
    assert [(e.date, e.date_basis) for e in _of(evs, "REQUEST")] == [(None, "none")]
    evs = code("Lorenzana said he had ordered 'heightened alert' from troops.", "2019-01-28")
    assert [e.date for e in _of(evs, "MOBILIZE")] == ["2019-01-28"]


@pytest.mark.parametrize("text,date", [
    ("Sunday, March 31, 2019\n\nErdogan spoke.", "2019-03-31"),                    # a month name
    ("Trump's White House staff want him to resign or be impeached.", "2019-09-30"),  # a wish
    ("G7 meetings usually center on world trade.", "2019-08-24"),                  # habitual
])
def test_no_event(code, text, date):
    assert [e.plover for e in code(text, date) if e.plover in ("PROTEST", "RETREAT", "CONSULT")] == []


def test_first_person_in_a_quote_is_its_speaker(rules_pipeline):
    """The pipeline passes the quote layer's output: "We stand ready" tweeted Johnson."""
    gold = SHARED / "gold" / "dev" / "wikinews-2019-088.json"
    if not gold.is_file():
        pytest.skip("../shared gold is not present")
    from whimbrel.eval.gold import load_gold_files
    from whimbrel.eval.runner import read_inputs

    g = load_gold_files([gold])
    art = rules_pipeline.process(read_inputs(g)[g[0].path])
    agree = [e for e in art.events if e.plover == "AGREE" and "We stand ready" in e.evidence.text]
    assert agree and agree[0].source is not None and agree[0].source.code == "GBR GOV"


def test_trie_prefilter_accepts_exactly_the_alternation():
    # the factored prefilter must pass the same sentences as the plain word alternation
    import csv
    import re

    from conftest import EXAMPLES
    from whimbrel.annotate.events.lexicon import _trie_regex

    words = {"accuse", "accused", "accuses", "attack", "attacked", "at", "a", "arrest", "march", "have to", "must"}
    plain = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)
    trie = re.compile(rf"\b(?:{_trie_regex(words)})\b", re.I)
    with open(EXAMPLES / "wikinews" / "wikinews_2019.csv", encoding="utf-8", newline="") as fh:
        sentences = [s for row in list(csv.DictReader(fh))[:40] for s in re.split(r"(?<=[.!?])\s+", row["text"])]
    assert len(sentences) > 500
    for s in sentences:
        assert bool(plain.search(s)) == bool(trie.search(s)), s
        assert [m.group(0) for m in plain.finditer(s)] == [m.group(0) for m in trie.finditer(s)]
