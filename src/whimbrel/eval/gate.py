"""The quality gate: committed floors per target and figure, checked on every CI run.

Floors live in ``eval/floors.toml`` at the repository root, one ``[[floor]]`` table each::

    [[floor]]
    target = "dev"                  # a gold set ("seed", "dev") or a benchmark ("conll2003")
    figure = "events.located.f1"    # a figure name of that target (see report.Report)
    min = 0.30                      # the figure must be >= min  (or: max = 0 for counts of
                                    # things that must not happen, e.g. boilerplate leaks)
    why = "measured 0.34 on 2026-11-29 (commit abc123); floor a little below"
    lowered_because = "..."         # only when min was lowered / max raised: the explanation

**How "a floor can only be lowered on purpose" is enforced.** :func:`check` compares a report
with the floors (a figure below its ``min`` or above its ``max`` is a :class:`Violation`).
:func:`check_ratchet` compares the floors file with its previous committed version (git
revision ``WHIMBREL_FLOORS_BASE``, default ``HEAD~1``; on a pull request CI sets it to the
target branch): a floor whose ``min`` went down (or ``max`` up), or that was removed, is a
violation unless the new entry carries a ``lowered_because`` text different from the old
one's. ``tests/eval/test_gate.py`` runs that check, so CI fails on a silent lowering.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.errors import E202, ConfigError
from whimbrel.eval.report import Report

#: figures are compared with this tolerance (float noise of micro-averaged ratios)
EPSILON = 1e-9
BASE_ENV = "WHIMBREL_FLOORS_BASE"


@dataclass(frozen=True)
class Floor:
    """One committed floor: ``target``/``figure`` must be >= ``min`` (or <= ``max``)."""

    target: str
    figure: str
    min: float | None = None
    max: float | None = None
    why: str = ""
    lowered_because: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.target, self.figure

    def describe(self) -> str:
        return f">= {self.min:g}" if self.min is not None else f"<= {self.max:g}"


@dataclass(frozen=True)
class Violation:
    """A broken floor: ``value`` is the measured figure (``None``: the target ran but did not
    produce the figure), or for ratchet violations the new floor value."""

    target: str
    figure: str
    value: float | None
    floor: Floor
    message: str

    def __str__(self) -> str:
        return f"{self.target} {self.figure}: {self.message}"


def default_floors_path() -> Path:
    """``eval/floors.toml`` of the source checkout this module runs from."""
    return Path(__file__).resolve().parents[3] / "eval" / "floors.toml"


def parse_floors(text: str, *, origin: str = "floors.toml") -> list[Floor]:
    """Parse the floors TOML text. Raises :class:`ConfigError` (E202) on a malformed entry:
    missing ``target``/``figure``/``why``, neither or both of ``min``/``max``, unknown keys,
    or a duplicate (target, figure)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(E202, f"{origin}: not TOML: {exc}") from exc
    floors: list[Floor] = []
    seen: set[tuple[str, str]] = set()
    allowed = {"target", "figure", "min", "max", "why", "lowered_because"}
    for i, d in enumerate(data.get("floor", [])):
        where = f"{origin} floor #{i + 1}"
        unknown = set(d) - allowed
        if unknown:
            raise ConfigError(E202, f"{where}: unknown keys {sorted(unknown)}")
        if not d.get("target") or not d.get("figure") or not d.get("why"):
            raise ConfigError(E202, f"{where}: 'target', 'figure' and 'why' are required")
        if ("min" in d) == ("max" in d):
            raise ConfigError(E202, f"{where}: give exactly one of 'min' and 'max'")
        f = Floor(d["target"], d["figure"], _num(d.get("min")), _num(d.get("max")), d["why"],
                  d.get("lowered_because"))
        if f.key in seen:
            raise ConfigError(E202, f"{where}: duplicate floor for {f.target} {f.figure}")
        seen.add(f.key)
        floors.append(f)
    return floors


def _num(v: Any) -> float | None:
    return None if v is None else float(v)


