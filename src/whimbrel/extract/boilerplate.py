"""Find the article in a page's visible text: title, byline, body paragraphs, tags.

A crawled page's text is a column of lines: site navigation, the headline, a byline,
the article's paragraphs, then related-story lists, teasers ("… ..", "8 hours ago"),
comments, navigation and footers. Each line gets a weight (:func:`line_weight`): prose
counts for its words, short sentences for half; menu items, labels and bylines cost a
little, a date-only line, a teaser or a comment header more, an end marker
(:data:`END_MARKERS`, :data:`SECTION_END`) most; a long stretch of non-prose lines costs
extra per line. The body is the run of lines with the greatest total weight (the densest
stretch of prose, so subheadings, one-line quotes and list items inside it are kept); a
comment section's heading right after that run ends the search; an article header
(headline, standfirst, byline) caught at the head of the run is moved out of it. Lines
such as "Advertisement", "Share on Facebook" or "Image copyright EPA" (:data:`SKIP_LINES`)
are dropped wherever they stand. The headline is chosen among the lines above the body
by its overlap with the first paragraphs and its nearness.

Measured on the Zyte article-extraction benchmark read as crawl-text by
:mod:`whimbrel.eval.crawltext`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from whimbrel.extract.metadata import Byline, parse_byline, parse_datetime

#: Headings that open the part of a page after the article (matched on a whole line,
#: case-insensitive).
END_MARKERS = re.compile(
    r"^(?:related(?:\s+(?:topics|stories|articles|news|posts|coverage|content|links|reading))?|"
    r"recent\s+(?:stories|news|posts)|more\s+(?:stories|news|from|on|in)\b.*|"
    r"read\s+(?:more|next|also)|also\s+read|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested).*|"
    r"most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories|latest(?:\s+(?:news|stories))?|"
    r"recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)\b.*|"
    r"more\s+(?:stories|articles|posts)\s+(?:from|like)\b.*|related\s+(?:stories|articles|posts|reading|content)\b.*|popular\s+(?:stories|posts)|editor'?s\s+picks?|"
    r"(?:leave\s+a\s+)?(?:comments?|reply)|(?:\d+\s+)?comments?|join\s+the\s+(?:conversation|discussion)|"
    r"(?:tags?|topics|keywords|filed\s+under)(?:\s*:.*)?|categories|"
    r"(?:reporting|writing|editing|additional\s+reporting)\s+by\b.*|"
    r"about\s+us.*|(?:about|über|sobre|à\s+propos\s+de)\s+[A-ZÀ-Ý][\w.'’-]*(?:\s+[A-ZÀ-Ý][\w.'’-]*){0,3}|contact\s+us.*|©.*|\(c\)\s*\d{4}.*|copyright\b.*|all\s+rights\s+reserved.*|"
    r"sign\s+up.*|subscribe\b.*|newsletter.*|follow\s+us.*|share\s+this\s+(?:article|story|page)|"
    r"our\s+standards:.*)\s*:?$",
    re.I,
)

#: Lines dropped wherever they stand (ads and share buttons inside the article).
SKIP_LINES = re.compile(
    r"^(?:advertisement\b.{0,40}|advertisment|advert|sponsored(?:\s+content)?|ad|"
    r"share\s+(?:on|via)\s+\w+|share|tweet|email|print|whatsapp|facebook|twitter|linkedin|"
    r"click\s+here.*|scroll\s+to\s+continue.*|continue\s+reading.*|"
    r"\d+\s+min(?:ute)?s?\s+read|listen(?:\s+to\s+(?:this\s+)?article)?.*|image:?.*\bcredit\b.*|"
    r"(?:image|media|photo|video)\s+(?:copyright|caption|credit|playback\s+is\s+unsupported).*|"
    r"(?:photo|photograph|image|picture|credit)s?\s*(?:by)?\s*:.{0,80}|"
    r"click\s+to\s+(?:share|email|print|tweet|open)\b.*|"
    r"share\s+(?:all\s+sharing\s+options|this\s+(?:with|on|via)|on\s*:).*|"
    r"(?:.{0,60}[/ ])?(?:getty\s+images|ap\s+photo|shutterstock|istock(?:photo)?)\b.{0,40}|"
    # a caption that ends in its credit: "… (Image: GETTY )", "… (AP Photo/Alan Diaz)"
    r".*\((?:image|photo|picture|pictured|credit|getty|ap\s+photo|reuters|afp)\b[^()]*\)|"
    r"file\s+photo\s*:.*|"
    # in-article links to other stories: "Read more: …", "SEE MORE: …", "[Related: …]"
    r"\[?(?:read\s+more|see\s+more|more|related(?:\s+(?:post|article|story|link))?|also(?:\s+(?:read|see|on\s+\S+))?"
    r"|watch|recommended)\s*:.*|"
    r"follow\b.{0,60}\bon\s+(?:facebook|twitter|instagram)\b.*|.*\brequires\s+javascript\b.*|"
    r"share\s+to\b.*|addthis\b.*|.*\bshare\s+(?:it|this)\s+with\s+a\s+friend\b.*)\s*$",
    re.I,
)

_TIME_AGO = re.compile(r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$", re.I)
_TRUNCATED = re.compile(r"(?:\s\.\.|…|\w\.\.\.)\s*$")
#: A sentence ends somewhere in the line: ``.``, ``!`` or ``?`` (or CJK ``。！？``) before a
#: space, a closing quote or the end. Tag clouds and keyword lists have none.
_HAS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)|[。！？]")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$|[\"”’」』]$|:$")


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
    or at least 25 words among which a sentence ends (not a tag cloud); never a truncated teaser ("… .." or "…" at the end), and never a
    line whose words are mostly capitalised (a menu run together: "Latest News
    Applications OS Channel Programs Cloud …")."""
    if _TRUNCATED.search(line):
        return False
    words = _word_count(line)
    if words >= 25:
        return lowercase_ratio(line) >= 0.4 and _HAS_SENTENCE.search(line) is not None
    return words >= 8 and _SENTENCE_END.search(line) is not None and lowercase_ratio(line) >= 0.25


