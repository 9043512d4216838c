"""The blind held-out gold in the repository (eval/gold/heldout: 5 Wikinews 2020 articles from
the bundled sample corpus) meets its floors. Needs no research data, so it runs everywhere."""

from __future__ import annotations

from whimbrel.eval import gate
from whimbrel.eval.runner import evaluate

from .conftest import REPO


def test_heldout_floors_hold(pipeline):
    report = evaluate([REPO / "eval" / "gold" / "heldout"], pipeline=pipeline)
    held = report.target("heldout")
    assert held is not None and len(held.articles) == 5
    assert [a.error for a in held.articles if a.error] == []
    events = held.layers["events"]["located"]
    assert events.tp + events.fn == 39  # every required event was scored
    floors = [f for f in gate.load_floors(REPO / "eval" / "floors.toml") if f.target == "heldout"]
    assert len(floors) == 4
    violations = gate.check(report, floors)
    assert violations == [], gate.format_violations(violations)
