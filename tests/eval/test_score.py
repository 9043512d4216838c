"""Unit tests of the scorers on hand-made records over real text (the seed article,
shared/corpora/crawl-text/urdupoint-2023-05-05.txt) with known P/R/F1."""

from __future__ import annotations

import pytest

from whimbrel.eval.score import (
    Counts,
    Ratio,
    Tally,
    aggregate,
    figures,
    locate,
    norm_code,
    norm_name,
    match,
    gold_items,
    score_article,
    strip_preposition,
    token_prf,
    trim,
)

P0 = ("BEIJING (UrduPoint News / Sputnik - 05th May, 2023) Beijing will continue maintaining "
      "cooperation and coordination with Moscow to make a real contribution to resolving the "
      "Ukrainian conflict, Chinese Foreign Minister Qin Gang told the meeting with Russian Foreign "
      "Minister Sergey Lavrov on Thursday.")
P1 = ("The ministerial meeting took place on the sidelines of the Shanghai Cooperation "
      "Organization (SCO) foreign ministers' meeting in India on Thursday.")
P2 = ("\"China will actively promote peace talks and is ready to maintain cooperation and "
      "coordination with Russia to make a real contribution to a political solution to the "
      "crisis,\" the Chinese Foreign Ministry quoted Qin as saying on Friday.")
P7 = ("In late April, Chinese President Xi Jinping held a telephone conversation with Ukrainian "
      "President Volodymyr Zelenskyy. The Chinese Foreign Ministry then said that Beijing would "
      "send a representative to Ukraine and other countries for consultations on the political "
      "settlement of the crisis.")
BODY = "\n\n".join([P0, P1, P2, P7])


def sentences(body: str) -> list[list[int]]:
    """Sentence spans of BODY, cut by hand at '. ' and paragraph breaks."""
    out, start = [], 0
    for i, ch in enumerate(body):
        if body[i:i + 2] == "\n\n":
            out.append([start, i])
            start = i + 2
        elif ch == "." and body[i + 1:i + 2] == " ":
            out.append([start, i + 1])
            start = i + 2
    out.append([start, len(body)])
    return out


