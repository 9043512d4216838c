"""Measure crawl-text article extraction on real pages.

The ScrapingHub/Zyte article-extraction benchmark (``article_extraction_benchmark_zyte``:
181 real news and blog pages as ``html/<id>.html.gz`` with a hand-checked gold
``articleBody`` per page in ``ground-truth.json``; MIT licence, github.com/scrapinghub/
article-extraction-benchmark) is turned into what whimbrel reads: each HTML page becomes
the visible text a crawler saves (:func:`html_to_visible_text`), wrapped as a crawl-text page
(header line `` date YYYY-MM-DD <source>``), then run through
:func:`whimbrel.extract.extract_article`. The body is scored against the gold with
token-level precision, recall and F1 (:func:`token_scores`).

This module is an evaluation device: whimbrel's HTML input goes through
:mod:`whimbrel.extract.html`, not through :func:`html_to_visible_text`.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

#: Elements whose text a browser never shows.
INVISIBLE_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
    "iframe", "object", "embed", "canvas", "select", "option", "button", "input", "textarea",
})

#: Elements that start and end a line of visible text (HTML "block" and table-row boxes).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
    "center", "picture", "video", "audio",
})

_WS = re.compile(r"[ \t\r\n\f\u00a0\u200b\u2028\u2029]+")


def html_to_visible_text(html_text: str) -> str:
    """The visible text of an HTML page, one line per block-level element, roughly as a
    browser's ``innerText`` gives it: ``<script>``, ``<style>``, ``<noscript>``,
    ``<template>``, ``<head>`` and form controls are dropped; ``<br>`` and every block
    element (:data:`BLOCK_TAGS`) break the line; table cells are separated by a space;
    runs of whitespace collapse to one space; empty lines are left out.

    Returns ``""`` for a page with no visible text. Raises nothing for malformed HTML
    (lxml repairs it); an unparseable document gives ``""``.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html_text)
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.tail:
                current.append(el.tail)
            return
        if tag in INVISIBLE_TAGS or el.get("hidden") is not None or _display_none(el):
            if el.tail:
                current.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            flush()
        if tag in ("td", "th"):
            current.append(" ")
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return "\n".join(lines)


def _display_none(el) -> bool:
    style = el.get("style")
    return bool(style) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I) is not None


def crawl_text_page(visible_text: str, source: str, date: str = "2019-11-19") -> str:
    """Wrap page text as a crawl-text page: header `` date YYYY-MM-DD <source>`` + text.

    The Zyte pages carry no crawl date; ``date`` defaults to 2019-11-19, the month the
    benchmark was collected (its README: "initial evaluation, done in November 2019")."""
    return f" date {date} {source}\n{visible_text}\n"


def tokens(text: str) -> list[str]:
    """Lower-case whitespace tokens of ``text``."""
    return text.lower().split()


