"""The annotated corpus (corpus/): every file is valid gold whose strings are in its input, the
split is the fixed one of the manifest, and ``whimbrel eval`` reads it. Skips without
../shared (the corpus holds no text, only pointers into it)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from whimbrel.eval.gold import load_gold, load_gold_files, missing_strings, set_name

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SPLITS = ("train", "dev", "test")


def corpus_files(split: str | None = None) -> list[Path]:
    return sorted((CORPUS / split).rglob("*.json")) if split else \
        sorted(p for s in SPLITS for p in (CORPUS / s).rglob("*.json"))


def manifest() -> dict[str, dict]:
    with open(CORPUS / "manifest.tsv", encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh, delimiter="\t")}


def test_splits_are_disjoint_and_follow_the_manifest():
    seen: dict[str, str] = {}
    rows = manifest()
    for split in SPLITS:
        for p in corpus_files(split):
            doc_id = p.stem
            assert doc_id not in seen, f"{doc_id} is in {seen[doc_id]} and {split}"
            seen[doc_id] = split
            if doc_id in rows:
                assert rows[doc_id]["split"] == split, doc_id
                assert rows[doc_id]["source"] == p.parent.name, doc_id
    assert len([s for s in seen.values() if s == "test"]) >= 100
    assert len(seen) >= 500


def test_set_names_of_corpus_files():
    f = corpus_files("dev")[0]
    assert set_name(f) == "corpus-dev"


@pytest.mark.slow
def test_every_corpus_file_is_valid_gold_found_in_its_input(shared_dir):
    bad = []
    for p in corpus_files() + sorted((CORPUS / "agreement").rglob("*.json")):
        g = load_gold(p)  # raises on a schema problem
        if g.shared_root != shared_dir.resolve():
            bad.append(f"{p}: shared root {g.shared_root}")
            continue
        missing = missing_strings(g.data, g.body())
        if missing:
            bad.append(f"{p.relative_to(REPO)}: {missing[:2]}")
    assert not bad, "\n".join(bad[:20])


def test_corpus_counts(shared_dir):
    golds = load_gold_files([CORPUS / s for s in SPLITS])
    events = sum(len(g.data.get("events") or []) for g in golds)
    sources = Counter(Path(g.path).parent.name for g in golds)
    decades = {str(g.data.get("published", ""))[:3] for g in golds}
    assert len(golds) >= 500 and events >= 4000
    assert len(sources) >= 6 and len(decades) >= 3
    ordinary = sum(1 for g in golds if not g.data.get("events"))
    assert ordinary >= 0.05 * len(golds)


def test_eval_reads_a_corpus_split(shared_dir, pipeline):
    """``whimbrel eval corpus/<split>`` scores every layer (shown on one dev article)."""
    from whimbrel.eval.report import format_table
    from whimbrel.eval.runner import evaluate

    one = corpus_files("dev")[:1]
    report = evaluate(one, pipeline=pipeline)
    t = report.targets[0]
    assert t.name == "corpus-dev" and t.status == "ok" and not t.articles[0].error
    text = format_table(report)
    for layer in ("timexes", "quotes", "events", "actors"):
        assert f"  {layer}" in text
    assert json.loads(json.dumps(report.to_json()))  # serialisable


def test_the_mechanical_clarifications_hold_in_every_file():
    """Clarification 3 (sanctions are SANCTION, not COERCE) holds in every corpus file:
    scripts/corpus/assemble.py applies it to files annotated before it was written."""
    bad = [p.name for p in corpus_files()
           for e in json.loads(p.read_text(encoding="utf-8")).get("events", [])
           if e.get("plover") == "COERCE" and str(e.get("cameo")) == "163"]
    assert not bad, bad[:5]
