"""Actor layer (see :mod:`whimbrel.annotate.actors.resolver` for how mentions are resolved).

Public API: :func:`find_actors`, :func:`resolve_mention`, :func:`resolve_mentions`, and
:func:`~whimbrel.annotate.actors.scoring.score_arguments` for gold evaluation.
"""

from whimbrel.annotate.actors.mentions import resolve_mention, resolve_mentions
from whimbrel.annotate.actors.resolver import PRODUCER, find_actors

__all__ = ["PRODUCER", "find_actors", "resolve_mention", "resolve_mentions"]