def token_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` of a predicted body against the gold, as fractions summing to 1.

    Counts of each lower-case whitespace token are matched (``tp = Σ min(gold, pred)``)
    and the three counts are normalised by their sum so that every page weighs the same
    in the corpus totals. This is the Zyte benchmark's ``evaluate.py`` scheme (per-page
    normalised counts, summed) applied to single tokens; the benchmark itself matches
    token shingles, so its published figures are not directly comparable.
    Two empty texts give ``(0, 0, 0)``.
    """
    g, p = Counter(tokens(gold)), Counter(tokens(predicted))
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from (possibly normalised) counts; 0 where undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def iter_zyte_pages(root: Path, *, limit: int | None = None) -> Iterator[tuple[str, str, str, str]]:
    """``(page_id, url, html_text, gold_body)`` for the pages of the Zyte benchmark at
    ``root`` (the folder holding ``ground-truth.json`` and ``html/``), in id order.

    Raises ``FileNotFoundError`` when ``root/ground-truth.json`` is missing."""
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for n, page_id in enumerate(sorted(truth)):
        if limit is not None and n >= limit:
            return
        path = root / "html" / f"{page_id}.html.gz"
        html_text = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield page_id, truth[page_id].get("url", ""), html_text, truth[page_id]["articleBody"]


def extract_page(html_text: str, url: str = "") -> tuple[str, str | None]:
    """``(body, title)`` whimbrel extracts from an HTML page read as crawl-text (``("",
    None)`` when extraction rejects the page)."""
    from whimbrel.extract import extract_article
    from whimbrel.ingest.crawltext import parse_crawl_text
    from whimbrel.model import Article, Origin

    source = urlparse(url).netloc or "example.com"
    raw = parse_crawl_text(crawl_text_page(html_to_visible_text(html_text), source),
                           Origin(path=url or "zyte"))
    if not hasattr(raw, "text"):
        return "", None
    article = extract_article(raw)
    return (article.body, article.title) if isinstance(article, Article) else ("", None)


def page_headlines(html_text: str) -> list[str]:
    """The page's own headlines, references for title extraction: ``og:title`` (Open
    Graph), the first ``<h1>`` and ``<title>``, in that order, whitespace collapsed,
    duplicates and empty ones left out (``[]`` if the page gives none)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html_text)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    for xp in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for hit in root.xpath(xp):
            text = hit if isinstance(hit, str) else hit.text_content()
            text = _WS.sub(" ", text).strip()
            if text:
                if text not in out:
                    out.append(text)
                break
    return out


def title_matches(predicted: str | None, reference: str | None) -> bool:
    """True when the extracted title is the reference headline, ignoring case, spacing
    and punctuation, or one contains the other (sites append " | Site" to
    ``og:title``)."""
    if not predicted or not reference:
        return False
    a, b = (re.sub(r"\W+", " ", t).strip().casefold() for t in (predicted, reference))
    return bool(a) and bool(b) and (a == b or (len(a) >= 12 and a in b) or (len(b) >= 12 and b in a))


def evaluate_crawltext(root: Path, *, limit: int | None = None, details: bool = False) -> dict:
    """Score crawl-text extraction on the Zyte benchmark at ``root``.

    Returns ``{"metrics": {"precision", "recall", "f1"}, "n": pages, "seconds_per_page":
    float, "mean_f1": macro mean of per-page F1, "title_accuracy": share of pages with a
    reference headline (:func:`page_headlines`) whose extracted title
    :func:`title_matches` one of them}``; with ``details=True`` also ``"pages": [{"id",
    "url", "title", "reference_titles", "precision", "recall", "f1"}]``. ``metrics`` are the benchmark's corpus
    figures: per-page normalised counts (:func:`token_scores`) summed over pages.
    Timing covers HTML → text → extraction. Raises ``FileNotFoundError`` when ``root`` is
    not the benchmark folder.
    """
    tp = fp = fn = 0.0
    pages = []
    elapsed = 0.0
    titles_right = titles_known = 0
    for page_id, url, html_text, gold in iter_zyte_pages(Path(root), limit=limit):
        t0 = time.perf_counter()
        body, title = extract_page(html_text, url)
        elapsed += time.perf_counter() - t0
        s = token_scores(gold, body)
        tp, fp, fn = tp + s[0], fp + s[1], fn + s[2]
        references = page_headlines(html_text)
        if references:
            titles_known += 1
            titles_right += any(title_matches(title, r) for r in references)
        pages.append({"id": page_id, "url": url, "title": title, "reference_titles": references, **prf(*s)})
    n = len(pages)
    out = {
        "metrics": prf(tp, fp, fn),
        "n": n,
        "seconds_per_page": elapsed / n if n else 0.0,
        "mean_f1": sum(p["f1"] for p in pages) / n if n else 0.0,
        "title_accuracy": titles_right / titles_known if titles_known else 0.0,
    }
    if details:
        out["pages"] = pages
    return out


#: A few very frequent English words, to pick the English pages of a multilingual set.
_EN_STOPWORDS = frozenset(
    "the of and to in a is that for it was on with as by be at this are from have or an "
    "not but his they he she we you which were their has been will its".split())


def is_english(text: str) -> bool:
    """True when at least 20 % of the words of ``text`` are frequent English words."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and sum(w in _EN_STOPWORDS for w in words) / len(words) >= 0.2


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def evaluate_snippets(root: Path, *, limit: int | None = None, english_only: bool = True) -> dict:
    """Score crawl-text extraction on the trafilatura evaluation set at ``root``
    (``evaldata.json`` + ``html/<file>.gz``; Apache-2.0, github.com/adbar/trafilatura).

    Each page has snippets that must appear in the article (``with``) and snippets that
    must not (``without``); as trafilatura's ``evaluate.py`` does, a ``with`` snippet found
    in the body is a true positive (else a false negative), a ``without`` snippet found is
    a false positive. With ``english_only`` only pages whose ``with`` snippets are English
    (:func:`is_english`) are used. Returns ``{"metrics": {"precision", "recall", "f1"},
    "n": pages, "seconds_per_page": float}``. Raises ``FileNotFoundError`` when
    ``root/evaldata.json`` is missing.
    """
    root = Path(root)
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    tp = fp = fn = 0
    n = 0
    elapsed = 0.0
    for url in sorted(data):
        item = data[url]
        if english_only and not is_english(" ".join(item.get("with", []))):
            continue
        if limit is not None and n >= limit:
            break
        html_text = _decode(gzip.decompress((root / "html" / f"{item['file']}.gz").read_bytes()))
        t0 = time.perf_counter()
        body, _ = extract_page(html_text, url)
        elapsed += time.perf_counter() - t0
        flat = _WS.sub(" ", body)
        for snippet in item.get("with", []):
            if _WS.sub(" ", snippet).strip() in flat:
                tp += 1
            else:
                fn += 1
        fp += sum(_WS.sub(" ", s).strip() in flat for s in item.get("without", []))
        n += 1
    return {"metrics": prf(tp, fp, fn), "n": n, "seconds_per_page": elapsed / n if n else 0.0}
