#!/usr/bin/env python3
"""Print the corpus counts as Markdown tables (for corpus/README.md): articles, events
(required), not_events, quotes and timexes per source and per split, events per PLOVER type,
and not_events per factuality.

Usage: scripts/corpus/stats.py [corpus]
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPLITS = ("train", "dev", "test")


def load(corpus: Path):
    for split in SPLITS:
        for f in sorted((corpus / split).glob("*/*.json")):
            yield split, f.parent.name, json.loads(f.read_text(encoding="utf-8"))


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def main(argv=None) -> int:
    corpus = Path((argv or sys.argv[1:] or [str(REPO / "corpus")])[0])
    docs = list(load(corpus))
    def counts(items):
        c = collections.Counter()
        for _, _, g in items:
            ev = g.get("events", [])
            c["articles"] += 1
            c["ordinary"] += not ev
            c["events"] += len(ev)
            c["required"] += sum(1 for e in ev if e.get("required", True))
            c["not_events"] += len(g.get("not_events", []))
            c["quotes"] += len(g.get("quotes", []))
            c["timexes"] += len(g.get("timexes", []))
            c["located"] += sum(1 for e in ev if e.get("location"))
        return c
    cols = ["articles", "ordinary", "events", "required", "located", "not_events", "quotes", "timexes"]
    by_src = collections.defaultdict(list)
    by_split = collections.defaultdict(list)
    for d in docs:
        by_src[d[1]].append(d)
        by_split[d[0]].append(d)
    print("### By source\n")
    rows = [[s] + [counts(v)[c] for c in cols] for s, v in sorted(by_src.items())]
    rows.append(["**all**"] + [f"**{counts(docs)[c]}**" for c in cols])
    print(table(["source"] + cols, rows))
    print("\n### By split\n")
    print(table(["split"] + cols, [[s] + [counts(by_split[s])[c] for c in cols] for s in SPLITS]))
    print("\n### Events by PLOVER type\n")
    types = collections.Counter((e["plover"], split) for split, _, g in docs for e in g.get("events", []))
    names = sorted({t for t, _ in types}, key=lambda t: -sum(types[(t, s)] for s in SPLITS))
    print(table(["type", *SPLITS, "all"], [[t, *(types[(t, s)] for s in SPLITS),
                                            sum(types[(t, s)] for s in SPLITS)] for t in names]))
    print("\n### not_events by factuality\n")
    fact = collections.Counter(n.get("factuality") for _, _, g in docs for n in g.get("not_events", []))
    print(table(["factuality", "count"], fact.most_common()))
    years = collections.Counter((g.get("published") or "")[:3] + "0s" for _, _, g in docs)
    print("\n### By decade of publication\n")
    print(table(["decade", "articles"], sorted(years.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
