"""The annotated corpus meets its floors: the dev split (where the event model's thresholds
are chosen) and the test split (131 articles nobody reads to find faults). The default
pipeline; skips without ../shared, whose texts the corpus points into."""

from __future__ import annotations

import pytest

from whimbrel.eval import gate
from whimbrel.eval.runner import evaluate

from .conftest import REPO

pytestmark = pytest.mark.slow


def test_corpus_floors_hold(shared, pipeline):
    report = evaluate([REPO / "corpus" / "dev", REPO / "corpus" / "test"], pipeline=pipeline)
    assert [t.name for t in report.targets] == ["corpus-dev", "corpus-test"]
    test = report.target("corpus-test")
    assert len(test.articles) >= 100 and not [a.error for a in test.articles if a.error]
    floors = [f for f in gate.load_floors(REPO / "eval" / "floors.toml") if f.target.startswith("corpus-")]
    assert len(floors) >= 9
    violations = gate.check(report, floors)
    assert violations == [], gate.format_violations(violations)