def load_floors(path: Path | str | None = None) -> list[Floor]:
    """Read the floors file (default :func:`default_floors_path`); see :func:`parse_floors`."""
    p = Path(path) if path is not None else default_floors_path()
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(E202, f"cannot read floors file {p}: {exc}") from exc
    return parse_floors(text, origin=str(p))


def check(report: Report, floors: Iterable[Floor]) -> list[Violation]:
    """Violations of ``floors`` by ``report``.

    A floor is checked only when its target ran in this report (a gold set that was not
    asked for, or a benchmark that was skipped because its module or data is absent, is not
    a violation — see :func:`unchecked`). A target that ran but failed, or lacks the figure,
    violates every floor on it.
    """
    out: list[Violation] = []
    for f in floors:
        t = report.target(f.target)
        if t is None or t.status == "skipped":
            continue
        if t.status == "failed":
            out.append(Violation(f.target, f.figure, None, f, f"target failed: {t.reason}"))
            continue
        v = t.figures.get(f.figure)
        if v is None:
            out.append(Violation(f.target, f.figure, None, f, "figure missing from the report"))
        elif f.min is not None and v < f.min - EPSILON:
            out.append(Violation(f.target, f.figure, v, f,
                                 f"{v:.4f} is below its floor {f.min:g} ({f.why})"))
        elif f.max is not None and v > f.max + EPSILON:
            out.append(Violation(f.target, f.figure, v, f,
                                 f"{v:.4f} is above its ceiling {f.max:g} ({f.why})"))
    return out


def unchecked(report: Report, floors: Iterable[Floor]) -> list[Floor]:
    """Floors whose target did not run (or was skipped) in ``report``."""
    return [f for f in floors
            if (t := report.target(f.target)) is None or t.status == "skipped"]


def check_ratchet(old: Iterable[Floor], new: Iterable[Floor]) -> list[Violation]:
    """Floors lowered (``min`` down, ``max`` up) or removed between two versions of the
    floors file without a new ``lowered_because`` explanation."""
    new_by_key = {f.key: f for f in new}
    out: list[Violation] = []
    for o in old:
        n = new_by_key.get(o.key)
        if n is None:
            out.append(Violation(o.target, o.figure, None, o,
                                 "floor removed; keep it with a lower value and a "
                                 "'lowered_because' instead"))
            continue
        lowered = ((o.min is not None and (n.min is None or n.min < o.min - EPSILON))
                   or (o.max is not None and (n.max is None or n.max > o.max + EPSILON)))
        explained = bool(n.lowered_because) and n.lowered_because != o.lowered_because
        if lowered and not explained:
            out.append(Violation(o.target, o.figure, n.min if n.min is not None else n.max, n,
                                 f"floor lowered from {o.describe()} to {n.describe()} without "
                                 "a new 'lowered_because'"))
    return out


def floors_at_revision(rev: str, *, repo: Path | str | None = None,
                       relpath: str = "eval/floors.toml") -> list[Floor] | None:
    """The floors file as committed at git revision ``rev`` (``None`` when git, the revision
    or the file there is unavailable — e.g. a shallow clone or the first commit)."""
    repo = Path(repo) if repo is not None else default_floors_path().parents[1]
    try:
        res = subprocess.run(["git", "-C", str(repo), "show", f"{rev}:{relpath}"],
                             capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if res.returncode != 0:
        return None
    return parse_floors(res.stdout, origin=f"{rev}:{relpath}")


def ratchet_base() -> str:
    """The git revision the floors are compared with: ``$WHIMBREL_FLOORS_BASE`` or ``HEAD~1``."""
    return os.environ.get(BASE_ENV) or "HEAD~1"


def format_violations(violations: list[Violation], skipped: list[Floor] | None = None) -> str:
    """Human-readable gate result: one line per violation (and per unchecked floor)."""
    lines = [f"GATE FAILED: {len(violations)} floor(s) broken" if violations else "gate: all floors hold"]
    lines += [f"  ✗ {v}" for v in violations]
    if skipped:
        lines.append(f"  ({len(skipped)} floor(s) not checked: their target did not run)")
    return "\n".join(lines) + "\n"
