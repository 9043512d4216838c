"""PLOVER event types, modes, scores and the CAMEO→PLOVER conversion.

Sources: the PLOVER manual, draft 0.8 (Open Event Data Alliance, 2021, CC BY-SA 4.0):

* ``data/plover_types.tsv`` — the 16 event types and their modes with the PLOVER
  conflict–cooperation scores of Table 2.2 and the quad category of sections 3.1–3.16. (The
  manual prints ``ACCUSE 3`` for the bare type; we keep the printed value.)
* ``data/cameo2plover.tsv`` — ``CAMEO2PLOVER-2021.txt`` (ed. P. Schrodt), CAMEO code → PLOVER
  type, mode, context. CAMEO roots 01 (public statements) and 02 (appeals) are dropped by PLOVER
  (manual §7.2); :func:`plover_of_cameo` maps codes under 02 to REQUEST, as the project's gold
  guidelines ask for softer appeals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from whimbrel.ontology._tables import DATA_DIR, read_tsv

#: The 16 PLOVER event types, in the manual's order.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: Event categories of older PLOVER drafts (used in the PLOVER gold-standard records) mapped to
#: the 16 current types, per the manual's CAMEO→PLOVER table (DEMAND=10, DISAPPROVE=11,
#: INVESTIGATE=09, FIGHT=19).
LEGACY_TYPES: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE", "REDUCE": "SANCTION", "THREAT": "THREATEN",
}


@dataclass(frozen=True)
class PloverType:
    """A PLOVER event type: ``quad_class`` 1–4, ``score`` its conflict–cooperation score
    (−10…+10), ``modes`` mode → score (``None`` where the manual gives no score),
    ``default_cameo`` the CAMEO code used when a rule gives none."""

    name: str
    quad_class: int
    score: float
    default_cameo: str
    modes: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class CameoMapping:
    """One row of the CAMEO→PLOVER table: PLOVER ``plover`` type, ``mode`` and ``context``
    (``None`` when empty)."""

    cameo: str
    plover: str
    mode: str | None
    context: str | None
    description: str


@lru_cache(maxsize=1)
def types() -> dict[str, PloverType]:
    """The PLOVER types of ``data/plover_types.tsv``, keyed by name."""
    rows = list(read_tsv(DATA_DIR / "plover_types.tsv"))
    out: dict[str, PloverType] = {}
    for r in rows:
        if not r["mode"]:
            out[r["plover"]] = PloverType(r["plover"], int(r["quad_class"]), float(r["score"]), r["default_cameo"], {})
    for r in rows:
        if r["mode"]:
            out[r["plover"]].modes[r["mode"]] = float(r["score"]) if r["score"] else None
    return out


def score(plover: str, mode: str | None = None) -> float:
    """The PLOVER conflict–cooperation score of a type (and mode), Table 2.2 of the manual.

    An unknown or unscored mode gives the type's score. Raises ``KeyError`` for an unknown type.
    """
    t = types()[plover]
    if mode:
        s = t.modes.get(mode)
        if s is not None:
            return s
    return t.score


def is_mode(plover: str, mode: str) -> bool:
    """Whether ``mode`` is one of the manual's modes of ``plover``."""
    t = types().get(plover)
    return t is not None and mode in t.modes


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoMapping]:
    """The CAMEO→PLOVER rows of ``data/cameo2plover.tsv``, keyed by CAMEO code."""
    return {
        r["cameo"]: CameoMapping(r["cameo"], r["plover"], r["mode"] or None, r["context"] or None, r["description"])
        for r in read_tsv(DATA_DIR / "cameo2plover.tsv")
    }


def plover_of_cameo(code: str) -> CameoMapping | None:
    """The PLOVER type/mode/context of a CAMEO code, or ``None`` for codes PLOVER drops (01x).

    Looks up the code, then its 3-digit parent; codes under root 02 (appeals) map to REQUEST,
    and any other code to the type of its root. The returned mode is ``None`` unless it is one of
    the manual's modes for the type.
    """
    tab = cameo_table()
    for prefix in (code, code[:3]):
        hit = tab.get(prefix)
        if hit is not None:
            mode = hit.mode if hit.mode and is_mode(hit.plover, hit.mode) else None
            return CameoMapping(code, hit.plover, mode, hit.context, hit.description)
    root = code[:2]
    if root == "02":
        return CameoMapping(code, "REQUEST", None, None, "Appeal (CAMEO 02, dropped by PLOVER; coded REQUEST)")
    for c, m in tab.items():
        if c[:2] == root:
            return CameoMapping(code, m.plover, None, None, m.description)
    return None


__all__ = [
    "CameoMapping", "LEGACY_TYPES", "PLOVER_TYPES", "PloverType", "cameo_table", "is_mode",
    "plover_of_cameo", "score", "types",
]
