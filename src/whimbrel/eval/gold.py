"""Gold files: find, read, validate, and locate their input.

A gold file is one JSON object per article in the format of ``shared/gold/GUIDELINES.md``::

    {"id": "...", "input": {"path": "corpora/wikinews/wikinews_2019.csv", "row": 17},
     "published": "2019-03-14", "article": {...}?, "actors": [...]?,
     "events": [...], "not_events": [...]?, "quotes": [...], "not_quotes": [...]?,
     "timexes": [...]}

``input.path`` is relative to the *shared root*: the folder that holds the ``gold/`` folder the
file lives in (gold at ``X/gold/dev/a.json`` → input at ``X/<path>``), unless a data root is
given. ``input.row`` is the 0-based data row of a CSV/JSONL file (``csv.DictReader`` rows),
``input.id`` the ``id`` column of a JSONL record.

Gold files are grouped into *sets* by folder: files directly in ``gold/`` form the set
``"seed"``, files in ``gold/dev/`` the set ``"dev"`` (the path below ``gold/``); a gold file
outside any ``gold/`` folder is in the set named after its folder.

**Corpora.** A folder holding a ``corpus.toml`` is a corpus root (the repository's
``corpus/``). Its file says where the shared folder is (``shared = "../../shared"``, relative
to the corpus root); the input paths of the gold files below it are relative to that shared
folder, as in ``shared/gold``, so the corpus points into ``../shared`` and holds no text. A
corpus file's set is ``corpus-<split>`` after the first folder below the root
(``corpus/test/guardian/guardian-12.json`` is in ``corpus-test``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.errors import E202, ConfigError

#: The 16 PLOVER event types (PLOVER manual, data/plover_gold_cameo_examples/PLOVER_MANUAL.pdf).
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
GOLD_FOLDER = "gold"
SEED_SET = "seed"
CORPUS_MARKER = "corpus.toml"


class GoldError(ConfigError):
    """A gold file is unreadable or breaks the gold format (code E202, bad configuration:
    ``whimbrel eval`` stops before running anything)."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(E202, f"bad gold file {path}: " + "; ".join(problems[:5])
                         + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))


@dataclass(frozen=True)
class GoldFile:
    """One validated gold file.

    ``data`` is the parsed JSON; ``shared_root`` the folder holding the ``gold/`` folder
    (``None`` if the file is not under one); ``set`` the gold set name (``"seed"``, ``"dev"``).
    """

    path: Path
    data: Mapping[str, Any]
    shared_root: Path | None
    set: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def row(self) -> int | None:
        """The 0-based data row of a tabular input, or ``None``."""
        return self.data["input"].get("row")

    @property
    def record_id(self) -> str | None:
        """The ``id`` of a JSONL input record, or ``None``."""
        return self.data["input"].get("id")

    def input_path(self, data_root: Path | str | None = None) -> Path:
        """Where the input is: ``data_root / input.path`` when ``data_root`` is given, else
        ``shared_root / input.path``.

        Raises :class:`GoldError` when there is neither, or the file does not exist.
        """
        rel = self.data["input"]["path"]
        root = Path(data_root) if data_root is not None else self.shared_root
        if root is None:
            raise GoldError(self.path, [f"input {rel!r}: the gold file is not inside a "
                                        f"'{GOLD_FOLDER}/' folder; give --data-root"])
        p = root / rel
        if not p.exists():
            raise GoldError(self.path, [f"input {p} does not exist (give --data-root?)"])
        return p

    def body(self, data_root: Path | str | None = None) -> str:
        """The article body exactly as the input holds it (the CSV row's ``text`` column,
        the JSONL record's ``text``, or the whole file): what the gold strings are
        substrings of. Raises :class:`GoldError` when the row or record is absent."""
        import csv

        p = self.input_path(data_root)
        if p.suffix.lower() == ".csv":
            csv.field_size_limit(2**31 - 1)
            with open(p, encoding="utf-8", newline="") as fh:
                for i, rec in enumerate(csv.DictReader(fh)):
                    if i == self.row:
                        return rec.get("text") or ""
        elif p.suffix.lower() in (".jsonl", ".ndjson"):
            with open(p, encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    rec = json.loads(line)
                    if rec.get("id") == self.record_id or (self.record_id is None and i == self.row):
                        return rec.get("text") or ""
        else:
            return p.read_text(encoding="utf-8")
        raise GoldError(self.path, [f"{p} has no row {self.row} / id {self.record_id!r}"])


def find_gold_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into gold file paths: a folder gives every ``*.json`` below
    it (recursively, hidden folders skipped; its own files first, then each subfolder's,
    by name); a file is taken as it is. Duplicates are
    dropped. Raises :class:`GoldError` for a path that does not exist."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted((f for f in p.rglob("*.json")
                            if not any(part.startswith(".") for part in f.relative_to(p).parts)),
                           key=lambda f: (len(f.relative_to(p).parts), f.as_posix()))
        elif p.exists():
            found = [p]
        else:
            raise GoldError(p, ["no such file or folder"])
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _gold_ancestor(path: Path) -> Path | None:
    for parent in path.resolve().parents:
        if parent.name == GOLD_FOLDER:
            return parent
    return None


