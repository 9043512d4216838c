"""Which timex governs a span (an event's evidence, a clause): the event layer's date.

**With the event's trigger** (``anchor``: the trigger token's offsets) **and a spaCy doc** —
the way the event layer calls it — only a timex of the trigger's own sentence can govern,
chosen on the dependency tree (:func:`hang` is the token a timex hangs on: "announced ... on
Wednesday" → *announced*, "Monday's attack" → *attack*):

1. **own**: a timex hanging on the trigger; for a nominal trigger also on its modifiers (its
   prepositional phrases, possessor, relative and participial clauses: "violence against
   protesters on June 12", "a phone call made ... late last July"), except a clause of
   planning ("a deposition request for Volker, scheduled for this week" dates the
   deposition); for a verbal trigger also on its infinitival complement ("offered to resign
   last night") and its clauses of simultaneity ("while addressing the press yesterday");
   then a "since" clause of the trigger ("arrested since the protests began in June": the
   start of the period a perfect covers, as the gold dates it);
2. **passed down**: the nearest ancestor with a timex, climbing through the labels that pass
   a clause's time to what it governs (ccomp, xcomp, conj, advcl, arguments, prepositional
   objects): "Late on Sunday, the SDF announced it had entered into an agreement ... after
   Turkey began ... on Wednesday" dates *entered* by Sunday, and Wednesday dates only
   *began*. The climb stops at a relative clause or passive participle (a modifier of a noun
   has its own time: "protesters who were arrested"), at a separating preposition ("despite
   criticism", "as part of its investigation", "following Turkish airstrikes") and at a
   subordinate clause opened by one ("after Turkey began"); on an ancestor, a timex of its
   attached complement later than the DCT does not count;
3. **following / occasion**: a timex in an "after"/"following" phrase or clause of the
   trigger's verb ("suspended after last week's protests"), or in the phrase naming its
   occasion ("met ... for an AU summit where on Sunday ... signed");
4. else none, ``(None, "dct")``: the caller decides between the publication date, no date
   (undated background, :mod:`whimbrel.annotate.timex.aspect`), the date of a told event
   the act is placed against ("Shortly before the conversation", ``_anchored_date``) and
   the date of the episode the act continues (``_continued_date``; both in
   :mod:`whimbrel.annotate.events.coder`).

**Without a trigger** (a bare span, e.g. a gold evidence string), first hit wins:

1. a timex inside the span ``[start, end)`` (a "since" boundary counts there: "sanctions
   since 2011");
2. a timex in the same clause: with a spaCy doc, one whose governing verb is the span's
   verb (dependency tree); without, one between the clause punctuation (``, ; : ( ) —``
   and quotation marks) around the span;
3. the nearest timex in the same sentence (by character distance);
4. the nearest timex in the previous sentences of the same paragraph (latest first),
   skipping bare years there ("In 2016, ..." two sentences up is background);
   levels 3 and 4 are skipped when the span's own verb is in the present tense
   ("Protesters' demands include ..."): it states what holds at publication.

Timexes that never govern: those with value ``None``; decades and centuries ("the
1970s"); those before ``text_start`` (the dateline's date is the publication date itself —
letting it govern would label a DCT fallback as ``"text"``); those outside every sentence
(the dateline, blanked in the doc); end points opened by "until" or "from"; and, on the
span path outside the span, "since" boundaries. The Wikinews date line ("Monday, January
7, 2019") is its own paragraph, so it governs nothing.

Measured (``whimbrel eval ../shared/gold``, events matched to the gold, 2026-11-29): the
event layer's dates — this module with the trigger, plus undated background and episode
continuation in the coder — are right for 102 of 111 dev events (0.919; 0.730 with the span
path, before the tree rule) and 8 of 9 seed events. The span path alone on the gold
evidence strings (:func:`whimbrel.eval.timeml.evaluate_event_dates`, 202 events of the dev
files and the seed): 73.3 % date, 77.7 % basis. A fallback to the article's lede date for
every undated span was tried: +1 point date, −10 points basis, so it is not used.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Sequence

from whimbrel.model import TimeExpression

_CLAUSE = re.compile(r"[,;:()\[\]—–\"“”]")
_BOUNDARY = re.compile(r"(?i)^(?:since|until|from)\b")
_END_BOUNDARY = re.compile(r"(?i)^(?:until|from)\b")
#: span tenses for which timexes of other sentences do not govern: a present-tense span
#: ("Protesters' demands include ...") states what holds at publication
_CUT_OTHER_SENTENCES = frozenset({"present"})
_YEAR_ONLY = re.compile(r"^\d{4}$")


def _pairs(items) -> list[tuple[int, int]]:
    out = []
    for x in items:
        if isinstance(x, tuple | list):
            out.append((int(x[0]), int(x[1])))
        else:
            out.append((x.start, x.end))
    return sorted(out)


def _containing(bounds: list[tuple[int, int]], pos: int) -> int | None:
    i = bisect_right([b[0] for b in bounds], pos) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return i
    return None


def _dist(t: TimeExpression, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0


def governing_timex(timexes: Sequence[TimeExpression], start: int, end: int, *,
                    sentences: Sequence, paragraphs: Sequence, doc=None,
                    text_start: int = 0, body: str | None = None,
                    dct: date | None = None,
                    anchor: tuple[int, int] | None = None) -> tuple[TimeExpression | None, str]:
    """The timex that governs the span ``[start, end)`` and the date basis.

    ``timexes`` are the article's timexes (offsets into the body); ``sentences`` and
    ``paragraphs`` are :class:`~whimbrel.model.Sentence` records or ``(start, end)`` pairs;
    ``doc`` an optional spaCy Doc over the body (same offsets) for the clause and tense
    tests; ``text_start`` the offset where the article text starts after the dateline;
    ``body`` the article body, for the punctuation clause test and the tense guess when no
    doc is given; ``dct`` the publication date: a past-tense span is not governed by a
    later date from another clause ("G7 was scheduled to meet this weekend. The call was
    quickly seconded ..."); ``anchor`` the ``[start, end)`` of the event's trigger token:
    with ``doc``, the dependency-tree rule decides (module docstring), else the span rules.

    Returns ``(timex, "text")`` when one governs (precedence in the module docstring),
    else ``(None, "dct")``: the caller then dates the event by the publication date (or,
    for background, by none). Raises nothing on unaligned offsets (the span rules apply).
    """
    sents = _pairs(sentences)
    paras = _pairs(paragraphs)
    trigger = _token_at(doc, anchor) if doc is not None and anchor is not None else None
    if trigger is not None:
        return _by_tree(timexes, trigger, doc, text_start, sents, paras, start, end, dct)
    inside = [t for t in timexes if t.value is not None and t.start >= max(start, text_start) and t.end <= end
              and not _END_BOUNDARY.match(t.text)]
    if inside:  # "sanctions since 2011" is dated 2011; "envoy until December, also criticized" is not
        return inside[0], "text"
    usable = [t for t in timexes
              if t.value is not None and len(t.value) > 3 and t.start >= text_start
              and not _BOUNDARY.match(t.text)
              and (not sents or _containing(sents, t.start) is not None)]
    if not usable:
        return None, "dct"
    si = _containing(sents, start) if sents else None
    s_lo, s_hi = sents[si] if si is not None else (start, end)
    same = [t for t in usable if s_lo <= t.start < s_hi]
    clause = _same_clause(same, start, end, doc, body) if same else []
    if clause:
        return min(clause, key=lambda t: _dist(t, start, end)), "text"
    tense = _span_tense(start, end, doc, body)
    if dct is not None and tense == "past":
        usable = [t for t in usable if not _after(t.value, dct)]
        same = [t for t in same if not _after(t.value, dct)]
    if same:
        return min(same, key=lambda t: _dist(t, start, end)), "text"
    if si is None or tense in _CUT_OTHER_SENTENCES:
        return None, "dct"  # "demands include ...": a state at publication, not a past date
    pi = _containing(paras, start) if paras else None
    p_lo = paras[pi][0] if pi is not None else s_lo
    for j in range(si - 1, -1, -1):
        a, b = sents[j]
        if b <= p_lo:
            break
        prev = [t for t in usable if a <= t.start < b and not _YEAR_ONLY.match(t.value)]
        if prev:
            return prev[-1], "text"
    return None, "dct"


def _after(value: str, dct: date) -> bool:
    """Whether the period ``value`` starts after ``dct`` (ISO dates, months, years, weeks)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value)
    if not m:
        return False
    y, mo, d, wk = m.groups()
    try:
        first = date.fromisocalendar(int(y), int(wk), 1) if wk else date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return False
    return first > dct


