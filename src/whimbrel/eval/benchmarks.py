"""The registry of public benchmarks that ``whimbrel eval --benchmark NAME`` can run.

Each benchmark is a reader function in its own module, imported only when it runs, called
with the benchmark's data folder under the shared data root (``<shared>/data/<folder>``) and
returning ``{"metrics": {name: float}, ...}`` (anything else in the dict is kept as ``info``).
A benchmark is *skipped cleanly* — status ``"skipped"`` with the reason, never an error — when
its module cannot be imported (the layer is not merged yet) or its data folder is absent
(CI without ``shared/``). An exception inside a benchmark makes it ``"failed"``.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whimbrel.eval.report import TargetResult


@dataclass(frozen=True)
class Benchmark:
    """A public benchmark: ``module.function(data_dir, **kwargs)``.

    ``data`` is the folder under the shared data root; ``quick_kwargs`` are the extra keyword
    arguments of the CI run (``quick=True``), e.g. a ``limit`` that keeps it within minutes.
    """

    name: str
    module: str
    function: str
    data: str
    description: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    quick_kwargs: Mapping[str, Any] = field(default_factory=dict)


BENCHMARKS: dict[str, Benchmark] = {b.name: b for b in (
    Benchmark("tempeval3", "whimbrel.eval.timeml", "evaluate_timebank",
              "tempeval3_timeml/data/TBAQ-cleaned",
              "TimeBank + AQUAINT (TBAQ-cleaned) TimeML: timex spans and values, TempEval-3 "
              "measures (UzZaman et al. 2013)"),
    Benchmark("polnear", "whimbrel.eval.polnear", "evaluate_polnear", "polnear",
              "PolNeAR dev split: quote content and speaker (Newell, Margolin & Ruths, "
              "LREC 2018)",
              kwargs={"split": "dev"}),
    Benchmark("plover", "whimbrel.eval.plover_gold", "evaluate_plover",
              "plover_gold_cameo_examples",
              "PLOVER gold records: sentence-level event type and dyad"),
    Benchmark("zyte", "whimbrel.eval.zyte", "evaluate_zyte", "article_extraction_benchmark_zyte",
              "ScrapingHub/Zyte article-extraction benchmark: article body from HTML"),
    Benchmark("conll2003", "whimbrel.eval.conll", "evaluate_conll", "conll2003_ner",
              "CoNLL-2003 English test split (eng.testb): NER reference point, OntoNotes labels "
              "mapped to PER/ORG/LOC/MISC (full split: ~6 s)"),
)}


def names() -> list[str]:
    """The registered benchmark names, in registry order."""
    return list(BENCHMARKS)


def run_benchmark(name: str, data_root: Path | str | None, *, quick: bool = False,
                  **kwargs: Any) -> TargetResult:
    """Run one benchmark and wrap its result as a :class:`TargetResult` (kind ``"benchmark"``).

    ``data_root`` is the shared data folder (``<shared>/data``). Unknown ``name`` raises
    :class:`KeyError`; a missing module, data root or data folder gives status ``"skipped"``;
    an exception while running gives ``"failed"`` with the message. Extra ``kwargs`` go to the
    reader (after the registry's own and, with ``quick``, the CI ones).
    """
    bench = BENCHMARKS[name]
    if data_root is None:
        return TargetResult(name, "benchmark", "skipped", "no shared data root (give --data-root)")
    folder = Path(data_root) / bench.data
    if not folder.is_dir():
        return TargetResult(name, "benchmark", "skipped", f"data folder {folder} not found")
    try:
        module = importlib.import_module(bench.module)
    except ImportError as exc:
        return TargetResult(name, "benchmark", "skipped",
                            f"module {bench.module} not available ({exc})")
    fn = getattr(module, bench.function)
    args = {**bench.kwargs, **(bench.quick_kwargs if quick else {}), **kwargs}
    t0 = time.perf_counter()
    try:
        result = fn(folder, **args)
    except Exception as exc:  # a benchmark bug must not hide the other targets' figures
        return TargetResult(name, "benchmark", "failed", f"{type(exc).__name__}: {exc}",
                            seconds=time.perf_counter() - t0)
    seconds = time.perf_counter() - t0
    metrics = {k: float(v) for k, v in (result.get("metrics") or {}).items()
               if isinstance(v, (int, float))}
    info = {k: v for k, v in result.items() if k != "metrics"}
    if args:
        info.setdefault("args", {k: v for k, v in args.items()})
    return TargetResult(name, "benchmark", figures=metrics, info=info, seconds=seconds)
