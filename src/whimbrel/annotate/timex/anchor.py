"""Anchoring: turn a :class:`~whimbrel.annotate.timex.grammar.Frame` into a TIMEX3 value.

The rules (TimeML 1.2.1 annotation guidelines for the value format; the choice of day is
whimbrel's, see GUIDELINES.md "Time expressions"):

* Explicit dates keep the precision written: ``2023``, ``2023-02``, ``2023-05-05``,
  ``2023-05-05T08:30``; decades ``197`` ("the 1970s"), centuries ``20`` ("the 21st
  century"), quarters ``2023-Q3``, seasons ``2023-SU`` (TIMEX3 season codes), weeks
  ``2023-W18`` (ISO 8601 week).
* A bare weekday: ``tense="past"`` → the most recent such day on or before the anchor;
  ``"future"`` → the next such day on or after it; ``"present"`` → the nearest one (ties go
  to the past). "last Friday" is strictly before, "next Friday" strictly after; "this
  Friday" follows the tense.
* A month (or month and day) without a year: the one in the anchor's year, except that
  in a past-tense sentence a month after the anchor's month is last year's and in a
  future-tense sentence a month before it is next year's. "last October" is the most
  recent October before the anchor's month, "next October" the first after it.
* yesterday / today / tomorrow / tonight / this morning / last night, this/last/next
  week/month/year/quarter/decade: calendar arithmetic on the anchor. "earlier this week"
  is this week.
* "three days ago": anchor minus three days at day precision ("a year ago": year).
* Anaphora ("the same day", "the previous day", "the next morning", "two days later",
  "a year earlier") move from the *reference date*, the last day-precision date the text
  gave before this point; without one the value is ``None``.
* ``mod`` START/MID/END for early/mid/late and "the beginning/middle/end of".

The *anchor* is the publication date (DCT) except inside a direct quote, where deictic
words ("today", "last night", "in two days") are anchored on the reference date (the day
the quote was said, when the narrative gave it).
"""

from __future__ import annotations

from datetime import date, timedelta

from whimbrel.annotate.timex.grammar import Frame
from whimbrel.annotate.timex.lexicon import lexicon

#: value, mod, TIMEX3 type
Resolved = tuple[str | None, str | None, str]


def _d(x: date) -> str:
    return x.isoformat()


def _week(x: date) -> str:
    y, w, _ = x.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def weekday_date(anchor: date, weekday: int, rel: str | None, tense: str) -> date:
    """The date of ISO ``weekday`` (1=Monday) relative to ``anchor`` (rules above)."""
    back = (anchor.isoweekday() - weekday) % 7          # days back to the most recent on/before
    fwd = (weekday - anchor.isoweekday()) % 7           # days forward to the next on/after
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=fwd or 7)
    if tense == "future":
        return anchor + timedelta(days=fwd)
    if tense == "present" and fwd < back:
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back)


def month_year(anchor: date, month: int, rel: str | None, tense: str, day: int | None = None) -> int:
    """The year of ``month`` (and ``day``) written without a year (rules above)."""
    y = anchor.year
    key = (month, day or 0)
    now = (anchor.month, anchor.day if day else 0)
    if rel == "last":
        return y if (month < anchor.month if day is None else key < now) else y - 1
    if rel in ("next", "coming"):
        return y if (month > anchor.month if day is None else key > now) else y + 1
    if rel == "this":
        return y
    if tense == "past" and key > now:
        return y - 1
    if tense == "future" and key < now:
        return y + 1
    return y


def _season_year(anchor: date, first_month: int, rel: str | None, tense: str) -> int:
    cur = anchor.year * 12 + anchor.month - 1

    def start(y: int) -> int:
        return y * 12 + first_month - 1

    years = [anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1]
    if rel == "last":
        return max(y for y in years if start(y) + 2 < cur)
    if rel in ("next", "coming"):
        return min(y for y in years if start(y) > cur)
    if rel == "this":
        inside = [y for y in years if start(y) <= cur <= start(y) + 2]
        if inside:
            return inside[0]
        return anchor.year
    if tense == "future":
        return min(y for y in years if start(y) + 2 >= cur)
    return max(y for y in years if start(y) <= cur)


