"""CAMEO event codes: names, QuadClass and Goldstein scores.

The table ``data/cameo_codes.tsv`` holds every CAMEO 1.1b3 event code (Schrodt et al. 2009,
*CAMEO Conflict and Mediation Event Observations Event and Actor Codebook*) with:

* ``goldstein`` — the Goldstein (1992) conflict–cooperation weight (−10…+10) as published in the
  GDELT CAMEO code table (GDELT open data); codes missing from that table inherit the value of
  their 3-digit parent (``goldstein_source == "parent"``);
* ``quad_class`` — 1 verbal cooperation (roots 01–05), 2 material cooperation (06–08), 3 verbal
  conflict (09–13), 4 material conflict (14–20), as in the GDELT event codebook.

The table is rebuilt from its sources by ``scripts/build_ontology_tables.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whimbrel.ontology._tables import DATA_DIR, read_tsv

_CODE_RE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code.

    ``code`` is the 2–4 digit string ("0311"), ``root`` its first two digits ("03"),
    ``quad_class`` 1–4, ``goldstein`` the Goldstein (1992) score in −10…+10.
    """

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


@lru_cache(maxsize=1)
def table() -> dict[str, CameoCode]:
    """All CAMEO codes of ``data/cameo_codes.tsv``, keyed by code string."""
    out: dict[str, CameoCode] = {}
    for row in read_tsv(DATA_DIR / "cameo_codes.tsv"):
        code = row["code"]
        out[code] = CameoCode(code, row["name"], code[:2], int(row["quad_class"]), float(row["goldstein"]))
    return out


def quad_class_of_root(root: str) -> int:
    """QuadClass (1–4) of a CAMEO root "01"…"20" (GDELT event codebook).

    Raises ``ValueError`` for a root outside 01–20.
    """
    n = int(root)
    if not 1 <= n <= 20:
        raise ValueError(f"CAMEO root must be 01-20, got {root!r}")
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def lookup(code: str) -> CameoCode:
    """The :class:`CameoCode` of a CAMEO event code string ("044", "1123", "19").

    A well-formed code absent from the table (e.g. a 4-digit refinement we do not list) falls back
    to its nearest listed parent for name and scores but keeps its own ``code``.
    Raises ``KeyError`` when neither the code nor any parent is known, ``ValueError`` when
    ``code`` is not 2–4 digits.
    """
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ValueError(f"CAMEO code must be 2-4 digits, got {code!r}")
    tab = table()
    for prefix in (code, code[:3], code[:2]):
        hit = tab.get(prefix)
        if hit is not None:
            return hit if prefix == code else CameoCode(code, hit.name, code[:2], hit.quad_class, hit.goldstein)
    raise KeyError(f"unknown CAMEO code {code!r}")


__all__ = ["CameoCode", "lookup", "quad_class_of_root", "table"]
