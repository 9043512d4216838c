#!/usr/bin/env python3
"""Build corpus/ from the annotators' files: one gold file per article of corpus/manifest.tsv
plus the train-gold head start, each under corpus/<split>/<source>/<id>.json.

    scripts/corpus/assemble.py ANNOTATION_DIR... [--adjudicated DIR] [--shared ../shared]

ANNOTATION_DIR holds annotators' files (<id>.json, searched recursively; the first found is
the first annotation, a second one of the same id the second). An article annotated twice
goes into corpus/agreement/first/ and corpus/agreement/second/ as it was annotated, and into
its split as adjudicated (from --adjudicated; the first annotation until it is adjudicated).
A train-gold article that was annotated again is paired the same way, the train-gold file being
the first annotation. Every file is checked against the gold format and its input text; a file
that fails is reported and left out. Train-gold files that quote a reserved document are left
out (scripts/corpus/select_articles.py applies the same rule to the new articles).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from whimbrel.eval.gold import GoldFile, GoldError, missing_strings, validate  # noqa: E402
from whimbrel.eval.reserved import ReservedList, ReservedText  # noqa: E402

KEY_ORDER = ["id", "input", "published", "events", "not_events", "quotes", "not_quotes", "timexes"]
TRAIN_GOLD_SOURCE = {"guardian": "guardian", "xinhua2005": "xinhua2005", "afp2006": "afp2006",
                     "wikinews2019": "wikinews2019", "hyperpartisan": "hyperpartisan"}


def split_of(doc_id: str) -> str:
    """The fixed split of an article (the same hash as select_articles.py)."""
    from select_articles import split_of as f  # noqa: PLC0415

    return f(doc_id)


def body_of(shared: Path, inp: dict) -> str:
    """The article text a gold ``input`` names, read as whimbrel's gold loader reads it."""
    return GoldFile(Path("-"), {"input": inp}, shared, "-").body()


def normalise(g: dict) -> dict:
    """Apply the clarifications that can be applied mechanically to files annotated before
    them: sanctions (CAMEO 163) are SANCTION, not COERCE (corpus/README.md, clarification 3)."""
    for e in g.get("events") or []:
        if e.get("plover") == "COERCE" and str(e.get("cameo")) == "163":
            e["plover"] = "SANCTION"
            e["mode"] = None
    return g


def tidy(g: dict) -> dict:
    g = normalise(g)
    out = {k: g[k] for k in KEY_ORDER if k in g}
    out.update({k: v for k, v in g.items() if k not in out})
    for k in ("events", "not_events", "quotes", "timexes"):
        out.setdefault(k, [])
    return out


def problems(g: dict, shared: Path) -> list[str]:
    bad = validate(g)
    if not bad:
        try:
            bad = missing_strings(g, body_of(shared, g["input"]))
        except (GoldError, OSError) as exc:
            bad = [f"input not found: {exc}"]
    return bad


def write(path: Path, g: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tidy(g), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("annotations", nargs="+")
    ap.add_argument("--adjudicated", default=None)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--corpus", default=str(REPO / "corpus"))
    a = ap.parse_args(argv)
    shared, corpus = Path(a.shared), Path(a.corpus)
    manifest = {r["id"]: r for r in csv.DictReader(open(corpus / "manifest.tsv", encoding="utf-8"),
                                                   delimiter="\t")}
    reserved_text = ReservedText(ReservedList.load(shared / "RESERVED.md"))
    # the train-gold head start
    train_gold: dict[str, tuple[str, dict]] = {}
    for f in sorted((shared / "train-gold").glob("*/*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        if reserved_text.quoted_in(body_of(shared, g["input"])):
            print(f"left out {f.name}: shares text with a reserved document", file=sys.stderr)
            continue
        train_gold[g["id"]] = (TRAIN_GOLD_SOURCE[f.parent.name], g)
    # annotators' files, in batch order
    copies: dict[str, list[dict]] = {}
    for d in a.annotations:
        for f in sorted(Path(d).rglob("*.json"), key=lambda p: p.as_posix()):
            g = json.loads(f.read_text(encoding="utf-8"))
            if "events" not in g:  # not an annotation (an article's .meta.json)
                continue
            if g.get("id") in manifest or g.get("id") in train_gold:
                copies.setdefault(g["id"], []).append(g)
    adjudicated = {}
    if a.adjudicated and Path(a.adjudicated).is_dir():
        for f in Path(a.adjudicated).glob("*.json"):
            g = json.loads(f.read_text(encoding="utf-8"))
            adjudicated[g["id"]] = g
    for sub in ("train", "dev", "test", "agreement"):
        for old in (corpus / sub).rglob("*.json") if (corpus / sub).exists() else []:
            old.unlink()
    written, failed = 0, []
    for doc_id, row in sorted(manifest.items()):
        cs = copies.get(doc_id, [])
        if not cs:
            continue
        final = adjudicated.get(doc_id, cs[0])
        if len(cs) > 1:
            write(corpus / "agreement" / "first" / f"{doc_id}.json", cs[0])
            write(corpus / "agreement" / "second" / f"{doc_id}.json", cs[1])
        bad = problems(final, shared)
        if bad:
            failed.append((doc_id, bad))
            continue
        write(corpus / row["split"] / row["source"] / f"{doc_id}.json", final)
        written += 1
    for doc_id, (source, g) in sorted(train_gold.items()):
        final = g
        if doc_id in copies:
            write(corpus / "agreement" / "first" / f"{doc_id}.json", g)
            write(corpus / "agreement" / "second" / f"{doc_id}.json", copies[doc_id][0])
            final = adjudicated.get(doc_id, g)
        bad = problems(final, shared)
        if bad:
            failed.append((doc_id, bad))
            continue
        write(corpus / split_of(doc_id) / source / f"{doc_id}.json", final)
        written += 1
    for doc_id, bad in failed:
        print(f"FAILED {doc_id}: {'; '.join(bad[:3])}", file=sys.stderr)
    print(f"{written} articles written, {len(failed)} failed", file=sys.stderr)
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
