"""Event-layer floors on the 20 dev gold articles (../shared/gold/dev), scored as the eval
harness does (same type, overlapping evidence in the same sentence, required:false neutral)."""

from __future__ import annotations

import json

from whimbrel.eval.event_gold import load_gold_article, match_events, summarize


def test_dev_floors(shared_dir, pipeline):
    results = []
    for f in sorted((shared_dir / "gold" / "dev").glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        art, _, events = load_gold_article(gold, shared_dir, pipeline.nlp)
        results.append(match_events(art, events, gold))
    s = summarize(results)
    # measured 2026-11-29 (scripts/measure_events.py): type F1 0.745 (P 0.760 R 0.731),
    # dyad F1 0.435, country F1 0.475, date accuracy 0.730
    assert s["counts"]["required"] == 104
    assert s["type"]["f1"] >= 0.72
    assert s["dyad"]["f1"] >= 0.41
    assert s["country"]["f1"] >= 0.45
    assert s["date_acc"] >= 0.71
