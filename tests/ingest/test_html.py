"""HTML reader and HTML article extraction on real pages (Zyte benchmark, UrduPoint seed)."""

from __future__ import annotations

import gzip
import html as htmllib
import json
import re
from pathlib import Path

import pytest

from whimbrel.eval.zyte import score_page
from whimbrel.extract.html import extract_html
from whimbrel.ingest.html import canonical_url, decode_html, read_html
from whimbrel.model import Article, Origin, RawDocument, Rejection, article_id

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ZYTE = SHARED / "data" / "article_extraction_benchmark_zyte"
WSJ = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
AP_PAGE = "c467d507551a836efa9cfe843ba5d7bafe519750e04d0c9ff0decf44f013f829"
REUTERS_PAGE = "359fee228518d55b921194561e9ca88e428df81940246f8fac7a75398377daea"


@pytest.fixture(scope="module")
def truth() -> dict:
    if not (ZYTE / "ground-truth.json").exists():
        pytest.skip("shared/ Zyte benchmark not available")
    return json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))


def page(item_id: str) -> str:
    with gzip.open(ZYTE / "html" / f"{item_id}.html.gz", "rt", encoding="utf-8") as f:
        return f.read()


@pytest.fixture(scope="module")
def urdupoint_page() -> str:
    """The seed article as the site serves it: headline, byline with time stamp, repeated
    headline, paragraphs, and site chrome (text from the crawl-text seed)."""
    seed = SHARED / "corpora" / "crawl-text" / "urdupoint-2023-05-05.txt"
    if not seed.exists():
        pytest.skip("shared/ seed corpus not available")
    lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").split("\n") if ln.strip()]
    title, byline, h2 = lines[1], lines[2], lines[3]
    paras = lines[4 : lines.index("Related Topics")]
    e = htmllib.escape
    return (
        f"<html><head><title>{e(title)} - UrduPoint</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>'
        f"<article><h1>{e(title)}</h1><p class='byline'>{e(byline)}</p><h2>{e(h2)}</h2>"
        + "".join(f"<p>{e(p)}</p>" for p in paras)
        + "</article><footer>Copyright UrduPoint 2023</footer></body></html>"
    )


def test_read_html_gz_page(truth):
    (doc,) = list(read_html(ZYTE / "html" / f"{WSJ}.html.gz"))
    assert isinstance(doc, RawDocument)
    assert doc.format == "html" and doc.encoding == "utf-8"
    assert "Gaming used to be so simple" in doc.text
    assert doc.url == truth[WSJ]["url"]  # from <link rel="canonical">


def test_read_plain_html_and_rejections(tmp_path, truth):
    plain = tmp_path / "page.htm"
    plain.write_bytes(gzip.decompress((ZYTE / "html" / f"{WSJ}.html.gz").read_bytes()))
    (doc,) = list(read_html(plain))
    assert isinstance(doc, RawDocument) and doc.origin == Origin(str(plain))

    empty = tmp_path / "empty.html"
    empty.write_bytes(b"  \n")
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 this is not gzip")
    binary = tmp_path / "logo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    got = {p.name: next(read_html(p)) for p in (empty, broken, binary, tmp_path / "missing.html")}
    assert {k: (r.code, r.reason) for k, r in got.items()} == {
        "empty.html": ("W103", "empty"),
        "broken.html.gz": ("W101", "unreadable"),
        "logo.html": ("W102", "binary"),
        "missing.html": ("W101", "unreadable"),
    }


def test_charset_from_meta_http_and_bom(truth):
    text = page(WSJ)
    assert "’" in text
    assert "charset" not in text[:4096].lower()
    legacy = re.sub(r"<head[^>]*>", lambda m: m.group(0) + '<meta charset="windows-1252">', text, count=1)
    data = legacy.encode("cp1252", errors="replace")
    decoded, enc = decode_html(data)
    assert enc == "cp1252" and "We’d buy a game" in decoded
    # the transport's charset wins over a wrong <meta>
    lying = re.sub(r"<head[^>]*>", lambda m: m.group(0) + '<meta charset="iso-8859-5">', text, count=1).encode("utf-8")
    decoded, enc = decode_html(lying, http_charset="utf-8")
    assert enc == "utf-8" and "We’d buy a game" in decoded
    decoded, enc = decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"), http_charset="cp1252")
    assert enc == "utf-8" and "We’d buy a game" in decoded


def test_canonical_url_prefers_link_then_og():
    head = '<head><meta property="og:url" content="https://b.example/x"><link rel="canonical" href="https://a.example/x"></head>'
    assert canonical_url(head) == "https://a.example/x"
    assert canonical_url('<meta property="og:url" content="https://b.example/x">') == "https://b.example/x"
    assert canonical_url('<link rel="canonical" href="/relative">') is None


def test_extract_byline_dateline_credit_like_gold(urdupoint_page):
    gold = json.loads((SHARED / "gold" / "urdupoint-2023-05-05.json").read_text(encoding="utf-8"))["article"]
    art = extract_html(RawDocument(Origin("urdupoint.html"), "html", urdupoint_page, source="UrduPoint.com"))
    assert isinstance(art, Article)
    assert art.author == gold["author"] == "Sumaira FH"
    assert art.published == gold["published_at"] == "2023-05-05T08:30"
    assert art.dateline == gold["dateline"] and list(art.credit) == gold["credit"]
    assert art.title == gold["title"]
    assert art.paragraph_texts() == gold["body_paragraphs"]
    assert art.body[art.text_start :].startswith("Beijing will continue")
    assert art.id == article_id("UrduPoint.com", art.body)


@pytest.mark.parametrize(
    "item_id, dateline, credit",
    [(AP_PAGE, "ST. JOSEPH, Mich.", ("AP",)), (REUTERS_PAGE, "WASHINGTON", ("Reuters",))],
)
def test_extract_zyte_wire_pages(truth, item_id, dateline, credit):
    raw = RawDocument(Origin(item_id), "html", page(item_id), url=truth[item_id]["url"])
    art = extract_html(raw)
    assert isinstance(art, Article)
    s = score_page(truth[item_id]["articleBody"], art.body)
    assert s.precision > 0.9 and s.recall > 0.9
    assert (art.dateline, art.credit) == (dateline, credit)
    first = art.paragraph_texts()[0]
    assert first[art.text_start :][:1].isupper() and first[: art.text_start].rstrip().endswith(("—", "-"))
    assert "\n\n".join(art.paragraph_texts()) == art.body
    assert art.published and art.published.startswith("2019-11-")


def test_wire_byline_gives_author_and_credit(truth):
    # the page's byline metadata reads "Tom Krisher, AP Auto Writer"
    item_id = "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f"
    art = extract_html(RawDocument(Origin(item_id), "html", page(item_id), url=truth[item_id]["url"]))
    assert (art.author, art.credit, art.dateline) == ("Tom Krisher", ("AP",), None)
    assert art.source == "Connecticut Post" and art.published == "2019-11-20"


def test_page_without_article_is_rejected():
    # a script-rendered page shell, as crawlers store single-page apps: no text to extract
    shell = (
        '<html><head><title>Loading…</title><script src="/static/app.js"></script></head>'
        '<body><div id="root"></div><script>window.__STATE__ = {"page": 1};</script></body></html>'
    )
    r = extract_html(RawDocument(Origin("shell.html"), "html", shell))
    assert isinstance(r, Rejection) and (r.code, r.reason, r.stage) == ("W107", "no-article", "extract")
    r = extract_html(RawDocument(Origin("blank.html"), "html", "   "))
    assert isinstance(r, Rejection) and r.code == "W103"
