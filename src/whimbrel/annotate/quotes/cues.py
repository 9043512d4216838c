"""The reporting-cue table (``annotate/data/quote_cues.tsv``) and its frames."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FRAMES = ("speech", "addressee", "channel", "source_pp", "direct", "commitment", "directive")


@dataclass(frozen=True)
class Cue:
    """One row of the cue table: ``lemma`` (or a multi-word cue such as ``"according to"``),
    its ``frame`` (one of :data:`FRAMES`, see the table's header) and the quote ``kinds`` it
    may carry, a subset of ``{"direct", "indirect", "mixed"}``."""

    lemma: str
    frame: str
    kinds: frozenset[str]


_KIND_LETTERS = {"d": "direct", "i": "indirect", "m": "mixed"}


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Cue]:
    """The cue table keyed by lemma (lower case).

    Raises ``ValueError`` when a row names an unknown frame or kind letter.
    """
    text = resources.files("whimbrel.annotate").joinpath("data/quote_cues.tsv").read_text("utf-8")
    table: dict[str, Cue] = {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for ln in lines[1:]:  # header: cue, frame, kinds, note
        cols = ln.split("\t")
        lemma, frame, kinds = cols[0].strip().lower(), cols[1].strip(), cols[2].strip()
        if frame not in FRAMES:
            raise ValueError(f"quote_cues.tsv: unknown frame {frame!r} for {lemma!r}")
        if not kinds or set(kinds) - set(_KIND_LETTERS):
            raise ValueError(f"quote_cues.tsv: bad kinds {kinds!r} for {lemma!r}")
        table[lemma] = Cue(lemma, frame, frozenset(_KIND_LETTERS[k] for k in kinds))
    return table
