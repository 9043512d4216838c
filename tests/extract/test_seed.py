"""Acceptance of issue 2 on the seed page: metadata exact, 8 body paragraphs equal to the
gold, none of the gold's not_in_body strings in the body."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from whimbrel.extract import extract_article
from whimbrel.ingest import read_path

SEED = EXAMPLES / "crawl-text" / "urdupoint-2023-05-05.txt"


@pytest.fixture(scope="module")
def article():
    return extract_article(next(read_path(str(SEED))))


@pytest.fixture(scope="module")
def gold(shared_dir):
    return json.loads((shared_dir / "gold" / "urdupoint-2023-05-05.json").read_text("utf-8"))["article"]


def test_bundled_seed_is_the_gold_input(shared_dir):
    assert SEED.read_bytes() == (shared_dir / "corpora" / "crawl-text" / SEED.name).read_bytes()


def test_metadata_equals_gold(article, gold):
    assert article.source == gold["source"]
    assert article.title == gold["title"]
    assert article.author == gold["author"]
    assert article.published == gold["published_at"]
    assert article.dateline == gold["dateline"]
    assert list(article.credit) == gold["credit"]
    assert article.language == gold["language"]


def test_body_paragraphs_equal_gold(article, gold):
    assert article.paragraph_texts() == gold["body_paragraphs"]
    assert len(article.paragraphs) == 8


def test_no_boilerplate_in_body(article, gold):
    for snippet in gold["not_in_body"]:
        assert snippet not in article.body, snippet


def test_tags_equal_gold(article, gold):
    assert list(article.tags) == gold["tags"]


def test_seed_values_without_shared(article):
    # the same facts, asserted on the bundled copy so they hold where ../shared is absent
    assert article.title.startswith("China To Continue Coordination With Russia")
    assert article.author == "Sumaira FH"
    assert article.published == "2023-05-05T08:30"
    assert article.dateline == "BEIJING"
    assert article.credit == ("UrduPoint News", "Sputnik")
    assert article.body[article.text_start:].startswith("Beijing will continue maintaining cooperation")
    assert article.body.endswith("restore peace as soon as possible.")
    assert "&#039;" not in article.body and "hours ago" not in article.body


def test_id_is_content_hash(article):
    import hashlib

    expected = hashlib.sha256(b"UrduPoint.com\x1f" + article.body.encode("utf-8")).hexdigest()
    assert article.id == expected
