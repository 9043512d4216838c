"""Event dates: the dependency-tree rule of ``governing_timex`` (a timex dates the trigger it
hangs on, the trigger's own modifiers and what its clause passes down), undated background
(``timex.aspect.undated_reason``) and the continuation of a dated episode (events coder).
Every sentence is from the dev gold's Wikinews 2019 articles (../shared/gold/dev)."""

from __future__ import annotations

from datetime import date

import pytest

from whimbrel.annotate.timex import find_timexes, governing_timex
from whimbrel.annotate.timex.aspect import undated_reason

# ---------------------------------------------------------------------------- the tree rule


@pytest.fixture(scope="module")
def gov(parse):
    """``gov(text, dct, word, nth=0) -> (value | None, basis)``: the governing timex of the
    ``nth`` occurrence of ``word`` as the event's trigger, on the parsed one-sentence text."""

    def _gov(text: str, dct: date, word: str, nth: int = 0):
        art, doc = parse(text, dct.isoformat())
        tx = find_timexes(text, dct, doc=doc)
        at = -1
        for _ in range(nth + 1):
            at = text.index(word, at + 1)
        t, basis = governing_timex(tx, at, at + len(word), sentences=art.sentences,
                                   paragraphs=[(0, len(text))], doc=doc, body=text, dct=dct,
                                   anchor=(at, at + len(word)))
        return (t.value if t is not None else None), basis

    return _gov


SDF = ("Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an "
       "agreement with the government of Syria after Turkey began a military offensive into north-eastern "
       "Syria on Wednesday.")


def test_reported_act_takes_the_reporting_verbs_time_not_the_after_clause(gov):
    """wikinews-2019-143: "entered" (ccomp of "announced") is dated by "Late on Sunday"; the
    "after ..." clause's "on Wednesday" belongs to "began" below it."""
    assert gov(SDF, date(2019, 10, 15), "entered") == ("2019-10-13", "text")
    assert gov(SDF, date(2019, 10, 15), "began") == ("2019-10-09", "text")


def test_a_relative_clauses_timex_dates_the_noun_it_modifies(gov):
    """wikinews-2019-045: "which was made on Monday" dates the proclamation, not "attacked";
    wikinews-2019-122: "a phone call made ... late last July" dates the call, "Last week" the release."""
    text = ("On live television Erdogan also attacked the proclamation of Golan Heights as official Israeli "
            "territory by the President of the United States Donald Trump, which was made on Monday.")
    assert gov(text, date(2019, 3, 31), "attacked") == (None, "dct")
    text = ("Last week the White House released a summary of a phone call made by President Trump late last "
            "July to Ukrainian President Volodymyr Zelensky.")
    assert gov(text, date(2019, 9, 30), "call") == ("2019-07", "text")
    assert gov(text, date(2019, 9, 30), "released") == ("2019-W39", "text")


def test_a_noun_modifiers_timex_does_not_date_the_verb_above(gov):
    text = ("Protesters' demands include investigation of alleged police violence against protesters on "
            "June 12, the release and dropping of charges against protesters who were arrested.")
    assert gov(text, date(2019, 6, 23), "demands") == (None, "dct")
    assert gov(text, date(2019, 6, 23), "violence") == ("2019-06-12", "text")
    assert gov(text, date(2019, 6, 23), "arrested") == (None, "dct")


def test_a_separating_preposition_stops_the_main_verbs_time(gov):
    text = ("He announced this change by live television on Wednesday and again verbally in a rally on Friday, "
            "despite criticism by the Greek foreign minister.")
    assert gov(text, date(2019, 3, 31), "announced") == ("2019-03-27", "text")
    assert gov(text, date(2019, 3, 31), "criticism") == (None, "dct")
    text = ("Friday, the United States House of Representatives issued a subpoena for documents from Secretary "
            "of State Mike Pompeo as part of its impeachment investigation into alleged misconduct.")
    assert gov(text, date(2019, 9, 30), "subpoena") == ("2019-09-27", "text")
    assert gov(text, date(2019, 9, 30), "investigation") == (None, "dct")


def test_a_planned_time_does_not_date_the_request(gov):
    text = "The House issued a deposition request for Volker, scheduled for this week."
    assert gov(text, date(2019, 9, 30), "request") == (None, "dct")


