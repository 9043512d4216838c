"""Direct and mixed quotes: the text between quotation marks, tied to the cue that governs
it, the cue next to it, an earlier quotation it continues, or the sentence or paragraph that
introduces it."""

from __future__ import annotations

from whimbrel.annotate.quotes.context import (
    _SENT_END, _TITLE_CUES, Context, _cue_span, _content_head, Found, _is_headline,
    _is_title_case, _speaker_token, _subject, _words,
)
from whimbrel.annotate.quotes.marks import MarkedSpan
from whimbrel.annotate.quotes.speakers import mention_span

# -- direct and mixed quotes -----------------------------------------------------------------

def _is_sentence_like(ctx: Context, m: MarkedSpan) -> bool:
    text = ctx.body[m.start:m.end]
    words = _words(text)
    if len(words) >= 2 and words[0][0].isupper() and text.rstrip("\"”’' ").endswith((".", "!", "?")):
        return True  # a whole sentence in marks ("The Donald. Big Daddy.")
    if len(words) < 4:
        return False
    toks = ctx.tokens(m.start, m.end)
    has_verb = any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") or t.tag_ in ("VBZ", "VBP", "VBD", "MD")
                   for t in toks)
    return has_verb or len(words) >= 12


def _is_title(ctx: Context, m: MarkedSpan) -> bool:
    text = ctx.body[m.start:m.end]
    before = ctx.body[max(0, m.open_at - 40):m.open_at]
    prev = _words(before)[-2:]
    if prev and prev[-1].lower() in _TITLE_CUES:
        return True
    if len(prev) == 2 and prev[-2].lower() in _TITLE_CUES and prev[-1].lower() in ("the", "a", "an", "as", "of"):
        return True
    return _is_title_case(text) and not text.rstrip().endswith((".", "!", "?"))


def _governing_cue(ctx: Context, m: MarkedSpan, window: tuple[int, int]):
    """The cue verb that syntactically governs the quotation: climb from the quotation's
    tokens whose head lies outside it, at most four steps, inside ``window``."""
    toks = ctx.tokens(m.start, m.end)
    o0, o1 = m.outer
    best = None
    for t in toks:
        h = t.head
        if o0 <= h.idx < o1:
            continue
        steps = 0
        path = [t.dep_]
        while steps < 6 and window[0] <= h.idx < window[1]:
            if ctx.in_marks(h.idx) is None:
                cue = ctx.cue_of(h)
                if cue is not None:
                    # reached through a reported clause, directly, or (for cues like "urge"
                    # that only carry fragments) through their infinitive complement
                    ok = "ccomp" in path or "parataxis" in path or len(path) == 1 or \
                        cue.kinds == {"mixed"} and "xcomp" in path
                    d = abs(h.i - t.i)
                    if ok and (best is None or d < best[2]):
                        best = (h, cue, d)
                    break
            path.append(h.dep_)
            if h.head is h:
                break
            h = h.head
            steps += 1
    return (best[0], best[1]) if best else None


def _according_in_sentence(ctx: Context, m: MarkedSpan):
    """An "according to X" cue in the quotation's sentence (it reports the whole sentence)."""
    toks = ctx.tokens(m.start, m.end)
    if not toks:
        return None
    for t in toks[0].sent:
        if t.lower_ == "according" and ctx.in_marks(t.idx) is None:
            cue = ctx.cue_of(t)
            if cue is not None:
                return t, cue
    return None


def _sentence_window(ctx: Context, m: MarkedSpan) -> tuple[int, int, int, int]:
    """``(left_start, open_at, close_end, right_end)``: the text around quotation ``m`` that
    belongs to its sentence: left back to the sentence start (or the previous quotation /
    paragraph start), right to the end of the sentence that follows the closing mark."""
    ps, pe = ctx.paragraphs[m.paragraph]
    o0, o1 = m.outer
    # left
    left = o0
    prev_tok = None
    for t in reversed(ctx.tokens(ps, o0)):
        if t.idx + len(t) <= o0 and not t.is_space:
            prev_tok = t
            break
    if prev_tok is not None and prev_tok.text not in _SENT_END:
        left = max(prev_tok.sent.start_char, ps)
    for other in ctx.marks:
        if other is not m and other.paragraph == m.paragraph and other.outer[1] <= o0:
            left = max(left, other.outer[1])
    # right
    right = o1
    if not m.runs_on:
        nxt = None
        for t in ctx.tokens(o1, pe):
            if t.idx >= o1 and not t.is_space:
                nxt = t
                break
        if nxt is not None:
            right = min(nxt.sent.end_char, pe)
            for other in ctx.marks:
                if other is not m and other.paragraph == m.paragraph and other.open_at >= o1:
                    right = min(right, other.open_at)
                    break
    return left, o0, o1, right