def span(text: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = BODY.index(text, i + 1)
    return i, i + len(text)


def sent_of(pos: int) -> dict:
    for s, e in sentences(BODY):
        if s <= pos < e:
            return {"start": s, "end": e}
    raise AssertionError(pos)


def record(**layers) -> dict:
    rec = {"body": BODY, "sentences": sentences(BODY), "timexes": [], "quotes": [], "events": [],
           "paragraphs": [], "title": None, "author": None, "published": None, "dateline": None}
    rec.update(layers)
    return rec


def timex(text, value, nth=0, mod=None):
    s, e = span(text, nth)
    return {"start": s, "end": e, "text": text, "value": value, "mod": mod}


def quote(text, speaker, kind="direct", speaker_mention=None):
    s, e = span(text)
    q = {"start": s, "end": e, "text": text, "kind": kind, "speaker": speaker,
         "speaker_start": None, "speaker_end": None}
    if speaker_mention:
        q["speaker_start"], q["speaker_end"] = span(speaker_mention)
    return q


def event(plover, evidence, src, tgt, cameo=None, mode=None, date=None):
    s, e = span(evidence)
    return {"plover": plover, "mode": mode, "cameo": cameo, "date": date,
            "source": {"code": src} if src else None, "target": {"code": tgt} if tgt else None,
            "evidence": {"start": s, "end": e, "text": evidence}, "sentence": sent_of(s)}


def test_counts_arithmetic():
    c = Counts(2, 1, 1)
    assert (c.precision, c.recall, c.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert Counts(0, 0, 3).f1 == 0.0 and Counts(0, 2, 0).precision == 0.0
    assert Counts().f1 == 1.0  # nothing to find, nothing claimed
    assert Counts(1, 2, 0) + Counts(1, 0, 3) == Counts(2, 2, 3)
    assert Ratio(1, 2) + Ratio(2, 2) == Ratio(3, 4) and Ratio(3, 4).accuracy == 0.75
    assert Tally(1, 5) + Tally(0, 2) == Tally(1, 7)


def test_token_prf_is_a_multiset_overlap():
    # predicted: 6 tokens, gold: 5; shared multiset {beijing, will, continue, moscow}
    c = token_prf("Beijing will continue with Moscow Moscow", "beijing will continue Moscow talks")
    assert (c.tp, c.fp, c.fn) == (4, 2, 1)
    assert c.precision == pytest.approx(4 / 6) and c.recall == pytest.approx(4 / 5)
    # 4-gram shingles of \w+ tokens, case kept (the ScrapingHub benchmark's counting)
    c4 = token_prf("Qin Gang told the meeting", "Qin Gang told the press", n=4,
                   tokenizer="word", lowercase=False)
    assert (c4.tp, c4.fp, c4.fn) == (1, 1, 1)


def test_locate_finds_all_occurrences_and_reflowed_text():
    assert locate(BODY, "on Thursday") == [span("on Thursday", 0), span("on Thursday", 1)]
    reflowed = BODY.replace("Chinese Foreign\nMinister", "x")  # no change: control
    assert reflowed == BODY
    hits = locate(BODY.replace("Foreign Minister Qin", "Foreign\n  Minister Qin"),
                  "Foreign Minister Qin Gang")
    assert len(hits) == 1 and hits[0][1] - hits[0][0] == len("Foreign\n  Minister Qin Gang")
    assert locate(BODY, "Erdogan attacks LGBTQ") == []


def test_strip_preposition_and_trim():
    assert BODY[slice(*strip_preposition(BODY, span("on Thursday")))] == "Thursday"
    assert BODY[slice(*strip_preposition(BODY, span("In late April")))] == "late April"
    assert strip_preposition(BODY, span("late April")) == span("late April")
    q = span('"China will actively')
    assert BODY[slice(*trim(BODY, q))] == "China will actively"


def test_timexes_exact_noprep_overlap_and_value():
    gold = {"id": "g", "timexes": [
        {"text": "05th May, 2023", "value": "2023-05-05"},
        {"text": "on Thursday", "value": "2023-05-04"},
        {"text": "on Friday", "value": "2023-05-05"},
        {"text": "late April", "value": "2023-04", "mod": "END"},
    ]}
    rec = record(timexes=[
        timex("05th May, 2023", "2023-05-05"),
        timex("Thursday", "2023-05-04", nth=1),   # the second "on Thursday" of the body
        timex("Friday", "2023-05-12"),            # wrong value
        timex("The ministerial meeting", None),   # not a timex at all
    ])
    s = score_article(rec, gold)
    t = s.layers["timexes"]
    assert t["exact"] == Counts(1, 3, 3)
    assert t["exact_noprep"] == Counts(3, 1, 1)
    assert t["overlap"] == Counts(3, 1, 1)
    assert t["value"] == Ratio(2, 3)
    f = figures(s.layers)
    assert f["timexes.overlap.f1"] == pytest.approx(0.75)
    assert f["timexes.value.f1"] == pytest.approx(0.75 * 2 / 3)
    kinds = sorted((x.kind, x.text) for x in s.findings if x.layer == "timexes")
    assert kinds == [("false-positive", "The ministerial meeting"), ("miss", "late April"),
                     ("wrong-value", "Friday")]
    miss = next(x for x in s.findings if x.kind == "miss")
    assert miss.sentence.startswith("In late April, Chinese President Xi Jinping")


def test_quotes_overlap_threshold_speaker_and_required_false():
    gold = {"id": "g", "quotes": [
        {"text": P2[1:P2.index(",\"") + 1], "kind": "direct", "speaker": "Qin Gang",
         "speaker_mention": "Qin", "required": True},
        {"text": "Beijing will continue maintaining cooperation and coordination with Moscow to "
                 "make a real contribution to resolving the Ukrainian conflict",
         "kind": "indirect", "speaker": "Qin Gang",
         "speaker_mention": "Chinese Foreign Minister Qin Gang", "required": True},
        {"text": "Beijing would send a representative to Ukraine and other countries for "
                 "consultations on the political settlement of the crisis",
         "kind": "indirect", "speaker": "Chinese Foreign Ministry",
         "speaker_mention": "The Chinese Foreign Ministry", "required": False},
    ], "not_quotes": [{"text": "The ministerial meeting took place", "why": "not speech"}]}
    rec = record(quotes=[
        # the first half of the direct quote only: 38 % of the gold span → below 50 %: no match
        quote("China will actively promote peace talks and is ready to maintain", "Qin Gang"),
        # the indirect one, exactly, wrong speaker
        quote("Beijing will continue maintaining cooperation and coordination with Moscow to make "
              "a real contribution to resolving the Ukrainian conflict", "Sergey Lavrov",
              kind="indirect", speaker_mention="Russian Foreign Minister Sergey Lavrov"),
        # the optional one: neither TP nor FP
        quote("Beijing would send a representative to Ukraine", "Chinese Foreign Ministry",
              kind="indirect"),
        quote("The ministerial meeting took place", None),
    ])
    s = score_article(rec, gold)
    q = s.layers["quotes"]
    # optional quote: its prediction covers 47 chars of 129 (< 50 %) so it is an FP too
    assert q["overlap"] == Counts(1, 3, 1)
    assert q["exact"] == Counts(1, 3, 1)
    assert q["speaker"] == Ratio(0, 1)
    assert q["speaker_mention"] == Ratio(0, 1)
    assert q["kind"] == Ratio(1, 1)
    assert q["forbidden"] == Tally(1, 4)

    # now the optional quote predicted in full: excluded from both TP and FP
    rec["quotes"][2] = quote("Beijing would send a representative to Ukraine and other countries "
                             "for consultations on the political settlement of the crisis",
                             "Chinese Foreign Ministry", kind="indirect")
    q = score_article(rec, gold).layers["quotes"]
    assert q["overlap"] == Counts(1, 2, 1)
    assert q["speaker"] == Ratio(1, 2)  # attributes are scored on optional matches too


def test_quote_overlap_at_exactly_half_matches():
    text = "Moscow is ready"  # 15 characters
    body = "Lavrov said Moscow is ready to talk to Beijing."
    gold = {"id": "g", "quotes": [{"text": text, "kind": "indirect", "speaker": "Sergey Lavrov",
                                   "speaker_mention": "Lavrov"}]}
    s0 = body.index(text)
    pred = {"start": s0 + 7, "end": s0 + 15 + 7, "text": "", "kind": "indirect",
            "speaker": "Sergey Lavrov", "speaker_start": 0, "speaker_end": 6}
    # overlap 8 of 15 → 0.53: a match; shifted one more character: 7 of 15 → 0.47: none
    rec = {"body": body, "sentences": [[0, len(body)]], "quotes": [pred]}
    assert score_article(rec, gold).layers["quotes"]["overlap"] == Counts(1, 0, 0)
    rec["quotes"] = [dict(pred, start=s0 + 8, end=s0 + 23)]
    assert score_article(rec, gold).layers["quotes"]["overlap"] == Counts(0, 1, 1)


GOLD_EVENTS = {"id": "g", "events": [
    {"plover": "AGREE", "mode": None, "cameo": "030",
     "source": {"mention": "Beijing", "code": "CHN GOV"},
     "target": {"mention": "Moscow", "code": "RUS GOV"}, "date": "2023-05-04",
     "evidence": "Beijing will continue maintaining cooperation and coordination with Moscow",
     "required": True},
    {"plover": "CONSULT", "mode": "third-party", "cameo": "044",
     "source": {"mention": "Chinese Foreign Minister Qin Gang", "code": "CHN GOV"},
     "target": {"mention": "Russian Foreign Minister Sergey Lavrov", "code": "RUS GOV"},
     "date": "2023-05-04",
     "evidence": "Chinese Foreign Minister Qin Gang told the meeting with Russian Foreign "
                 "Minister Sergey Lavrov on Thursday", "required": True},
    {"plover": "CONSULT", "mode": "phone", "cameo": "041",
     "source": {"mention": "Chinese President Xi Jinping", "code": "CHN GOV"},
     "target": {"mention": "Ukrainian President Volodymyr Zelenskyy", "code": "UKR GOV"},
     "date": "2023-04",
     "evidence": "Chinese President Xi Jinping held a telephone conversation with Ukrainian "
                 "President Volodymyr Zelenskyy", "required": True},
    {"plover": "AGREE", "mode": None, "cameo": "036",
     "source": {"mention": "Beijing", "code": "CHN GOV"},
     "target": {"mention": "Ukraine", "code": "UKR GOV"}, "date": "2023-04",
     "evidence": "Beijing would send a representative to Ukraine", "required": False},
], "not_events": [{"evidence": "The ministerial meeting took place", "why": "test"}]}


def test_events_two_tp_one_fp_one_miss():
    rec = record(events=[
        event("AGREE", "Beijing will continue maintaining cooperation", "CHN GOV", "RUS GOV",
              cameo="036", date="2023-05-04"),
        event("CONSULT", "Qin Gang told the meeting with Russian Foreign Minister Sergey Lavrov",
              "CHN GOV", "RUS MIL", cameo="040", mode="third-party", date="2023-05-05"),
        # right type, wrong sentence: a false positive, and the Xi–Zelenskyy call is missed
        event("CONSULT", "The ministerial meeting took place", "CHN GOV", "RUS GOV"),
        # the optional AGREE: excluded from TP and FP
        event("AGREE", "Beijing would send a representative", "CHN GOV", "UKR GOV", cameo="036"),
    ])
    s = score_article(rec, GOLD_EVENTS)
    ev, ac = s.layers["events"], s.layers["actors"]
    assert ev["located"] == Counts(2, 1, 1)
    f = figures(s.layers)
    assert (f["events.located.p"], f["events.located.r"], f["events.located.f1"]) == \
        pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert ev["sentence"] == Counts(2, 1, 1)
    assert ev["dyad"] == Counts(2, 1, 1)  # RUS MIL vs RUS GOV: same country
    assert ev["type_only"] == Counts(3, 0, 0)  # 2 CONSULT + 1 AGREE required, all typed right
    assert ev["cameo_root"] == Ratio(3, 3)
    assert ev["mode"] == Ratio(3, 3)
    assert ev["date"] == Ratio(1, 3)  # optional AGREE has no date; CONSULT date wrong
    assert ac["source_code"] == Ratio(3, 3)
    assert ac["target_code"] == Ratio(2, 3)  # RUS MIL for a foreign minister
    assert ev["forbidden"] == Tally(1, 4)
    kinds = sorted((x.kind, x.measure) for x in s.findings if x.layer == "events")
    assert ("miss", "events.located") in kinds and ("false-positive", "events.located") in kinds
    assert ("forbidden", "events.forbidden") in kinds and ("wrong-date", "events.date") in kinds


def test_events_dyad_needs_both_countries():
    rec = record(events=[
        event("AGREE", "Beijing will continue maintaining cooperation", "CHN GOV", "UKR GOV"),
        event("CONSULT", "Chinese President Xi Jinping held a telephone conversation",
              "CHN GOV", "UKR GOV"),
    ])
    ev = score_article(rec, GOLD_EVENTS).layers["events"]
    assert ev["located"] == Counts(2, 0, 1)
    assert ev["dyad"] == Counts(1, 1, 2)


def test_matching_prefers_the_occurrence_a_prediction_overlaps():
    # "on Thursday" occurs twice; the prediction sits on the second
    golds = gold_items(BODY, [{"text": "on Thursday"}], "text")
    p = span("on Thursday", 1)
    m = match(golds, 1, lambda g, j, w: float(min(w[1], p[1]) - max(w[0], p[0])))
    assert len(m.pairs) == 1 and m.pairs[0].where == p


def test_gold_string_missing_from_predicted_body_is_a_miss():
    gold = {"id": "g", "timexes": [{"text": "In February", "value": "2023-02"}]}
    s = score_article(record(), gold)
    assert s.layers["timexes"]["overlap"] == Counts(0, 0, 1)
    miss = [x for x in s.findings if x.kind == "miss"][0]
    assert miss.start is None and "not in the predicted body" in miss.detail


def test_article_layer_fields_tokens_and_leaks():
    gold = {"id": "seed", "published": "2023-05-05", "article": {
        "title": "China To Continue Coordination With Russia To Resolve Ukraine Conflict - Foreign Minister",
        "author": "Sumaira FH", "published_at": "2023-05-05T08:30", "dateline": "BEIJING",
        "credit": ["UrduPoint News", "Sputnik"],
        "body_paragraphs": [P0, P1],
        "not_in_body": ["Related Topics", "Chinese Foreign Ministry", "hours ago"]}}
    body = P0 + "\n\n" + P1 + "\n\nRelated Topics"
    rec = {"body": body, "paragraphs": [[0, len(P0)], [len(P0) + 2, len(P0) + 2 + len(P1)],
                                       [len(body) - 14, len(body)]],
           "title": gold["article"]["title"], "author": "Sumaira  FH",
           "published": "2023-05-05", "dateline": "BEIJING",
           "credit": ["Sputnik", "UrduPoint News"], "sentences": []}
    s = score_article(rec, gold)
    a = s.layers["article"]
    assert a["title"] == Ratio(1, 1) and a["author"] == Ratio(1, 1)  # spaces squeezed
    assert a["published"] == Ratio(0, 1) and a["dateline"] == Ratio(1, 1)
    assert a["credit"] == Ratio(1, 1)
    assert a["dct"] == Ratio(1, 1)  # "2023-05-05" vs the gold published_at "2023-05-05T08:30"
    rec["published"] = "2023-05-04T22:00"
    assert score_article(rec, gold).layers["article"]["dct"] == Ratio(0, 1)
    assert a["body_tokens"] == Counts(len((P0 + " " + P1).split()), 2, 0)
    assert a["paragraphs"] == Counts(2, 1, 0)
    assert a["not_in_body"] == Tally(1, 3)
    assert [x.text for x in s.findings if x.kind == "leak"] == ["Related Topics"]


def test_aggregate_sums_counts_across_articles():
    a = score_article(record(timexes=[timex("on Friday", "2023-05-05")]),
                      {"id": "a", "timexes": [{"text": "on Friday", "value": "2023-05-05"}]})
    b = score_article(record(), {"id": "b", "timexes": [{"text": "late April", "value": "2023-04"}]})
    total = aggregate([a, b])
    assert total["timexes"]["overlap"] == Counts(1, 0, 1)
    assert figures(total)["timexes.overlap.r"] == 0.5
    assert "quotes" not in total  # not annotated: not scored


def test_equal_overlaps_pair_by_agreeing_actor_codes():
    # two gold events on one evidence, differing only in the source (as in wikinews-2019-045)
    ev = "Beijing will continue maintaining cooperation and coordination with Moscow"
    gold = {"id": "g", "events": [
        {"plover": "AGREE", "cameo": "030", "mode": None, "date": "2023-05-04", "evidence": ev,
         "source": {"mention": "Beijing", "code": "CHN GOV"}, "target": None},
        {"plover": "AGREE", "cameo": "030", "mode": None, "date": "2023-05-05", "evidence": ev,
         "source": {"mention": "Moscow", "code": "RUS GOV"}, "target": None},
    ]}
    rec = record(events=[event("AGREE", ev, "RUS GOV", None, cameo="030", date="2023-05-05"),
                         event("AGREE", ev, "CHN GOV", None, cameo="030", date="2023-05-04")])
    s = score_article(rec, gold)
    assert s.layers["events"]["located"] == Counts(2, 0, 0)
    assert s.layers["actors"]["source_code"] == Ratio(2, 2)
    assert s.layers["events"]["date"] == Ratio(2, 2)


def test_actor_mentions_recall_and_code():
    gold = {"id": "g", "actors": [
        {"name": "Qin Gang", "mentions": ["Chinese Foreign Minister Qin Gang", "Qin"], "code": "CHN GOV"},
        {"name": "Sergey Lavrov", "mentions": ["Russian Foreign Minister Sergey Lavrov"], "code": "RUS GOV"},
        {"name": "Xi Jinping", "mentions": ["Chinese President Xi Jinping", "Xi"], "code": "CHN GOV"},
    ]}
    # gold mentions: the Qin Gang phrase (its "Qin" is inside it), "Qin" in P2, Lavrov, Xi phrase
    qs, qe = span("Qin Gang")
    rec = record(actors=[
        {"start": qs, "end": qe, "text": "Qin Gang", "code": "CHN GOV"},
        {"start": span("Qin", 1)[0], "end": span("Qin", 1)[1], "text": "Qin", "code": "CHN  GOV"},
        {"start": span("Sergey Lavrov")[0], "end": span("Sergey Lavrov")[1], "text": "Sergey Lavrov",
         "code": "RUS MIL"},
        {"start": span("India")[0], "end": span("India")[1], "text": "India", "code": "IND"},
    ])
    a = score_article(rec, gold).layers["actors"]
    assert a["mention_recall"] == Ratio(3, 4)  # the Xi phrase is missed
    assert a["mention_code"] == Ratio(2, 3)  # Lavrov coded MIL


def test_norm_name_ignores_case_accents_punctuation_and_a_leading_the():
    assert norm_name("The New York Times") == norm_name("New York Times,") == "new york times"
    assert norm_name("Volodymyr  Zelenskyy") == norm_name("volodymyr zelenskyy")
    assert norm_name("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert norm_name("Mijares") != norm_name("Graciano Mijares")
    assert norm_name(None) == ""


def test_norm_code():
    assert norm_code("IGO IGO") == norm_code("IGO") == "IGO"
    assert norm_code("CHN  GOV") == "CHN GOV" and norm_code("--- MED") == "--- MED"
    assert norm_code("") is None and norm_code(None) is None


def test_an_unknown_actor_is_no_actor():
    """The corpus writes an unnamed perpetrator as a null source, the held-out sets as
    "--- UNK"; both mean that no actor is known, and score alike."""
    from whimbrel.eval.score import country_of, norm_code

    assert norm_code("--- UNK") is None and country_of("--- UNK") is None
    assert norm_code("--- MED") == "--- MED" and country_of("--- MED") == "---"
    assert norm_code("IGO IGO") == "IGO" and country_of("SYR REB") == "SYR"


def test_location_country_toponyms_and_coordinates():
    gold = {"id": "g", "events": [
        dict(GOLD_EVENTS["events"][1], location={"mention": "India", "country": "IND"}),
        dict(GOLD_EVENTS["events"][2], location=None),
    ]}
    meeting = event("CONSULT", "Qin Gang told the meeting with Russian Foreign Minister Sergey Lavrov",
                    "CHN GOV", "RUS GOV", mode="third-party")
    call = event("CONSULT", "Chinese President Xi Jinping held a telephone conversation", "CHN GOV", "UKR GOV")
    india = span("India")
    places = [{"start": india[0], "end": india[1], "text": "India", "country": "IND", "kind": "mention"},
              {"start": 0, "end": 7, "text": "BEIJING", "country": "CHN", "kind": "dateline"}]
    # the meeting placed in China (the dateline), the call in China: only the first counts for
    # location_country (the second's gold has no location), both for the old location figure
    meeting["location"] = {"text": "BEIJING", "country": "CHN"}
    call["location"] = {"text": "BEIJING", "country": "CHN"}
    call["action_geo"] = {"lat": 39.9, "lon": 116.4}
    s = score_article(record(events=[meeting, call], places=places), gold)
    ev, pl = s.layers["events"], s.layers["places"]
    assert ev["location_country"] == Ratio(0, 1) and ev["location"] == Ratio(0, 2)
    assert pl["toponym_country"] == Ratio(1, 1)     # "India" is resolved right in the text
    # coordinates count only events whose sentence holds a toponym of the body (the dateline
    # is none): "India" is in neither of these sentences
    assert "coordinates" not in ev
    meeting["location"] = {"text": "India", "country": "IND"}
    took_place = event("CONSULT", "The ministerial meeting took place", "CHN GOV", "RUS GOV")
    took_place["action_geo"] = {"lat": 20.3, "lon": 79.0}
    s = score_article(record(events=[meeting, call, took_place], places=places), gold)
    assert s.layers["events"]["location_country"] == Ratio(1, 1)
    assert s.layers["events"]["coordinates"] == Ratio(1, 1)
