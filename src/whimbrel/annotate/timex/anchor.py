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
  future-tense sentence a month before it is next year's; when the tense is unknown
  (``"present"``) the nearest occurrence, ties to the past. "this June" / "this summer"
  is the anchor's year, unless the tense puts it on the other side of the anchor (a
  past-tense "this summer" written in May is last summer). "last October" is the most
  recent October before the anchor's month, "next October" the first after it.
* yesterday / today / tomorrow / tonight / this morning / last night, this/last/next
  week/month/year/quarter/decade: calendar arithmetic on the anchor. "earlier this week"
  is this week.
* "three days ago": anchor minus three days at day precision ("a year ago": year).
* A possessive weekday ("Monday's attack") is past. "Monday, Oct. 26" without a year
  takes the year in which Oct. 26 is a Monday.
* Anaphora ("the same day", "the previous day", "the next morning", "two days later")
  move from the *reference date*: the last day-precision date the narrative gave before
  this point (outside quotes, not after the DCT); without one the value is ``None``.
  "a year earlier" with no reference date counts from the anchor.
* ``mod`` START/MID/END for early/mid/late and "the beginning/middle/end of".
* A part of the day is left off ("Monday night" -> the Monday): the project gold does so,
  the day is what events need, and on TBAQ the TIMEX3 suffix (``TNI``) agrees with the
  gold less often than the bare day does.

The *anchor* is the publication date (DCT) except inside a direct quote, where deictic
words ("today", "last night", "in two days") are anchored on the day the quote was said:
a day-precision date given outside the quote earlier in its sentence, else the reference
date.

The tense comes from the caller (:func:`whimbrel.annotate.timex.find_timexes` reads it
from the parse, or guesses it with :mod:`whimbrel.annotate.timex.tense`); ``"present"``
also stands for "unknown", which is why it takes the nearest occurrence.
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
    if rel == "this" and tense not in ("past", "future"):
        return y
    if tense == "past" and key > now:
        return y - 1
    if tense == "future" and key < now:
        return y + 1
    if tense == "present":
        # nearest occurrence (months counted, ties to the past)
        here = anchor.year * 12 + anchor.month - 1
        best = min((abs(yy * 12 + month - 1 - here) + (0.5 if yy * 12 + month - 1 > here else 0), yy)
                   for yy in (y - 1, y, y + 1))
        return best[1]
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
        if tense == "past" and start(anchor.year) > cur:
            return anchor.year - 1
        if tense == "future" and start(anchor.year) + 2 < cur:
            return anchor.year + 1
        return anchor.year
    if tense == "future":
        return min(y for y in years if start(y) + 2 >= cur)
    if tense == "present":
        # nearest season (by its middle month), ties to the past
        return min(years, key=lambda y: (abs(start(y) + 1 - cur), start(y) > cur))
    return max(y for y in years if start(y) <= cur)