def test_since_gives_the_start_of_a_perfect(gov):
    assert gov("Mahan has been the subject of United States sanctions since 2011.",
               date(2019, 1, 23), "sanctions") == ("2011", "text")
    assert gov("More than 1000 people have been arrested since the protests began in June, according to "
               "The Guardian.", date(2019, 9, 6), "arrested") == ("2019-06", "text")


def test_complement_and_following_and_occasion(gov):
    # an infinitival complement's past time is the act's ("I offered to resign last night"),
    # not the "tomorrow" of the next clause (wikinews-2019-103)
    text = ('Bolton gave a different account of events, also speaking via Twitter: "I offered to resign last '
            "night and President Trump said, 'Let's talk about it tomorrow.' \"")
    night = next(t for t in find_timexes(text, date(2019, 9, 12)) if t.text == "last night")
    assert gov(text, date(2019, 9, 12), "offered") == (night.value, "text")
    # an act after a dated one, with no time of its own
    assert gov("The bill was suspended after last week's protests, one of which drew two million people.",
               date(2019, 6, 23), "suspended") == ("2019-W24", "text")
    # the occasion's date: "met ... for an AU summit where on Sunday ... signed"
    text = ("Leaders of African Union (AU) member states met in Niamey, Niger's capital, for an AU summit where "
            "on Sunday Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed the African "
            "Continental Free Trade Area (AfCFTA) agreement.")
    assert gov(text, date(2019, 7, 10), "met") == ("2019-07-07", "text")


# ----------------------------------------------------------------------- undated background


@pytest.fixture(scope="module")
def reason(parse):
    """``reason(text, trigger_word, host_word=None) -> str | None``."""

    def _reason(text: str, word: str, host: str | None = None):
        _, doc = parse(text)
        tok = next(t for t in doc if t.text == word)
        h = next(t for t in doc if t.text == host) if host else (tok if tok.pos_ in ("VERB", "AUX") else None)
        return undated_reason(tok, h)

    return _reason


def test_undated_background(reason):
    assert reason("Congress has repeatedly denied funding for such a wall.", "denied") == "iterative: repeatedly"
    assert reason("Saudi Arabia initially denied all claims that Khashoggi was slain.", "denied") == "prior: initially"
    assert reason("Iran has increased cooperation in the last few years with the navies of China.",
                  "cooperation", "increased").startswith("durative: in the last few years")
    assert reason("It follows repeated failed attempts to obtain documents from the State Department through "
                  "previous document requests.", "requests", "obtain") == "prior: previous"
    assert reason("This comes after weeks of protests against a proposed change to Hong Kong's extradition law.",
                  "protests", "comes") == "durative: weeks of"
    assert reason("The PKK is banned in Turkey.", "banned") == "state: is banned"


def test_dated_news_is_not_background(reason):
    assert reason("Germany on Monday banned Iranian airline Mahan Air from flying in the European nation.",
                  "banned") is None
    assert reason("The Federal Aviation Office of Germany has suspended Mahan's permit, German officials said.",
                  "suspended") is None
    # "he's faced": the contracted "'s" (has or is) is no evidence of a present passive
    assert reason("Durbin said he's faced so many lawsuits when he ignores the law.", "faced") is None


# -------------------------------------------------------------- whole articles (dev gold rows)


@pytest.fixture(scope="module")
def dev_events(shared_dir, rules_pipeline):
    """``dev_events(row) -> list[Event]``: the pipeline on one row of wikinews_2019.csv."""
    from whimbrel.ingest import read_path

    cache: dict[int, list] = {}

    def _events(row: int):
        if row not in cache:
            for raw in read_path(str(shared_dir / "corpora" / "wikinews" / "wikinews_2019.csv")):
                if getattr(raw.origin, "row", None) == row:
                    cache[row] = list(rules_pipeline.process(raw).events)
                    break
        return cache[row]

    return _events


def _dates(events, evidence_start: str):
    return [(e.date, e.date_basis) for e in events if e.evidence.text.startswith(evidence_start)]


def test_same_actor_continues_the_dated_episode(dev_events):
    """wikinews-2019-006: "Durbin and ... Schiff both yesterday questioned ... Schiff called it
    'a non-starter'. Durbin said ..." — the day of the questioning, not the DCT."""
    evs = dev_events(6)
    assert _dates(evs, "Schiff called it") == [("2019-01-06", "text")]
    assert _dates(evs, "Durbin said") == [("2019-01-06", "text")]


