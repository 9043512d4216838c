"""The quote layer on real text: the seed article's gold quotes, one real passage per case of
the scope (direct, indirect, mixed, "quoted X as saying", "according to X", quotations
spanning paragraphs, continuation after "he said,", a lone quotation paragraph after its
speaker, curly marks) and the things that are not quotes (titles, names, scare quotes)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from whimbrel.annotate.quotes import PRODUCER, find_quotes
from whimbrel.annotate.quotes.cues import cue_table
from whimbrel.annotate.quotes.marks import find_marked_spans, paragraph_spans
from whimbrel.model import Article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "gold" / "urdupoint-2023-05-05.json"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def nlp(pipeline):
    """The pipeline's spaCy model (loaded once per session by the root conftest)."""
    return pipeline.nlp


def _article(body: str, text_start: int = 0) -> Article:
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", body) if m.group().strip())
    return Article(id="test", body=body, paragraphs=paragraphs, text_start=text_start)


def _quotes(nlp, body: str, text_start: int = 0, with_actors: bool = True):
    article = _article(body, text_start)
    doc = nlp(" " * text_start + body[text_start:])
    actors = ()
    if with_actors:
        from whimbrel.annotate.actors import find_actors

        actors = find_actors(article, doc)
    return find_quotes(article, doc, actors)


def _wikinews(year: int, row: int) -> str:
    path = _need(SHARED / "corpora" / "wikinews" / f"wikinews_{year}.csv")
    csv.field_size_limit(10**9)
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[row]["text"]


def _paragraphs(text: str, needle: str, n: int = 1, before: int = 0) -> str:
    """``n`` paragraphs of ``text`` from the one holding ``needle`` (and ``before`` earlier)."""
    paras = [p for p in text.split("\n") if p.strip()]
    i = next(k for k, p in enumerate(paras) if needle in p)
    return "\n\n".join(paras[i - before:i + n])


def _one(quotes, starts: str):
    found = [q for q in quotes if q.text.startswith(starts)]
    assert len(found) == 1, [q.text[:60] for q in quotes]
    return found[0]