def corpus_root(path: Path | str) -> Path | None:
    """The corpus root above ``path`` (the nearest folder holding ``corpus.toml``), or None."""
    for parent in Path(path).resolve().parents:
        if (parent / CORPUS_MARKER).is_file():
            return parent
    return None


def corpus_shared_root(root: Path) -> Path:
    """The shared folder a corpus root's ``corpus.toml`` names (default ``../../shared``)."""
    import tomllib

    try:
        conf = tomllib.loads((root / CORPUS_MARKER).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(root / CORPUS_MARKER, [f"unreadable: {exc}"]) from exc
    return (root / str(conf.get("shared", "../../shared"))).resolve()


def set_name(path: Path | str) -> str:
    """The gold set of a file: its folder below ``gold/`` (``"dev"``), ``"seed"`` for files
    directly in ``gold/``, ``corpus-<split>`` in a corpus, else the name of its folder."""
    path = Path(path)
    croot = corpus_root(path)
    if croot is not None:
        rel = path.resolve().relative_to(croot)
        return f"corpus-{rel.parts[0]}" if len(rel.parts) > 1 else "corpus"
    anc = _gold_ancestor(path)
    if anc is None:
        return path.resolve().parent.name
    rel = path.resolve().parent.relative_to(anc)
    return SEED_SET if rel == Path(".") else rel.as_posix()


def validate(data: Any) -> list[str]:
    """Problems of a parsed gold file against the gold format (empty list: valid).

    Checks the keys and types the scorers rely on: ``id``, ``input.path`` (+ optional ``row``
    int / ``id`` str), PLOVER types of events, the strings ``evidence``/``text`` that are
    located in the body, quote kinds, and ``required`` being a boolean. Whether the strings
    really occur in the body is checked when the body is known (:func:`missing_strings`).
    """
    if not isinstance(data, dict):
        return ["not a JSON object"]
    bad: list[str] = []
    if not isinstance(data.get("id"), str) or not data.get("id"):
        bad.append("no 'id'")
    inp = data.get("input")
    if not isinstance(inp, dict) or not isinstance(inp.get("path"), str):
        bad.append("no 'input.path'")
    else:
        if "row" in inp and not (isinstance(inp["row"], int) and inp["row"] >= 0):
            bad.append("'input.row' must be a non-negative integer")
        if "id" in inp and not isinstance(inp["id"], str):
            bad.append("'input.id' must be a string")
    for key in ("events", "quotes", "timexes", "not_events", "not_quotes"):
        if key in data and not isinstance(data[key], list):
            bad.append(f"'{key}' must be a list")
    for i, e in enumerate(data.get("events") or []):
        if not isinstance(e, dict):
            bad.append(f"events[{i}] is not an object")
            continue
        if e.get("plover") not in PLOVER_TYPES:
            bad.append(f"events[{i}]: PLOVER type {e.get('plover')!r}")
        if not isinstance(e.get("evidence"), str) or not e["evidence"]:
            bad.append(f"events[{i}]: no 'evidence'")
        for side in ("source", "target"):
            a = e.get(side)
            if a is not None and not (isinstance(a, dict) and (a.get("code") is None
                                                               or isinstance(a.get("code"), str))):
                bad.append(f"events[{i}].{side} must be null or an object with a string 'code'")
    for i, q in enumerate(data.get("quotes") or []):
        if not isinstance(q, dict) or not isinstance(q.get("text"), str) or not q["text"]:
            bad.append(f"quotes[{i}]: no 'text'")
        elif q.get("kind") not in QUOTE_KINDS:
            bad.append(f"quotes[{i}]: kind {q.get('kind')!r}")
    for i, t in enumerate(data.get("timexes") or []):
        if not isinstance(t, dict) or not isinstance(t.get("text"), str) or not t["text"]:
            bad.append(f"timexes[{i}]: no 'text'")
    for key in ("events", "quotes", "timexes"):
        for i, it in enumerate(data.get(key) or []):
            if isinstance(it, dict) and "required" in it and not isinstance(it["required"], bool):
                bad.append(f"{key}[{i}]: 'required' must be true or false")
    for key, field in (("not_events", "evidence"), ("not_quotes", "text")):
        for i, it in enumerate(data.get(key) or []):
            if not isinstance(it, dict) or not isinstance(it.get(field), str):
                bad.append(f"{key}[{i}]: no '{field}'")
    art = data.get("article")
    if art is not None:
        if not isinstance(art, dict):
            bad.append("'article' must be an object")
        else:
            for key in ("body_paragraphs", "not_in_body"):
                if key in art and not (isinstance(art[key], list)
                                       and all(isinstance(s, str) for s in art[key])):
                    bad.append(f"article.{key} must be a list of strings")
    return bad


def missing_strings(data: Mapping[str, Any], body: str) -> list[str]:
    """The gold strings (event evidence and argument mentions, quote texts, timex texts, body
    paragraphs) that are not substrings of ``body`` — the check of ``gold/check_gold.py``."""
    out: list[str] = []
    for e in data.get("events") or []:
        if e["evidence"] not in body:
            out.append(f"evidence {e['evidence'][:60]!r}")
        for side in ("source", "target"):
            m = (e.get(side) or {}).get("mention")
            if m and m not in body:
                out.append(f"{side} mention {m!r}")
    for q in data.get("quotes") or []:
        if q["text"] not in body:
            out.append(f"quote {q['text'][:60]!r}")
    for t in data.get("timexes") or []:
        if t["text"] not in body:
            out.append(f"timex {t['text']!r}")
    return out


def load_gold(path: Path | str) -> GoldFile:
    """Read and validate one gold file. Raises :class:`GoldError` (unreadable, not JSON, or
    any :func:`validate` problem)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, [f"unreadable: {exc}"]) from exc
    except json.JSONDecodeError as exc:
        raise GoldError(path, [f"not JSON: {exc}"]) from exc
    problems = validate(data)
    if problems:
        raise GoldError(path, problems)
    croot = corpus_root(path)
    if croot is not None:
        return GoldFile(path, data, corpus_shared_root(croot), set_name(path))
    anc = _gold_ancestor(path)
    return GoldFile(path, data, anc.parent if anc else None, set_name(path))


def load_gold_files(paths: Iterable[Path | str]) -> list[GoldFile]:
    """:func:`find_gold_files` then :func:`load_gold` on each."""
    return [load_gold(p) for p in find_gold_files(paths)]