def _word_count(line: str) -> int:
    """Words in ``line``; for scripts written without spaces (CJK) one word per two
    characters."""
    n = len(line.split())
    cjk = len(_CJK.findall(line))
    return max(n, cjk // 2)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def lowercase_ratio(line: str) -> float:
    """Share of the words starting with a cased letter that start lower-case (0.0–1.0).

    Running text in cased scripts is mostly lower-case words (≥ 0.5 in English prose);
    menus, headline lists and name lists are capitalised. A line without cased words
    (digits, CJK) counts as 1.0."""
    cased = [w for w in line.split() if w[:1].isalpha() and (w[0].isupper() or w[0].islower())]
    if not cased:
        return 1.0
    return sum(w[0].islower() for w in cased) / len(cased)


def _is_noise(line: str) -> bool:
    return bool(SKIP_LINES.match(line) or _TIME_AGO.match(line))


def _is_nav(line: str) -> bool:
    """Menus flattened into one line: many ``|``, ``-`` or ``»`` separated short items."""
    parts = re.split(r"\s+[|»•·]\s+|\s+-\s+", line)
    return len(parts) >= 4 and max(len(p.split()) for p in parts) <= 5


#: Headings and counters that open a comment section or a share box: the article is
#: over once one of these follows its prose ("34 responses to “…”", "[ 167 comments ]",
#: "Top Rated Comments", "Leave a Reply", "Share this:"). Matched on a whole line.
SECTION_END = re.compile(
    r"^\d[\d,]*\s+(?:comments?|responses?|replies|thoughts?|reactions?)\s+(?:to|on)\b.*$|"
    r"^(?:top\s+rated|most\s+recent|newest|oldest|reader)\s+comments?\b.*$|"
    r"^(?:leave|post|add|write|submit)\s+(?:a\s+|your\s+)?(?:reply|comment|response)\b.*$|"
    r"^(?:join|start)\s+the\s+(?:conversation|discussion)\b.*$|^comments\s+are\s+closed\.?$|"
    r"^(?:share|like)\s+this(?:\s+(?:article|story|post|page))?\s*:$|^about\s+the\s+author\b.*$",
    re.I,
)
#: A bare comment counter ("Comments", "[ 167 comments ]", "View Comments"): a comment
#: section's heading after the article, but also a link in the share bar above it.
COMMENT_COUNT = re.compile(
    r"^[\[(]?\s*(?:(?:view|show|read|see|load)\s+(?:all\s+)?)?(?:\d[\d,]*\s+)?"
    r"(?:comments?|responses?|replies)\s*(?:\(\d+\))?\s*[\])]?$",
    re.I,
)
#: Prose weight the run just before a :data:`SECTION_END` heading needs for the heading to
#: end the search (a cookie notice or a standfirst above a "Leave a comment" link does
#: not); a :data:`COMMENT_COUNT` line needs :data:`COMMENT_COUNT_AFTER`, or to be followed
#: by a comment's "X on <date> said:" line.
SECTION_END_AFTER = 50.0
COMMENT_COUNT_AFTER = 150.0

#: Lines that belong to comments and teaser lists, not to an article: "thelastchargersfan
#: says:", "Reply", "Rating: 36 Votes", "2 days ago at 07:52 am".
_COMMENT_META = re.compile(
    r"^(?:\S.{0,40}\s+(?:says|said|wrote|commented)(?:\s+on\s+[^.!?]{1,40})?:|\S.{0,40}\s+(?:says|wrote):?|reply(?:\s+\S+)?|report(?:\s+comment)?|"
    r"rating:?\s*[-+]?\d+\s*votes?|[-+]?\d+\s+(?:likes?|votes?|points?|replies)|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b.*|"
    r"(?=.*\d{1,2}:\d{2})\S.{0,80}\s+(?:says|said|wrote|commented|replied):?)$",
    re.I,
)

#: Sentences in which a site speaks about itself — its newsletter, cookies, comment
#: moderation, advertising disclosures — rather than report: never article prose.
SITE_PROSE = re.compile(
    r"\b(?:subscribe|sign\s+up|register)\s+(?:to|for|now|today|here)\b.{0,40}\b(?:our|the|free)\b|"
    r"\bour\s+(?:\w+\s+)?(?:newsletters?|privacy\s+policy|cookie\s+policy|terms\s+of\s+(?:use|service)|"
    r"community\s+guidelines|comment(?:ing)?\s+polic(?:y|ies))\b|"
    r"\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b|\bprotected\s+by\s+recaptcha\b|"
    r"\bmay\s+(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation)\b|"
    r"\bcomments?\s+(?:are|is|will\s+be|may\s+be)\s+(?:moderated|reviewed|republished)\b|"
    r"\b(?:this|the)\s+(?:post|article|page)\s+(?:contains|may\s+contain|includes)\s+(?:affiliate\s+)?"
    r"(?:links|references)\b|\badvertising\s+disclos|\bby\s+(?:subscribing|signing\s+up|clicking)\b",
    re.I,
)

#: Weight of an end marker ("Related Stories", "Comments", "©  2019 …") in the body score:
#: the body run continues past one only when more than this many words of prose follow.
END_MARKER_WEIGHT = -40.0
#: Weight of a truncated teaser ("… .."), a "2 hours ago" line, a comment's "X says:"
#: line or a line that is only a date (a teaser list's time stamp).
TEASER_WEIGHT = -8.0
#: Weight of a line that is only a date: above the article it closes the header; after
#: article text it opens the next item of a teaser list (headline / author / date /
#: summary), which an article does not contain.
STAMP_WEIGHT = -40.0
#: Extra weight of each non-prose line from the third in a row on: a long stretch of
#: short lines (a menu, a list of headlines) separates runs of prose that a one- or
#: two-line subheading does not.
GAP_WEIGHT = -10.0


def is_stamp(line: str) -> bool:
    """A line that is only a date or date-time ("November 19, 2019 at 6:34 am",
    "11/20/2019 01:14 PM", "Wednesday November 20, 2019"), at most 12 words."""
    if len(line.split()) > 12 or not re.search(r"\d", line):
        return False
    rest = re.sub(r"[\d:/.,|•·()-]+|\b(?:at|on|am|pm|a\.m\.|p\.m\.|[A-Z]{2,4}|updated|published|posted)\b", " ",
                  line, flags=re.I)
    rest = re.sub(_MONTH_OR_DAY, " ", rest)
    return not rest.strip() and parse_datetime(line) is not None


_MONTH_OR_DAY = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|"
    r"wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b",
    re.I,
)


