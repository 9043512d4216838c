"""Candidate finding: regular expressions built from the lexicons find time expressions and
turn each into a :class:`Frame` (what the text says, before anchoring on a date).

The rules are tried in the order of :func:`rules`, each only in windows around its
trigger words (:func:`triggers`); overlapping matches are settled by
:func:`find_candidates` (longest wins, then rule order). No rule calls a parser library:
this is the fast path that runs on every article. Word lists come from
``whimbrel/annotate/data/timex_*.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable

from whimbrel.annotate.timex.lexicon import alternation, lexicon


@dataclass(frozen=True)
class Frame:
    """What a time expression says, unanchored.

    ``kind`` names the rule family (``"date"``, ``"numeric"``, ``"weekday"``, ``"month"``,
    ``"deictic"``, ``"relunit"``, ``"ago"``, ``"anaphor"``, ``"time"``, ``"year"``,
    ``"decade"``, ``"century"``, ``"season"``, ``"quarter"``, ``"relquarter"``, ``"half"``,
    ``"holiday"``, ``"ref"``, ``"duration"``, ``"set"``); ``f`` holds its slots (``year``, ``month``, ``day``, ``weekday``, ``rel``,
    ``unit``, ``n``, ``mod``, ``pod``, ``hour``, ``minute``, ``tail``...).
    """

    kind: str
    f: dict[str, Any] = field(default_factory=dict)
    #: TIMEX3 scope: "calendar" frames are placed on a calendar; "timeml" frames (durations,
    #: sets, PRESENT_REF/PAST_REF/FUTURE_REF) are only produced for TimeML evaluation.
    scope: str = "calendar"


@dataclass(frozen=True)
class Candidate:
    """A matched span ``[start, end)`` of the text, its frame and the rank of its rule."""

    start: int
    end: int
    frame: Frame
    rank: int


# --------------------------------------------------------------------------- patterns

def _num_value(word: str) -> float | None:
    lex = lexicon()
    w = re.sub(r"\s+", " ", word.lower())
    if w.isdigit():
        return float(w)
    if w in lex.numbers:
        return lex.numbers[w]
    if "-" in w:
        a, _, b = w.partition("-")
        if a in lex.numbers and b in lex.numbers:
            return lex.numbers[a] + lex.numbers[b]
    return None


@cache
def _parts() -> dict[str, str]:
    lex = lexicon()
    full_months = {m: max((w for w in lex.months if lex.months[w] == m), key=len) for m in range(1, 13)}
    # an abbreviation without its full stop must be followed by a day number ("Jan 5"; not
    # "Jan Kavan")
    abbrevs = [w for w in lex.months if w not in full_months.values()]
    month = "(?:" + alternation(full_months.values(), capitalised=True) + "|" + alternation(
        abbrevs, capitalised=True) + r"(?:\.|(?=\s+\d))" + ")"
    full_weekdays = [w for w in lex.weekdays if len(w) > 4]
    abbrev_weekdays = [w for w in lex.weekdays if len(w) == 4]  # Tues, Thur (need a dot)
    weekday = "(?:" + alternation(full_weekdays, capitalised=True) + "|" + "|".join(
        f"{w.title()}\\." for w in abbrev_weekdays) + ")"
    nums = [w for w in lex.numbers if " " not in w and w not in ("a", "an", "hundred")]
    numword = alternation(nums)
    ordword = alternation(lex.ordinals)
    units = alternation([u for u in lex.units if u not in ("fortnight",)])
    season = alternation(lex.seasons)
    pod = alternation(lex.parts_of_day)
    mods = alternation(lex.modifiers)
    tz = "(?:" + "|".join(sorted(lex.timezones, key=len, reverse=True)) + ")"
    holiday = alternation(lex.holidays)
    return {
        "MONTH": month,
        "WEEKDAY": weekday,
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d)",
        "NUMWORD": numword,
        "ORDWORD": ordword,
        "COUNT": rf"(?<![\w.,])(?:\d+(?:\.\d+)?|{numword}(?:-{numword})?|(?i:a|an|a\s+few|several|a\s+couple\s+of|few|many))",
        "UNIT": units,
        "SEASON": season,
        "POD": pod,
        "MOD": mods,
        "TZ": tz,
        "HOLIDAY": holiday,
        "REL": r"(?<!\w)(?i:this\s+past|this\s+coming|the\s+coming|the\s+past|the\s+previous|this|last|next|past|coming|previous|current)",
    }


def _c(pattern: str) -> re.Pattern[str]:
    p = _parts()
    for k, v in p.items():
        pattern = pattern.replace("{" + k + "}", v)
    return re.compile(pattern, re.VERBOSE)


def _lower(s: str | None) -> str | None:
    return re.sub(r"\s+", " ", s.lower()) if s else None


def _month(s: str) -> int:
    return lexicon().months[s.lower().rstrip(".")]


def _weekday(s: str) -> int:
    return lexicon().weekdays[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _year(s: str) -> int:
    return int(s)


def _mod(s: str | None) -> str | None:
    if not s:
        return None
    s = _lower(s).rstrip("- ")
    return lexicon().modifiers.get(s)


def _rel(s: str | None) -> str | None:
    """Normalise a relative determiner: "last"/"this past"/"past"/"previous" -> "last",
    "next"/"this coming"/"coming" -> "next", "this"/"current" -> "this"."""
    if not s:
        return None
    s = _lower(s)
    s = s.removeprefix("the ")
    return {"this past": "last", "past": "last", "previous": "last", "last": "last",
            "next": "next", "this coming": "next", "coming": "coming",
            "this": "this", "current": "this"}[s]


def _pod(s: str | None) -> str | None:
    return lexicon().parts_of_day.get(_lower(s)) if s else None


# Each rule: (name, compiled regex, builder(match) -> Frame | None, preposition-friendly)
Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str]], Frame | None], bool]


@cache
def triggers() -> dict[str, frozenset[str]]:
    """Per rule, the lower-case words of which at least one must occur in a text for the
    rule to be tried at all (``"#"`` stands for any digit). A cheap gate: most rules never
    fire on most articles, and a full regex scan costs far more than a word set."""
    lex = lexicon()
    months = set(lex.months)
    weekdays = set(lex.weekdays)
    units = set(lex.units)
    mods = {w for p in lex.modifiers for w in p.split() if w not in ("the", "of")}
    holidays = {p.split()[0].split("'")[0] for p in lex.holidays}
    t = {
        "iso": {"#"}, "numeric": {"#"}, "time": {"#", "noon", "midnight"},
        "mdy": months, "dmy": months, "modified": mods, "late_on": {"early", "late"},
        "mod_in": {"earlier", "later", "early", "late"}, "my": months, "relmonth": months,
        "season": set(lex.seasons), "the_season": set(lex.seasons), "decade": {"#"}, "decade2": {"#"}, "century": {"century"},
        "late_deictic": {"early", "late"}, "half": {"half"}, "quarter": {"quarter", "q"},
        "relquarter": {"quarter", "period"}, "spelled_year": {"nineteen", "eighteen", "thousand"},
        "deictic": {"yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"},
        "weekday": weekdays, "ago": {"ago", "earlier", "later", "before", "after", "now", "previously"},
        "in_n": {"day", "days", "week", "weeks", "month", "months", "year", "years"},
        "anaphor": {"day", "morning", "afternoon", "evening", "night", "week", "month", "year"},
        "relunit": {"week", "weekend", "month", "year", "decade", "century", "quarter"},
        "year_ago": {"earlier", "ago"}, "the_weekend": {"weekend"}, "holiday": holidays, "month": months, "year": {"#"},
        "ref": {"now", "currently", "current", "present", "presently", "nowadays", "these",
                "recently", "lately", "past", "future", "recent"},
        "set": {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "each", "every", "per"},
        "duration": units, "duration_bare": {"years", "months", "weeks", "decades", "days"},
    }
    return {k: frozenset(v) for k, v in t.items()}


_WORDS = re.compile(r"[a-z]+|\d+")
#: a window around each trigger word, in characters: no rule's match reaches farther
#: from its trigger than this (checked by a test against a whole-text scan)
_LEFT, _RIGHT = 80, 120


def _word_positions(text: str) -> dict[str, list[int]]:
    """Lower-case word (digits: ``"#"``) -> start offsets, for the trigger gate."""
    where: dict[str, list[int]] = {}
    for m in _WORDS.finditer(text.lower()):
        w = m.group()
        where.setdefault("#" if w[0].isdigit() else w, []).append(m.start())
    return where


def _scan(rx: re.Pattern[str], text: str, where: dict[str, list[int]], gate: frozenset[str] | None):
    """Matches of ``rx`` in ``text``: over the whole text when the rule has no gate, else
    only in windows around its trigger words (merged), each match re-run on the whole text
    from its start so that no window cuts it short."""
    if gate is None:
        yield from rx.finditer(text)
        return
    pos = sorted(p for w in gate if w in where for p in where[w])
    if not pos:
        return
    windows: list[list[int]] = []
    for p in pos:
        lo, hi = max(0, p - _LEFT), min(len(text), p + _RIGHT)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    last_end = -1
    for lo, hi in windows:
        for m in rx.finditer(text, lo, hi):
            if m.start() < last_end:
                continue
            if m.end() >= hi - 1:
                full = rx.match(text, m.start())
                if full is not None:
                    m = full
            last_end = m.end()
            yield m


@cache
def _not_dates() -> re.Pattern[str]:
    """Names holding a date word that are no time expression ("Good Friday Agreement",
    "Sunday Times", "Arab Spring"), from ``timex_not_dates.tsv``; case-sensitive."""
    phrases = sorted(lexicon().not_dates, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b")


@cache
def rules() -> tuple[Rule, ...]:
    """The candidate rules, most specific first."""
    r: list[Rule] = []

    def add(name: str, pattern: str, build, prep: bool = True) -> None:
        r.append((name, _c(pattern), build, prep))

    # ISO 8601 date / date-time: 2023-05-05, 2023-05-05T08:30
    add("iso", r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:[T\s](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d))?\b",
        lambda m: Frame("time" if m["H"] else "date", {"year": int(m["y"]), "month": int(m["m"]), "day": int(m["d"]),
                                                       "hour": int(m["H"]) if m["H"] else None,
                                                       "minute": int(m["M"]) if m["M"] else None}))
    # Numeric dates 5/5/2023, 05.05.2023 (order decided at resolution by the locale hint)
    add("numeric", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
        lambda m: Frame("numeric", {"a": int(m["a"]), "b": int(m["b"]), "year": _fix_year(m["y"]),
                                    "sep": m["sep"]}))
    # Times of day, optionally with the day they belong to
    time_core = (r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am\b|pm\b))"
                 r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:]|[.,]\d)"
                 r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s*(?=(?:hrs|hours|GMT|UTC|Z)\b)"
                 r"|(?<!\w)(?P<named>(?i:noon|midnight))(?!\w))")
    time_tail = (r"(?:\s*(?P<lt>(?i:local\s+time))|\s*(?P<tz>{TZ})\b)?"
                 r"(?:\s*\(?(?P<tz2>{TZ})\)?)?"
                 r"(?:\s+(?i:on\s+)?(?P<twd>{WEEKDAY})(?:,?\s+(?P<tmo>{MONTH})\s+(?P<tday>{DAY}))?"
                 r"|(?:\s+(?i:on\s+)|,?\s+)(?P<tmo2>{MONTH})\s+(?P<tday2>{DAY})"
                 r"|\s+(?P<tdeic>(?i:yesterday|today|tomorrow)))?")
    add("time", r"(?<![\d:.])(?:(?i:around|about|at)\s+)?" + time_core + time_tail, _build_time, prep=False)
    # Weekday, Month Day, Year  /  Month Day(, Year)  /  Month Day, last year
    add("mdy", r"(?:\b(?P<rel>(?i:last|this|next|this\s+past|this\s+coming))\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mo>{MONTH})\s+(?P<d>{DAY})"
               r"(?:(?:,\s*|\s+)(?:(?P<y>{YEAR})\b|(?P<ry>(?i:last|this|next))\s+(?i:year)))?(?!\s*(?:%|\d))",
        lambda m: Frame("date", {"month": _month(m["mo"]), "day": _day(m["d"]),
                                 "year": int(m["y"]) if m["y"] else None,
                                 "yrel": _rel(m["ry"]), "rel": _rel(m["rel"]),
                                 "weekday": _weekday(m["wd"]) if m["wd"] else None}))
    # (Weekday,) (the) 5th (of) May(, 2023)
    add("dmy", r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:\b(?i:the)\s+)?(?<![\d.,:])(?P<d>{DAY})\s+(?:(?i:of)\s+)?(?P<mo>{MONTH})(?:,?\s*(?P<y>{YEAR})\b)?",
        lambda m: Frame("date", {"month": _month(m["mo"]), "day": _day(m["d"]),
                                 "year": int(m["y"]) if m["y"] else None, "dayfirst": True,
                                 "weekday": _weekday(m["wd"]) if m["wd"] else None}))
    # early/late/mid (this/last/next) Month (Year) | season | year | unit
    add("modified", r"(?P<mod>{MOD})[\s-]*(?:(?P<rel>{REL})\s+)?(?:"
                    r"(?P<mo>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"
                    r"|(?P<se>{SEASON})(?:\s+(?:(?i:of)\s+)?(?P<sy>{YEAR})\b)?"
                    r"|(?P<yr>{YEAR})\b"
                    r"|(?P<dec>(?:1[6-9]|20)\d0)(?i:s)"
                    r"|(?:(?i:the)\s+)?(?P<unit>(?i:week|month|year|decade|century|quarter))\b)",
        _build_modified, prep=False)
    add("late_on", r"\b(?P<mod>(?i:early|late))\s+(?i:on\s+)?(?P<wd>{WEEKDAY})",
        lambda m: Frame("weekday", {"weekday": _weekday(m["wd"]), "rel": None, "mod": _mod(m["mod"])}), prep=False)
    add("mod_in", r"\b(?P<el>(?i:earlier|later|early|late))\s+(?i:in|during)\s+the\s+(?P<unit>(?i:week|month|year|day))\b",
        lambda m: Frame("relunit", {"unit": m["unit"].lower(), "rel": "this", "anaphoric": m["unit"].lower() == "day",
                                    "mod": _mod(m["el"]) if m["el"].lower() in ("early", "late") else None}), prep=False)
    # Month Year: August 2018, April, 2018
    add("my", r"(?P<mo>{MONTH}),?\s+(?:(?:(?i:of)\s+)?(?P<y>{YEAR})\b|(?P<ry>(?i:last|this|next))\s+(?i:year)\b)",
        lambda m: Frame("month", {"month": _month(m["mo"]), "year": int(m["y"]) if m["y"] else None,
                                  "yrel": _rel(m["ry"])}))
    # relative month: last October, this past December, this June
    add("relmonth", r"(?P<rel>{REL})\s+(?P<mo>{MONTH})(?!\.?\s+\d)",
        lambda m: Frame("month", {"month": _month(m["mo"]), "rel": _rel(m["rel"])}), prep=False)
    # seasons: (this/last/next) summer (of 2019) | summer 2019
    add("season", r"(?:(?P<rel>{REL})\s+(?P<se>{SEASON})(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR})\b)?"
                  r"|(?P<se2>{SEASON})\s+(?:(?i:of)\s+)?(?P<y2>{YEAR})\b)",
        lambda m: Frame("season", {"season": (m["se"] or m["se2"]).lower(), "rel": _rel(m["rel"]),
                                   "year": int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else None}), prep=False)
    # "the spring", "the summer of 1994": lower-case, so not "the Arab Spring"
    add("the_season", r"\b(?i:the)\s+(?P<se>spring|summer|fall|autumn|winter)(?:\s+(?i:of)\s+(?P<y>{YEAR})\b)?(?!\s+(?:of|season|semester|term|olympics|games|session)\b)",
        _build_the_season, prep=False)
    # decades and centuries
    add("decade", r"\b(?i:the\s+)(?:(?P<mod>(?i:early|late|mid))[\s-]*)?(?P<dec>(?:1[6-9]|20)\d0)(?:'?s)\b",
        lambda m: Frame("decade", {"decade": int(m["dec"]) // 10, "mod": _mod(m["mod"])}), prep=False)
    add("decade2", r"(?<![\w'])(?P<dec>(?:1[6-9]|20)\d0)s\b",
        lambda m: Frame("decade", {"decade": int(m["dec"]) // 10}))
    add("century", r"\b(?i:the\s+)(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>{ORDWORD}))[\s-]+(?i:century)\b",
        lambda m: Frame("century", {"century": int(m["n"]) if m["n"] else lexicon().ordinals[m["w"].lower()]}),
        prep=False)
    add("late_deictic", r"\b(?P<mod>(?i:early|late))\s+(?P<w>(?i:yesterday|today|tomorrow))\b",
        lambda m: Frame("deictic", {"days": {"yesterday": -1, "today": 0, "tomorrow": 1}[m["w"].lower()],
                                    "word": m["w"].lower(), "mod": _mod(m["mod"])}), prep=False)
    # halves: the first half of 1990, the second half of this year
    add("half", r"\b(?i:the\s+)?(?P<h>(?i:first|second|last|latter))\s+(?i:half)\s+(?i:of)\s+(?:(?P<y>{YEAR})\b|(?P<ry>(?i:this|last|next))\s+(?i:year)\b|(?i:the\s+year)\b)",
        lambda m: Frame("half", {"h": 1 if m["h"].lower() == "first" else 2, "year": int(m["y"]) if m["y"] else None,
                                 "yrel": _rel(m["ry"]) if m["ry"] else "this"}), prep=False)
    # quarters: the third quarter (of 1989), third-quarter, Q3, the 1988 second quarter,
    # this year's third quarter
    add("quarter", r"(?:\b(?i:the)\s+)?\b(?:(?P<y0>{YEAR})\s+|(?P<ry0>(?i:this|last|next))\s+(?i:year)'s\s+)?(?:(?i:fiscal)\s+)?(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?:(?i:fiscal)\s+)?(?i:quarter)"
                   r"(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?(?P<y>{YEAR})\b)?"
                   r"|\bQ(?P<q2>[1-4])\b(?:\s+(?P<y2>{YEAR})\b)?",
        lambda m: Frame("quarter", {"q": _quarter(m["q"] or m["q2"]),
                                    "year": int(m["y"] or m["y2"] or m["y0"]) if (m["y"] or m["y2"] or m["y0"]) else None,
                                    "yrel": _rel(m["ry0"]) if m["ry0"] else None}),
        prep=False)
    add("relquarter", r"\b(?i:the\s+(?:(?P<rel>latest|current|year-earlier|year-ago|previous|prior|same|comparable|(?:1[6-9]|20)\d\d)\s+)?(?:(?:fiscal|calendar)\s+)?quarter"
                      r"|the\s+(?P<rel2>latest|year-earlier|year-ago|comparable|(?:1[6-9]|20)\d\d)\s+period)\b",
        lambda m: Frame("relquarter", {"rel": (m["rel"] or m["rel2"] or "").lower()}), prep=False)
    # spelled-out years (broadcast transcripts): nineteen ninety-six, the year two thousand
    add("spelled_year", r"\b(?i:(?:the\s+year\s+)?(?P<c>nineteen|eighteen|twenty)\s+(?P<t>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?P<u>one|two|three|four|five|six|seven|eight|nine)\b)?|(?:the\s+year\s+)two\s+thousand(?:\s+and\s+(?P<u2>one|two|three|four|five|six|seven|eight|nine))?)\b",
        _build_spelled_year, prep=False)
    # deictic days: yesterday, today, tomorrow, tonight, this morning, last night
    add("deictic", r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight))"
                   r"(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?(?P<poss>'s)?"
                   r"|\b(?P<rel>(?i:this|last|yesterday|tomorrow))\s+(?P<pod2>(?i:morning|afternoon|evening|night))\b",
        _build_deictic, prep=False)
    # weekdays: (last/next/this) Monday('s) (night)
    add("weekday", r"(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY})(?P<poss>'s)?(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?",
        lambda m: Frame("weekday", {"weekday": _weekday(m["wd"]), "rel": _rel(m["rel"]), "pod": _pod(m["pod"]),
                                    "possessive": bool(m["poss"])}))
    # ago / earlier / later: three days ago, a year earlier
    add("ago", r"(?P<n>{COUNT})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>(?i:ago|earlier|later|(?P<bef>before|after)|from\s+now|previously))\b"
               r"(?(bef)(?=\s*(?:[,.;:)]|$))|(?!\s+(?i:the|that|this|a|an|it|he|she|they|we|its|his|her|their)\b))",
        _build_ago, prep=False)
    # in two days / within a week (future from the speech time)
    add("in_n", r"\b(?i:in)\s+(?P<n>{COUNT})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\b(?!\s+(?:of|ago|time)\b)",
        lambda m: Frame("ago", {"n": _num_value(m["n"]), "unit": _unit(m["unit"]), "dir": "in"}), prep=False)
    # anaphoric: the same day, the previous day, the next morning, later that day
    add("anaphor", r"(?:\b(?P<el>(?i:later|earlier))\s+)?\b(?P<the>(?i:the|that))\s+(?:(?P<rel>(?i:same|previous|following|next|prior))\s+)?"
                   r"(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))\b"
                   r"(?!\s+(?i:of|after|before|in|when|that|which|to|and|or|he|she|they|it)\b)",
        _build_anaphor, prep=False)
    # this/last/next week, earlier this month, the coming week, this weekend, last year's
    add("relunit", r"(?:\b(?P<el>(?i:earlier|later))\s+)?(?P<rel>{REL})\s+(?P<unit>(?i:weekend|week|month|year|decade|century|quarter))\b(?P<poss>'s)?"
                   r"(?!-)",
        _build_relunit, prep=False)
    # "over the weekend": the weekend nearest the anchor in the clause's tense
    add("the_weekend", r"\b(?i:the\s+weekend)\b(?!\s+(?i:of|before|after)\b)",
        lambda m: Frame("relunit", {"unit": "weekend", "rel": None}), prep=False)
    add("year_ago", r"\b(?i:(?P<w>year|month|week)-(?:earlier|ago))\b",
        lambda m: Frame("ago", {"n": 1.0, "unit": m["w"].lower(), "dir": "ago"}), prep=False)
    add("holiday", r"(?:(?P<rel>{REL})\s+)?(?P<h>{HOLIDAY})\b",
        lambda m: Frame("holiday", {"name": _lower(m["h"]), "rel": _rel(m["rel"])}), prep=False)
    # month alone: in February, January
    add("month", r"(?P<mo>{MONTH})(?!\s*\d)",
        lambda m: None if m["mo"] in ("May", "MAY", "March", "MARCH") and _modal_may(m) else
        Frame("month", {"month": _month(m["mo"])}))
    # years: in 2016, fiscal 1989, 1994
    add("year", r"(?:(?P<fy>(?i:fiscal|calendar|the\s+year|fy))\s*)?(?<![\w$€£.,:/-])(?P<y>{YEAR})\b(?!\s*(?:%|-\d|(?i:percent|per\s+cent)|\.\d))"
             # a 24-hour clock time before a weekday or a time zone is no year: "(2024 Friday, UTC)"
             r"(?!(?:\s+(?:{WEEKDAY}),?)?\s*(?:UTC|GMT|[ECMP][SD]T|hrs|(?i:hours))\b)",
        _build_year)
    # ---- TimeML-only (durations, sets, generic references)
    add("ref", r"\b(?P<w>(?i:now|currently|current|at\s+present|presently|nowadays|these\s+days|recently|lately|the\s+past|the\s+future|(?:recent|past)\s+(?:years|months|weeks|days)))\b",
        _build_ref, prep=False)
    add("set", r"\b(?P<w>(?i:daily|weekly|monthly|annually|yearly|hourly|each\s+year|every\s+(?:day|week|month|year|quarter)|each\s+(?:day|week|month|quarter)|per\s+(?:day|year)))\b",
        _build_set, prep=False)
    add("duration", r"(?:\b(?P<the>(?i:the|its))\s+)?(?:\b(?P<rel>(?i:past|last|next|first|coming|previous|latest|following))\s+)?"
                    r"(?P<n>{COUNT})[\s-]+(?P<unit>{UNIT})(?P<long>-long)?\b(?!-old|\s+old\b)",
        _build_duration, prep=False)
    add("duration_bare", r"(?<!\d\s)(?<!\d-)\b(?P<w>(?i:(?:coming|next\s+few|past\s+few|several)\s+(?:years|months|weeks|days)|years|months|weeks|decades))\b(?![\s-]+old\b)",
        lambda m: Frame("duration", {"n": None, "unit": m["w"].lower().split()[-1]}, scope="timeml"), prep=False)
    return tuple(r)


#: Words after which a bare "May" is the month.
_MONTH_INTRODUCERS = frozenset(
    "in on since until till from by early late mid last next this that of through before after during "
    "throughout between and or to around about".split())


def _modal_may(m: re.Match[str]) -> bool:
    """Whether a capitalised "May"/"March" is the modal verb / noun rather than the month:
    sentence-initial "May" followed by a lowercase word that is not a year or day."""
    s = m.string
    i = m.start()
    before = s[max(0, i - 3):i]
    after = s[m.end():m.end() + 20]
    if m["mo"].lower() == "may":
        # a bare "May" (no day or year after it) is the month only after a word that
        # introduces a time ("in May", "early May", "since May", "of May"); otherwise it is
        # the modal ("May God protect them") or the name ("Theresa May", "said May should")
        j = m.start("mo")
        prev = re.search(r"([A-Za-z]+)[\s,]+$", s[max(0, j - 24):j])
        return not (prev and prev.group(1).lower() in _MONTH_INTRODUCERS)
    return bool(re.match(r"\s+(?:on|to|of|for|against|through)\b", after)) and not before.lower().endswith("in ")


def _fix_year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        v += 1900 if v >= 50 else 2000
    return v


def _quarter(q: str) -> int:
    q = q.lower()
    return {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(q) or int(q)


def _unit(u: str) -> str:
    u = u.lower()
    return lexicon().units[u][0]


def _build_time(m: re.Match[str]) -> Frame:
    if m["named"]:
        hour, minute = (12, 0) if m["named"].lower() == "noon" else (0, 0)
    elif m["h"] is not None:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ap = m["ap"].lower().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
    elif m["h2"] is not None:
        hour, minute = int(m["h2"]), int(m["mi2"])
    else:
        hour, minute = int(m["h3"]), int(m["mi3"])
    tail = None
    if m["twd"]:
        tail = Frame("weekday", {"weekday": _weekday(m["twd"]), "rel": None})
        if m["tmo"]:
            tail = Frame("date", {"month": _month(m["tmo"]), "day": _day(m["tday"]), "year": None})
    elif m["tmo2"]:
        tail = Frame("date", {"month": _month(m["tmo2"]), "day": _day(m["tday2"]), "year": None})
    elif m["tdeic"]:
        tail = Frame("deictic", {"days": {"yesterday": -1, "today": 0, "tomorrow": 1}[m["tdeic"].lower()]})
    return Frame("time", {"hour": hour, "minute": minute, "tail": tail})


def _build_modified(m: re.Match[str]) -> Frame | None:
    mod = _mod(m["mod"])
    rel = _rel(m["rel"])
    if m["mo"]:
        return Frame("month", {"month": _month(m["mo"]), "year": int(m["y"]) if m["y"] else None, "rel": rel, "mod": mod})
    if m["se"]:
        return Frame("season", {"season": m["se"].lower(), "rel": rel, "year": int(m["sy"]) if m["sy"] else None, "mod": mod})
    if m["yr"]:
        return Frame("year", {"year": int(m["yr"]), "mod": mod})
    if m["dec"]:
        return Frame("decade", {"decade": int(m["dec"]) // 10, "mod": mod})
    unit = m["unit"].lower()
    return Frame("relunit", {"unit": unit, "rel": rel or "this", "mod": mod})


def _build_deictic(m: re.Match[str]) -> Frame:
    if m["w"]:
        w = _lower(m["w"])
        days = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
                "the day before yesterday": -2, "the day after tomorrow": 2}[w]
        pod = _pod(m["pod"]) or ("NI" if w == "tonight" else None)
        return Frame("deictic", {"days": days, "pod": pod, "word": w})
    rel = m["rel"].lower()
    pod = _pod(m["pod2"])
    days = {"this": 0, "yesterday": -1, "tomorrow": 1}.get(rel)
    if rel == "last":
        days = -1 if pod in ("NI", "EV") else 0
    return Frame("deictic", {"days": days, "pod": pod, "word": rel})


def _build_ago(m: re.Match[str]) -> Frame | None:
    n = _num_value(m["n"])
    if n is not None and n != int(n):
        return None
    d = m["dir"].lower()
    direction = {"ago": "ago", "earlier": "earlier", "before": "earlier", "previously": "earlier",
                 "later": "later", "after": "later"}.get(d, "in")
    return Frame("ago", {"n": n, "unit": _unit(m["unit"]), "dir": direction})


def _build_anaphor(m: re.Match[str]) -> Frame | None:
    rel = (m["rel"] or "").lower()
    unit = m["unit"].lower()
    the = m["the"].lower()
    if not rel and the == "the":
        return None  # "the day", "the week": too vague
    if unit in ("week", "month", "year") and rel in ("", "same"):
        return None if the == "the" and not rel else Frame("anaphor", {"unit": unit, "offset": 0})
    offset = {"same": 0, "": 0, "previous": -1, "prior": -1, "following": 1, "next": 1}[rel]
    pod = lexicon().parts_of_day.get(unit)
    if pod:
        unit = "day"
    return Frame("anaphor", {"unit": unit, "offset": offset, "pod": pod})


def _build_relunit(m: re.Match[str]) -> Frame:
    raw = _lower(m["rel"])
    rel = _rel(raw)
    unit = m["unit"].lower()
    if raw in ("the past", "the previous", "past") and unit not in ("weekend",):
        # "the past week" is a duration (TimeML) except when it names a calendar unit
        return Frame("duration", {"n": 1.0, "unit": unit}, scope="timeml")
    return Frame("relunit", {"unit": unit, "rel": rel})


#: words after a four-digit number that make it a count, not a year ("2000 people");
#: plural nouns count too ("1500 troops"), except these words ending in -s
_COUNT_NOUNS = frozenset({"people", "men", "women", "children", "feet", "km", "miles", "metres",
                          "meters", "tons", "tonnes", "police", "staff", "personnel"})
_NOT_PLURALS = frozenset({"this", "thus", "plus", "whereas", "always", "perhaps", "across", "unless",
                          "elections", "olympics", "games", "finals", "series", "champions", "polls"})


def _build_year(m: re.Match[str]) -> Frame | None:
    s = m.string
    y = int(m["y"])
    after = s[m.end():m.end() + 30]
    before = s[max(0, m.start() - 12):m.start()]
    if not m["fy"]:
        # a count, not a year: "2000 people", "about 1500 troops", "1,800 km"
        nxt = re.match(r"\s+([a-z]+)\b", after)
        if nxt and (nxt.group(1) in _COUNT_NOUNS or (nxt.group(1).endswith("s") and len(nxt.group(1)) > 3
                                                     and nxt.group(1) not in _NOT_PLURALS)):
            return None
        if re.search(r"(?i:about|some|nearly|almost|around|than|over|under|least|of|by|to)\s+$", before) and y < 1900:
            return None
    return Frame("year", {"year": y})


def _build_the_season(m: re.Match[str]) -> Frame | None:
    season = m["se"].lower()
    if season == "fall" and not m["y"]:
        # "the fall" is a season only as a time adjunct ("in the fall"), not "led the fall in stocks"
        if not re.search(r"(?i:\b(?:in|during|by|until|since|through|over)\s+)$", m.string[max(0, m.start() - 10):m.start()]):
            return None
    return Frame("season", {"season": season, "rel": None, "year": int(m["y"]) if m["y"] else None})


def _build_spelled_year(m: re.Match[str]) -> Frame | None:
    nums = lexicon().numbers
    if m["c"]:
        y = int(nums[m["c"].lower()]) * 100 + int(nums[m["t"].lower()]) + (int(nums[m["u"].lower()]) if m["u"] else 0)
    else:
        y = 2000 + (int(nums[m["u2"].lower()]) if m["u2"] else 0)
    return Frame("year", {"year": y})


def _build_ref(m: re.Match[str]) -> Frame:
    w = _lower(m["w"])
    if w.startswith(("recent ", "past ")):
        return Frame("ref", {"value": "PAST_REF"}, scope="timeml")
    if w in ("now", "currently", "current", "at present", "presently", "nowadays", "these days"):
        v = "PRESENT_REF"
    elif w in ("soon", "the future", "future", "eventually"):
        v = "FUTURE_REF"
    else:
        v = "PAST_REF"
    return Frame("ref", {"value": v}, scope="timeml")


def _build_set(m: re.Match[str]) -> Frame:
    w = _lower(m["w"])
    unit = {"daily": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y", "hourly": "TH"}.get(w)
    if unit is None:
        unit = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}[w.split()[-1]]
    return Frame("set", {"value": f"P1{unit}" if not unit.startswith("T") else "PT1H"}, scope="timeml")


def _build_duration(m: re.Match[str]) -> Frame | None:
    n = _num_value(m["n"]) if not re.match(r"(?i:a\s+few|several|few|many|a\s+couple\s+of)", m["n"]) else None
    unit = _unit(m["unit"])
    if unit == "quarter" and "-" in m.group() and m["unit"].lower().endswith("s"):
        return None  # "three-quarters of its food": a fraction
    if re.match(r"(?i:a\s+couple\s+of)", m["n"]):
        n = 2.0
    return Frame("duration", {"n": n, "unit": unit}, scope="timeml")


# --------------------------------------------------------------------------- selection

#: rules whose frames are all TimeML-scope (durations, sets, generic references). They are
#: skipped in calendar scope; "for three days" then yields no DATE anyway, because no
#: calendar rule matches a bare count of units.
_TIMEML_ONLY = frozenset({"ref", "set", "duration_bare"})

_PREP = re.compile(r"(?i:\b(on|in|since|until|from))\s+$")


def find_candidates(text: str, *, scope: str = "calendar") -> list[Candidate]:
    """All non-overlapping candidate time expressions of ``text``, in text order.

    Overlaps are settled longest first, then by rule order. In ``scope="calendar"``
    durations, sets and generic references still compete for spans (so "for three days"
    does not yield a date) but are dropped afterwards.
    """
    found: list[Candidate] = []
    where = _word_positions(text)
    gates = triggers()
    for rank, (name, rx, build, prep) in enumerate(rules()):
        if scope == "calendar" and name in _TIMEML_ONLY:
            continue
        gate = gates.get(name)
        for m in _scan(rx, text, where, gate):
            if m.end() == m.start():
                continue
            frame = build(m)
            if frame is None:
                continue
            start, end = m.start(), m.end()
            # trim a leading "around/about/at" the time rule allows
            if name == "time":
                lead = re.match(r"(?i:around|about|at)\s+", m.group())
                if lead:
                    start += lead.end()
            if prep and not text.endswith(("'s", "’s"), start, end):  # "in [Sunday's attack]"
                pm = _PREP.search(text, max(0, start - 8), start)
                if pm:
                    start = pm.start(1)
            elif frame.kind == "anaphor" and frame.f.get("offset") == 0:
                pm = _PREP.search(text, max(0, start - 8), start)
                if pm and pm.group(1).lower() == "on":
                    start = pm.start(1)
            found.append(Candidate(start, end, frame, rank))
    found.sort(key=lambda c: (-(c.end - c.start), c.rank, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for c in found:
        if any(occupied[c.start:c.end]):
            continue
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    names = [(m.start(), m.end()) for m in _not_dates().finditer(text)]
    if names:
        taken = [c for c in taken if not any(a < c.end and c.start < b for a, b in names)]
    taken = [c for c in taken if not _in_title_name(text, c)]
    if scope == "calendar":
        taken = [c for c in taken if c.frame.scope == "calendar"]
    return taken


#: frame kinds whose words English writes in lower case ("this morning", "last week",
#: "today"); months, weekdays, holidays and numbers are capitalised or digits anyway
_LOWERCASE_KINDS = frozenset({"deictic", "relunit", "anaphor", "ago", "half", "relquarter",
                              "season", "ref", "time"})
_NAME_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z][\w&'’-]*|[A-Z0-9]{2,})[ \t]+$")


def _in_title_name(text: str, c: Candidate) -> bool:
    """Whether candidate ``c`` is part of a capitalised name: its first word is one English
    writes in lower case ("this", "today", "tonight", "last"), capitalised here, and a
    capitalised word stands right before it on the same line ("CBS This Morning", "USA
    Today", "The Tonight Show"). A sentence-initial "Today, ..." has no word before it."""
    if c.frame.kind not in _LOWERCASE_KINDS or not text[c.start:c.start + 1].isupper():
        return False
    return _NAME_BEFORE.search(text, max(0, c.start - 40), c.start) is not None
