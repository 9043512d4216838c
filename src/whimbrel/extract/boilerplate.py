"""Find the article in a page's visible text: title, byline, body paragraphs, tags.

A crawled page's text is a column of lines: site navigation, the headline, a byline,
the article's paragraphs, then related-story lists, teasers ("… ..", "8 hours ago"),
navigation and footers. The article is the longest run of *prose* lines (sentences
that end in punctuation) near the headline, cut at the first *end marker* (a section
heading such as "Related Topics", "Recent Stories", "More Stories From World", a
copyright line). Lines such as "Advertisement" or "Share on Facebook" inside the run
are dropped without ending it. The rules are in :data:`END_MARKERS` and :data:`SKIP_LINES`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from whimbrel.extract.metadata import Byline, parse_byline

#: Headings that open the part of a page after the article (matched on a whole line,
#: case-insensitive).
END_MARKERS = re.compile(
    r"^(?:related(?:\s+(?:topics|stories|articles|news|posts|coverage|content|links|reading))?|"
    r"recent\s+(?:stories|news|posts)|more\s+(?:stories|news|from|on|in)\b.*|"
    r"read\s+(?:more|next|also)|also\s+read|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested).*|"
    r"most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories|latest(?:\s+(?:news|stories))?|"
    r"recommended(?:\s+for\s+you)?|popular\s+(?:stories|posts)|editor'?s\s+picks?|"
    r"(?:leave\s+a\s+)?(?:comments?|reply)|(?:\d+\s+)?comments?|join\s+the\s+(?:conversation|discussion)|"
    r"(?:tags?|topics|keywords|filed\s+under)(?:\s*:.*)?|categories|"
    r"(?:reporting|writing|editing|additional\s+reporting)\s+by\b.*|"
    r"about\s+us.*|contact\s+us.*|©.*|\(c\)\s*\d{4}.*|copyright\b.*|all\s+rights\s+reserved.*|"
    r"sign\s+up.*|subscribe\b.*|newsletter.*|follow\s+us.*|share\s+this\s+(?:article|story|page)|"
    r"our\s+standards:.*)\s*:?$",
    re.I,
)

#: Lines dropped wherever they stand (ads and share buttons inside the article).
SKIP_LINES = re.compile(
    r"^(?:advertisement\b.{0,40}|advertisment|sponsored(?:\s+content)?|ad|"
    r"share\s+(?:on|via)\s+\w+|share|tweet|email|print|whatsapp|facebook|twitter|linkedin|"
    r"click\s+here.*|scroll\s+to\s+continue.*|continue\s+reading.*|"
    r"\d+\s+min(?:ute)?s?\s+read|listen(?:\s+to\s+(?:this\s+)?article)?.*|image:?.*\bcredit\b.*)\s*$",
    re.I,
)

_TIME_AGO = re.compile(r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$", re.I)
_TRUNCATED = re.compile(r"(?:\s\.\.|…)\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$|:$")


@dataclass(frozen=True)
class PageArticle:
    """What :func:`find_article` found: ``paragraphs`` (clean strings, HTML entities decoded),
    ``title``, ``byline`` and ``tags``. ``paragraphs`` is empty when no article was found."""

    paragraphs: tuple[str, ...]
    title: str | None
    byline: Byline | None
    tags: tuple[str, ...]


def clean_line(line: str) -> str:
    """Decode HTML entities (``&#039;`` → ``'``) and trim whitespace, non-breaking included."""
    return html.unescape(line).strip()


def is_prose(line: str) -> bool:
    """A line that reads as article text: at least 8 words and sentence-final punctuation,
    or at least 25 words; never a truncated teaser ("… .." or "…" at the end)."""
    if _TRUNCATED.search(line):
        return False
    words = len(line.split())
    if words >= 25:
        return True
    return words >= 8 and _SENTENCE_END.search(line) is not None


def _is_noise(line: str) -> bool:
    return bool(SKIP_LINES.match(line) or _TIME_AGO.match(line))


def _is_nav(line: str) -> bool:
    """Menus flattened into one line: many ``|``, ``-`` or ``»`` separated short items."""
    parts = re.split(r"\s+[|»•·]\s+|\s+-\s+", line)
    return len(parts) >= 4 and max(len(p.split()) for p in parts) <= 5


def find_article(text: str) -> PageArticle:
    """Find the article in page text (lines; blank lines are ignored).

    Returns a :class:`PageArticle`; its ``paragraphs`` keep the page's paragraph breaks.
    """
    lines = [clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    start = _body_start(lines)
    if start is None:
        return PageArticle((), _title(lines, len(lines)), _byline(lines, len(lines)), ())
    body: list[str] = []
    end = len(lines)
    pending: list[str] = []  # short non-prose lines kept only if prose follows (subheadings)
    for i in range(start, len(lines)):
        line = lines[i]
        if END_MARKERS.match(line) or _TIME_AGO.match(line) or _TRUNCATED.search(line):
            end = i
            break
        if _is_noise(line) or _is_nav(line):
            continue
        if is_prose(line) or _is_quote_or_short_paragraph(line):
            body.extend(pending)
            pending = []
            body.append(line)
        elif len(line.split()) <= 12 and len(pending) < 1:
            pending.append(line)
        else:
            end = i
            break
    return PageArticle(tuple(body), _title(lines, start), _byline(lines, start), _tags(lines, end))


def _is_quote_or_short_paragraph(line: str) -> bool:
    """Short article paragraphs: a quoted sentence, or 4+ words ending a sentence."""
    if _TRUNCATED.search(line):
        return False
    words = len(line.split())
    return words >= 4 and _SENTENCE_END.search(line) is not None and not _is_nav(line)


def _body_start(lines: list[str]) -> int | None:
    """Index of the first body line: the first prose line that is not a byline, searching
    from the top; a run of at least two prose lines (or one long one) is preferred."""
    candidates = [i for i, line in enumerate(lines) if is_prose(line) and parse_byline(line) is None]
    for i in candidates:
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if is_prose(nxt) or len(lines[i].split()) >= 40:
            return i
    return candidates[0] if candidates else None


#: Interface text that is never a headline.
_UI_LINES = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|click\s+to\s+copy|search|menu|home|sign\s+in|log\s*in|"
    r"subscribe(?:\s+now)?|close|open\s+menu|toggle\s+navigation|watch\s+live|listen)$",
    re.I,
)


def _title_candidates(lines: list[str], start: int) -> list[tuple[int, str]]:
    return [
        (i, line) for i, line in enumerate(lines[:start])
        if not (parse_byline(line) or _is_noise(line) or _is_nav(line) or END_MARKERS.match(line)
                or _UI_LINES.match(line) or "  " in line or "»" in line)
        and 3 <= len(line.split()) <= 30
    ]


def _title(lines: list[str], start: int) -> str | None:
    """The headline among the lines before the body that are 3–30 words and not a byline,
    navigation, interface text or noise: a line the page repeats (sites print the headline
    twice) in its first form; else the last candidate before the byline; else the
    longest candidate."""
    cands = _title_candidates(lines, start)
    if not cands:
        return None
    seen: dict[str, str] = {}
    for _, line in cands:
        key = line.casefold()
        if key in seen:
            return seen[key]
        seen[key] = line
    bylines = [i for i, line in enumerate(lines[:start]) if parse_byline(line)]
    if bylines:
        before = [line for i, line in cands if i < bylines[0]]
        if before:
            return before[-1]
    return max(cands, key=lambda c: len(c[1].split()))[1]


def _byline(lines: list[str], start: int) -> Byline | None:
    """The byline before the body: the first author named and the first date given, which
    sites often print on two lines ("By Jane Doe" / "Published 3:32 PM UTC, March 13, 2019")."""
    author = published = None
    for line in lines[:start]:
        b = parse_byline(line)
        if b is None:
            continue
        author = author or b.author
        published = published or b.published
    if author is None and published is None:
        return None
    return Byline(author, published)


_TAG_HEADINGS = re.compile(r"^(?:related\s+topics|tags?|topics|filed\s+under|keywords)\s*:?\s*(?P<rest>.*)$", re.I)


def _tags(lines: list[str], end: int) -> tuple[str, ...]:
    """Tags listed under a "Related Topics"/"Tags" heading after the body (or inline after
    ``Tags:``). A comma, ``|`` or ``•`` separated list is split on its separators; a list
    run together with spaces is split into the capitalised names it is made of."""
    for i in range(end, min(end + 3, len(lines))):
        m = _TAG_HEADINGS.match(lines[i])
        if not m:
            continue
        rest = m.group("rest").strip()
        if not rest and i + 1 < len(lines):
            rest = lines[i + 1]
        if not rest or END_MARKERS.match(rest):
            return ()
        if re.search(r"[,|•·;]", rest):
            return tuple(t.strip() for t in re.split(r"\s*[,|•·;]\s*", rest) if t.strip())
        return tuple(_split_run_together(rest, lines))
    return ()


def _split_run_together(text: str, lines: list[str]) -> list[str]:
    """Split ``"India United Nations Ukraine Vladimir Putin"`` into names: the longest
    sequence of words (up to 4) that occurs as a phrase elsewhere on the page wins,
    else a single word."""
    words = text.split()
    page = "\n".join(line for line in lines if line != text)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if n == 1 or re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", page):
                out.append(phrase)
                i += n
                break
    return out