def _span_tense(start: int, end: int, doc, body: str | None) -> str | None:
    """Tense of the span's own verb: from the parse, else the first tense marker in it."""
    from whimbrel.annotate.timex.tense import span_tense, verb_tense

    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
            v = root if root.pos_ in ("VERB", "AUX") else (verbs[0] if verbs else None)
            return verb_tense(v) if v is not None else None
    if body is not None:
        return span_tense(body, start, end)
    return None


def _same_clause(cands: list[TimeExpression], start: int, end: int, doc, body: str | None):
    if doc is not None:
        from whimbrel.annotate.timex.tense import verb_of

        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verbs = {t.i for t in span if t.pos_ in ("VERB", "AUX")}
            v = span.root if span.root.pos_ in ("VERB", "AUX") else verb_of(doc, start, end)
            if v is not None:
                verbs.add(v.i)
            return [t for t in cands
                    if (tv := verb_of(doc, t.start, t.end)) is not None and tv.i in verbs]
    if body is None:
        return []
    hits = []
    for t in cands:
        gap = body[t.end:start] if t.end <= start else body[end:t.start] if t.start >= end else ""
        if not _CLAUSE.search(gap):
            hits.append(t)
    return hits


# ---------------------------------------------------------------------------------------
# the dependency-tree rule (an event's trigger token is known)
# ---------------------------------------------------------------------------------------