def _with_pod(day: str, pod: str | None, timeml: bool) -> str:
    # TBAQ gold mostly leaves the part of day off ("Wednesday night" -> 2000-01-05), and the
    # project gold does too; the day is what events need.
    return day


def anchor_frame(fr: Frame, *, dct: date | None, anchor: date | None, ref: date | None,
                 tense: str, dayfirst: bool, timeml: bool = False) -> Resolved:
    """Resolve one frame. ``dct`` is the publication date, ``anchor`` the date deictic
    words count from (DCT, or the speech date inside a quote), ``ref`` the reference date
    for anaphora (``None`` if the text gave none). Returns ``(value, mod, type)``."""
    f = fr.f
    k = fr.kind
    mod = f.get("mod")
    lex = lexicon()
    if k == "ref":
        return f["value"], None, "DATE"
    if k == "set":
        return f["value"], None, "SET"
    if k == "duration":
        n = f.get("n")
        iso = lex.units.get(f["unit"], (None, None))[1] or {"weekend": "WE"}.get(f["unit"], "X")
        num = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
        if iso == "WE":
            return "P1WE", None, "DURATION"
        if iso.startswith("T"):
            return f"PT{num}{iso[1:]}", None, "DURATION"
        if iso == "2W":
            return "P2W", None, "DURATION"
        return f"P{num}{iso}", None, "DURATION"
    if k == "year":
        return f"{f['year']:04d}", mod, "DATE"
    if k == "decade":
        return f"{f['decade']:03d}", mod, "DATE"
    if k == "century":
        return f"{f['century'] - 1:02d}", mod, "DATE"
    if k == "date":
        y = f.get("year")
        if y is None and f.get("yrel") and dct is not None:
            y = dct.year + {"last": -1, "this": 0, "next": 1}[f["yrel"]]
        if y is None:
            if anchor is None:
                return None, mod, "DATE"
            y = month_year(anchor, f["month"], f.get("rel"), tense, f["day"])
        try:
            return _d(date(y, f["month"], f["day"])), mod, "DATE"
        except ValueError:
            return None, mod, "DATE"
    if k == "numeric":
        a, b, y = f["a"], f["b"], f["year"]
        if a > 12 or (dayfirst and b <= 12):
            d_, m_ = a, b
        else:
            m_, d_ = a, b
        try:
            return _d(date(y, m_, d_)), None, "DATE"
        except ValueError:
            return None, None, "DATE"
    if k == "month":
        if f.get("year"):
            return f"{f['year']:04d}-{f['month']:02d}", mod, "DATE"
        if f.get("yrel") and dct is not None:
            return f"{dct.year + {'last': -1, 'this': 0, 'next': 1}[f['yrel']]:04d}-{f['month']:02d}", mod, "DATE"
        if anchor is None:
            return None, mod, "DATE"
        y = month_year(anchor, f["month"], f.get("rel"), tense)
        return f"{y:04d}-{f['month']:02d}", mod, "DATE"
    if k == "season":
        code, first = lex.seasons[f["season"]]
        if f.get("year"):
            return f"{f['year']:04d}-{code}", mod, "DATE"
        if anchor is None:
            return None, mod, "DATE"
        return f"{_season_year(anchor, first, f.get('rel'), tense):04d}-{code}", mod, "DATE"
    if k == "quarter":
        if f.get("year"):
            return f"{f['year']:04d}-Q{f['q']}", mod, "DATE"
        if anchor is None:
            return None, mod, "DATE"
        cq = (anchor.month - 1) // 3 + 1
        y = anchor.year - 1 if (tense != "future" and f["q"] > cq) else anchor.year
        return f"{y:04d}-Q{f['q']}", mod, "DATE"
    if k == "relquarter":
        if anchor is None:
            return None, None, "DATE"
        cq = (anchor.month - 1) // 3 + 1
        rel = f["rel"]
        qi = anchor.year * 4 + cq - 1
        if rel in ("latest", "current", "same", "comparable"):
            qi -= 0 if rel == "current" else 1
        elif rel in ("year-earlier", "year-ago"):
            qi -= 5
        elif rel in ("previous", "last"):
            qi -= 1
        elif rel == "first":
            qi = anchor.year * 4
        return f"{qi // 4:04d}-Q{qi % 4 + 1}", None, "DATE"
    if k == "holiday":
        if anchor is None:
            return None, mod, "DATE"
        m_, d_ = lex.holidays[f["name"]]
        y = month_year(anchor, m_, f.get("rel"), tense, d_)
        return _d(date(y, m_, d_)), mod, "DATE"
    if k == "weekday":
        if anchor is None:
            return None, mod, "DATE"
        rel = f.get("rel")
        if f.get("possessive") and rel is None:
            tense = "past"  # "Monday's meeting" reports a day gone by
        return _with_pod(_d(weekday_date(anchor, f["weekday"], rel, tense)), f.get("pod"), timeml), mod, "DATE"
    if k == "deictic":
        if anchor is None or f.get("days") is None:
            return None, mod, "DATE"
        day = anchor + timedelta(days=f["days"])
        return _with_pod(_d(day), f.get("pod"), timeml), mod, "DATE"
    if k == "relunit":
        base = ref if f.get("anaphoric") else anchor
        if base is None:
            return None, mod, "DATE"
        return _relunit(base, f["unit"], f.get("rel"), timeml), mod, "DATE"
    if k == "ago":
        base = anchor if f["dir"] in ("ago", "in") else ref
        if base is None or f.get("n") is None:
            return None, mod, "DATE"
        n = int(f["n"])
        if timeml and f["dir"] == "in":
            iso = lex.units[f["unit"] + "s"][1] if f["unit"] + "s" in lex.units else "D"
            return f"P{n}{iso}", None, "DURATION"
        if f["unit"] in ("decade", "century") and f["dir"] == "ago":
            # "a decade ago": TimeML gives the year (1999 -> 1989)
            return f"{base.year - n * (10 if f['unit'] == 'decade' else 100):04d}", mod, "DATE"
        sign = -1 if f["dir"] in ("ago", "earlier") else 1
        return _shift(base, f["unit"], sign * n), mod, "DATE"
    if k == "anaphor":
        if ref is None:
            return None, mod, "DATE"
        unit = f["unit"]
        if unit == "day":
            return _with_pod(_d(ref + timedelta(days=f["offset"])), f.get("pod"), timeml), mod, "DATE"
        return _shift(ref, unit, f["offset"]), mod, "DATE"
    if k == "time":
        day = None
        tail = f.get("tail")
        if tail is not None:
            v, _, _ = anchor_frame(tail, dct=dct, anchor=anchor, ref=ref, tense=tense, dayfirst=dayfirst)
            day = v[:10] if v else None
        elif f.get("year"):
            day = _d(date(f["year"], f["month"], f["day"]))
        elif ref is not None:
            day = _d(ref)
        elif anchor is not None:
            day = _d(anchor)
        if day is None:
            return None, mod, "TIME"
        return f"{day}T{f['hour']:02d}:{f['minute']:02d}", mod, "TIME"
    return None, mod, "DATE"


def _shift(base: date, unit: str, k: int) -> str:
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        return _d(base + timedelta(days=k))
    if unit in ("week", "fortnight", "weekend"):
        return _week(base + timedelta(days=7 * k * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = _add_months(base.year, base.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        qi = base.year * 4 + (base.month - 1) // 3 + k
        return f"{qi // 4:04d}-Q{qi % 4 + 1}"
    if unit == "year":
        return f"{base.year + k:04d}"
    if unit == "decade":
        return f"{base.year // 10 + k:03d}"
    if unit == "century":
        return f"{base.year // 100 + k:02d}"
    if unit in ("hour", "minute"):
        return _d(base)
    raise ValueError(f"unknown unit {unit!r}")


def _relunit(anchor: date, unit: str, rel: str | None, timeml: bool) -> str:
    k = {"this": 0, "last": -1, "next": 1, None: 0}.get(rel, 0)
    if rel == "coming":
        if unit in ("week", "weekend"):
            v = _week(anchor + timedelta(days=4))
            return v + "-WE" if (unit == "weekend" and timeml) else v
        k = 1
    if unit == "weekend":
        v = _shift(anchor, "week", k)
        return v + "-WE" if timeml else v
    return _shift(anchor, unit, k)
