"""Publication dates from containers (CSV/JSONL date columns, ``--published``, headers).

One contract: a date value as an export writes it → an ISO 8601 string whimbrel stores,
or ``None`` when it cannot be read (the caller counts that as a W124 warning, never a
silent null). Accepted:

* ISO 8601 at day, month or year precision, with a time and a UTC offset or ``Z``
  (``2021-05-11``, ``2021-05``, ``2021-05-11T10:00:00+02:00``); the offset is kept:
  ``2021-05-11T10:00+02:00`` (the local day is the one relative dates resolve against;
  the UTC instant follows from the offset);
* RFC 2822 (``Tue, 11 May 2021 10:00:00 +0200``), the format of RSS feeds and e-mail;
* Unix time in seconds (10 digits) or milliseconds (13 digits), read as UTC (``Z``);
* numeric day/month/year dates (``11/05/2021``, ``11.05.2021``): day first or month first
  as :func:`infer_order` decides for the whole column; a lone ambiguous value is read
  month first only when no order is given and the day cannot be the first number;
* month-precision and written dates (``May 2021`` → ``2021-05``, ``11 May 2021``).

:func:`valid_iso` is the store's check at write time: a value it refuses is never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_tz

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[T ,]+(\d{1,2}):(\d{2})(?::\d{2})?)?$")
_UNIX = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTH_YEAR = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})$")
_PERIOD = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?$")
_STORED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:\d{2})?)?$")

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"


def valid_iso(value: str | None) -> bool:
    """True when ``value`` is an ISO 8601 date whimbrel stores and DuckDB can cast: a
    period (``2023``, ``2023-05``, ``2023-W18``, ``2023-Q2``) or a real calendar day with an
    optional time and offset. ``2023-99-99`` and ``2023-13`` are refused."""
    if value is None:
        return True
    m = _STORED.match(value)
    if m:
        try:
            date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return False
        if m.group(4) is not None and (int(m.group(4)) > 23 or int(m.group(5)) > 59):
            return False
        return True
    if not _PERIOD.match(value):
        return False
    if re.match(r"^\d{4}-\d{2}$", value):
        return 1 <= int(value[5:7]) <= 12
    if re.match(r"^\d{4}-W\d{2}$", value):
        return 1 <= int(value[6:8]) <= 53
    return True


def real_period(value: str) -> bool:
    """True when an ISO 8601 period the listing filters take (``2023``, ``2023-05``,
    ``2023-05-01``, ``2023-W18``, ``2023-Q2``) names a real one: ``2019-13`` and
    ``2019-W53`` do not."""
    try:
        if "-W" in value:
            date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        elif "-Q" not in value:
            parts = [int(p) for p in value.split("-")]
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _offset(tz: str | None) -> str:
    if not tz or tz == "Z":
        return "Z" if tz else ""
    tz = tz.replace(":", "")
    return f"{tz[:3]}:{tz[3:5]}"


def _iso_datetime(dt: datetime, tz: str | None, with_time: bool = True) -> str:
    if not with_time:
        return dt.strftime("%Y-%m-%d")
    return dt.strftime("%Y-%m-%dT%H:%M") + _offset(tz)


def numeric_order(value: str) -> str | None:
    """Which order a numeric date must be read in: ``day-first`` when its first number
    is over 12 (``13/05/2021``), ``month-first`` when its second is, ``None`` when both
    readings are possible (``11/05/2021``) or it is not a numeric date."""
    m = _NUMERIC.match(value.strip())
    if m is None:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return DAY_FIRST
    if b > 12 >= a:
        return MONTH_FIRST
    return None


def infer_order(values: Iterable[str | None]) -> str | None:
    """The order of a column's numeric dates, from its unambiguous values: the order
    most of them need (day first on a tie: the usage of most of the world), ``None`` when
    no value decides."""
    votes = {DAY_FIRST: 0, MONTH_FIRST: 0}
    for v in values:
        if v:
            o = numeric_order(v)
            if o:
                votes[o] += 1
    if not any(votes.values()):
        return None
    return DAY_FIRST if votes[DAY_FIRST] >= votes[MONTH_FIRST] else MONTH_FIRST


def parse_date(value: str | None, order: str | None = None) -> str | None:
    """``value`` as the ISO 8601 string whimbrel stores, or ``None`` when it cannot be read
    (see the module docstring for the formats). ``order`` (``day-first`` or
    ``month-first``, from :func:`infer_order`) decides numeric dates such as ``11/05/2021``."""
    if value is None:
        return None
    v = value.strip()
    if not v:
        return None
    m = _ISO.match(v)
    if m:
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        if mo is None:
            return y if valid_iso(y) else None
        if d is None:
            return f"{y}-{mo}" if valid_iso(f"{y}-{mo}") else None
        try:
            dt = datetime(int(y), int(mo), int(d), int(m.group("H") or 0), int(m.group("M") or 0))
        except ValueError:
            return None
        return _iso_datetime(dt, m.group("tz"), with_time=m.group("H") is not None)
    if _UNIX.match(v):
        n = float(v)
        if len(v.split(".")[0].lstrip("-")) >= 12:  # milliseconds
            n /= 1000
        try:
            dt = datetime(1970, 1, 1) + timedelta(seconds=n)
        except OverflowError:
            return None
        return _iso_datetime(dt, "Z")
    m = _NUMERIC.match(v)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(y) if len(y) == 4 else 2000 + int(y)
        need = numeric_order(v)
        use = need or order or MONTH_FIRST
        day, month = (a, b) if use == DAY_FIRST else (b, a)
        try:
            dt = datetime(year, month, day, int(m.group(4) or 0), int(m.group(5) or 0))
        except ValueError:
            return None
        return _iso_datetime(dt, None, with_time=m.group(4) is not None)
    m = _MONTH_YEAR.match(v)
    if m:
        month = _MONTHS.get(m.group("mon")[:3].lower())
        if month and (len(m.group("mon")) == 3 or m.group("mon").lower().startswith(
                ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))):
            return f"{m.group('y')}-{month:02d}"
        return None
    parsed = parsedate_tz(v)
    if parsed is not None and re.search(r"\d{1,2}:\d{2}", v):
        try:
            dt = datetime(*parsed[:6])
        except ValueError:
            return None
        off = parsed[9]
        tz = None if off is None else ("Z" if off == 0 else
                                       f"{'+' if off >= 0 else '-'}{abs(off) // 3600:02d}:{abs(off) % 3600 // 60:02d}")
        return _iso_datetime(dt, tz)
    from whimbrel.extract.metadata import parse_datetime

    try:
        return parse_datetime(v)
    except Exception:  # dateparser on odd input: unreadable, not fatal
        return None


def to_utc(value: str) -> str:
    """A stored ISO date-time with an offset as UTC (``2021-05-11T10:00+02:00`` →
    ``2021-05-11T08:00Z``); values without an offset are returned as they are."""
    m = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})([+-]\d{2}):(\d{2})$", value)
    if not m:
        return value
    dt = datetime.fromisoformat(m.group(1)).replace(
        tzinfo=timezone(timedelta(hours=int(m.group(2)), minutes=int(m.group(3)) * (1 if m.group(2)[0] == "+" else -1))))
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
