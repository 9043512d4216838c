"""Extraction generalises beyond UrduPoint: pages shaped like a wire service, a news
agency and a blog, built from real Wikinews articles (CC BY 2.5) wrapped in the
boilerplate those sites print (navigation, ads, share buttons, credits, comments, tags)."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from whimbrel.extract import extract_article
from whimbrel.extract.boilerplate import find_article, is_prose
from whimbrel.extract.metadata import parse_byline, parse_dateline, split_credit
from whimbrel.ingest import read_path

PAGES = FIXTURES / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_extraction(name):
    expected = EXPECTED[name]
    article = extract_article(next(read_path(str(PAGES / name))))
    assert article.title == expected["title"]
    assert article.author == expected["author"]
    assert article.published == expected["published"]
    assert article.dateline == expected["dateline"]
    assert list(article.credit) == expected["credit"]
    assert article.paragraph_texts() == expected["paragraphs"]
    assert list(article.tags) == expected["tags"]


@pytest.mark.parametrize("snippet", [
    "Advertisement", "Scroll to continue", "Our Standards", "Read Next", "2 hours ago",
    "Reporting by", "All rights reserved", "Share on", "Leave a Reply", "Tags:", "Related posts",
    "Skip to main content", "Copyright 2019",
])
def test_boilerplate_left_out(snippet):
    for name in EXPECTED:
        article = extract_article(next(read_path(str(PAGES / name))))
        assert snippet.lower() not in article.body.lower(), (name, snippet)


def test_dateline_forms():
    d = parse_dateline("WASHINGTON, Jan 7 (Reuters) - United States President Donald Trump said")
    assert (d.place, d.credit) == ("WASHINGTON", ("Reuters",))
    d = parse_dateline("KYIV, Ukraine (AP) — Russia launched a wave of drones")
    assert (d.place, d.credit) == ("KYIV, Ukraine", ("AP",))
    d = parse_dateline("ISLAMABAD, (UrduPoint / Pakistan Point News - 5th May, 2023) :The Prime Minister said")
    assert (d.place, d.credit) == ("ISLAMABAD", ("UrduPoint", "Pakistan Point News"))
    d = parse_dateline("LONDON — The Bank of England raised rates")
    assert (d.place, d.credit, d.end) == ("LONDON", (), 9)
    # a sentence that opens with an acronym is not a dateline
    assert parse_dateline("NATO said on Friday it would send more troops.") is None
    assert parse_dateline("ABC: The network said it would appeal.") is None
    assert parse_dateline("US Expresses Concerns Over China's New Counter-Espionage Law") is None


def test_credit_drops_the_date():
    assert split_credit("UrduPoint News / Sputnik - 05th May, 2023") == ("UrduPoint News", "Sputnik")
    assert split_credit("AFP") == ("AFP",)


def test_byline_forms():
    from whimbrel.extract.metadata import Byline

    assert parse_byline("Sumaira FH Published May 05, 2023 | 08:30 AM") == Byline("Sumaira FH", "2023-05-05T08:30")
    assert parse_byline("Posted on January 4, 2019 by Anna Petrova") == Byline("Anna Petrova", "2019-01-04")
    assert parse_byline("By Jane Smith") == Byline("Jane Smith", None)
    assert parse_byline("Published: 4 May 2023 10:12 BST").published == "2023-05-04T10:12"
    assert parse_byline("The 1973 building was home to over 1,000 people.") is None


def test_teasers_are_not_prose():
    assert not is_prose("UAE's history-making astronaut Sultan Al Neyadi becomes first person to pra ..")
    assert not is_prose("Erdogan attacks LGBTQ ahead of crucial vote")
    assert is_prose("The Emergencies Ministry said six deaths were of children.")


def test_page_without_article_is_rejected():
    from whimbrel.model import Origin, RawDocument, Rejection

    raw = RawDocument(origin=Origin("nav.txt"), format="crawl-text", source="example.org",
                      text="Home\nNews\nSport\nAbout Us | Contact Us | Advertise\n© 2024 Example Media\n")
    result = extract_article(raw)
    assert isinstance(result, Rejection)
    assert (result.code, result.reason, result.stage) == ("W107", "no-article", "extract")
    assert find_article(raw.text).paragraphs == ()
