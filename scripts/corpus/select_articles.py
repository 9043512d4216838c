#!/usr/bin/env python3
"""Choose the articles of the annotated corpus (corpus/) from the free news in ../shared.

Deterministic: the same ../shared gives the same manifest. A document that shares a run of
12 words with a reserved one (a wire story's update, a copied paragraph) is left out too. BBC News (2004-05) is left out: its
articles carry no publication date, so no relative date in them can be resolved. Never picks a document listed in
../shared/RESERVED.md, a dev or held-out gold article, or an article already in the
train-gold head start (those are added as they are). Writes corpus/manifest.tsv:

    id  source  path  key  published  words  kind  split

``key`` is ``row=N`` (CSV data row, counted from 0) or ``id=X`` (JSONL record id); ``kind`` is
``political`` (political, diplomatic, conflict or protest story) or ``ordinary`` (news with
no political content, about 10 %); ``split`` is train / dev / test, fixed by a hash of the id.

Usage: scripts/corpus/select_articles.py [--shared ../shared] [--out corpus/manifest.tsv]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

from whimbrel.eval.reserved import ReservedList, ReservedText  # noqa: E402

csv.field_size_limit(10**9)

#: words that mark a political, diplomatic, security or protest story (counted per 100 words)
POLITICAL = re.compile(
    r"\b(government|minister|ministry|president|prime minister|parliament|senate|congress|"
    r"election|vote|party|opposition|troops|army|military|soldiers?|police|arrest(?:ed)?|"
    r"attack(?:ed|s)?|killed|bomb(?:ing)?|rebels?|militants?|protest(?:ers|ed|s)?|talks|"
    r"sanctions?|treaty|agreement|diplomat(?:ic|s)?|embassy|ambassador|united nations|UN|"
    r"NATO|EU|court|judge|charged|sentenced|accused|demanded|urged|condemned|visit(?:ed)?|"
    r"meeting|summit|negotiat\w+|ceasefire|strike[sd]?|war|violence|security|officials?)\b",
    re.I)

#: (source, how many political, how many ordinary)
TARGETS = {
    "wikinews2019": (75, 5),
    "wikinews2020": (4, 0),
    "guardian": (75, 0),
    "afp2006": (70, 10),
    "xinhua2005": (70, 10),
    "polnear": (65, 0),
    "hyperpartisan": (45, 3),
    "timebank": (30, 5),
}
#: article length bounds in words (long articles cost annotators most)
MIN_WORDS, MAX_WORDS = 90, 750
#: sources whose stories run longer, and the political-word density each needs
LONGER = {"guardian": 1000}
DENSITY = {"wikinews2019": 1.5, "wikinews2020": 1.5, "guardian": 2.0}
SPLIT_SHARES = (("test", 0.22), ("dev", 0.13), ("train", 1.0))


def words(text: str) -> int:
    return len(text.split())


def split_of(doc_id: str) -> str:
    h = int(hashlib.sha256(("whimbrel-corpus-v1:" + doc_id).encode()).hexdigest()[:8], 16) / 2**32
    acc = 0.0
    for name, share in SPLIT_SHARES:
        acc += share
        if h < acc:
            return name
    return "train"


def candidates(shared: Path):
    """(id, source, path, key, published, text) for every free document of each source."""
    def csv_rows(rel):
        with open(shared / rel, encoding="utf-8", newline="") as fh:
            yield from enumerate(csv.DictReader(fh))

    for year in ("2019", "2020"):
        rel = f"corpora/wikinews/wikinews_{year}.csv"
        for i, r in csv_rows(rel):
            yield (f"wikinews-{year}-{i:03d}", f"wikinews{year}", rel, f"row={i}", r["date"][:10],
                   r["text"])
    rel = "data/guardian_2019_sample_ngec/Guardian_SDF_sample.csv"
    for i, r in csv_rows(rel):
        yield f"guardian-{r['']}", "guardian", rel, f"row={i}", r["date"][:10], r["text"]
    rel = "data/tempeval3_timeml/te3_articles_plaintext.jsonl"
    for line in open(shared / rel, encoding="utf-8"):
        r = json.loads(line)
        src = {"AFP_ENG_2006": "afp2006", "XIN_ENG_2005": "xinhua2005"}.get(r["id"][:12])
        if r["split"].startswith("TBAQ"):
            src = "timebank"
        if src:
            yield r["id"] if src != "timebank" else f"timebank-{r['id']}", src, rel, \
                f"id={r['id']}", r["date"][:10], r["text"]
    rel = "data/polnear/polnear_articles.jsonl"
    for line in open(shared / rel, encoding="utf-8"):
        r = json.loads(line)
        yield "polnear-" + r["id"], "polnear", rel, f"id={r['id']}", r["date"][:10], r["text"]
    rel = "data/semeval2019_hyperpartisan_byarticle/hyperpartisan_articles.jsonl"
    for line in open(shared / rel, encoding="utf-8"):
        r = json.loads(line)
        if r.get("date"):
            yield ("hyperpartisan-" + r["id"], "hyperpartisan", rel, f"id={r['id']}",
                   r["date"][:10], r["text"])


def taken_already(shared: Path, repo: Path) -> set[tuple[str, str]]:
    """(path, key) of the dev, held-out and train-gold articles."""
    out = set()
    files = list((shared / "gold").rglob("*.json")) + list((shared / "train-gold").rglob("*.json"))
    files += list((repo / "eval" / "gold").rglob("*.json"))
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        inp = g.get("input", {})
        path = inp.get("path", "").replace("../examples/corpus/", "corpora/")
        key = f"row={inp['row']}" if "row" in inp else f"id={inp.get('id')}"
        out.add((path, key))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "corpus" / "manifest.tsv"))
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    reserved = ReservedList.load(shared / "RESERVED.md")
    reserved_text = ReservedText(reserved)
    taken = taken_already(shared, REPO)
    pools: dict[str, list] = {}
    for doc_id, src, rel, key, pub, text in candidates(shared):
        if reserved.is_reserved(rel, key) or (rel, key) in taken:
            continue
        if reserved_text.quoted_in(text):  # a wire update or copy of a reserved story
            continue
        n = words(text)
        if not (MIN_WORDS <= n <= LONGER.get(src, MAX_WORDS)):
            continue
        density = 100.0 * len(POLITICAL.findall(text)) / max(n, 1)
        pools.setdefault(src, []).append((density, doc_id, rel, key, pub, n))
    rows = []
    for src, (n_pol, n_ord) in TARGETS.items():
        pool = pools.get(src, [])
        # a stable order inside equal scores: the hash of the id
        stable = lambda t: hashlib.sha256(t[1].encode()).hexdigest()  # noqa: E731
        need = DENSITY.get(src, 3.0)
        pol = sorted((t for t in pool if t[0] >= need), key=stable)[:n_pol]
        ordinary_pool = [t for t in pool if t[0] < 0.8]
        ordn = sorted(ordinary_pool, key=stable)[:n_ord]
        for kind, chosen in (("political", pol), ("ordinary", ordn)):
            for density, doc_id, rel, key, pub, n in chosen:
                rows.append((doc_id, src, rel, key, pub, n, kind, split_of(doc_id)))
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "source", "path", "key", "published", "words", "kind", "split"])
        w.writerows(sorted(rows, key=lambda r: (r[1], r[0])))
    print(f"{len(rows)} articles -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
