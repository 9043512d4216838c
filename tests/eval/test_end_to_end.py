"""End to end: the real pipeline on the seed and the dev gold, checked against the committed
floors (this is the CI quality gate), and a lowered figure breaking it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from whimbrel.eval import benchmarks, gate
from whimbrel.eval.report import format_explain, format_table
from whimbrel.eval.runner import evaluate

from .conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(shared, pipeline):
    """The CI run: seed and dev gold (the session's pipeline, tests/conftest.py), and every
    registered benchmark in its quick setting (a benchmark whose reader is not merged yet is
    skipped, not failed)."""
    return evaluate([shared / "gold"], pipeline=pipeline, benchmarks=benchmarks.names(),
                    quick=True)


def test_eval_prints_per_layer_figures_for_the_seed_and_the_dev_set(report):
    assert [t.name for t in report.targets][:2] == ["seed", "dev"]
    assert [t.name for t in report.targets][2:] == benchmarks.names()
    assert [t.name for t in report.targets if t.status == "failed"] == []
    seed, dev = report.target("seed"), report.target("dev")
    assert len(seed.articles) == 1 and len(dev.articles) == 20
    assert [a.error for a in dev.articles + seed.articles if a.error] == []
    # every gold item of every annotated layer was counted: required events of the dev set
    assert dev.layers["events"]["located"].tp + dev.layers["events"]["located"].fn == 104
    assert dev.layers["timexes"]["overlap"].tp + dev.layers["timexes"]["overlap"].fn == 138
    table = format_table(report)
    assert table.startswith("seed (gold) — 1 article")
    assert "\ndev (gold) — 20 articles" in table
    assert "  article   body_tokens " in table and "  events    located " in table
    assert json.loads(json.dumps(report.to_json()))["targets"]["dev"]["figures"]
    explain = format_explain(report)
    for f in (report.target("seed").findings + dev.findings)[:5]:
        assert f"/ {f.article}  (" in explain and f.detail in explain


def test_committed_floors_hold(report):
    """The quality gate of CI: every floor of eval/floors.toml on the seed and dev sets and
    on the benchmarks that ran."""
    floors = gate.load_floors(REPO / "eval" / "floors.toml")
    violations = gate.check(report, floors)
    assert violations == [], gate.format_violations(violations)


def test_a_lowered_figure_breaks_the_gate(report):
    floors = gate.load_floors(REPO / "eval" / "floors.toml")
    checked = [f for f in floors if f.target in ("seed", "dev") and f.min is not None]
    assert checked, "no floor on the seed or dev set"
    f = checked[0]
    t = report.target(f.target)
    lowered = dataclasses.replace(t, figures={**t.figures, f.figure: f.min - 0.01})
    worse = dataclasses.replace(report, targets=[lowered if x is t else x for x in report.targets])
    v = gate.check(worse, floors)
    assert [(x.target, x.figure) for x in v] == [(f.target, f.figure)]
