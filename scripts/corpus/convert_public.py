#!/usr/bin/env python3
"""Convert the public event gold in ../shared/data into sentence-level training records for
the corpus (corpus/public/*.jsonl). The records point into ../shared and carry no text.

* ``case2021.jsonl`` — CASE 2021 task 2 snippets (ACLED-style subtypes) mapped to PLOVER by
  corpus/public/case2021_to_plover.tsv; snippets whose subtype has no PLOVER event are kept
  as negatives (``plover: null``).
* ``petrarch2.jsonl`` — the PETRARCH2 validation unit-test records (CAMEO codes between the
  toy actors of their own dictionaries), mapped to PLOVER by the CAMEO2PLOVER table; the
  actor codes are toy countries (Arnor, Gondor), so only the type is a training signal.
* ``plover_gsr.jsonl`` — the PLOVER gold-standard records (type and actor codes). They are the
  ``plover`` benchmark of ``whimbrel eval``, so ``whimbrel train`` never trains on them.

Each line: {"source", "ref": {"path", "key"}, "events": [{"plover", "mode", "cameo",
"source", "target"}], "use": "train" | "eval"}. Usage: scripts/corpus/convert_public.py
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
OUT = REPO / "corpus" / "public"
sys.path.insert(0, str(REPO / "src"))


def case2021():
    table = {}
    for line in open(OUT / "case2021_to_plover.tsv", encoding="utf-8"):
        if line.startswith(("#", "subtype\t")):
            continue
        sub, plover, mode, cameo, _ = line.rstrip("\n").split("\t")
        table[sub] = (plover or None, mode or None, cameo or None)
    rel = "data/case2021_task2_event_classification/task2/test_dataset/test_set_final_release_with_labels.tsv"
    with open(SHARED / rel, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            plover, mode, cameo = table[r["SubType"]]
            events = [{"plover": plover, "mode": mode, "cameo": cameo, "source": None, "target": None}] \
                if plover else []
            yield {"source": "case2021", "ref": {"path": rel, "key": f"id={r['id']}"},
                   "label": r["SubType"], "events": events, "use": "train"}


def petrarch2():
    from whimbrel.ontology.plover import plover_of_cameo

    rel = "data/petrarch2_validation/petrarch2/data/text/PETR.UnitTest.records.xml"
    text = (SHARED / rel).read_text(encoding="utf-8", errors="replace")
    for m in re.finditer(r'<Sentence [^>]*id="([^"]+)"[^>]*>(.*?)</Sentence>', text, re.S):
        sid, inner = m.group(1), m.group(2)
        events = []
        for c in re.finditer(r'<EventCoding sourcecode="([^"]*)" targetcode="([^"]*)" eventcode="(\d+)"', inner):
            mapped = plover_of_cameo(c.group(3))
            if mapped is not None:
                events.append({"plover": mapped.plover, "mode": mapped.mode, "cameo": c.group(3),
                               "source": c.group(1) or None, "target": c.group(2) or None})
        yield {"source": "petrarch2", "ref": {"path": rel, "key": f"id={sid}"}, "events": events,
               "use": "train"}


def plover_gsr():
    rel = "data/plover_gold_cameo_examples/gold_standard_records/PLOVER_GSR_CAMEO.txt"
    for rec in json.loads((SHARED / rel).read_text(encoding="utf-8")):
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue

        def codes(side):
            actors = rec.get(side) or []
            if isinstance(actors, dict):
                actors = [actors]
            return [f"{a.get('code') or '---'} {a.get('sector') or ''}".strip() if isinstance(a, dict)
                    else str(a) for a in actors]
        yield {"source": "plover_gsr", "ref": {"path": rel, "key": f"id={rec['id']}"},
               "events": [{"plover": rec["event"], "mode": rec.get("mode"), "cameo": None,
                           "source": codes("source"), "target": codes("target")}], "use": "eval"}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, gen in (("case2021", case2021), ("petrarch2", petrarch2), ("plover_gsr", plover_gsr)):
        rows = list(gen())
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} records, {sum(len(r['events']) for r in rows)} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
