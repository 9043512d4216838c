"""The runner: reading gold inputs, picking rows, running a pipeline, grouping by gold set.

These tests stand in for ``whimbrel.ingest.read_path`` and the pipeline with small doubles so
that they test the runner and the scorers on the real gold files: an *oracle* pipeline that
predicts exactly the gold items must score perfectly on every layer.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import whimbrel.ingest
from whimbrel.eval import runner
from whimbrel.eval.runner import evaluate
from whimbrel.model import Article, Origin, RawDocument, Rejection

csv.field_size_limit(10**9)


def fake_read_path(path, input_format=None):
    """Minimal stand-in for whimbrel.ingest.read_path: CSV rows or one text document."""
    path = Path(path)
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if not row["text"].strip():
                    yield Rejection(Origin(str(path), i), "W103", "empty", "no text")
                    continue
                yield RawDocument(Origin(str(path), i), "csv", row["text"], title=row.get("title"),
                                  published=row.get("date"))
    else:
        yield RawDocument(Origin(str(path)), "crawl-text", path.read_text(encoding="utf-8"))


class OraclePipeline:
    """Predicts exactly what the gold says (looked up by body text): the scorer must give
    P = R = F1 = 1 and every attribute right."""

    def __init__(self, golds: dict[str, dict]):
        self.golds = golds  # body → gold dict

    def process(self, raw):
        gold = next(g for key, g in self.golds.items() if key in raw.text)
        art = gold.get("article") or {}
        body = "\n\n".join(art["body_paragraphs"]) if art else raw.text
        paras, pos = [], 0
        for p in art.get("body_paragraphs", []):
            paras.append((pos, pos + len(p)))
            pos += len(p) + 2
        return _OracleArticle(Article(id="x", body=body, title=art.get("title"),
                                      author=art.get("author"),
                                      published=art.get("published_at") or raw.published,
                                      dateline=art.get("dateline"), credit=tuple(art.get("credit", ())),
                                      paragraphs=tuple(paras)), gold)


class _OracleArticle:
    def __init__(self, article: Article, gold: dict):
        self.article, self.gold = article, gold

    def to_record(self):
        rec = self.article.to_record()
        body = rec["body"]

        def at(text):
            i = body.index(text)
            return {"start": i, "end": i + len(text), "text": text}

        rec["timexes"] = [dict(at(t["text"]), value=t["value"], mod=t.get("mod"))
                          for t in self.gold.get("timexes", [])]
        rec["quotes"] = [dict(at(q["text"]), kind=q["kind"], speaker=q["speaker"],
                              speaker_start=None, speaker_end=None)
                         for q in self.gold.get("quotes", [])]
        rec["events"] = []
        for e in self.gold.get("events", []):
            ev = at(e["evidence"])
            rec["events"].append({"plover": e["plover"], "mode": e["mode"], "cameo": e["cameo"],
                                  "date": e["date"], "source": e["source"], "target": e["target"],
                                  "evidence": ev, "sentence": {"start": ev["start"], "end": ev["end"]},
                                  "location": e.get("location") and {
                                      "text": e["location"]["mention"],
                                      "country": e["location"]["country"]}})
        rec["places"] = []
        for e in self.gold.get("events", []):
            loc = e.get("location") or {}
            i = body.find(loc["mention"]) if loc.get("mention") else -1
            while i >= 0:
                rec["places"].append({"start": i, "end": i + len(loc["mention"]), "text": loc["mention"],
                                      "country": loc.get("country"), "kind": "mention"})
                i = body.find(loc["mention"], i + 1)
        rec["actors"] = []
        for a in self.gold.get("actors", []):
            for m in a["mentions"]:
                i = body.find(m)
                while i >= 0:
                    rec["actors"].append({"start": i, "end": i + len(m), "text": m, "code": a["code"]})
                    i = body.find(m, i + 1)
        return rec


def test_oracle_scores_perfectly_on_the_real_gold(shared, monkeypatch):
    monkeypatch.setattr(whimbrel.ingest, "read_path", fake_read_path, raising=False)
    golds = {}
    for f in sorted((shared / "gold").rglob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        key = (g.get("article") or {}).get("body_paragraphs", [None])[0]
        if key is None:  # a wikinews row: its first event evidence identifies it
            key = (g["events"] or g["quotes"])[0].get("evidence") or g["quotes"][0]["text"]
        golds[key] = g
    report = evaluate([shared / "gold"], pipeline=OraclePipeline(golds))
    assert [t.name for t in report.targets] == ["seed", "dev"]
    seed, dev = report.target("seed"), report.target("dev")
    assert len(seed.articles) == 1 and len(dev.articles) == 20
    assert all(a.error is None for a in dev.articles)
    for t in (seed, dev):
        for name, value in t.figures.items():
            if name.endswith(".count"):
                assert value == 0, (t.name, name)
            elif name not in ("quotes.speaker_mention.accuracy",
                              # coverage of predicted coordinates: the gold has none to give
                              "events.coordinates.accuracy"):
                assert value == pytest.approx(1.0), (t.name, name, value)
    # counts: every required gold event of the dev set is a TP, the optional ones are not counted
    n_required = sum(1 for g in golds.values() if "article" not in g
                     for e in g["events"] if e.get("required", True))
    assert dev.layers["events"]["located"].tp == n_required
    assert seed.figures["article.body_tokens.f1"] == 1.0
    assert "article.not_in_body.count" in seed.figures


def test_rows_rejections_exceptions_and_missing_inputs(tmp_path, monkeypatch):
    monkeypatch.setattr(whimbrel.ingest, "read_path", fake_read_path, raising=False)
    root = tmp_path / "shared"
    (root / "corpora").mkdir(parents=True)
    with open(root / "corpora" / "news.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "date", "title", "text"])
        w.writerow(["u0", "2019-01-07", "t0", "Trump said on Friday he may declare an emergency."])
        w.writerow(["u1", "2019-01-07", "t1", ""])
        w.writerow(["u2", "2019-01-07", "t2", "Schiff called it a non-starter on Friday."])
    tx = {"text": "on Friday", "value": "2019-01-04"}

    def gold(name, row, path="corpora/news.csv"):
        f = root / "gold" / "dev" / f"{name}.json"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps({"id": name, "input": {"path": path, "row": row},
                                 "timexes": [tx]}))

    gold("a", 0), gold("b", 1), gold("c", 2), gold("d", 9), gold("e", 0, "corpora/absent.csv")

    class Pipe:
        def process(self, raw):
            if "Schiff" in raw.text:
                raise RuntimeError("parser crashed")
            i = raw.text.index("Friday")
            art = Article(id="x", body=raw.text)
            rec = art.to_record()
            rec["timexes"] = [{"start": i, "end": i + 6, "text": "Friday", "value": "2019-01-04"}]
            return type("A", (), {"to_record": lambda self: rec})()

    report = evaluate([root / "gold"], pipeline=Pipe())
    dev = report.target("dev")
    errors = {a.gold_id: a.error for a in dev.articles}
    assert errors["a"] is None
    assert errors["b"] == "input rejected: W103 empty: no text"
    assert errors["c"] == "pipeline raised RuntimeError: parser crashed"
    assert errors["d"].endswith("news.csv has no row 9")
    assert "absent.csv does not exist" in errors["e"]
    # one article right, four failed: each failure is a miss
    assert dev.layers["timexes"]["exact_noprep"].tp == 1
    assert dev.layers["timexes"]["exact_noprep"].fn == 4
    assert dev.figures["timexes.value.accuracy"] == 1.0


def test_unknown_benchmark_is_refused_before_running():
    with pytest.raises(KeyError, match="unknown benchmark 'nope'"):
        evaluate([], benchmarks=["nope"])


def test_benchmarks_only_use_the_shared_data_beside_the_repo(shared, nlp, monkeypatch):
    monkeypatch.setattr(runner, "default_shared_root", lambda: shared)
    from whimbrel.eval import benchmarks

    orig = benchmarks.run_benchmark
    monkeypatch.setattr(runner.registry, "run_benchmark",
                        lambda name, root, quick=False: orig(name, root, quick=quick, limit=50, nlp=nlp))
    report = evaluate([], benchmarks=["conll2003"])
    t = report.target("conll2003")
    assert t.status == "ok" and t.info["sentences"] == 50
