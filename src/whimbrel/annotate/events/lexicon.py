"""The event trigger lexicon and its companion tables, loaded from data files.

Files (header line, ``#`` comment lines naming source and licence, tab-separated rows):

* ``ontology/data/event_lexicon.tsv`` — trigger lemma + part of speech + conditions → PLOVER
  type, mode, CAMEO code, where to look for the recipient, base confidence;
* ``ontology/data/event_modes.tsv`` — mode cues ("drone" → ASSAULT drone, CAMEO 195);
* ``ontology/data/event_anaphors.tsv`` — event nouns that refer back to an earlier act;
* ``ontology/data/event_shifts.tsv`` — type shifts for future/intended acts (PLOVER manual §3.1);
* ``annotate/data/irregular_verbs.tsv`` — irregular verb forms for the lexical prefilter.

A user extends the coder by adding rows; no code changes are needed. Extra tables can be passed
to :func:`load_lexicon` (their rows are read before the shipped ones, so they take precedence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whimbrel.ontology import plover as plover_tables
from whimbrel.ontology._tables import DATA_DIR as ONTOLOGY_DATA
from whimbrel.ontology._tables import read_tsv

ANNOTATE_DATA = Path(__file__).resolve().parents[1] / "data"

_CONDITION_KINDS = {"prep", "prt", "obj", "mod", "near", "gov", "xcomp", "oprd", "actobj", "actsubj", "dobj", "quote", "passive", "neg", "wh", "persons"}
_TARGET_KINDS = {"dobj", "dative", "prep", "ccomp-subj", "attr-subj", "poss"}
_POS = {"VERB", "NOUN", "ADJ", "*"}


@dataclass(frozen=True)
class Condition:
    """One lexicon condition: ``kind`` (prep, prt, obj, mod, near, gov, xcomp, oprd, actobj,
    passive, neg, wh — a clausal complement that is an embedded question: "asked whether",
    "asked why") and the lemma set it tests (empty for flag conditions)."""

    kind: str
    lemmas: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> Condition:
        kind, _, arg = text.partition(":")
        if kind not in _CONDITION_KINDS:
            raise ValueError(f"unknown lexicon condition {text!r}")
        if ":" in arg:  # "prep:to|prep:about" repeats the kind: write "prep:to|about"
            raise ValueError(f"lexicon condition {text!r}: list the words once after the kind, "
                             f"e.g. {kind}:a|b")
        return cls(kind, frozenset(a.lower() for a in arg.split("|") if a))

    def __str__(self) -> str:
        return self.kind + (":" + "|".join(sorted(self.lemmas)) if self.lemmas else "")


@dataclass(frozen=True)
class LexEntry:
    """A trigger reading: ``lemma`` with part of speech ``pos`` codes ``plover``/``mode``/
    ``cameo`` when all ``requires`` hold and no ``excludes`` holds; ``targets`` lists where the
    recipient is looked for, in order (``("dobj",)``, ``("prep", "with")`` …)."""

    lemma: str
    pos: str
    requires: tuple[Condition, ...]
    excludes: tuple[Condition, ...]
    plover: str
    mode: str | None
    cameo: str
    targets: tuple[tuple[str, str], ...]
    confidence: float
    line: int

    def describe(self) -> str:
        """A short human-readable reason, e.g. ``lexicon:verb "accuse" → ACCUSE 112``."""
        cond = " + " + " ".join(str(c) for c in self.requires) if self.requires else ""
        return f'lexicon:{self.pos.lower()} "{self.lemma}"{cond} → {self.plover} {self.cameo}'


@dataclass(frozen=True)
class ModeCue:
    """A mode cue: when all ``lemmas`` occur in an event of type ``plover``, set ``mode``/``cameo``."""

    plover: str
    lemmas: tuple[str, ...]
    mode: str | None
    cameo: str


@dataclass(frozen=True)
class Shift:
    """A type shift: an event of ``plover`` reported as ``when`` ("future") becomes
    ``to_plover`` (``"drop"``: not coded) with ``to_mode``/``to_cameo`` (``None``: keep)."""

    plover: str
    when: str
    to_plover: str
    to_mode: str | None
    to_cameo: str | None


@dataclass(frozen=True)
class Lexicon:
    """All trigger knowledge: ``entries`` by lemma, mode cues, shifts, and the prefilter regex."""

    entries: dict[str, tuple[LexEntry, ...]]
    mode_cues: tuple[ModeCue, ...]
    shifts: dict[tuple[str, str], Shift]
    prefilter: re.Pattern[str]
    #: event nouns that refer back to an earlier act: lemma → PLOVER types ("*" = any)
    #: (``ontology/data/event_anaphors.tsv``)
    anaphors: dict[str, frozenset[str]] = field(default_factory=dict)

    def candidates(self, lemma: str) -> tuple[LexEntry, ...]:
        """The entries for a lowercase lemma, in file order (empty if none)."""
        return self.entries.get(lemma, ())

    def is_candidate(self, text: str) -> bool:
        """Cheap test on raw text: could this sentence hold a trigger? (no parse needed)."""
        return self.prefilter.search(text) is not None


def _parse_targets(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in text.split("|"):
        if not item or item == "-":
            continue
        kind, _, arg = item.partition(":")
        if kind not in _TARGET_KINDS:
            raise ValueError(f"unknown target spec {item!r}")
        out.append((kind, arg))
    return tuple(out)


def _conditions(text: str) -> tuple[Condition, ...]:
    if not text or text == "-":
        return ()
    return tuple(Condition.parse(t) for t in text.split())


def read_entries(path: Path) -> list[LexEntry]:
    """Parse an event lexicon TSV (see the module docstring). Raises ``ValueError`` on an
    unknown type, condition or target spec, naming the file and line."""
    types = plover_tables.types()
    out = []
    for n, row in enumerate(read_tsv(path), 1):
        try:
            pos = row["pos"].upper() or "*"
            if pos not in _POS:
                raise ValueError(f"pos must be one of {sorted(_POS)}")
            if row["plover"] not in types:
                raise ValueError(f"unknown PLOVER type {row['plover']!r}")
            mode = row["mode"] or None
            out.append(LexEntry(
                lemma=row["lemma"].lower(), pos=pos, requires=_conditions(row["requires"]),
                excludes=_conditions(row["excludes"]), plover=row["plover"], mode=mode,
                cameo=row["cameo"] or types[row["plover"]].default_cameo,
                targets=_parse_targets(row["target"]), confidence=float(row["conf"] or 0.6), line=n,
            ))
        except (ValueError, KeyError) as exc:
            raise ValueError(f"{path.name}: row {n} ({row.get('lemma')!r}): {exc}") from exc
    return out


def _forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Regular English inflections of ``lemma`` plus listed irregular forms."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(irregular.get(lemma, ()))
    return forms


@lru_cache(maxsize=4)
def load_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """Load the shipped tables (plus ``extra`` lexicon TSVs, read first). Cached.

    Raises ``ValueError`` for a malformed row (see :func:`read_entries`).
    """
    rows: list[LexEntry] = []
    for p in (*extra, ONTOLOGY_DATA / "event_lexicon.tsv"):
        rows.extend(read_entries(Path(p)))
    by_lemma: dict[str, list[LexEntry]] = {}
    for e in rows:
        by_lemma.setdefault(e.lemma, []).append(e)
    cues = tuple(
        ModeCue(r["plover"], tuple(r["cue"].lower().split()), r["mode"] or None, r["cameo"])
        for r in read_tsv(ONTOLOGY_DATA / "event_modes.tsv")
    )
    shifts = {
        (r["plover"], r["when"]): Shift(r["plover"], r["when"], r["to_plover"], r["to_mode"] or None, r["to_cameo"] or None)
        for r in read_tsv(ONTOLOGY_DATA / "event_shifts.tsv")
    }
    irregular = {r["lemma"]: r["forms"].split() for r in read_tsv(ANNOTATE_DATA / "irregular_verbs.tsv")}
    words: set[str] = set()
    for lemma in by_lemma:
        words |= _forms(lemma, irregular)
    words |= {"must", "should", "need", "needs", "have to", "has to"}  # the demand rule
    prefilter = re.compile(rf"\b(?:{_trie_regex(words)})\b", re.IGNORECASE)
    anaphors = {r["lemma"].lower(): frozenset(r["plover"].split("|"))
                for r in read_tsv(ONTOLOGY_DATA / "event_anaphors.tsv")}
    return Lexicon({k: tuple(v) for k, v in by_lemma.items()}, cues, shifts, prefilter, anaphors)


def _trie_regex(words) -> str:
    """A regular expression matching exactly the strings ``words``, factored as a trie
    ("accus(?:e|ed|es)…"): the same language as their alternation, but Python's ``re``
    tries one branch per character instead of every word at every position (40× faster
    on news sentences)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def candidate_sentences(texts: Sequence[str]) -> list[int]:
    """Indices of the texts (sentences) that pass the lexical prefilter: the only ones
    :func:`whimbrel.annotate.events.find_events` needs parsed."""
    lex = load_lexicon()
    return [i for i, t in enumerate(texts) if lex.is_candidate(t)]


__all__ = ["Condition", "LexEntry", "Lexicon", "ModeCue", "Shift", "candidate_sentences", "load_lexicon", "read_entries"]
