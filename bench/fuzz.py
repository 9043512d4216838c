"""Fuzz corpus and fault-trial benchmark (issue 17).

Builds input files from real, free documents of ``../shared`` (Wikinews 2019 rows, BBC
2004-05 articles, Zyte benchmark pages, the bundled crawl-text page; never a reserved
document) in every input format whimbrel reads, and mutates some of them: truncation,
bit flips, NUL and control bytes, terminal escape sequences and rich markup, lone
surrogates, other encodings (UTF-16/32 with and without BOM, cp1252), huge lines, JSON
nested deep and numbers of thousands of digits, unclosed CSV quotes, other delimiters,
broken and over-inflating gzip, WARC records cut short or with a bad deflate body, PDF
and binary files, junk, empty files, duplicates, impossible dates, URLs that do not parse.

Then it runs whimbrel over them shard by shard, each shard in its own process with a
time limit, and prints: crashes (a process that died or raised), hangs (a shard over its
time limit), the peak RSS of the main process, and the accounting: documents read =
stored + duplicates + rejected, and every input file present in ``articles`` or ``rejects``.

    python bench/fuzz.py [--docs 10000] [--shards 20] [--nlp] [--seed 17] [--keep DIR]

The test suite runs a small slice (tests/test_fuzz.py). ``--nlp`` runs the full pipeline
(slow: about 10-20 articles/s on one core); without it, extraction and the checks only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SHARED = REPO.parent / "shared"

# -- sources: free documents only ---------------------------------------------------------


def load_sources(limit: int = 400) -> dict[str, list]:
    """Texts (title, body) and HTML pages from ../shared (free parts only), and the bundled
    crawl-text page."""
    texts: list[tuple[str, str]] = []
    wiki = SHARED / "corpora" / "wikinews" / "wikinews_2019.csv"
    if wiki.exists():
        with wiki.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("text"):
                    texts.append((row.get("title") or "", row["text"]))
    bbc = SHARED / "data" / "bbc_news_2004_2005" / "bbc_news.jsonl"
    if bbc.exists():
        with bbc.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                o = json.loads(line)
                body = o.get("text") or o.get("body") or ""
                if body:
                    texts.append((o.get("title") or "", body))
    if not texts:  # the bundled sample: free rows only (120 onwards of the 2020 file)
        with (REPO / "examples" / "corpus" / "wikinews" / "wikinews_2020.csv").open(encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i >= 120 and row.get("text"):
                    texts.append((row.get("title") or "", row["text"]))
    pages: list[str] = []
    zyte = SHARED / "data" / "article_extraction_benchmark_zyte" / "html"
    if zyte.is_dir():
        for p in sorted(zyte.glob("*.html.gz"))[:40]:
            pages.append(gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))
    crawl = (REPO / "examples" / "corpus" / "crawl-text").glob("*.txt")
    return {"texts": texts, "pages": pages, "crawl": [p.read_text(encoding="utf-8") for p in crawl]}


# -- mutations ----------------------------------------------------------------------------

INJECT = ["\x1b[2J\x1b[H", "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07", "\x1b]52;c;cm0gLXJmIH4=\x07",
          "[/b]", "[link=http://evil.example]x[/link]", "\u202eevil\u202c", "\x9b31m", "\x00", "\ud83d"]


def flip(data: bytes, rng: random.Random, n: int = 1) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        if b:
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def inject(text: str, rng: random.Random) -> str:
    i = rng.randrange(max(1, len(text)))
    return text[:i] + rng.choice(INJECT) + text[i:]


def encode(text: str, rng: random.Random) -> bytes:
    enc = rng.choice(["utf-8", "utf-16", "utf-32", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"])
    return text.encode(enc, "replace") if enc not in ("utf-16", "utf-32", "utf-8-sig") else text.encode(enc, "surrogatepass")


def _enc(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# -- files --------------------------------------------------------------------------------


def _csv(rows: list[dict], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _warc(records: list[tuple[str, bytes, str | None]], gz: bool) -> bytes:
    """WARC response records (uri, html bytes, content-encoding) written with FastWARC."""
    import uuid

    from fastwarc.warc import WarcRecord, WarcRecordType

    out = io.BytesIO()
    for uri, body, ce in records:
        r = WarcRecord()
        r.init_headers(record_type=WarcRecordType.response, record_urn=uuid.uuid4().urn[4:].encode())
        r.headers.append("WARC-Target-URI", uri)
        r.headers.append("WARC-Date", "2019-11-21T06:00:00Z")
        r.headers.append("Content-Type", "application/http; msgtype=response")
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        if ce:
            head += f"Content-Encoding: {ce}\r\n"
        r.set_bytes_content(head.encode() + b"\r\n" + body)
        one = io.BytesIO()
        r.write(one)
        out.write(gzip.compress(one.getvalue()) if gz else one.getvalue())
    return out.getvalue()


def generate(out: Path, n_docs: int = 10_000, *, seed: int = 17, shards: int = 1,
             sources: dict | None = None) -> dict:
    """Write about ``n_docs`` documents into ``out/shard-NN/``; returns counts by kind."""
    rng = random.Random(seed)
    src = sources or load_sources()
    texts, pages, crawl = src["texts"], src["pages"], src["crawl"]
    counts: dict[str, int] = {}
    made = 0
    n_file = 0
    dirs = [out / f"shard-{i:02d}" for i in range(shards)]
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: bytes, docs: int, kind: str) -> None:
        nonlocal made, n_file
        d = dirs[n_file % shards]
        n_file += 1
        (d / f"{n_file:05d}-{name}").write_bytes(data)
        made += docs
        counts[kind] = counts.get(kind, 0) + 1

    while made < n_docs:
        kind = rng.choices(["txt", "crawl", "csv", "jsonl", "html", "htmlgz", "warc", "special"],
                           [14, 4, 10, 10, 5, 3, 3, 6])[0]
        title, body = rng.choice(texts)
        mutate = rng.random() < 0.5
        if kind == "txt":
            text = f"{title}\n\n{body}"
            if mutate:
                text = inject(text, rng)
            data = _enc(text)
            if mutate and rng.random() < 0.5:
                data = rng.choice([lambda d: flip(d, rng, 3), lambda d: truncate(d, rng),
                                   lambda d: encode(text, rng)])(data)
            put("story.txt", data, 1, "txt")
        elif kind == "crawl" and crawl:
            page = rng.choice(crawl)
            if mutate:
                page = rng.choice([lambda p: p.replace(p[6:16], "2023-99-99", 1), lambda p: inject(p, rng),
                                   lambda p: p[: rng.randrange(len(p))]])(page)
            put("page.txt", _enc(page), 1, "crawl")
        elif kind in ("csv", "jsonl"):
            k = rng.randint(5, 40)
            rows = []
            for j in range(k):
                t, b = rng.choice(texts)
                date = rng.choice(["2019-05-11", "11/05/2019", "13/05/2019", "1557568800", "May 2019",
                                   "Sat, 11 May 2019 10:00:00 +0200", "2019-99-99", "", "soon"])
                url = rng.choice(["https://www.example.org/a", "http://[::1/story", "", "not a url"])
                rows.append({"id": f"r{j}", "title": t, "date": date, "url": url, "text": b})
            if mutate:
                r = rng.choice(rows)
                r["text"] = inject(r["text"], rng)
                if rng.random() < 0.2:
                    r["text"] = rng.choice(["x", "?", "4653", "\u200b\u200b", "QUJD" * 500])
            if kind == "csv":
                text = _csv(rows, rng.choice([",", ",", ";", "\t"]))
                if mutate and rng.random() < 0.5:
                    lines = text.split("\n")
                    i = rng.randrange(1, len(lines) - 1)
                    lines[i] = lines[i].replace('"', "", 1) if '"' in lines[i] else lines[i] + ',"open'
                    text = "\n".join(lines)
                data = _enc(text)
            else:
                lines = [json.dumps(r, ensure_ascii=rng.random() < 0.5) for r in rows]
                if mutate:
                    i = rng.randrange(len(lines))
                    lines[i] = rng.choice(["[" * 50_000, '{"text": "a", "n": ' + "9" * 5000 + "}",
                                           '{"text": "' + rows[i]["text"][:100] + '\\ud83d"}', "not json",
                                           json.dumps({"text": "word " * 200_000}), "[1, 2]", '{"body": null}'])
                data = _enc("\n".join(lines) + "\n")
            if mutate and rng.random() < 0.3:
                data = rng.choice([lambda d: flip(d, rng, 5), lambda d: truncate(d, rng)])(data)
            if mutate and rng.random() < 0.2:
                data = b"\xff\xfe" + data.decode("utf-8", "replace").encode("utf-16-le")
            put(f"rows.{kind}", data, k, kind)
        elif kind in ("html", "htmlgz") and pages:
            page = rng.choice(pages)
            if mutate:
                page = inject(page, rng)
            data = _enc(page)
            if kind == "htmlgz":
                data = gzip.compress(data)
                if mutate:
                    data = flip(data, rng)
                put("page.html.gz", data, 1, kind)
            else:
                if mutate and rng.random() < 0.3:
                    data = truncate(data, rng)
                put("page.html", data, 1, kind)
        elif kind == "warc" and pages:
            recs = []
            for j in range(rng.randint(1, 4)):
                body = _enc(rng.choice(pages))
                ce = rng.choice([None, None, "deflate", "br"])
                if ce == "deflate":
                    body = zlib.compress(body)
                elif ce == "br":
                    import brotli

                    body = brotli.compress(body)
                if mutate and rng.random() < 0.5:
                    body = flip(body, rng, 3) if ce else body[: len(body) // 2]
                recs.append((f"https://example.org/{j}", body, ce))
            gz = rng.random() < 0.5
            data = _warc(recs, gz)
            if mutate and rng.random() < 0.3:
                data = data[: rng.randrange(len(data))]
            put("crawl.warc.gz" if gz else "crawl.warc", data, len(recs), "warc")
        else:
            choice = rng.choice(["pdf", "binary", "empty", "junk", "bomb", "dup", "utf32", "bigline"])
            if choice == "pdf":
                put("paper.pdf", b"%PDF-1.4\n(" + _enc(body[:500]) + b") Tj\n%%EOF\n", 1, choice)
            elif choice == "binary":
                put("blob.bin", bytes(rng.randrange(256) for _ in range(4000)), 1, choice)
            elif choice == "empty":
                put("empty.txt", b"", 1, choice)
            elif choice == "junk":
                put("junk.txt", _enc(rng.choice(["x", "?", "4653", "\u200b \u200b", "QUJD" * 300])), 1, choice)
            elif choice == "bomb":
                put("bomb.txt.gz", gzip.compress(b"\0" * 60_000_000, 9), 1, choice)
            elif choice == "dup":
                put("dup.txt", _enc(f"{title}\n\n{body}"), 1, choice)
            elif choice == "utf32":
                put("wide.txt", f"{title}\n\n{body}".encode("utf-32"), 1, choice)
            else:
                put("bigline.txt", _enc("word " * 100_000), 1, choice)
    return {"documents": made, "files": n_file, "kinds": counts}


# -- running --------------------------------------------------------------------------------


def drive(folder: str, db: str, nlp: bool) -> dict:
    """Run whimbrel over ``folder`` into ``db`` in this process; the summary, the file-level
    accounting (every file has a stored article, a reject row or a duplicate) and this
    process's peak RSS."""
    from whimbrel.model import display_path
    from whimbrel.pipeline import Pipeline
    from whimbrel.run.local import run_inputs
    from whimbrel.store.duckdb import Store

    duplicates: set[str] = set()
    with Store(db) as store:
        summary = run_inputs([folder], store=store, pipeline=Pipeline(nlp=nlp),
                             on_duplicate=lambda a: duplicates.add(str(a.origin).split("#row=")[0]))
        seen = {o.split("#row=")[0] for (o,) in store.con.execute(
            "SELECT origin FROM articles UNION SELECT origin FROM rejects").fetchall()} | duplicates
    files = [display_path(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs if not f.startswith(".")]
    dups = summary.duplicates
    missing = [f for f in files if f not in seen]
    return {"read": summary.read, "stored": summary.stored, "duplicates": dups, "rejected": summary.n_rejected,
            "by_reason": dict(summary.rejected), "warnings": dict(summary.warnings), "files": len(files),
            "files_missing": missing, "seconds": round(summary.seconds, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def run(out: Path, *, nlp: bool, timeout_s: float) -> dict:
    shards = sorted(p for p in out.iterdir() if p.is_dir())
    total = {"crashes": 0, "hangs": 0, "read": 0, "stored": 0, "duplicates": 0, "rejected": 0,
             "files": 0, "files_missing": 0, "peak_rss_mb": 0.0, "by_reason": {}, "warnings": {}, "seconds": 0.0,
             "unbalanced_shards": 0, "failures": []}
    for shard in shards:
        db = out / f".{shard.name}.duckdb"
        cmd = [sys.executable, __file__, "--drive", str(shard), str(db)] + (["--nlp"] if nlp else [])
        started = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s,
                                  env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        except subprocess.TimeoutExpired:
            total["hangs"] += 1
            total["failures"].append(f"{shard.name}: over {timeout_s:.0f} s")
            continue
        total["seconds"] += time.perf_counter() - started
        line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith("{")), None)
        if proc.returncode != 0 or line is None:
            total["crashes"] += 1
            total["failures"].append(f"{shard.name}: exit {proc.returncode}: {proc.stderr[-800:]}")
            continue
        r = json.loads(line)
        for k in ("read", "stored", "duplicates", "rejected", "files"):
            total[k] += r[k]
        total["files_missing"] += len(r["files_missing"])
        if r["files_missing"]:
            total["failures"].append(f"{shard.name}: files in neither articles nor rejects: {r['files_missing'][:5]}")
        if r["read"] != r["stored"] + r["duplicates"] + r["rejected"]:
            total["unbalanced_shards"] += 1
        total["peak_rss_mb"] = max(total["peak_rss_mb"], r["peak_rss_mb"])
        for key in ("by_reason", "warnings"):
            for k, v in r[key].items():
                total[key][k] = total[key].get(k, 0) + v
    total["seconds"] = round(total["seconds"], 1)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--shards", type=int, default=20)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--nlp", action="store_true", help="run the full pipeline (slow)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per shard before it counts as a hang")
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    ap.add_argument("--drive", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.drive:
        print(json.dumps(drive(args.drive[0], args.drive[1], args.nlp)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        made = generate(out, args.docs, seed=args.seed, shards=args.shards)
        print(f"generated {made['documents']:,} documents in {made['files']:,} files: {made['kinds']}")
        t = run(out, nlp=args.nlp, timeout_s=args.timeout)
    print(f"crashes {t['crashes']}, hangs {t['hangs']}, peak RSS {t['peak_rss_mb']:.0f} MB (main process)")
    print(f"inputs {t['read']:,} = stored {t['stored']:,} + duplicates {t['duplicates']:,} + rejected "
          f"{t['rejected']:,} ({'adds up' if t['read'] == t['stored'] + t['duplicates'] + t['rejected'] and not t['unbalanced_shards'] else 'DOES NOT ADD UP'})")
    print(f"files {t['files']:,}, in neither articles nor rejects: {t['files_missing']}")
    print(f"rejected by reason: {dict(sorted(t['by_reason'].items()))}; warnings: {t['warnings']}")
    print(f"seconds {t['seconds']}")
    for f in t["failures"][:20]:
        print("FAILURE", f)
    if t["crashes"] or t["hangs"] or t["files_missing"] or t["unbalanced_shards"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
