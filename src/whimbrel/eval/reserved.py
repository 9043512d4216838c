"""The documents kept for independent evaluation (``shared/RESERVED.md``).

Nothing may be annotated, trained or tuned on them, or quoted in tests. This module reads the
list from ``RESERVED.md`` itself, so the one list is kept in one place, and answers whether a
document (an input path with a CSV row or a JSONL id) is reserved, and which sentences of
reserved text a file quotes. ``tests/test_reserved.py`` uses it on every test and corpus file;
``scripts/corpus/select_articles.py`` uses it to choose the corpus.

Document keys are ``row=N`` (a CSV data row counted from 0, header excluded) or ``id=X`` (a
JSONL record id), as in the corpus manifest; paths are relative to the shared folder.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

WIKINEWS_2020 = "corpora/wikinews/wikinews_2020.csv"
TE3 = "data/tempeval3_timeml/te3_articles_plaintext.jsonl"
GUARDIAN = "data/guardian_2019_sample_ngec/Guardian_SDF_sample.csv"


def _norm_path(path: str) -> str:
    """``examples/corpus/wikinews/...`` (the repo's copy) and ``../`` prefixes name the same
    shared file."""
    p = path.replace("\\", "/")
    while p.startswith("../"):
        p = p[3:]
    for prefix in ("examples/corpus/", "shared/"):
        if p.startswith(prefix):
            p = ("corpora/" + p[len(prefix):]) if prefix == "examples/corpus/" else p[len(prefix):]
    return p


@dataclass
class ReservedList:
    """The reserved documents of one ``RESERVED.md``."""

    shared: Path | None
    wikinews_rows: set[int] = field(default_factory=set)
    te3_prefixes: tuple[str, ...] = ()
    te3_ids: set[str] = field(default_factory=set)
    guardian_ids: set[str] = field(default_factory=set)
    _guardian_rows: set[int] | None = None

    @classmethod
    def load(cls, path: Path | str) -> ReservedList:
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        out = cls(path.parent)
        for line in text.splitlines():
            if not line.startswith("|"):
                continue
            if "wikinews_2020.csv" in line:
                m = re.search(r"rows\s+(\d+)\s*[–-]\s*(\d+)", line)
                if not m:
                    raise ValueError(f"{path}: no row range on the Wikinews 2020 line")
                out.wikinews_rows = set(range(int(m[1]), int(m[2]) + 1))
            elif "te3_articles_plaintext" in line:
                out.te3_prefixes = tuple(re.findall(r"`((?:AFP|XIN)_ENG_\d{4})`", line))
                out.te3_ids = set(re.findall(r"\b((?:AFP|XIN)_ENG_\d{8}\.\d{4})\b", line))
            elif "Guardian_SDF_sample" in line:
                cell = line.rsplit("|", 2)[-2]
                out.guardian_ids = set(re.findall(r"\b\d+\b", cell))
        if not (out.wikinews_rows and out.te3_prefixes and out.guardian_ids):
            raise ValueError(f"{path}: the reserved table could not be read")
        return out

    # -- documents -------------------------------------------------------------------------
    def guardian_rows(self) -> set[int]:
        """The reserved Guardian rows (0-based data rows), mapped from the first column."""
        if self._guardian_rows is None:
            rows: set[int] = set()
            if self.shared is not None and (self.shared / GUARDIAN).exists():
                csv.field_size_limit(10**9)
                with open(self.shared / GUARDIAN, encoding="utf-8", newline="") as fh:
                    for i, r in enumerate(csv.DictReader(fh)):
                        if r.get("", "").strip() in self.guardian_ids:
                            rows.add(i)
            self._guardian_rows = rows
        return self._guardian_rows

    def te3_reserved(self, doc_id: str) -> bool:
        return doc_id in self.te3_ids or doc_id.startswith(self.te3_prefixes)

    def is_reserved(self, path: str, key: str) -> bool:
        """Whether the document ``key`` (``row=N`` or ``id=X``) of ``path`` is reserved."""
        p = _norm_path(path)
        kind, _, value = key.partition("=")
        if p == WIKINEWS_2020 and kind == "row":
            return int(value) in self.wikinews_rows
        if p == TE3 and kind == "id":
            return self.te3_reserved(value)
        if p == GUARDIAN and kind == "row":
            return int(value) in self.guardian_rows()
        return False

    def gold_input_reserved(self, inp: dict) -> bool:
        """Whether a gold file's ``input`` names a reserved document."""
        path = str(inp.get("path", ""))
        if "row" in inp:
            return self.is_reserved(path, f"row={inp['row']}")
        if "id" in inp:
            return self.is_reserved(path, f"id={inp['id']}")
        return False

    # -- text --------------------------------------------------------------------------------
    def texts(self) -> Iterator[tuple[str, str]]:
        """(label, body) of every reserved document that the shared folder holds."""
        if self.shared is None:
            return
        csv.field_size_limit(10**9)
        wn = self.shared / WIKINEWS_2020
        if wn.exists():
            with open(wn, encoding="utf-8", newline="") as fh:
                for i, r in enumerate(csv.DictReader(fh)):
                    if i in self.wikinews_rows:
                        yield f"wikinews_2020 row {i}", r.get("text") or ""
        g = self.shared / GUARDIAN
        if g.exists():
            rows = self.guardian_rows()
            with open(g, encoding="utf-8", newline="") as fh:
                for i, r in enumerate(csv.DictReader(fh)):
                    if i in rows:
                        yield f"guardian {r.get('')}", r.get("text") or ""
        te3 = self.shared / TE3
        if te3.exists():
            for line in open(te3, encoding="utf-8"):
                r = json.loads(line)
                if self.te3_reserved(r.get("id", "")):
                    yield f"TE3 {r['id']}", r.get("text") or ""

    def id_patterns(self) -> list[re.Pattern[str]]:
        """Patterns that find a citation of a reserved document id in a file's text."""
        pats = [re.compile(r"\b(?:%s)\d{4}\.\d{4}\b" % "|".join(map(re.escape, self.te3_prefixes)))]
        if self.te3_ids:
            pats.append(re.compile("|".join(map(re.escape, sorted(self.te3_ids)))))
        return pats


_SENT = re.compile(r"(?<=[.!?\"”])\s+")


def sentences(body: str, min_chars: int = 60) -> Iterator[str]:
    """The sentences of ``body`` long enough that quoting one is no coincidence."""
    for para in body.split("\n"):
        for s in _SENT.split(para):
            s = s.strip()
            if len(s) >= min_chars:
                yield s


#: quoting this many consecutive words of a reserved document counts as citing it
SHINGLE_WORDS = 12
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of every run of ``n`` consecutive words of ``text`` (lower-cased word characters
    only, so quote marks, line breaks and string-literal splits in source code do not hide a
    quotation)."""
    words = _WORD.findall(text.lower())
    return {hash(" ".join(words[i:i + n])) for i in range(len(words) - n + 1)}


class ReservedText:
    """Every ``SHINGLE_WORDS``-word run of the reserved documents, with the document it is from."""

    def __init__(self, reserved: ReservedList):
        self.where: dict[int, str] = {}
        for label, body in reserved.texts():
            for h in shingles(body):
                self.where.setdefault(h, label)

    def quoted_in(self, text: str) -> list[str]:
        """The reserved documents ``text`` quotes a run of words from."""
        return sorted({self.where[h] for h in shingles(text) & self.where.keys()})