#: prepositions that open a separate time frame: the nominal event after them is not dated by
#: the verb they hang on ("announced ... on Wednesday, despite criticism by ...", "issued a
#: subpoena as part of its investigation", "escaped following Turkish airstrikes")
_SEPARATING = frozenset({"after", "before", "following", "despite", "since", "until", "till", "amid",
                         "as", "ahead", "prior", "because", "unlike"})
#: dependency labels through which a verb's (or a noun's) time passes down to the trigger below
#: ("acl" only for a present participle: "the calls by UK officials asking the US to waive")
_PASS_DOWN = frozenset({"acl", "ccomp", "xcomp", "conj", "advcl", "parataxis", "dobj", "nsubj", "nsubjpass",
                        "attr", "oprd", "dative", "csubj", "csubjpass", "pcomp", "acomp", "pobj", "prep",
                        "agent", "dep", "npadvmod", "appos"})
#: subordinators of a clause that happens at the same time as the clause it modifies ("said
#: ..., while addressing the press yesterday")
_SIMULTANEOUS = frozenset({"while", "when", "as"})
#: labels that lead from a noun to its own modifiers (a timex there dates that noun)
_NOUN_MODIFIERS = frozenset({"prep", "pobj", "poss", "compound", "amod", "nmod", "acl", "relcl", "appos",
                             "npadvmod", "nummod", "conj", "advmod"})
#: verbs whose participle or clause gives the time of a *planned* thing ("a deposition request
#: for Volker, scheduled for this week"): the time is the plan's, not the noun's
_PLANNING = frozenset({"schedule", "plan", "set", "due", "slate", "expect", "intend", "design"})


def _token_at(doc, anchor: tuple[int, int]):
    span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def hang(doc, t: TimeExpression):
    """The token a timex hangs on in the dependency tree, or ``None``.

    Climbs from the root of the timex's tokens past the tokens of the timex itself and past
    the preposition introducing it: "announced ... on Wednesday" → *announced*; "Monday's
    attack" → *attack*; "violence against protesters on June 12" → *violence*. ``None`` when
    the timex is the root of its sentence or its span does not align with tokens.
    """
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(8):
        h = tok.head
        if h is tok:
            return None
        if t.start <= h.idx < t.end or (tok.dep_ == "pobj" and h.dep_ in ("prep", "agent")) \
                or (h.tag_ == "WRB" and h.dep_ == "advmod"):
            tok = h  # "a summit where on Sunday ... signed": the relative adverb's clause
            continue
        return h
    return None


def _opener(t: TimeExpression, doc) -> str | None:
    """The preposition that opens the timex ("since 2011", "since early this June"), lower case."""
    words = t.text.split()
    if words and _BOUNDARY.match(words[0]):
        return words[0].lower()
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is not None and len(span) and span[0].i > 0:
        prev = doc[span[0].i - 1]
        if _BOUNDARY.match(prev.text):
            return prev.lower_
    return None


