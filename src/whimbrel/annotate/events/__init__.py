"""The event layer: PLOVER event type and mode, CAMEO code, dyad, date, location and evidence
for every event reported in an article's body.

Public API: :func:`find_events` (see :mod:`whimbrel.annotate.events.coder`),
:func:`candidate_sentences` (the lexical prefilter: which sentences need a parse),
:func:`load_lexicon`. Knowledge lives in ``ontology/data/event_lexicon.tsv``,
``event_modes.tsv``, ``event_shifts.tsv``, ``cameo_codes.tsv``, ``cameo2plover.tsv`` and
``plover_types.tsv``.
"""

from whimbrel.annotate.events.coder import PRODUCER, find_events
from whimbrel.annotate.events.lexicon import candidate_sentences, load_lexicon

__all__ = ["PRODUCER", "candidate_sentences", "find_events", "load_lexicon"]
