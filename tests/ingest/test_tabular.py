"""The Wikinews CSVs read without flags; rows keep their 0-based numbers (the gold's `row`)."""

from __future__ import annotations

import csv
import io

from conftest import EXAMPLES
from whimbrel.extract import extract_article
from whimbrel.ingest import read_bytes, read_path
from whimbrel.model import RawDocument

CSV_2019 = EXAMPLES / "wikinews" / "wikinews_2019.csv"


def test_wikinews_csv_reads_without_flags():
    docs = list(read_path(str(CSV_2019)))
    assert len(docs) == 171 and all(isinstance(d, RawDocument) for d in docs)
    d = docs[6]
    assert d.origin.row == 6 and d.format == "csv"
    assert d.title.startswith("President Trump says he 'can' and 'may'")
    assert d.published == "2019-01-07"
    assert d.url.startswith("https://en.wikinews.org/")
    assert d.source == "en.wikinews.org"


def test_wikinews_article_keeps_text_and_date_line():
    article = extract_article(list(read_path(str(CSV_2019)))[6])
    assert article.published == "2019-01-07"
    assert article.paragraph_texts()[0] == "Monday, January 7, 2019"
    assert "United States President Donald Trump said on Friday he can and may declare" in article.body
    assert len(article.paragraphs) == 6


def test_source_option_overrides():
    docs = list(read_path(str(CSV_2019), source="Mirror Site"))
    assert {d.source for d in docs} == {"Mirror Site"}


def test_both_wikinews_files():
    n = sum(1 for _ in read_path(str(EXAMPLES / "wikinews" / "wikinews_2020.csv")))
    assert n == 124


def test_csv_aliases_and_quoted_newlines():
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["headline", "published_at", "body", "outlet"])
    w.writerow(["Talks resume", "2020-03-01T10:00", "The ministry said talks resume.\n\nOfficials agreed.", "Wire"])
    (doc,) = list(read_bytes(buf.getvalue().encode(), "x.csv"))
    assert (doc.title, doc.published, doc.source) == ("Talks resume", "2020-03-01T10:00", "Wire")
    article = extract_article(doc)
    assert article.paragraph_texts() == ["The ministry said talks resume.", "Officials agreed."]
    assert article.published == "2020-03-01T10:00"


def test_markup_in_a_text_column_is_removed():
    # the shape of the SemEval-2019 hyperpartisan export: paragraphs and links as HTML
    text = ('<p>Senate Republicans unveiled their health care bill on Thursday, <a href="https://example.org/x" '
            'type="internal">the text shows</a>.</p><p>Democrats said the bill would cut Medicaid.</p>')
    (doc,) = list(read_bytes(("text,date\n" + '"' + text.replace('"', '""') + '",2017-06-22\n').encode(), "h.csv"))
    article = extract_article(doc)
    assert article.paragraph_texts() == [
        "Senate Republicans unveiled their health care bill on Thursday, the text shows.",
        "Democrats said the bill would cut Medicaid.",
    ]
