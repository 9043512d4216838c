"""The evaluation report: what :func:`whimbrel.eval.runner.evaluate` returns, and its three
renderings — a readable table (:func:`format_table`), JSON (:meth:`Report.to_json`) and the
list of false positives, misses and wrong attributes with their sentences
(:func:`format_explain`).

A report holds *targets*: one per gold set (``"seed"``, ``"dev"``; kind ``"gold"``) and one per
public benchmark (``"tempeval3"``, ``"conll2003"`` …; kind ``"benchmark"``). Every target has
flat ``figures`` (``{"events.located.f1": 0.41, ...}``; names in :func:`whimbrel.eval.score.figures`
for gold sets, the benchmark's own ``metrics`` names for benchmarks), which is what floors
(:mod:`whimbrel.eval.gate`) and ``docs/accuracy.md`` refer to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from whimbrel.eval.score import Counts, Finding, LayerScores, Ratio, Tally, figures

TargetKind = Literal["gold", "benchmark"]
Status = Literal["ok", "skipped", "failed"]


@dataclass
class ArticleResult:
    """One gold article: where its gold is, its per-layer counts and findings.

    ``error`` is the reason the article could not be processed (a rejection or an exception
    message; its gold items then all count as missed), ``None`` when it was processed.
    ``seconds`` is the wall time of the pipeline on it.
    """

    gold_id: str
    gold_path: str
    layers: LayerScores
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class TargetResult:
    """One gold set or benchmark.

    ``status`` is ``"ok"``, ``"skipped"`` (its module or data is absent; ``reason`` says which)
    or ``"failed"`` (it raised; ``reason`` holds the error). ``layers`` are the summed counts
    (gold sets only), ``figures`` the flat figures, ``info`` anything else a benchmark returned
    (document counts, limits, timings).
    """

    name: str
    kind: TargetKind
    status: Status = "ok"
    reason: str | None = None
    layers: LayerScores = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)
    articles: list[ArticleResult] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @classmethod
    def from_articles(cls, name: str, articles: list[ArticleResult], seconds: float) -> TargetResult:
        """A gold-set target: counts summed over ``articles`` (micro-averaging)."""
        from whimbrel.eval.score import aggregate

        layers = aggregate(a.layers for a in articles)
        return cls(name, "gold", layers=layers, figures=figures(layers), articles=articles,
                   seconds=seconds)

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.articles for f in a.findings]


@dataclass
class Report:
    """Everything one ``whimbrel eval`` run measured. ``created`` is ISO 8601 UTC; ``meta``
    says what ran (whimbrel version, spaCy model)."""

    targets: list[TargetResult] = field(default_factory=list)
    created: str = field(default_factory=lambda: datetime.now(timezone.utc)
                         .isoformat(timespec="seconds"))
    meta: dict[str, Any] = field(default_factory=dict)

    def target(self, name: str) -> TargetResult | None:
        """The target called ``name``, or ``None``."""
        return next((t for t in self.targets if t.name == name), None)

    def figure(self, target: str, name: str) -> float | None:
        """One figure, or ``None`` when the target did not run or has no such figure."""
        t = self.target(target)
        return None if t is None or t.status != "ok" else t.figures.get(name)

    def to_json(self, *, findings: bool = True) -> dict[str, Any]:
        """A JSON-ready dict::

            {"created": ..., "meta": {...},
             "targets": {NAME: {"kind", "status", "reason", "seconds", "figures": {...},
                                "counts": {layer: {measure: {"tp","fp","fn"} | {"right","total"}
                                                             | {"count","checked"}}},
                                "info": {...},
                                "articles": [{"id", "gold", "error", "seconds", "figures"}],
                                "findings": [{layer, kind, measure, article, text, start, end,
                                              sentence, detail}]}}}
        """
        out: dict[str, Any] = {"created": self.created, "meta": self.meta, "targets": {}}
        for t in self.targets:
            d: dict[str, Any] = {"kind": t.kind, "status": t.status, "reason": t.reason,
                                 "seconds": round(t.seconds, 3), "figures": t.figures,
                                 "info": t.info}
            if t.kind == "gold":
                d["counts"] = {layer: {name: _counts_json(m) for name, m in ms.items()}
                               for layer, ms in t.layers.items()}
                d["articles"] = [{"id": a.gold_id, "gold": a.gold_path, "error": a.error,
                                  "seconds": round(a.seconds, 3), "figures": figures(a.layers)}
                                 for a in t.articles]
                if findings:
                    d["findings"] = [vars(f) for f in t.findings]
            out["targets"][t.name] = d
        return out


def _counts_json(m: Counts | Ratio | Tally) -> dict[str, float]:
    return dict(vars(m))


# --------------------------------------------------------------------------- table


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def format_table(report: Report) -> str:
    """The report as a plain-text table, one block per target.

    Gold sets: one row per layer and measure — P, R, F1 and ``tp/fp/fn`` for matched items,
    the accuracy and ``right/total`` for attributes, the count and ``count/checked`` for things
    that should not happen. Benchmarks: their figures, one per row. Skipped targets show the
    reason.
    """
    lines: list[str] = []
    head = f"  {'layer':<9} {'measure':<16} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}  counts"
    for t in report.targets:
        title = t.name if t.kind == "benchmark" else f"{t.name} (gold)"
        if t.status != "ok":
            lines += [f"{title}: {t.status.upper()} — {t.reason}", ""]
            continue
        n = f"{len(t.articles)} article{'s' if len(t.articles) != 1 else ''}, " if t.kind == "gold" else ""
        lines.append(f"{title} — {n}{t.seconds:.1f} s")
        if t.kind == "gold":
            failed = [a for a in t.articles if a.error]
            if failed:
                lines.append(f"  {len(failed)} article(s) failed: "
                             + "; ".join(f"{a.gold_id}: {a.error}" for a in failed[:3]))
            lines.append(head)
            for layer, ms in t.layers.items():
                for name, m in ms.items():
                    if isinstance(m, Counts):
                        cells = (_fmt(m.precision), _fmt(m.recall), _fmt(m.f1), "")
                        cnt = f"{_num(m.tp)}/{_num(m.fp)}/{_num(m.fn)} tp/fp/fn"
                    elif isinstance(m, Ratio):
                        cells = ("", "", "", _fmt(m.accuracy) if m.total else "n/a")
                        cnt = f"{m.right}/{m.total} right"
                    else:
                        cells = ("", "", "", "")
                        cnt = f"{m.count} of {m.checked} checked"
                    lines.append(f"  {layer:<9} {name:<16} " + " ".join(f"{c:>6}" for c in cells)
                                 + f"  {cnt}")
            extra = {k: v for k, v in t.figures.items() if k == "timexes.value.f1"}
            for k, v in extra.items():
                lines.append(f"  {'timexes':<9} {'value F1 (TE-3)':<16} {'':>6} {'':>6} "
                             f"{_fmt(v):>6}")
        else:
            for k, v in t.figures.items():
                lines.append(f"  {k:<40} {_fmt(v) if isinstance(v, float) else v}")
            if t.info:
                lines.append("  " + ", ".join(f"{k}={v}" for k, v in t.info.items()
                                              if isinstance(v, (int, float, str))))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- explain

_KIND_ORDER = {"miss": 0, "false-positive": 1, "forbidden": 2, "leak": 3}


def format_explain(report: Report, *, layers: set[str] | None = None) -> str:
    """Every false positive, miss, forbidden hit, leak and wrong attribute, grouped by gold set
    and article, each with the sentence it is in, so a developer sees why. ``layers`` limits
    the listing to some layers (``{"events"}``)."""
    lines: list[str] = []
    for t in report.targets:
        if t.kind != "gold" or t.status != "ok":
            continue
        for a in t.articles:
            fs = [f for f in a.findings if layers is None or f.layer in layers]
            if not fs and not a.error:
                continue
            lines.append(f"== {t.name} / {a.gold_id}  ({a.gold_path})")
            if a.error:
                lines.append(f"   FAILED: {a.error}")
            fs.sort(key=lambda f: (f.layer, _KIND_ORDER.get(f.kind, 9), f.start or 0))
            for f in fs:
                where = f"@{f.start}-{f.end}" if f.start is not None else "@—"
                lines.append(f"   {f.measure:<22} {f.kind.upper():<16} {where:<12} {f.detail}")
                if f.text:
                    lines.append(f"      text:     {_clip(f.text)}")
                if f.sentence and f.sentence != f.text:
                    lines.append(f"      sentence: {_clip(f.sentence, 300)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "nothing to explain\n"


def _clip(s: str, n: int = 200) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
