"""Benchmark registry: lazy import, clean skips, failures kept as data."""

from __future__ import annotations

import sys
import types

import pytest

from whimbrel.eval import benchmarks
from whimbrel.eval.benchmarks import Benchmark, run_benchmark


@pytest.fixture
def fake_registry(monkeypatch, tmp_path):
    (tmp_path / "fake_data").mkdir()
    mod = types.ModuleType("whimbrel_fake_bench")
    mod.evaluate_ok = lambda root, split="x", limit=None: {
        "metrics": {"f1": 0.5, "n": 3}, "documents": 3, "root": str(root), "split": split,
        "limit": limit}

    def broken(root):
        raise ValueError("bad record 7")

    mod.evaluate_broken = broken
    monkeypatch.setitem(sys.modules, "whimbrel_fake_bench", mod)
    reg = {
        "ok": Benchmark("ok", "whimbrel_fake_bench", "evaluate_ok", "fake_data", "t",
                        kwargs={"split": "dev"}, quick_kwargs={"limit": 5}),
        "broken": Benchmark("broken", "whimbrel_fake_bench", "evaluate_broken", "fake_data", "t"),
        "nomodule": Benchmark("nomodule", "whimbrel.eval.not_written_yet", "f", "fake_data", "t"),
        "nodata": Benchmark("nodata", "whimbrel_fake_bench", "evaluate_ok", "absent", "t"),
    }
    monkeypatch.setattr(benchmarks, "BENCHMARKS", reg)
    return tmp_path


def test_runs_with_the_benchmark_folder_and_kwargs(fake_registry):
    r = run_benchmark("ok", fake_registry, quick=True)
    assert r.status == "ok" and r.kind == "benchmark"
    assert r.figures == {"f1": 0.5, "n": 3.0}
    assert r.info["root"] == str(fake_registry / "fake_data")
    assert (r.info["split"], r.info["limit"]) == ("dev", 5)
    assert run_benchmark("ok", fake_registry).info["limit"] is None


def test_skips_cleanly_and_keeps_failures(fake_registry):
    r = run_benchmark("nomodule", fake_registry)
    assert r.status == "skipped" and "whimbrel.eval.not_written_yet not available" in r.reason
    r = run_benchmark("nodata", fake_registry)
    assert r.status == "skipped" and "absent not found" in r.reason
    assert run_benchmark("ok", None).status == "skipped"
    r = run_benchmark("broken", fake_registry)
    assert r.status == "failed" and r.reason == "ValueError: bad record 7"
    with pytest.raises(KeyError):
        run_benchmark("unknown", fake_registry)


def test_registry_names_the_public_benchmarks():
    assert benchmarks.names() == ["tempeval3", "polnear", "plover", "zyte", "crawltext", "conll2003"]
    assert benchmarks.BENCHMARKS["polnear"].kwargs == {"split": "dev"}


def test_conll_runs_through_the_registry(shared, nlp):
    r = run_benchmark("conll2003", shared / "data", limit=100, nlp=nlp)
    assert r.status == "ok" and r.info["sentences"] == 100
    assert 0.3 < r.figures["entity.f1"] < 0.95
