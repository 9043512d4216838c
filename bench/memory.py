"""Peak memory against input size (issue 17): a CSV or JSONL export of N MB, built from free
news texts of ../shared (Wikinews 2019, BBC 2004-05; each row made unique), run through
``run_inputs`` in a fresh process; prints the process's peak RSS for each size.

    python bench/memory.py [--sizes 20 200] [--format csv|jsonl] [--nlp]

Without ``--nlp`` it measures reading, extraction, the checks, story clustering and the
store (what grows with the input); the NLP stage works batch by batch and adds a constant.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def build(path: Path, mb: int, fmt: str) -> int:
    from fuzz import load_sources

    texts = load_sources()["texts"]
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh) if fmt == "csv" else None
        if w:
            w.writerow(["id", "date", "title", "text"])
        while fh.tell() < mb * 1_000_000:
            title, body = texts[n % len(texts)]
            row = [f"m{n}", "2019-05-11", title, f"{body}\n\nThis copy is number {n}."]
            if w:
                w.writerow(row)
            else:
                fh.write(json.dumps(dict(zip(["id", "date", "title", "text"], row))) + "\n")
            n += 1
    return n


def measure(path: Path, nlp: bool) -> dict:
    code = ("import json, resource, sys; from whimbrel.pipeline import Pipeline; "
            "from whimbrel.run.local import run_inputs; from whimbrel.store.duckdb import Store\n"
            f"with Store({str(path.with_suffix('.duckdb'))!r}) as s:\n"
            f"    r = run_inputs([{str(path)!r}], store=s, pipeline=Pipeline(nlp={nlp}))\n"
            "print(json.dumps({'read': r.read, 'stored': r.stored, 'rejected': r.n_rejected, "
            "'seconds': round(r.seconds, 1), "
            "'peak_rss_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[20, 200], help="input sizes in MB")
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ap.add_argument("--nlp", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"in-{mb}.{args.format}"
            t = time.perf_counter()
            rows = build(path, mb, args.format)
            r = measure(path, args.nlp)
            print(f"{mb:>5} MB {args.format} ({rows:,} rows): peak RSS {r['peak_rss_mb']:,} MB; read {r['read']:,}, "
                  f"stored {r['stored']:,}, rejected {r['rejected']:,}; {r['seconds']} s "
                  f"(built and run in {time.perf_counter() - t:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
