"""Score actor codes against gold event arguments (whimbrel gold format, GUIDELINES.md).

For every ``source``/``target`` of a gold event that has a ``mention``, the mention is
located in the body (inside the event's ``evidence`` when the evidence is found),
:func:`~whimbrel.annotate.actors.resolve_mentions` is called on that span and its code is
compared with the gold ``code``. Gold writes international organisations as ``"IGO IGO"``
(dev files) or ``"IGO"`` (seed); both compare as ``"IGO"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from whimbrel.annotate.actors.mentions import resolve_mentions
from whimbrel.model import Actor, Article


def normal_code(code: str | None) -> str | None:
    """Comparable form of an actor code: ``"IGO IGO"`` and ``"IGO"`` → ``"IGO"``."""
    if not code:
        return None
    return "IGO" if code.split()[0] == "IGO" else code


@dataclass
class ArgumentScore:
    """Counts over gold arguments: ``total`` located in the body, ``strict`` whose first
    resolved actor has the gold code, ``any_referent`` where any actor the span refers to
    has it (conjoined mentions such as "Moscow and Beijing" carry one code per side);
    ``misses`` lists ``(mention, gold code, got code)``."""

    total: int = 0
    strict: int = 0
    any_referent: int = 0
    misses: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Strict code accuracy in [0, 1] (0.0 when there is nothing to score)."""
        return self.strict / self.total if self.total else 0.0

    def __iadd__(self, other: ArgumentScore) -> ArgumentScore:
        self.total += other.total
        self.strict += other.strict
        self.any_referent += other.any_referent
        self.misses.extend(other.misses)
        return self


def locate(body: str, mention: str, evidence: str | None = None) -> tuple[int, int] | None:
    """``[start, end)`` of ``mention`` in ``body`` as a whole word sequence ("he" not in
    "the"), inside ``evidence`` when that is found; ``None`` if the mention is not in the
    body."""
    pattern = re.compile((r"\b" if mention[:1].isalnum() else "") + re.escape(mention)
                         + (r"\b" if mention[-1:].isalnum() else ""))
    if evidence:
        e = body.find(evidence)
        if e >= 0:
            m = pattern.search(body, e, e + len(evidence))
            if m:
                return m.start(), m.end()
    m = pattern.search(body)
    return (m.start(), m.end()) if m else None


def score_arguments(article: Article, actors: Sequence[Actor],
                    events: Iterable[Mapping[str, Any]]) -> ArgumentScore:
    """Code accuracy of the gold events' ``source``/``target`` arguments for one article.

    ``events`` are gold event dicts (``{"source": {"mention": .., "code": ..}, "target": ..,
    "evidence": ..}``); arguments without a mention, or whose mention is not in the body,
    are not counted.
    """
    score = ArgumentScore()
    for e in events:
        for side in ("source", "target"):
            arg = e.get(side)
            if not arg or not arg.get("mention"):
                continue
            span = locate(article.body, arg["mention"], e.get("evidence"))
            if span is None:
                continue
            codes = [normal_code(a.code) for a in resolve_mentions(article, actors, *span)]
            want = normal_code(arg.get("code"))
            score.total += 1
            if codes and codes[0] == want:
                score.strict += 1
            else:
                score.misses.append((arg["mention"], want, codes[0] if codes else None))
            score.any_referent += want in codes
    return score
