"""HTML page → :class:`~whimbrel.model.Article`: main text and metadata with trafilatura.

trafilatura (2.x) finds the main content and the page metadata (title, author, site name,
canonical URL, categories/tags); its date comes from htmldate. On top of that this module
does the cleaning trafilatura is weak at for news pages:

* a **byline** paragraph at the top of the body ("Sumaira FH Published May 05, 2023 |
  08:30 AM", "By Jane Doe", "Jane Doe, Reuters") is taken out of the body; the name becomes
  the author and a date/time it carries refines ``published``;
* the **headline** repeated as the first body paragraph is dropped;
* an author string that swallowed the byline's date ("Sumaira FH Published May 05") is cut
  back to the name;
* the **dateline** and **wire credit** opening the first paragraph ("BEIJING (UrduPoint News /
  Sputnik - 05th May, 2023) ", "WASHINGTON, May 5 (Reuters) - ", "PARIS (AFP) — ") fill
  ``dateline``, ``credit`` and ``text_start``; they stay in the body (as in the gold). The
  dateline and byline grammars are :mod:`whimbrel.extract.metadata`'s, shared with the
  crawl-text extractor.

Extraction settings were chosen on the Zyte article-extraction benchmark (181 pages,
:mod:`whimbrel.eval.zyte`): ``favor_precision=True`` scores F1 0.964 against 0.960 for the
defaults (trafilatura 2.3.1); when the precise pass keeps less than :data:`RECALL_FALLBACK`
of the default pass's text the default pass is used instead (pages whose article is split
over several containers); when the precise pass finds nothing the page has no article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from whimbrel import errors
from whimbrel.extract.metadata import parse_byline, parse_dateline
from whimbrel.model import Article, Origin, RawDocument, Rejection, article_id

#: Use the default (recall-oriented) pass when the precise pass keeps less than this share of
#: its characters. Chosen on the Zyte benchmark (see module docstring and evaluate_zyte).
RECALL_FALLBACK = 0.5

PRODUCER = "extract.html/1"

_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# "Published May 05, 2023 | 08:30 AM", "Updated: 5 May 2023 08:30", "Posted on May 5, 2023"
_STAMP = re.compile(
    rf"\b(?:Published|Updated|Posted|Last updated)\b[:\s]*(?:on\s+)?"
    rf"(?P<date>(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"
    rf"|(?:\d{{4}}-\d{{2}}-\d{{2}}))?"
    rf"(?:\s*[|,]?\s*(?:at\s+)?(?P<time>\d{{1,2}}:\d{{2}})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?",
)
#: Wire agencies as they appear in bylines ("Tom Krisher, AP Auto Writer"), upper-cased →
#: the name used in ``Article.credit``.
WIRE_AGENCIES = {
    "AP": "AP", "AFP": "AFP", "REUTERS": "Reuters", "UPI": "UPI", "PTI": "PTI", "IANS": "IANS",
    "ANI": "ANI", "XINHUA": "Xinhua", "TASS": "TASS", "SPUTNIK": "Sputnik", "APP": "APP",
    "BLOOMBERG": "Bloomberg", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA", "KYODO": "Kyodo",
    "YONHAP": "Yonhap", "BERNAMA": "Bernama", "AAP": "AAP", "CP": "CP",
}
_WIRE_PHRASES = {
    "ASSOCIATED PRESS": "AP", "AGENCE FRANCE-PRESSE": "AFP", "AGENCE FRANCE PRESSE": "AFP",
    "PRESS TRUST OF INDIA": "PTI", "ASSOCIATED PRESS OF PAKISTAN": "APP",
}
_ROLE = re.compile(
    r"\s*\b(?:is an?|Editor\S*|Reporter|Correspondent|Staff|Writer|Contributor|Desk|Team)\b.*$"
)
# An organisation name ends the part: "Sputnik International", "Associated Press", "Condé Nast".
_ORG = re.compile(r"(?:^|\s+)\S+\s+(?:Press|International|Nast|News|Agency|Media|Service|Online)\b.*$")


@dataclass(frozen=True)
class _Byline:
    author: str
    date: str | None  # ISO 8601 date or date-time from a "Published …" stamp


def extract_html(raw: RawDocument) -> Article | Rejection:
    """Extract the article from one HTML page.

    ``raw.text`` is the decoded HTML; ``raw.url`` helps trafilatura and is kept;
    ``raw.published`` (for WARC input: the crawl date, WARC-Date) bounds the publication date
    from above and is the fallback when the page carries no date of its own.

    Returns an :class:`Article` whose ``body`` is the main-text paragraphs joined by
    ``"\\n\\n"`` with ``paragraphs`` their ``[start, end)`` character offsets, ``id`` from
    :func:`whimbrel.model.article_id` (``source`` = ``raw.source``, else the site name the
    page gives, else its host name); or a :class:`Rejection` ``W107 no-article`` when no main
    text is found. Never raises on bad HTML (parsing errors become W107); run it through
    :mod:`whimbrel.extract.sandbox` for pages that may hang or exhaust memory.
    """
    import trafilatura  # heavy-ish import kept out of module import time

    origin = raw.origin
    html = raw.text
    if not html or not html.strip():
        return _reject(origin, errors.W103, "the page is empty")
    date_params = {"extensive_search": True, "original_date": True}
    crawl_date = _iso_date(raw.published)
    if crawl_date:
        date_params["max_date"] = crawl_date
    common = dict(url=raw.url, include_comments=False, include_tables=True)
    try:
        doc = trafilatura.bare_extraction(
            html, favor_precision=True, with_metadata=True, date_extraction_params=date_params, **common
        )
        precise = (doc.text or "") if doc is not None else ""
        fallback = trafilatura.bare_extraction(html, fast=True, **common)  # text only
        default = (fallback.text or "") if fallback is not None else ""
    except MemoryError:
        raise  # the sandbox turns it into parser-memory
    except Exception as exc:  # lxml, encoding or recursion trouble inside the parser: bad page
        return _reject(origin, errors.W107, f"the HTML could not be parsed: {type(exc).__name__}: {exc}"[:500])
    if not _has_word(precise):  # the precise pass finds no main text: no article here
        return _reject(origin, errors.W107, "no main text was found in the page")
    # metadata always comes from the precise pass (the text-only pass has none)
    text = default if len(precise) < RECALL_FALLBACK * len(default) else precise
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if _has_word(ln)]
    if not lines:
        return _reject(origin, errors.W107, "no main text was found in the page")

    title = _clean(getattr(doc, "title", None)) or raw.title
    author, byline_credit = _clean_author(getattr(doc, "author", None))
    published = getattr(doc, "date", None)

    # Drop a headline repeated as the first paragraph; take a byline out of the top.
    while title and len(lines) > 1 and _norm(lines[0]) == _norm(title):
        lines = lines[1:]
    for i in range(min(3, len(lines) - 1)):
        by = _parse_byline(lines[i], author)
        if by is not None:
            author = author or by.author
            if by.date and (not published or by.date.startswith(published[:10])):
                published = by.date
            del lines[i]
            break
    if published and len(published) == 10:
        published = _time_from_stamp(html, published)
    if not published and raw.published:
        published = raw.published

    body = "\n\n".join(lines)
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for ln in lines:
        paragraphs.append((pos, pos + len(ln)))
        pos += len(ln) + 2

    dateline, credit, text_start = None, (), 0
    for (p_start, _p_end), line in list(zip(paragraphs, lines))[:2]:
        found = parse_dateline(line)
        if found is not None:
            dateline, credit, text_start = found.place, found.credit, p_start + found.end
            break
    credit = credit or byline_credit
    source = raw.source or _clean(getattr(doc, "sitename", None)) or getattr(doc, "hostname", None)
    tags = tuple(
        t.strip()
        for group in (getattr(doc, "categories", None) or [], getattr(doc, "tags", None) or [])
        for item in group
        for t in str(item).split(",")
        if t.strip()
    )
    return Article(
        id=article_id(source, body),
        body=body,
        source=source,
        url=raw.url or getattr(doc, "url", None),
        title=title,
        author=author,
        published=published,
        dateline=dateline,
        credit=credit,
        tags=tags,
        paragraphs=tuple(paragraphs),
        origin=origin,
        text_start=text_start,
        producers=(PRODUCER,),
    )


def extract_html_guarded(
    raws: Iterable[RawDocument],
    *,
    timeout_s: float = 20,
    memory_bytes: int = 1_500_000_000,
    workers: int = 1,
) -> Iterator[Article | Rejection]:
    """:func:`extract_html` over many pages, each in a sandboxed worker process.

    Yields one result per input, in input order: the Article, the extractor's own Rejection,
    or a Rejection ``parser-timeout`` (no answer within ``timeout_s`` seconds),
    ``parser-memory`` (the worker exceeded ``memory_bytes`` of address space) or
    ``parser-crash`` (the worker died or raised). Workers are reused; one that hung or died is
    replaced. See :class:`whimbrel.extract.sandbox.Sandbox`.
    """
    from whimbrel.extract.sandbox import Sandbox

    with Sandbox(extract_html, timeout_s=timeout_s, memory_bytes=memory_bytes, workers=workers) as box:
        yield from box.imap(raws)


def _parse_byline(line: str, known_author: str | None) -> _Byline | None:
    """A short byline paragraph ("By Jane Doe", "Sumaira FH Published May 05, 2023 |
    08:30 AM", or just the author's name as the metadata gives it) → author and date."""
    line = line.strip()
    if len(line) > 120 or line.endswith((".", "!", "?", '"', "”", ":")):
        return None
    if known_author and _norm(line) == _norm(known_author):
        return _Byline(author=known_author, date=None)
    by = parse_byline(line)
    if by is None or not by.author:
        return None
    return _Byline(author=by.author, date=by.published)


def _stamp_iso(stamp: re.Match) -> str | None:
    ds = stamp.group("date")
    if not ds:
        return None
    ds = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", ds).replace(",", " ").replace(".", " ")
    ds = " ".join(ds.split())
    day = None
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(ds, fmt)
            break
        except ValueError:
            continue
    if day is None:
        return None
    if stamp.group("time"):
        hh, mm = (int(x) for x in stamp.group("time").split(":"))
        ampm = (stamp.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        if hh < 24 and mm < 60:
            return f"{day:%Y-%m-%d}T{hh:02d}:{mm:02d}"
    return f"{day:%Y-%m-%d}"


def _time_from_stamp(html: str, day: str) -> str:
    """``day`` (ISO date) with the time of the first "Published <day> | 08:30 AM" stamp in
    the page that has that date, else ``day`` unchanged."""
    for stamp in _STAMP.finditer(html):
        iso = _stamp_iso(stamp)
        if iso and iso.startswith(day):
            return iso
    return day


def _clean_author(author: str | None) -> tuple[str | None, tuple[str, ...]]:
    """Cut a byline's date, roles and organisations off an author string; return the names
    and the wire agencies it named.

    ``"Sumaira FH Published May 05, 2023"`` → ``("Sumaira FH", ())``; ``"Analysis by Chris
    Cillizza; CNN Editor-at-large"`` → ``("Chris Cillizza", ())``; ``"Tom Krisher; Ap Auto
    Writer"`` → ``("Tom Krisher", ("AP",))``. Several authors are joined by ``"; "``.
    """
    author = _clean(author)
    if not author:
        return None, ()
    stamp = _STAMP.search(author)
    if stamp:
        author = author[: stamp.start()]
    names: list[str] = []
    agencies: list[str] = []
    for part in re.split(r"\s*;\s*|\s*,\s+", author):
        part = re.sub(r"^(?:.*\b)?(?:By|BY|by)\s+", "", part)
        up = part.upper()
        for phrase, agency in _WIRE_PHRASES.items():  # "Jill Lawless Associated Press"
            if phrase in up:
                agencies += [agency] if agency not in agencies else []
                part = part[: up.index(phrase)]
                up = part.upper()
        words = part.split()
        cut = next((i for i, w in enumerate(words) if w.upper().strip(".") in WIRE_AGENCIES), None)
        if cut is not None:  # "AP Auto Writer", "Finian Cunningham Sputnik International"
            agency = WIRE_AGENCIES[words[cut].upper().strip(".")]
            agencies += [agency] if agency not in agencies else []
            part = " ".join(words[:cut]) if cut >= 2 else ""
        part = _ORG.sub("", _ROLE.sub("", part)).strip(" |,-–—")
        if part and part not in names and part[:1].isupper():
            names.append(part)
    if len(names) > 1:  # "NJ" beside a person's name is the outlet, not an author
        names = [n for n in names if " " in n] or names
    return ("; ".join(names) or None), tuple(agencies)


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(str(s).split())
    return s or None


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _has_word(line: str) -> bool:
    return bool(re.search(r"\w", line))


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _reject(origin: Origin, code: errors.Code, detail: str) -> Rejection:
    return Rejection(origin=origin, code=code.code, reason=code.reason, detail=detail, stage="extract")