def anchor_frame(fr: Frame, *, dct: date | None, anchor: date | None, ref: date | None,
                 tense: str, dayfirst: bool, timeml: bool = False, ref_quarter: str | None = None,
                 refs: dict[str, date] | None = None) -> Resolved:
    """Resolve one frame. ``dct`` is the publication date, ``anchor`` the date deictic
    words count from (DCT, or the speech date inside a quote), ``ref`` the reference date
    for anaphora (``None`` if the text gave none), ``refs`` the last narrative date at each
    precision (``"week"``, ``"month"``, ``"year"``: "the following year" after "in 2013"
    is 2014), ``ref_quarter`` the last fiscal quarter
    the text named ("1989-Q3"): in TimeML scope "a year earlier" in a quarterly report is that
    quarter a year back (TimeBank convention). Returns ``(value, mod, type)``."""
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
            if f.get("weekday"):
                # "Monday, Oct. 26": the year in which that date is that weekday
                for yy in sorted((y, anchor.year - 1, anchor.year, anchor.year + 1), key=lambda v: abs(v - anchor.year)):
                    try:
                        if date(yy, f["month"], f["day"]).isoweekday() == f["weekday"]:
                            y = yy
                            break
                    except ValueError:
                        continue
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
    if k == "half":
        y = f.get("year")
        if y is None:
            if dct is None:
                return None, mod, "DATE"
            y = dct.year + {"last": -1, "this": 0, "next": 1}[f["yrel"]]
        return f"{y:04d}-H{f['h']}", mod, "DATE"
    if k == "quarter":
        if f.get("yrel") and dct is not None:
            return f"{dct.year + {'last': -1, 'this': 0, 'next': 1}[f['yrel']]:04d}-Q{f['q']}", mod, "DATE"
        if f.get("year"):
            return f"{f['year']:04d}-Q{f['q']}", mod, "DATE"
        if anchor is None:
            return None, mod, "DATE"
        cq = (anchor.month - 1) // 3 + 1
        y = anchor.year - 1 if (tense != "future" and f["q"] > cq) else anchor.year
        return f"{y:04d}-Q{f['q']}", mod, "DATE"
    if k == "relquarter":
        # "the quarter", "the latest quarter", "the year-earlier period": the quarter the
        # report is about (the last one the text named, else the last completed one)
        if anchor is None:
            return None, None, "DATE"
        rel = f["rel"]
        if ref_quarter:
            qi = int(ref_quarter[:4]) * 4 + int(ref_quarter[-1]) - 1
        else:
            qi = anchor.year * 4 + (anchor.month - 1) // 3 - 1
        if rel in ("year-earlier", "year-ago"):
            qi -= 4
        elif rel in ("previous", "prior"):
            qi -= 1
        elif rel == "current" and not ref_quarter:
            qi += 1
        elif rel.isdigit():
            qi = int(rel) * 4 + qi % 4
        return f"{qi // 4:04d}-Q{qi % 4 + 1}", None, "DATE"
    if k == "holiday":
        if anchor is None:
            return None, mod, "DATE"
        m_, d_, wd, nth = lex.holidays[f["name"]]
        if d_:
            y = month_year(anchor, m_, f.get("rel"), tense, d_)
            return _d(date(y, m_, d_)), mod, "DATE"
        y = month_year(anchor, m_, f.get("rel"), tense, _nth_weekday(anchor.year, m_, wd, nth).day)
        return _d(_nth_weekday(y, m_, wd, nth)), mod, "DATE"
    if k == "weekday":
        if anchor is None:
            return None, mod, "DATE"
        rel = f.get("rel")
        if f.get("possessive") and rel is None:
            tense = "past"  # "Monday's meeting" reports a day gone by
        return _d(weekday_date(anchor, f["weekday"], rel, tense)), mod, "DATE"
    if k == "deictic":
        if anchor is None or f.get("days") is None:
            return None, mod, "DATE"
        day = anchor + timedelta(days=f["days"])
        return _d(day), mod, "DATE"
    if k == "relunit":
        base = ref if f.get("anaphoric") else anchor
        if base is None:
            return None, mod, "DATE"
        if f["unit"] == "weekend" and f.get("rel") is None:
            sat = weekday_date(base, 6, None, tense)
            v = _week(sat)
            return (v + "-WE" if timeml else v), mod, "DATE"
        return _relunit(base, f["unit"], f.get("rel"), timeml), mod, "DATE"
    if k == "ago":
        if f.get("n") is None:
            return None, mod, "DATE"
        n = int(f["n"])
        if timeml and ref_quarter and f["unit"] == "year" and n == 1 and f["dir"] in ("ago", "earlier"):
            return f"{int(ref_quarter[:4]) - 1:04d}{ref_quarter[4:]}", mod, "DATE"
        base = anchor if f["dir"] in ("ago", "in") else _ref_for(f["unit"], ref, refs)
        if base is None and f["unit"] in ("month", "quarter", "year", "decade", "century"):
            base = anchor  # "a year earlier" with no date given yet: counted from the anchor
        if base is None:
            return None, mod, "DATE"
        if timeml and f["dir"] == "in":
            iso = lex.units[f["unit"] + "s"][1] if f["unit"] + "s" in lex.units else "D"
            return f"P{n}{iso}", None, "DURATION"
        if f["unit"] in ("decade", "century") and f["dir"] == "ago":
            # "a decade ago": TimeML gives the year (1999 -> 1989)
            return f"{base.year - n * (10 if f['unit'] == 'decade' else 100):04d}", mod, "DATE"
        sign = -1 if f["dir"] in ("ago", "earlier") else 1
        return _shift(base, f["unit"], sign * n), mod, "DATE"
    if k == "anaphor":
        unit = f["unit"]
        base = _ref_for(unit, ref, refs)
        if base is None:
            return None, mod, "DATE"
        if unit == "day":
            return _d(base + timedelta(days=f["offset"])), mod, "DATE"
        return _shift(base, unit, f["offset"]), mod, "DATE"
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


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ISO ``weekday`` of the month (``nth=-1``: the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _ref_for(unit: str, ref: date | None, refs: dict[str, date] | None) -> date | None:
    """The reference date an anaphor of ``unit`` counts from: the last day for days and
    hours, else the last date at least as precise as the unit."""
    if unit in ("day", "hour", "minute", "morning", "afternoon", "evening", "night") or not refs:
        return ref
    return refs.get({"week": "week", "weekend": "week", "month": "month", "quarter": "month"}.get(unit, "year"))


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