def line_weight(line: str) -> float:
    """How much ``line`` counts for (positive) or against (negative) the article run that
    holds it, in words.

    * prose (:func:`is_prose`): +its word count;
    * a short sentence (4–7 words, sentence-final punctuation, mostly lower-case): +half
      its word count;
    * noise (:data:`SKIP_LINES`: ads, share buttons, captions credits): 0 (dropped);
    * an end marker: :data:`END_MARKER_WEIGHT`; a teaser, "2 hours ago", a comment's
      "X says:" or a date-only line: :data:`TEASER_WEIGHT`;
    * any other line (menu items, headline links, bylines, labels, a site's notes about
      itself, :data:`SITE_PROSE`): −(1 + words/4).
    """
    if _is_noise(line):
        return 0.0
    if END_MARKERS.match(line) or SECTION_END.match(line) or COMMENT_COUNT.match(line):
        return END_MARKER_WEIGHT
    if is_stamp(line):
        return STAMP_WEIGHT
    if _TRUNCATED.search(line) or _TIME_AGO.match(line) or _COMMENT_META.match(line):
        return TEASER_WEIGHT
    words = _word_count(line)
    if parse_byline(line) is None and not _is_nav(line) and not SITE_PROSE.search(line):
        if is_prose(line):
            return float(words)
        if _is_quote_or_short_paragraph(line) and lowercase_ratio(line) >= 0.5:
            return words / 2
    return -(1.0 + words / 4)


