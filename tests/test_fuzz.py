"""A CI-sized slice of the fuzz corpus (bench/fuzz.py): real free documents of ../shared (or
the free rows of the bundled sample), mutated; the run must neither crash nor lose a
document: read = stored + duplicates + rejected, and every file leaves a stored article,
a reject row or a duplicate. The full 10,000-document run is the benchmark."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _fuzz():
    spec = importlib.util.spec_from_file_location("whimbrel_bench_fuzz", REPO / "bench" / "fuzz.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _check(r: dict) -> None:
    assert r["files_missing"] == []
    assert r["read"] == r["stored"] + r["duplicates"] + r["rejected"]
    assert r["stored"] > 0 and r["rejected"] > 0


@pytest.mark.parametrize("seed", [1, 2])
def test_fuzz_slice_without_nlp(tmp_path, seed):
    fuzz = _fuzz()
    made = fuzz.generate(tmp_path / "in", 250, seed=seed)
    assert made["documents"] >= 250
    _check(fuzz.drive(str(tmp_path / "in" / "shard-00"), str(tmp_path / "w.duckdb"), nlp=False))


@pytest.mark.slow
def test_fuzz_slice_with_nlp(tmp_path):
    fuzz = _fuzz()
    fuzz.generate(tmp_path / "in", 120, seed=3)
    _check(fuzz.drive(str(tmp_path / "in" / "shard-00"), str(tmp_path / "w.duckdb"), nlp=True))