def test_the_same_event_retold_takes_the_ledes_date(dev_events):
    """wikinews-2019-015: "Germany on Monday banned Mahan Air" ... "The Federal Aviation
    Office of Germany has suspended Mahan's permit" is that ban (Monday)."""
    evs = dev_events(15)
    assert _dates(evs, "The Federal Aviation Office of Germany has suspended") == [("2019-01-21", "text")]
    assert _dates(evs, "Mahan has been the subject of United States sanctions") == [("2011", "text")]


def test_other_episodes_and_quotes_do_not_continue(dev_events):
    """wikinews-2019-133: the conversation is dated by the announcement it preceded (Sunday);
    Trump's tweet six paragraphs later is the publication day's (gold: dct), although a quote
    of McGurk in between tells of Trump speaking with Erdoğan "tonight"."""
    evs = dev_events(133)
    assert _dates(evs, "Trump had a phone conversation") == [("2019-10-06", "text")]
    assert _dates(evs, "Trump, also on Twitter, defended") == [("2019-10-08", "dct")]
    assert _dates(evs, "The PKK is banned") == [(None, "none")]


def test_relative_clause_background_is_undated(dev_events):
    """wikinews-2019-064: "protesters who were arrested" has no date (not June 12 of the
    violence named earlier in the sentence); the demands hold at publication (dct)."""
    evs = dev_events(64)
    assert _dates(evs, "protesters who were arrested") == [(None, "none")]
    assert [(e.date, e.date_basis) for e in evs if e.plover == "REQUEST"
            and e.evidence.text.startswith("Protesters' demands include")] == [("2019-06-23", "dct")]


def test_an_act_placed_before_a_told_event_takes_its_date(dev_events):
    """wikinews-2019-122: "a phone call made by President Trump late last July ... Shortly
    before the conversation, Trump had ordered his staff to delay ... aid" — July, from the
    call the conversation names; the rule says so."""
    (ev,) = [e for e in dev_events(122) if e.evidence.text.startswith("Trump had ordered")]
    assert (ev.date, ev.date_basis) == ("2019-07", "text")
    assert '"before the conversation": the CONSULT event' in ev.rule


def test_a_nominal_that_is_no_act_does_not_continue(dev_events):
    """wikinews-2019-064: "... but this has been dropped from the list of demands" — the
    nominal "demands" is no act of its clause: it does not take the date of the protesters'
    earlier event (June 12), and the past perfect "They had asked" is undated background."""
    events = dev_events(64)
    sentence = next(e.sentence for e in events if e.evidence.text.startswith("They had asked"))
    evs = {e.cue: (e.date, e.date_basis) for e in events
           if e.plover == "REQUEST" and e.sentence == sentence}
    assert evs == {"asked": (None, "none"), "demands": ("2019-06-23", "dct")}


def test_the_story_goes_on_in_the_narrators_past(code):
    # free text: a summit dated by its weekday, then a participant who "joined the talks" with
    # no date of its own: the act is the summit's day
    evs = code("On Thursday, an assembly of several defence ministers in Nairobi condemned the security pact "
               "between Ethiopia and Somaliland under which Somaliland would lease a stretch of its coast to "
               "Ethiopia for a naval base. Kenyan defence minister Joseph Kamau and his Tanzanian, Ugandan and "
               "Djiboutian counterparts, Halima Mwinyi, Samuel Okello and Ahmed Farah, respectively, gathered in "
               "Nairobi on Thursday to discuss relations between Ethiopia and Somaliland. The Rwandan defence "
               "minister, Eric Habimana, joined the talks as an observer.", "2024-01-13")
    joined = [e for e in evs if "joined the talks" in e.evidence.text]
    assert joined and joined[0].date == "2024-01-11" and joined[0].date_basis == "text"
    # a background date (six weeks earlier) does not carry over to the next act
    evs = code("In the December 1 accord, Ethiopia and Somaliland agreed on a strip of coast that would give "
               "Ethiopia a permanent naval base on the Gulf of Aden. Mogadishu expelled the Ethiopian "
               "ambassador to Somalia over the accord.", "2024-01-13")
    expelled = [e for e in evs if "expelled" in e.evidence.text]
    assert expelled and expelled[0].date != "2023-12-01"