def find_article(text: str) -> PageArticle:
    """Find the article in page text (lines; blank lines are ignored).

    The body is the run of lines with the greatest total :func:`line_weight` (the densest
    stretch of prose; maximum-sum segment), so short lines inside it — subheadings,
    one-line quotes, list items, an embedded tweet — are kept while menus, teaser lists
    and end markers around it are not; a long stretch of non-prose lines costs more per
    line (:data:`GAP_WEIGHT`), and nothing after a comment-section heading
    (:data:`SECTION_END`) that follows prose is considered. Inside the run, noise lines,
    bylines, flattened menus, end markers and teasers are dropped.

    Returns a :class:`PageArticle`; its ``paragraphs`` keep the page's paragraph breaks.
    """
    lines = [clean_line(line) for line in text.split("\n")]
    lines = join_broken_lines([line for line in lines if line])
    run = _best_run(lines)
    if run is None:
        return PageArticle((), _title(lines, len(lines)), _byline(lines, len(lines)), ())
    start, end = _after_header(lines, *run)
    body = [line for line in lines[start:end] if _keep_in_body(line)]
    return PageArticle(tuple(body), _title(lines, start, body), _byline(lines, start), _tags(lines, end))


#: How many lines at the head of the run may form an article header (headline, byline,
#: date, photo credit).
HEADER_LINES = 4
#: Longest line (in words) that can stand in that header: a headline or a one-sentence
#: standfirst ("The CEOs of Apple and Salesforce talk enterprise mobility, …").
HEADER_MAX_WORDS = 40


