"""Aspect of an undated event: is it background with no date of its own?

The gold (``shared/gold/GUIDELINES.md``, Events) dates an event by its own time expression,
by the publication date (basis ``"dct"``) when it is the news of the day, and gives no date
(``date`` null, basis ``"none"``) to background the text recalls without dating it. This
module recognises that background on the dependency parse of the trigger, for an event that
no time expression governs (:func:`whimbrel.annotate.timex.governing_timex` returned the DCT):

* **iterative, prior or durative adverbials** on the event's verb ("Congress has repeatedly
  denied funding", "Saudi Arabia initially denied", "Iran has increased cooperation in the
  last few years"): a series of acts or an earlier phase, not one dated act;
* **prior or iterative modifiers** of a nominal trigger ("previous document requests",
  "repeated attempts") and a **measure of time** over it ("after weeks of protests");
* a **stative present passive** ("The PKK is banned in Turkey"): a state that holds at
  publication, not an act of that day.

The cue words are data: ``whimbrel/annotate/data/timex_undated_cues.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["undated_reason"]


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, str]]:
    """``{where: {cue: kind}}`` from ``timex_undated_cues.tsv`` (header line, then ``#`` comments)."""
    text = resources.files("whimbrel.annotate").joinpath("data", "timex_undated_cues.tsv").read_text("utf-8")
    out: dict[str, dict[str, str]] = {}
    for i, line in enumerate(text.splitlines()):
        if i == 0 or not line.strip() or line.startswith("#"):
            continue
        cue, kind, where = line.split("\t")
        out.setdefault(where, {})[cue] = kind
    return out


@lru_cache(maxsize=1)
def _phrase_rx() -> re.Pattern:
    return re.compile(r"(?i)^(?:" + "|".join(f"(?:{p})" for p in _cues().get("phrase", {})) + r")\b")


def _subtree_text(tok) -> str:
    return " ".join(t.text for t in tok.subtree)


def undated_reason(trigger, host=None) -> str | None:
    """Why the event of ``trigger`` (a spaCy token) has no date, or ``None``.

    ``host`` is the verb that carries the trigger's tense (the trigger itself when verbal,
    the light verb of a nominal: "increased" of "increased cooperation"). Returns a short
    reason naming the cue (``"iterative: repeatedly"``) for the event's ``rule``; the rules
    are in the module docstring. Pure function of the parse; raises nothing.
    """
    cues = _cues()
    adverbs, modifiers, measures = cues.get("adverb", {}), cues.get("modifier", {}), cues.get("measure", {})
    verbs = [h for h in (host, trigger if trigger.pos_ in ("VERB", "AUX") else None) if h is not None]
    for v in dict.fromkeys(verbs):
        for c in v.children:
            if c.dep_ in ("advmod", "npadvmod") and c.lower_ in adverbs:
                return f"{adverbs[c.lower_]}: {c.lower_}"
        for c in list(v.children) + ([c for c in trigger.children] if trigger is not v else []):
            if c.dep_ == "prep" and _phrase_rx().match(_subtree_text(c)):
                return f"durative: {_subtree_text(c)}"
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if v.tag_ == "VBN" and auxes and all(a.dep_ == "auxpass" and a.lower_ in ("is", "are", "am") for a in auxes):
            return f"state: {' '.join(a.text for a in auxes)} {v.text}"
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "amod" and c.lower_ in modifiers:
                return f"{modifiers[c.lower_]}: {c.lower_}"
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lower_ in measures:
            m = trigger.head.head.lower_
            return f"{measures[m]}: {m} of"
    return None
