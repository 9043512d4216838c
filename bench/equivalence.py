"""Proof that a speed change leaves whimbrel's output unchanged.

Runs the whole pipeline (extraction, spaCy, every installed layer) over the first N
articles of the bundled Wikinews sample (the texts ``bench/throughput.py`` times) and
either saves their ``Article.to_record()`` as JSON lines or compares them with a saved run,
field by field, printing the first differences.

    python bench/equivalence.py --save /tmp/before.jsonl [--limit 120]   # on the old code
    python bench/equivalence.py --check /tmp/before.jsonl [--limit 120]  # on the new code

Exit status 0 when every record is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from whimbrel.ingest import read_inputs  # noqa: E402
from whimbrel.model import Article, RawDocument  # noqa: E402
from whimbrel.pipeline import Pipeline  # noqa: E402


def records(limit: int, model: str | None = None) -> list[dict]:
    """``to_record()`` of the first ``limit`` Wikinews sample articles, in order."""
    raws = [d for d in read_inputs([str(REPO / "examples" / "corpus" / "wikinews")]) if isinstance(d, RawDocument)]
    out = Pipeline(model).process_many(raws[:limit])
    recs = [json.loads(json.dumps(a.to_record())) for a in out if isinstance(a, Article)]
    for r in recs:  # the checkout's path is no output: runs from two worktrees compare
        if r.get("origin"):
            r["origin"] = r["origin"].replace(str(REPO), "<repo>")
    return recs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--model", default=None)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--check", type=Path)
    args = ap.parse_args()
    recs = records(args.limit, args.model)
    if args.save:
        args.save.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in recs))
        print(f"saved {len(recs)} records to {args.save}")
        return 0
    before = [json.loads(line) for line in args.check.read_text().splitlines()]
    if len(before) != len(recs):
        print(f"DIFFERENT: {len(before)} records before, {len(recs)} now")
        return 1
    bad = 0
    for old, new in zip(before, recs):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                bad += 1
                if bad <= 10:
                    a, b = old.get(key), new.get(key)
                    if isinstance(a, list) and isinstance(b, list):
                        diff = [(x, y) for x, y in zip(a, b) if x != y][:2]
                        print(f"{old['id'][:12]} {key}: {len(a)} vs {len(b)} items; first diffs {diff}")
                    else:
                        print(f"{old['id'][:12]} {key}: {a!r} != {b!r}")
    n_fields = sum(len(v) if isinstance(v, list) else 1 for r in recs for v in r.values())
    print(f"{'IDENTICAL' if not bad else 'DIFFERENT'}: {len(recs)} articles, {n_fields:,} record items, "
          f"{bad} differing fields")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