_OPEN_END = re.compile(r"[\w,;–—-]$")
_LOWER_START = re.compile(r"^[a-z\u00df-\u00ff\u0430-\u044f]")


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a sentence that the page's markup broke over lines (a ``<br>``, a link or a
    ``<span>`` styled as a block): a line of 3+ words that ends in a letter, digit,
    comma or dash is joined with a space to the next line when that one starts with a
    lower-case letter ("… to assist local" + "non-profit groups with their work.").
    Noise lines, end markers and bylines ("by Tom Rogan") are never joined."""
    out: list[str] = []
    for line in lines:
        if (out and _LOWER_START.match(line) and _OPEN_END.search(out[-1]) and len(out[-1].split()) >= 3
                and not _is_noise(line) and not _is_noise(out[-1]) and not END_MARKERS.match(out[-1])
                and not re.match(r"(?:by|posted|published|updated)\b", line, re.I)
                and parse_byline(line) is None):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _after_header(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """Move ``start`` past an article header caught at the head of the run: when one of
    its first :data:`HEADER_LINES` lines is a byline or a date line and every line before
    it has at most :data:`HEADER_MAX_WORDS` words, the lines up to it are the headline,
    the standfirst and the credits ("Anthony Lynn: “We needed to win this game”" / "Posted by
    Michael David Smith on November 19, 2019, 6:21 AM EST")."""
    header_end = None
    for i in range(start, min(start + HEADER_LINES, end)):
        line = lines[i]
        if parse_byline(line) is not None or is_stamp(line):
            header_end = i
        elif len(line.split()) > HEADER_MAX_WORDS:
            break
    if header_end is None:
        return start, end
    return header_end + 1, end


def _keep_in_body(line: str) -> bool:
    return not (_is_noise(line) or _is_nav(line) or END_MARKERS.match(line) or SECTION_END.match(line)
                or COMMENT_COUNT.match(line) or SITE_PROSE.search(line)
                or _TRUNCATED.search(line) or _COMMENT_META.match(line) or parse_byline(line) is not None)


#: Lines of at least this many words that a page prints more than once are photo
#: captions, teasers or headlines, not article paragraphs.
REPEATED_MIN_WORDS = 15


def _repeated_lines(lines: list[str]) -> set[str]:
    """Lines of :data:`REPEATED_MIN_WORDS`+ words that occur more than once on the page."""
    seen: set[str] = set()
    out: set[str] = set()
    for line in lines:
        if len(line.split()) >= REPEATED_MIN_WORDS:
            (out if line in seen else seen).add(line)
    return out


def _best_run(lines: list[str]) -> tuple[int, int] | None:
    """``[start, end)`` line indices of the maximum-weight run that holds at least one
    prose line, or ``None`` when the page has no prose line."""
    best: tuple[float, int, int] | None = None
    total, start, gap = 0.0, 0, 0
    repeated = _repeated_lines(lines)
    for i, line in enumerate(lines):
        if best is not None and total > 0 and best[1] == start and (
                (best[0] >= SECTION_END_AFTER and SECTION_END.match(line))
                or (COMMENT_COUNT.match(line) and (best[0] >= COMMENT_COUNT_AFTER or (
                    best[0] >= SECTION_END_AFTER and i + 1 < len(lines)
                    and _COMMENT_META.match(lines[i + 1]))))):
            break
        w = TEASER_WEIGHT if line in repeated else line_weight(line)
        if w < 0:
            gap += 1
            if gap >= 3:
                w += GAP_WEIGHT
        elif w > 0:
            gap = 0
        if total <= 0:
            if w <= 0:
                continue
            total, start = 0.0, i
        total += w
        if total > 0 and w > 0 and (best is None or total > best[0]):
            best = (total, start, i + 1)
    if best is None:
        return None
    _, start, end = best
    if not any(is_prose(line) for line in lines[start:end]):
        return None
    return start, end


def _is_quote_or_short_paragraph(line: str) -> bool:
    """Short article paragraphs: a quoted sentence, or 4+ words ending a sentence."""
    if _TRUNCATED.search(line):
        return False
    words = len(line.split())
    return words >= 4 and _SENTENCE_END.search(line) is not None and not _is_nav(line)


#: Interface text that is never a headline.
_UI_LINES = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|click\s+to\s+copy|search|menu|home|sign\s+in|log\s*in|"
    r"subscribe(?:\s+now)?|close|open\s+menu|toggle\s+navigation|watch\s+live|listen)$",
    re.I,
)


#: How far above the body a headline may stand, in lines (share bars, bylines, photo
#: credits and standfirsts sit between them).
TITLE_WINDOW = 40


def _title_candidates(lines: list[str], start: int) -> list[tuple[int, str]]:
    return [
        (i, line) for i, line in enumerate(lines[:start])
        if not (parse_byline(line) or _is_noise(line) or _is_nav(line) or END_MARKERS.match(line)
                or SECTION_END.match(line) or COMMENT_COUNT.match(line) or _COMMENT_META.match(line)
                or _UI_LINES.match(line) or "  " in line or "»" in line or is_stamp(line))
        and 3 <= len(line.split()) <= 30
    ]


