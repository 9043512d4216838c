"""The blind held-out gold in the repository meets its floors: eval/gold/heldout (5 Wikinews
2020 articles) and eval/gold/heldout2 (5 Wikinews 2019 articles outside the dev set), both
from the bundled sample corpus. Needs no research data, so it runs everywhere."""

from __future__ import annotations

import pytest

from whimbrel.eval import gate
from whimbrel.eval.runner import evaluate

from .conftest import REPO


@pytest.mark.parametrize("name, required", [("heldout", 39), ("heldout2", 27)])
def test_heldout_floors_hold(pipeline, name, required):
    report = evaluate([REPO / "eval" / "gold" / name], pipeline=pipeline)
    held = report.target(name)
    assert held is not None and len(held.articles) == 5
    assert [a.error for a in held.articles if a.error] == []
    events = held.layers["events"]["located"]
    assert events.tp + events.fn == required  # every required event was scored
    floors = [f for f in gate.load_floors(REPO / "eval" / "floors.toml") if f.target == name]
    assert len(floors) == 4
    violations = gate.check(report, floors)
    assert violations == [], gate.format_violations(violations)