def _nearest_cue(ctx: Context, m: MarkedSpan, window: tuple[int, int, int, int]):
    """A cue verb with a speaker next to the quotation: right side first ("…," X said),
    then left ("X said: …"). A cue with its own reported clause is not taken."""
    left, o0, o1, right = window
    q_toks = {t.i for t in ctx.tokens(m.start, m.end)}

    def usable(t):
        cue = ctx.cue_of(t)
        if cue is None or "direct" not in cue.kinds and "mixed" not in cue.kinds:
            return None
        if ctx.in_marks(t.idx) is not None:
            return None
        head = _content_head(t, cue)
        if head is not None and not ({x.i for x in head.subtree} & q_toks):
            return None
        if _speaker_token(ctx, t, cue) is None:
            return None
        return cue

    after = [t for t in ctx.tokens(o1, right) if t.idx >= o1 and not t.is_space]
    closed = ctx.body[m.start:m.end].rstrip().endswith(".")
    if after and closed and after[0].is_title and after[0].pos_ != "PROPN" and \
            ctx.cue_of(after[0]) is None:
        after = []  # '"… kidding." To which she said, "…"': a new sentence, not the attribution
    for t in after:
        if cue := usable(t):
            return t, cue
    for t in reversed(ctx.tokens(left, o0)):
        if t.idx + len(t) <= o0 and (cue := usable(t)):
            return t, cue
    return None


def _direct_and_mixed(ctx: Context) -> list[Found]:
    out: list[Found] = []
    by_mark: dict[int, Found] = {}
    for k, m in enumerate(ctx.marks):
        text = ctx.body[m.start:m.end]
        para_text = ctx.body[slice(*ctx.paragraphs[m.paragraph])]
        if _is_headline(para_text):
            continue
        n_words = len(_words(text))
        if n_words <= 2 and not m.continued:
            continue  # scare quotes, single quoted words
        if _is_title(ctx, m):
            continue
        sentence_like = _is_sentence_like(ctx, m) or m.continued
        window = _sentence_window(ctx, m)
        gov = _governing_cue(ctx, m, (window[0], window[3]))
        near = gov or _nearest_cue(ctx, m, window)
        starts_lower = bool(_words(text)) and _words(text)[0][0].islower()
        before = ctx.body[window[0]:m.open_at].rstrip()
        embedded = bool(before) and not before.endswith((",", ":", "—", "–", "-"))
        if not sentence_like:
            if gov is None:
                gov = _according_in_sentence(ctx, m)
            if gov is None:
                continue  # a quoted fragment no cue governs: a term, not speech
            near = gov
            kind = "mixed"
        elif starts_lower and embedded:
            kind = "mixed"
        else:
            kind = "direct"
        if near is not None:
            verb, cue = near
            if kind not in cue.kinds:
                if kind == "direct" and "mixed" in cue.kinds and embedded:
                    kind = "mixed"
                else:
                    continue
            f = Found(m.start, m.end, kind, origin="marks")
            f.cue_start, f.cue_end = _cue_span(verb, cue)
            sp = _speaker_token(ctx, verb, cue)
            if sp is not None:
                f.speaker_start, f.speaker_end = mention_span(sp, (ctx.paragraphs[m.paragraph][0],
                                                                   ctx.paragraphs[m.paragraph][1]))
                f.speaker_head = sp
                if ctx.in_marks(f.speaker_start) is not None:
                    f.speaker_start = f.speaker_end = None
                    f.speaker_head = None
        else:
            if kind != "direct":
                continue
            f = Found(m.start, m.end, kind, origin="marks")
            ante = _antecedent_quote(ctx, m, k, by_mark)
            if ante is not None and _same_or_previous_sentence(ctx, ante, m):
                f.inherit_from = ante  # '"…," said X, speaking of Y. "…"'
            elif not _previous_sentence_cue(ctx, m, f):
                f.inherit_from = ante
                if f.inherit_from is None and not _intro_speaker(ctx, m, f):
                    continue
        by_mark[k] = f
        out.append(f)
    return out


def _antecedent_quote(ctx: Context, m: MarkedSpan, k: int, by_mark: dict[int, Found]) -> Found | None:
    """For a quotation without a cue: the quote it continues — an earlier quotation in the
    same paragraph, or (for a quotation opening its paragraph) one in the previous paragraph."""
    for j in range(k - 1, -1, -1):
        prev = ctx.marks[j]
        if prev.paragraph < m.paragraph - 1:
            break
        if prev.paragraph == m.paragraph or (prev.paragraph == m.paragraph - 1 and _opens_paragraph(ctx, m)):
            if j in by_mark:
                return by_mark[j]
            if prev.paragraph == m.paragraph:
                continue
        break
    return None


