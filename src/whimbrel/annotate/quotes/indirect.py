"""Indirect quotes (and mixed clauses): the reported clause of a reporting cue, cut out of the
dependency parse ("X said that …", "…, X told the meeting", "according to X, …")."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX, LOWER, POS
from spacy.parts_of_speech import AUX, VERB

from whimbrel.annotate.quotes.context import (
    Context, _cue_span, _content_head, Found, _is_headline, _speaker_token, _words,
)
from whimbrel.annotate.quotes.marks import MarkedSpan
from whimbrel.annotate.quotes.speakers import mention_span

# -- indirect quotes ---------------------------------------------------------------------------

def _trim(ctx: Context, toks) -> tuple[int, int] | None:
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether")
                    or toks[0].dep_ == "cc"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in ")]" or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _contiguous(tokens, around) -> list:
    """The contiguous run of ``tokens`` (sorted) that contains token ``around``."""
    ids = {t.i for t in tokens}
    lo = hi = around.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return [around.doc[i] for i in range(lo, hi + 1)]


def _cue_candidates(ctx: Context) -> list[int]:
    """Indices, in order, of the tokens after the dateline that can be cues: verbs,
    auxiliaries and "according" (every token :meth:`Context.cue_of` may accept), read
    from the Doc's attribute arrays instead of a Token object per token."""
    doc = ctx.doc
    arr = doc.to_array([IDX, POS, LOWER])
    maybe = (arr[:, 0] >= ctx.article.text_start) & (
        (arr[:, 1] == VERB) | (arr[:, 1] == AUX) | (arr[:, 2] == doc.vocab.strings["according"]))
    return np.flatnonzero(maybe).tolist()


def _indirect(ctx: Context) -> list[Found]:
    """Indirect and mixed clause quotes of every reporting cue outside quotation marks."""
    out: list[Found] = []
    doc = ctx.doc
    for i in _cue_candidates(ctx):
        verb = doc[i]
        cue = ctx.cue_of(verb)
        if cue is None or "indirect" not in cue.kinds and "mixed" not in cue.kinds:
            continue
        if ctx.in_marks(verb.idx) is not None:
            continue
        p = ctx.paragraph_of(verb.idx)
        if p < 0 or _is_headline(ctx.body[slice(*ctx.paragraphs[p])]):
            continue
        if cue.frame == "source_pp":
            content = _according_content(ctx, verb)
        else:
            head = _content_head(verb, cue)
            if head is None and verb.dep_ == "parataxis":
                # "Mexico, he said, will pay": the governing clause without the cue's subtree
                # (the span runs over the interrupting "X said," when the clause surrounds it)
                h = verb.head
                if h.left_edge.i < verb.left_edge.i and verb.right_edge.i < h.right_edge.i:
                    content = list(verb.doc[h.left_edge.i:h.right_edge.i + 1])
                else:
                    cue_ids = {t.i for t in verb.subtree}
                    content = [t for t in h.subtree if t.i not in cue_ids]
                    content = _contiguous(content, h) if content else None
            elif head is not None:
                content = _clause_tokens(ctx, head, verb)
            else:
                content = None
        ps, pe = ctx.paragraphs[p]
        if content:  # a clause never runs over its paragraph (parses sometimes do)
            content = [t for t in content if ps <= t.idx < pe]
        if not content:
            continue
        span = _trim(ctx, content)
        if span is None:
            continue
        span = _strip_quoted_edges(ctx, *span, head=_clause_head(content))
        if span is None:
            continue
        start, end = span
        text = ctx.body[start:end]
        if len(_words(text)) < 3 or text.rstrip().endswith("?"):
            continue
        last = ctx.in_marks(end - 1)
        if last is not None and last.open_at >= start and last.end <= end + 2:
            end = last.outer_end  # the clause ends with a quotation ('… "if … for it."')
            text = ctx.body[start:end]
        elif last is not None or ctx.in_marks(start) is not None:
            continue  # the clause starts or ends inside a quotation: not a clean clause
        inside = [m for m in ctx.marks if m.outer[0] >= start and m.outer[1] <= end]
        quoted = sum(m.outer[1] - m.outer[0] for m in inside)
        unquoted = ctx.body[start:end]
        for m in sorted(inside, key=lambda x: -x.open_at):
            unquoted = unquoted[: m.outer[0] - start] + " " + unquoted[m.outer[1] - start:]
        if quoted > 0.75 * (end - start) or len(_words(unquoted)) < 2:
            continue  # mostly quotation: the quoted fragments carry it
        kind = "mixed" if inside else "indirect"
        if kind not in cue.kinds:
            continue
        f = Found(start, end, kind, origin="clause")
        f.cue_start, f.cue_end = _cue_span(verb, cue)
        sp = _speaker_token(ctx, verb, cue)
        if sp is None:
            continue
        ps, pe = ctx.paragraphs[p]
        f.speaker_start, f.speaker_end = mention_span(sp, (ps, pe))
        f.speaker_head = sp
        interrupted = start < f.cue_start and f.cue_end < end
        if f.speaker_start < end and f.speaker_end > start and not interrupted:
            continue  # speaker inside its own content: a bad parse
        out.append(f)
    return out


