"""Lexicons of the timex layer, read from ``whimbrel/annotate/data/timex_*.tsv``.

Each TSV has a header line, then a ``#`` comment line naming source and licence, then rows.
The tables are read once per process (``functools.cache``), never at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("whimbrel.annotate").joinpath("data", f"timex_{name}.tsv").read_text("utf-8")
    rows = []
    for i, line in enumerate(text.splitlines()):
        if i == 0 or not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Lexicon:
    """All timex word lists as lookup tables (keys lower-case)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[str, int]]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, str]]
    parts_of_day: dict[str, str]
    modifiers: dict[str, str]
    holidays: dict[str, tuple[int, int, int, int]]
    timezones: dict[str, float]
    not_dates: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    """The timex lexicon (cached)."""
    numbers: dict[str, float] = {}
    ordinals: dict[str, int] = {}
    for word, value, ordinal in _rows("numbers"):
        if ordinal == "1":
            ordinals[word] = int(value)
        else:
            numbers[word] = float(value)
    return Lexicon(
        months={w: int(m) for w, m in _rows("months")},
        weekdays={w: int(d) for w, d in _rows("weekdays")},
        seasons={w: (code, int(fm)) for w, code, fm in _rows("seasons")},
        numbers=numbers,
        ordinals=ordinals,
        units={w: (u, iso) for w, u, iso in _rows("units")},
        parts_of_day={w: c for w, c in _rows("parts_of_day")},
        modifiers={p: m for p, m in _rows("modifiers")},
        holidays={w: (int(m), int(d), int(wd), int(n)) for w, m, d, wd, n in _rows("holidays")},
        timezones={a: float(o) for a, o in _rows("timezones")},
        not_dates=tuple(r[0] for r in _rows("not_dates")),
    )


def alternation(words, *, capitalised: bool = False, abbrev_dot: bool = False) -> str:
    """A regex alternation of ``words``, longest first.

    ``capitalised`` makes each word match only in Title case or UPPER case (month and
    weekday names: "May" is a month, "may" a modal verb). ``abbrev_dot`` lets words of at
    most four letters take an optional trailing full stop ("Sept.", "Jan.").
    """
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        forms = [w.title(), w.upper()] if capitalised else [w]
        for f in dict.fromkeys(forms):
            esc = re.escape(f).replace(r"\ ", r"\s+")
            if abbrev_dot and len(w) <= 4:
                esc += r"\.?"
            parts.append(esc)
    body = "|".join(parts)
    inner = f"(?:{body})" if capitalised else f"(?i:{body})"
    return rf"(?<!\w){inner}(?!\w)"
