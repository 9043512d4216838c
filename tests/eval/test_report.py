"""Report renderings: table, JSON, explain."""

from __future__ import annotations

import json

from whimbrel.eval.report import ArticleResult, Report, TargetResult, format_explain, format_table
from whimbrel.eval.score import score_article

from .test_score import GOLD_EVENTS, event, record, timex


def make_report() -> Report:
    gold = dict(GOLD_EVENTS, timexes=[{"text": "on Thursday", "value": "2023-05-04"}])
    rec = record(
        events=[event("AGREE", "Beijing will continue maintaining cooperation", "CHN GOV", "RUS GOV",
                      cameo="030", date="2023-05-04"),
                event("CONSULT", "The ministerial meeting took place", "CHN GOV", "RUS GOV")],
        timexes=[timex("Thursday", "2023-05-05")])
    s = score_article(rec, gold)
    arts = [ArticleResult("seed-1", "gold/seed-1.json", s.layers, s.findings),
            ArticleResult("seed-2", "gold/seed-2.json", {}, [], error="input rejected: W103 empty")]
    return Report([TargetResult.from_articles("seed", arts, 1.5),
                   TargetResult("conll2003", "benchmark", figures={"entity.f1": 0.618},
                                info={"sentences": 3453}, seconds=5.0),
                   TargetResult("polnear", "benchmark", "skipped",
                                "module whimbrel.eval.polnear not available")])


def test_table_shows_each_layer_and_the_skips():
    text = format_table(make_report())
    lines = text.splitlines()
    assert lines[0] == "seed (gold) — 2 articles, 1.5 s"
    assert "1 article(s) failed: seed-2: input rejected: W103 empty" in text
    row = next(line for line in lines if line.split()[:2] == ["events", "located"])
    # 1 TP (AGREE), 1 FP (CONSULT in the wrong sentence), 2 required misses
    assert row.split()[2:] == ["0.500", "0.333", "0.400", "1/1/2", "tp/fp/fn"]
    row = next(line for line in lines if line.split()[:2] == ["timexes", "value"])
    assert row.split()[2:] == ["0.000", "0/1", "right"]
    assert "  entity.f1" in text and "0.618" in text
    assert "polnear: SKIPPED — module whimbrel.eval.polnear not available" in text


def test_json_round_trips_and_holds_counts_and_findings():
    d = json.loads(json.dumps(make_report().to_json()))
    seed = d["targets"]["seed"]
    assert seed["figures"]["events.located.p"] == 0.5
    assert seed["counts"]["events"]["located"] == {"tp": 1, "fp": 1, "fn": 2}
    assert seed["counts"]["events"]["forbidden"] == {"count": 1, "checked": 2}
    assert [a["error"] for a in seed["articles"]] == [None, "input rejected: W103 empty"]
    kinds = {(f["kind"], f["measure"]) for f in seed["findings"]}
    assert ("false-positive", "events.located") in kinds and ("wrong-value", "timexes.value") in kinds
    assert d["targets"]["polnear"]["status"] == "skipped"
    assert "findings" not in make_report().to_json(findings=False)["targets"]["seed"]


def test_explain_lists_misses_and_false_positives_with_their_sentence():
    text = format_explain(make_report())
    assert "== seed / seed-1  (gold/seed-1.json)" in text
    assert "events.located         MISS" in text
    assert "events.located         FALSE-POSITIVE" in text
    assert ("      sentence: The ministerial meeting took place on the sidelines of the Shanghai "
            "Cooperation Organization (SCO) foreign ministers' meeting in India on Thursday.") in text
    assert "FAILED: input rejected: W103 empty" in text
    only_timex = format_explain(make_report(), layers={"timexes"})
    assert "events.located" not in only_timex and "expected 2023-05-04, got 2023-05-05" in only_timex