def _own_nodes(trigger) -> set[int]:
    """Token indices of the trigger and what shares its time: for a verbal trigger
    :func:`_attached`; for a nominal one the modifiers below it (its prepositional phrases,
    possessor, relative and participial clauses: a relative clause's timex dates the noun it
    modifies), except clauses of planning ("scheduled for this week")."""
    own = {trigger.i}
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return _attached(trigger)
    todo = [trigger]
    while todo:
        n = todo.pop()
        for c in n.children:
            if c.dep_ not in _NOUN_MODIFIERS or c.i in own:
                continue
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _PLANNING:
                continue
            own.add(c.i)
            todo.append(c)
    return own


def _chain(trigger) -> list:
    """The ancestors of the trigger whose time passes down to it, nearest first: a clause's
    time reaches its complements, conjuncts, adverbial clauses and arguments (ccomp, xcomp,
    conj, advcl, dobj, nsubj, prepositional objects); it stops at a relative or participial
    clause (a modifier of a noun has its own time: "protesters who were arrested"), at a
    separating preposition (``_SEPARATING``) and at any other label."""
    out = []
    tok = trigger
    for _ in range(12):
        h = tok.head
        if h is tok or tok.dep_ not in _PASS_DOWN:
            break
        if tok.dep_ == "prep" and tok.lower_ in _SEPARATING:
            break
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ != "VBG"):
            break  # a relative clause, a passive participle ("the territory occupied by Israel"): its own time
        if tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _SEPARATING - {"as"} for m in tok.children):
            break  # "after Turkey began ...": the subordinate act is not dated by the main clause
        if h.pos_ not in ("ADP", "SCONJ"):
            out.append(h)
        tok = h
    return out


def _by_tree(timexes, trigger, doc, text_start: int, sents, paras, start: int, end: int,
             dct: date | None) -> tuple[TimeExpression | None, str]:
    """The dependency-tree rule (see :func:`governing_timex`, ``anchor``)."""
    sent = trigger.sent
    s_lo, s_hi = sent.start_char, sent.end_char
    cands = [t for t in timexes
             if t.value is not None and len(t.value) > 3 and t.start >= text_start
             and s_lo <= t.start < s_hi and not _END_BOUNDARY.match(t.text)]
    hung = [(t, hang(doc, t)) for t in cands]
    hung = [(t, h) for t, h in hung if h is not None and _opener(t, doc) not in ("until", "till", "from")]
    if hung:
        own = _own_nodes(trigger)
        mine = [t for t, h in hung if h.i in own]
        if mine:
            return min(mine, key=lambda t: abs(t.start - trigger.idx)), "text"
        # "arrested since the protests began in June": a since-clause of the trigger's verb
        # gives the start of the period a perfect covers
        since_heads = {c.i for c in trigger.children
                       if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)}
        mine = [t for t, h in hung if h.i in since_heads]
        if mine:
            return mine[0], "text"
        for anc in _chain(trigger):
            near = _attached(anc)
            mine = [t for t, h in hung if h.i in near and not (h.i != anc.i and dct is not None and _after(t.value, dct))]
            if mine:
                return min(mine, key=lambda t: abs(t.start - trigger.idx)), "text"
        # "was suspended after last week's protests": with no time of its own, an act
        # following a dated one is dated by it
        near = _following(trigger)
        mine = [t for t, h in hung if h.i in near]
        if mine:
            return min(mine, key=lambda t: abs(t.start - trigger.idx)), "text"
    return None, "dct"


def _attached(node) -> set[int]:
    """The node and the clauses that share its time: its infinitival complement ("offered to
    resign last night") and adverbial clauses of simultaneity ("said ..., while addressing the
    press yesterday")."""
    out = {node.i}
    for c in node.children:
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in _SIMULTANEOUS for m in c.children)):
            out.add(c.i)
    return out


def _following(trigger) -> set[int]:
    """Nodes under the trigger's verb in an "after"/"following" phrase or clause, or in a
    phrase naming the occasion ("at", "during", "for", "in"), with the noun modifiers below
    them: "suspended after last week's protests", "met ... for an AU summit where on Sunday
    ... signed"."""
    host = trigger
    while host.pos_ not in ("VERB", "AUX") and host.head is not host and host.dep_ in _PASS_DOWN:
        host = host.head
    out: set[int] = set()
    for c in host.children:
        if c.dep_ == "prep" and c.lower_ in ("after", "following", "at", "during", "for", "in"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out |= _own_nodes(p) | {p.i}
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children):
            out.add(c.i)
    return out