def _speaker_text(body: str, q) -> str | None:
    return body[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None


# -- the seed article ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed(nlp):
    gold = json.loads(_need(SEED).read_text(encoding="utf-8"))
    body = "\n\n".join(gold["article"]["body_paragraphs"])
    text_start = body.index("Beijing will continue")
    return gold, body, _quotes(nlp, body, text_start)


def test_seed_required_quotes_have_their_speakers_kinds_and_cues(seed):
    gold, body, quotes = seed
    required = [q for q in gold["quotes"] if q["required"]]
    assert len(required) == 4
    for g in required:
        want = g["text"].rstrip(",.")
        match = [q for q in quotes if q.text.rstrip(",.") == want]
        assert match, f"missing {g['text'][:50]!r}"
        q = match[0]
        assert q.kind == g["kind"], g["text"][:40]
        assert q.speaker == g["speaker"], g["text"][:40]
        assert _speaker_text(body, q) == g["speaker_mention"]
        assert q.cue == g["cue"]
        assert body[q.start:q.end] == q.text and q.producer == PRODUCER


def test_seed_speaker_codes_come_from_the_actor_layer(seed):
    _, _, quotes = seed
    qin = [q for q in quotes if q.speaker == "Qin Gang"]
    assert qin and all(q.speaker_code == "CHN GOV" for q in qin)
    assert {q.speaker_code for q in quotes if q.speaker == "Vladimir Putin"} == {"RUS GOV"}


def test_seed_document_title_and_slogan_are_not_quotes(seed):
    gold, body, quotes = seed
    for nq in gold["not_quotes"]:
        title = nq["text"].rstrip(",")
        assert not any(title in q.text or q.text in title for q in quotes)
    # 'resist "the new cold war,"': a quoted phrase no reporting cue governs
    assert not any("cold war" in q.text for q in quotes)


def test_the_channel_is_not_the_speaker_in_quoted_as_saying(seed):
    _, body, quotes = seed
    q = _one(quotes, "China will actively promote peace talks")
    assert q.kind == "direct" and q.cue == "quoted Qin as saying"
    assert "Ministry" not in _speaker_text(body, q)


def test_indirect_clause_before_its_speaker(seed):
    # "X, Chinese Foreign Minister Qin Gang told the meeting …": the clause precedes the cue
    _, body, quotes = seed
    q = _one(quotes, "Beijing will continue")
    assert q.text.endswith("resolving the Ukrainian conflict")
    assert q.start < q.speaker_start < q.cue_start


# -- one real passage per case ---------------------------------------------------------------

def test_according_to_x(nlp):
    body = _paragraphs(_wikinews(2019, 19), "According to Chief Superintendent")
    quotes = _quotes(nlp, body)
    q = _one(quotes, "the confirmed deaths are fourteen civilians")
    assert q.kind == "indirect" and q.cue == "According to"
    assert "Graciano Mijares" in _speaker_text(body, q)
    assert q.text.endswith("one member of the Coast Guard")


def test_continuation_after_he_said(nlp):
    body = _paragraphs(_wikinews(2019, 103), "wrote Trump on Twitter")
    quotes = _quotes(nlp, body)
    first = _one(quotes, "I informed John Bolton")
    second = _one(quotes, "and therefore I asked John")
    assert first.kind == second.kind == "direct"
    assert first.speaker == second.speaker and "Trump" in first.speaker
    assert second.cue == "wrote"


def test_quotation_spanning_paragraphs_keeps_its_speaker(nlp):
    path = _need(SHARED / "data" / "polnear" / "data" / "train" / "text" /
                 "breitbart_2016-04-23_clinton-wades-in-urges-britain-t.txt")
    body = _paragraphs(path.read_text(encoding="utf-8"), "telling Breitbart London", n=2)
    spans = find_marked_spans(body, paragraph_spans(body, ()))
    assert spans[0].runs_on and spans[1].continued  # curly “ left open, reopened next paragraph
    quotes = _quotes(nlp, body)
    first = _one(quotes, "President Obama’s comments today")
    second = _one(quotes, "Rather than scolding our closest allies")
    assert first.speaker == second.speaker == "Ted Cruz"
    assert first.cue == second.cue == "telling"


def test_lone_quotation_paragraph_after_its_speaker(nlp):
    # free text: the speaker and "writes:" end one paragraph, the quotation is the next
    body = ("Party chairman Tomas Lindqvist, whose movement has campaigned for the island’s independence "
            "for three decades, writes:\n\n"
            "“It’s an uphill struggle, I will admit, but the referendum gives us a real chance to be heard, "
            "and we intend to use every day of the campaign.”")
    quotes = _quotes(nlp, body)
    q = _one(quotes, "It’s an uphill struggle, I will admit")
    assert q.kind == "direct" and q.speaker == "Tomas Lindqvist"
    assert q.speaker_end <= body.index("writes:")  # the mention is in the paragraph before


def test_inverted_speaker_after_curly_and_straight_quotes(nlp):
    body = _paragraphs(_wikinews(2019, 122), "tweeted former thinktank executive Ken Gude")
    quotes = _quotes(nlp, body)
    for start in ("The only conclusion I can reach", "That's the only explanation"):
        q = _one(quotes, start)
        assert q.speaker == "Ken Gude" and q.kind == "direct"
        assert _speaker_text(body, q) == "former thinktank executive Ken Gude"


def test_curly_marks_and_pronoun_speaker(nlp):
    folder = _need(SHARED / "data" / "polnear" / "data" / "dev" / "text")
    path = next(folder.glob("breitbart_2016-10-02_*.txt"))
    text = path.read_text(encoding="utf-8")
    body = _paragraphs(text, "Here comes Big Daddy", before=1)
    quotes = _quotes(nlp, body)
    q = _one(quotes, "Here comes Big Daddy")
    assert q.text == "Here comes Big Daddy,"  # between “ and ”, the comma inside
    assert q.kind == "direct" and _speaker_text(body, q) == "she" and q.cue == "said"
    assert _one(quotes, "The Donald. Big Daddy.").cue == "said"


def test_mixed_fragment_inside_reported_speech(nlp):
    body = _paragraphs(_wikinews(2019, 69), "economic game changer")
    quotes = _quotes(nlp, body)
    q = _one(quotes, "economic game changer")
    assert q.kind == "mixed" and q.speaker == "International Monetary Fund"
    assert q.speaker_code == "IGO"


def test_mixed_fragment_after_that_clause(nlp):
    body = _paragraphs(_wikinews(2019, 137), "She informed police she had diplomatic immunity")
    quotes = _quotes(nlp, body, with_actors=False)
    frag = _one(quotes, "that she had no plans to leave the country")
    clause = _one(quotes, "she had diplomatic immunity")
    assert frag.kind == "mixed" and clause.kind == "indirect"
    assert clause.text == "she had diplomatic immunity"
    assert frag.cue == clause.cue == "informed"


def test_names_and_scare_quotes_are_not_quotes(nlp):
    body = _paragraphs(_wikinews(2019, 143), "Operation Peace Spring")
    assert not any("Operation Peace Spring" in q.text for q in _quotes(nlp, body))
    body = _paragraphs(_wikinews(2019, 137), "deepest sympathies")
    quotes = _quotes(nlp, body)
    assert not any("deepest sympathies" in q.text for q in quotes)
    # the longer fragment in the same sentence is reported speech
    assert _one(quotes, "intense attention at senior levels").kind == "mixed"


def test_law_title_in_quotation_marks_is_not_a_quote(nlp):
    path = _need(SHARED / "data" / "polnear" / "data" / "dev" / "text" /
                 "west-journal_2016-09-23_clinton-breaks-with-obama-on-law.txt")
    body = _paragraphs(path.read_text(encoding="utf-8"), "Justice Against Sponsors of Terrorism Act”")
    assert not any("Justice Against Sponsors" in q.text for q in _quotes(nlp, body))


def test_nyt_double_apostrophe_marks():
    body = ("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist who served as "
            "director of the Congressional Budget Office.")
    spans = find_marked_spans(body, paragraph_spans(body, ()))
    assert [body[s.start:s.end] for s in spans] == ["This isn't tax reform,"]
    assert body[slice(*spans[0].outer)] == "''This isn't tax reform,''"


def test_cue_table_frames():
    table = cue_table()
    assert table["say"].frame == "speech" and table["say"].kinds == {"direct", "indirect", "mixed"}
    assert table["quote"].frame == "channel" and table["cite"].frame == "channel"
    assert table["according to"].frame == "source_pp"
    assert table["tell"].frame == "addressee"
    assert table["continue"].kinds == {"direct"}


def test_pipeline_seed_article_carries_the_quote_layer(seed_article):
    # the lead's pipeline (extraction, actors, quotes) on the bundled seed page
    quotes = seed_article.quotes
    qin = [q for q in quotes if q.cue == "quoted Qin as saying"]
    assert len(qin) == 1 and qin[0].speaker == "Qin Gang" and qin[0].kind == "direct"
    assert qin[0].speaker_code == "CHN GOV"
    assert not any("China's Position on the Political Settlement" in q.text for q in quotes)
    assert all(seed_article.body[q.start:q.end] == q.text for q in quotes)


def test_doc_of_another_text_is_refused(nlp):
    body = _paragraphs(_wikinews(2019, 137), "deepest sympathies")
    with pytest.raises(ValueError, match="length of article.body"):
        find_quotes(_article(body), nlp(body + " Extra."))
    assert find_quotes(_article(""), nlp("")) == []