def _clause_head(tokens):
    """The token of ``tokens`` whose head lies outside them (the clause head)."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head is t:
            return t
    return None


_CONTRAST_MARKS = {"although", "though", "whereas", "while"}

_DANGLING_DEPS = {"aux", "auxpass", "prep", "det", "mark", "cc", "case", "poss"}


def _clause_tokens(ctx: Context, head, verb=None) -> list:
    """The reported clause headed by ``head``: its subtree without conjoined reporting
    verbs ("… but denied that …", "… and several said …"). When the cue ``verb`` and its
    subject interrupt the clause ("The museum, Mr. Obama said, would make …") the span runs
    over the interruption."""
    drop: set[int] = set()
    for t in head.subtree:
        if t is not head and t.dep_ == "conj" and ctx.cue_of(t) is not None and \
                any(c.dep_ == "ccomp" for c in t.children):
            drop.update(x.i for x in t.subtree)
            # and the coordinator before it
            for c in t.head.children:
                if c.dep_ == "cc" and c.i < t.i:
                    drop.add(c.i)
    for t in head.subtree:
        if t.i <= head.i or t.left_edge.i == 0 or t.i in drop:
            continue
        comma = t.doc[t.left_edge.i - 1].text in (",", ";")
        at_end = t.right_edge.i >= head.right_edge.i - 1
        nested_cue = any(ctx.cue_of(x) is not None and any(
            c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in x.children) and any(
            c.dep_ == "ccomp" for c in x.children) for x in t.subtree)
        contrast = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS
                                             for c in t.children)
        semicolon = t.dep_ == "conj" and t.doc[t.left_edge.i - 1].text == ";"
        # a trailing non-restrictive relative clause (", which …"), a relative clause holding
        # its own attribution ("which he said were …"), a contrastive clause (", although …")
        # or a clause after a semicolon belong to the writer, not to the reported speech
        if t.dep_ == "relcl" and (comma and at_end or nested_cue) or \
                (contrast or semicolon) and comma and at_end:
            drop.update(x.i for x in t.subtree)
            if comma:
                drop.add(t.left_edge.i - 1)
    toks = [t for t in head.subtree if t.i not in drop]
    if not toks:
        return []
    run = _contiguous(toks, head)
    if verb is not None and run[0].i > toks[0].i:
        gap = range(toks[0].i, run[0].i)
        own = {t.i for t in verb.subtree if t.i not in {x.i for x in head.subtree}}
        before = [t for t in toks if t.i < run[0].i]
        if before and all(i in own or verb.doc[i].is_punct or i in {t.i for t in toks} for i in gap) \
                and any(i in own for i in gap) and _contiguous(before, before[-1])[0].i == toks[0].i:
            return [verb.doc[i] for i in range(toks[0].i, run[-1].i + 1)]
    return run


_CORE_DEPS = {"nsubj", "nsubjpass", "csubj", "dobj", "attr", "acomp", "ccomp", "xcomp", "pobj", "oprd",
              "ROOT"}


def _strip_quoted_edges(ctx: Context, start: int, end: int, head=None) -> tuple[int, int] | None:
    """Remove quotation fragments set off at the start or end of a clause (they are mixed
    quotes of their own) and the punctuation, coordinators and "that" left beside them; a
    fragment that is part of the clause stays in it. ``None`` when the clause's head is
    quoted (a direct quote) or only a dangling fragment ("they had gone to") is left."""
    changed = True
    while changed and start < end:
        changed = False
        for m in ctx.marks:
            o0, o1 = m.outer
            if o0 <= start < o1 and o1 <= end or o0 >= start and o0 < end <= o1 + 1 and o0 > start:
                if head is not None and o0 <= head.idx < o1:
                    return None  # the clause's own head is quoted: a direct quote
                if _quote_is_core(ctx, m) or not _set_off(ctx, m, start, end):
                    # the quotation is part of the clause ('Putin said that X "if …"',
                    # 'said it was "a disgrace"'): the clause is one mixed quote
                    return start, end
                if o0 <= start < o1:
                    start, changed = o1, True
                else:
                    end, changed = o0, True
        if changed:
            toks = [t for t in ctx.tokens(start, end) if t.idx >= start and t.idx + len(t) <= end]
            span = _trim(ctx, toks)
            if span is None:
                return None
            start, end = span
            last = [t for t in toks if t.idx + len(t) <= end and not t.is_space]
            if last and (last[-1].dep_ in _DANGLING_DEPS or last[-1].lemma_ == "be"):
                return None
    return (start, end) if end > start else None


def _set_off(ctx: Context, m: MarkedSpan, start: int, end: int) -> bool:
    """Whether an edge quotation is set off from the rest of its clause by punctuation or a
    coordinator ('she had immunity, but "that …"'), so that the clause stands without it."""
    o0, o1 = m.outer
    if o0 > start:
        gap = ctx.body[max(start, o0 - 6):o0].rstrip()
        return gap.endswith((",", ";", ":", "—", "–")) or bool(re.search(r"\b(and|but|or)$", gap))
    gap = ctx.body[o1:min(end, o1 + 3)].lstrip()
    return gap.startswith((",", ";", ":", "—", "–")) or o1 >= end


def _quote_is_core(ctx: Context, m: MarkedSpan) -> bool:
    """Whether the quotation's root attaches to the outside as a core argument."""
    o0, o1 = m.outer
    for t in ctx.tokens(m.start, m.end):
        if not o0 <= t.head.idx < o1 and t.head is not t:
            return t.dep_ in _CORE_DEPS
    return False


def _according_content(ctx: Context, according) -> list | None:
    """The clause reported by "according to X": the sentence without the "according to X"
    phrase; ``None`` when the sentence is itself reported by a cue verb."""
    sent = according.sent
    pp = {t.i for t in according.subtree}
    if len(pp) <= 2:  # parser did not attach "to X" under "according"
        to = according.nbor(1)
        pp |= {t.i for t in to.subtree}
    rest = [t for t in sent if t.i not in pp]
    head = according.head
    if ctx.cue_of(head) is not None and head.i not in pp:
        return None
    if not rest:
        return None
    h = head
    while h.dep_ not in ("ROOT", "conj", "ccomp", "parataxis") and h.head is not h:
        h = h.head  # up to the clause "according to X" modifies
    if h.i in pp:
        return None
    return _contiguous([t for t in h.subtree if t.i not in pp], h)