#: A date with day, month and year ("Nov 19, 2019", "19 November 2019", "11/19/19",
#: "2019-11-19"): headlines do not carry one, bylines and time stamps do.
_FULL_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\s*(?:am|pm)\b",
    re.I,
)


def is_headline_like(line: str) -> bool:
    """A line that can be a headline: 4–30 words (or a CJK line of 8+ characters) that
    does not end like a sentence of running text (a final ``.`` after a lower-case word,
    or ``:``), holds no ``©`` and is not a truncated teaser.

    >>> is_headline_like("Julian Assange: Sweden drops rape investigation")
    True
    >>> is_headline_like("These are external links and will open in a new window")
    True
    >>> is_headline_like("Read more about sharing.")
    False
    """
    words = _word_count(line)
    if not 4 <= words <= 30 or "©" in line or _TRUNCATED.search(line) or _FULL_DATE.search(line):
        return False
    return re.search(r"[a-z\u00df-\u024f\u0430-\u044f]{2,}[.:]$|:$", line) is None


def _title(lines: list[str], start: int, body: list[str] | tuple[str, ...] = ()) -> str | None:
    """The headline among the lines before the body that are 3–30 words and not a byline,
    date, navigation, interface text or noise.

    Headline-like lines (:func:`is_headline_like`) within :data:`TITLE_WINDOW` lines above
    the body are scored: the share of their content words that recur in the first
    ``body`` paragraphs, +0.3/+0.2/+0.1 for the nearest three, +0.3 when the page prints
    the line twice (sites repeat the headline), +0.3 when it matches a ``<title>``-like
    first line ("Headline - Site", :func:`_page_title_words`). The best scoring at least
    :data:`TITLE_MIN_OVERLAP` wins, in its first printed form. Otherwise: a repeated line
    of 4+ words; else the nearest headline-like line; else the longest candidate."""
    cands = _title_candidates(lines, start)
    if not cands:
        return None
    first_form: dict[str, str] = {}
    repeated: list[str] = []
    for _, line in cands:
        key = line.casefold()
        if key in first_form and len(line.split()) >= 4:
            repeated.append(key)
        first_form.setdefault(key, line)
    near = [(i, line) for i, line in cands if i >= start - TITLE_WINDOW and is_headline_like(line)]
    vocab = _content_words(" ".join(body[:4]))
    page_title = _page_title_words(lines[0]) if lines else set()
    scored = [(_overlap(line, vocab) + max(0.0, 0.3 - 0.1 * rank)
               + (0.3 if line.casefold() in repeated else 0.0)
               + (0.3 if i > 0 and page_title and _overlap(line, page_title) >= 0.8 else 0.0), i, line)
              for rank, (i, line) in enumerate(reversed(near))]
    scored = [c for c in scored if c[0] >= TITLE_MIN_OVERLAP + 0.3]
    if scored:
        return first_form[max(scored)[2].casefold()]
    if repeated:
        return first_form[repeated[0]]
    if near:
        return near[-1][1]
    return max(cands, key=lambda c: len(c[1].split()))[1]


def _page_title_words(first_line: str) -> set[str]:
    """Content words of a ``<title>``-like first line ("Sweden drops Assange rape
    investigation - BBC News": a headline, then `` - ``, `` | `` or `` – `` and the site
    name), without the site name; empty when the line has no such separator."""
    parts = re.split(r"\s+[|–—-]\s+", first_line)
    if len(parts) < 2:
        return set()
    return _content_words(" ".join(parts[:-1]))


#: Share of a headline's content words that must recur in the first paragraphs for it to
#: be chosen on that ground (a photo credit or a menu label shares none).
TITLE_MIN_OVERLAP = 0.25


def _content_words(text: str) -> set[str]:
    """Lower-case words of 4+ letters (or CJK runs of 2+ characters) in ``text``; crude
    stems (final "s" dropped) so that "Plague"/"plagues" match."""
    words = re.findall(r"[^\W\d_]{4,}|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}", text.casefold())
    return {w[:-1] if w.endswith("s") else w for w in words}


def _overlap(line: str, vocab: set[str]) -> float:
    words = _content_words(line)
    return len(words & vocab) / len(words) if words else 0.0


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