def _opens_paragraph(ctx: Context, m: MarkedSpan) -> bool:
    return m.open_at == ctx.paragraphs[m.paragraph][0]


_CHANNEL_WORDS = {"twitter", "tweet", "tweets", "statement", "interview", "letter", "post", "facebook",
                  "message", "press", "conference", "briefing", "speech", "wrote", "radio", "television", "tv"}


def _same_or_previous_sentence(ctx: Context, ante: Found, m: MarkedSpan) -> bool:
    """Whether quote ``ante`` ends in the sentence just before quotation ``m`` (or in its own)."""
    toks = [t for t in ctx.tokens(ante.end - 1, m.open_at) if not t.is_space]
    ends = sum(1 for t in toks if t.is_sent_start and t.idx > ante.end)
    return ends <= 1 and ante.end <= m.open_at


def _previous_sentence_cue(ctx: Context, m: MarkedSpan, f: Found) -> bool:
    """'The summit accomplished "too little," he added on Twitter. "Without …"': a quotation
    opening a sentence after a sentence of the same paragraph whose reporting cue names a
    speaker takes that cue and speaker."""
    ps, pe = ctx.paragraphs[m.paragraph]
    lo = ps
    for other in ctx.marks:
        if other.paragraph == m.paragraph and other.outer[1] <= m.open_at and other is not m:
            lo = max(lo, other.outer[1]) if other.outer[1] < m.open_at else lo
    before = [t for t in ctx.tokens(ps, m.open_at) if t.idx + len(t) <= m.open_at and not t.is_space]
    if not before or before[-1].text not in _SENT_END and before[-1].text not in "\"”":
        return False
    sent = [t for t in before[-1].sent if ps <= t.idx < m.open_at]
    if not sent:
        return False
    return _speaker_from_sentence(ctx, sent, f, (ps, pe), any_verb=False)


def _intro_speaker(ctx: Context, m: MarkedSpan, f: Found) -> bool:
    """A quotation without a cue of its own, introduced by the text before it: the same
    sentence ("X defended his decision, "…"" / "X writes: "…""), the previous sentence of the
    paragraph when it names a channel ("X criticized it via Twitter. "…""), or, for a
    quotation opening its paragraph, the previous paragraph ending in a colon or naming its
    speaker with a reporting verb ("Smith told reporters:" / "Smith said the plan was dead.").
    Sets the cue and speaker of ``f``; returns whether one was found."""
    ps, pe = ctx.paragraphs[m.paragraph]
    before = [t for t in ctx.tokens(ps, m.open_at) if t.idx + len(t) <= m.open_at and not t.is_space]
    if before:
        last = before[-1]
        sent = [t for t in last.sent if ps <= t.idx < m.open_at]
        colon = last.text in (",", ":")
        if last.text in _SENT_END:
            channel = any(t.lower_ in _CHANNEL_WORDS for t in sent)
            if not channel:
                return False
        elif not colon:
            return False
        return _speaker_from_sentence(ctx, sent, f, (ps, pe), any_verb=True)
    if not _opens_paragraph(ctx, m) or m.paragraph == 0:
        return False
    pps, ppe = ctx.paragraphs[m.paragraph - 1]
    toks = [t for t in ctx.tokens(pps, ppe) if not t.is_space]
    if not toks:
        return False
    sent = [t for t in toks[-1].sent if t.idx >= pps]
    return _speaker_from_sentence(ctx, sent, f, (pps, ppe), any_verb=toks[-1].text == ":")


def _speaker_from_sentence(ctx: Context, sent, f: Found, para: tuple[int, int], any_verb: bool) -> bool:
    """Take the speaker of ``sent``: a reporting cue's speaker, or (``any_verb``) the subject
    of the sentence's main verb when it names a person, organisation or is a pronoun."""
    for t in reversed(sent):
        if ctx.in_marks(t.idx) is not None:
            continue
        cue = ctx.cue_of(t)
        if cue is not None and "direct" in cue.kinds:
            sp = _speaker_token(ctx, t, cue)
            if sp is not None:
                f.cue_start, f.cue_end = _cue_span(t, cue)
                f.speaker_start, f.speaker_end = mention_span(sp, para)
                f.speaker_head = sp
                return True
    if not any_verb or not sent:
        return False
    root = sent[0].sent.root
    subj = _subject(root, ctx)
    if subj is None or ctx.in_marks(subj.idx) is not None:
        return False
    named = subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or any(
        c.ent_type_ in ("PERSON", "ORG") for c in subj.children if c.dep_ in ("compound", "appos"))
    if not named and subj.lower_ not in ("he", "she", "they"):
        return False
    f.cue_start, f.cue_end = root.idx, root.idx + len(root)
    f.speaker_start, f.speaker_end = mention_span(subj, para)
    f.speaker_head = subj
    return True

