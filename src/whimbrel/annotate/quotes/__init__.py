"""The quote layer: reported speech with its cue and speaker (rules ``quotes.rules/1``).

:func:`find_quotes` finds

* **direct** quotes — text between quotation marks (straight or curly, also quotations that
  run over paragraphs, continue after ``"…," he said, "…"``, or stand alone in a paragraph
  after the one naming their speaker);
* **indirect** quotes — the reported clause of a reporting cue ("X said that …", "…, X told
  the meeting", "according to X, …", "X cited Y as saying that …");
* **mixed** quotes — a quoted fragment inside reported speech (``X said the plan could work
  "if the West is ready"``), and the reported clause around it;

and ties each to its cue (``annotate/data/quote_cues.tsv``) and speaker mention, then resolves
the speaker through the actor layer. Not quotes: titles and names in quotation marks ("a
document entitled “…”", Title-Case names), scare quotes of one or two words, quoted words in
headline-like paragraphs, and quoted fragments that no reporting cue governs ('resist "the
new cold war"').

The rules follow the attribution-relation model of PARC 3.0 (Pareti 2016) and PolNeAR
(Newell et al., LREC 2018): source, cue, content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from whimbrel.annotate.quotes.cues import Cue, cue_table
from whimbrel.annotate.quotes.marks import MarkedSpan, find_marked_spans, paragraph_spans
from whimbrel.annotate.quotes.speakers import DOCUMENT_NOUNS, SpeakerResolver, mention_span
from whimbrel.model import Article, Quote

__all__ = ["find_quotes", "PRODUCER"]

PRODUCER = "quotes.rules/1"

#: words before a quotation that make it a title or a name, not speech
_TITLE_CUES = {"entitled", "titled", "headlined", "named", "dubbed", "nicknamed", "labelled",
               "labeled", "book", "film", "song", "album", "report", "documentary", "series",
               "motto", "slogan", "hashtag", "operation", "campaign", "code-named", "codenamed"}
_MINOR_WORDS = {"a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "by", "with",
                "from", "as", "is", "vs", "de", "la"}
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENT_END = {".", "!", "?"}


@dataclass
class _Found:
    """A quote found but not yet resolved (speaker resolution runs in text order)."""

    start: int
    end: int
    kind: str
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: Any = None
    inherit_from: "_Found | None" = None
    speaker: str | None = None
    speaker_code: str | None = None
    origin: str = ""
    fragments: list = field(default_factory=list)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_title_case(text: str) -> bool:
    words = _words(text)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(words) < 2 or not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps / len(content) >= 0.8 and not text.rstrip().endswith((".", "!", "?"))


def _is_headline(text: str) -> bool:
    """A paragraph that reads as a headline: short, no sentence-final stop, Title Case."""
    t = text.strip().rstrip("\"”'’")
    return len(_words(t)) <= 20 and not t.endswith((".", "!", "?", ":")) and _is_title_case(t)


class _Context:
    """The Doc, article and quotation spans with lookup helpers."""

    def __init__(self, article: Article, doc):
        self.article = article
        self.doc = doc
        self.body = article.body
        self.paragraphs = paragraph_spans(article.body, tuple(article.paragraphs), article.text_start)
        self.marks = find_marked_spans(article.body, self.paragraphs)
        self.cues = cue_table()
        self._outer = [m.outer for m in self.marks]

    def in_marks(self, offset: int) -> MarkedSpan | None:
        for m in self.marks:
            o0, o1 = m.outer
            if o0 <= offset < o1:
                return m
        return None

    def tokens(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def paragraph_of(self, offset: int) -> int:
        for i, (s, e) in enumerate(self.paragraphs):
            if s <= offset < e:
                return i
        return -1

    def cue_of(self, tok) -> Cue | None:
        """The cue-table row for ``tok`` when it is a reporting verb used as one."""
        if tok.lower_ == "according":
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                return self.cues.get("according to")
            return None
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ == "be":
            return None
        cue = self.cues.get(tok.lemma_.lower())
        if cue is None:
            return None
        if any(c.dep_ == "neg" for c in tok.children):
            return None
        if tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound"):
            return None
        return cue


# -- cue → speaker --------------------------------------------------------------------------

def _subject(tok, ctx: "_Context | None" = None):
    """The subject child of ``tok`` (not one inside quotation marks when ``ctx`` is given)."""
    for c in tok.children:
        if c.dep_ in _SUBJ_DEPS and (ctx is None or ctx.in_marks(c.idx) is None):
            return c
    return None


def _speaker_token(ctx: _Context, verb, cue: Cue):
    """The head token of the speaker mention tied to cue ``verb``, or ``None``."""
    if cue.frame == "source_pp":
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        if to is None and verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "to":
            to = verb.nbor(1)
        if to is not None:
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            return _agent_of_document(obj) if obj is not None else None
        return None
    if cue.frame == "channel":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and (obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                or obj.lower_ in ("him", "her", "them")):
            return obj
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj
    subj = _subject(verb, ctx)
    if subj is None and cue.frame in ("speech", "direct", "commitment") and verb.i > 0 and \
            verb.nbor(-1).is_punct:  # inversion right after a quotation: '"…," said X'
        subj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i
                     and c.pos_ in ("PROPN", "NOUN")), None)
    if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        subj = verb.head
    hop = verb
    steps = 0
    # "…, adding that …", "further saying …", "and said …": the subject of the governing verb
    while subj is None and steps < 4 and (hop.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")
                                          or hop.dep_ == "ccomp" and ctx.in_marks(hop.idx) is not None):
        hop = hop.head
        subj = _subject(hop, ctx)
        steps += 1
    if subj is not None and subj.dep_ == "csubj":
        return None
    return subj


def _agent_of_document(tok):
    """"a statement released by X" / "a tweet by X" → X; other mentions unchanged."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return tok
    for t in tok.subtree:
        if t.lower_ in ("by", "from") and t.dep_ in ("agent", "prep"):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
    return tok


def _cue_span(verb, cue: Cue) -> tuple[int, int]:
    """``[start, end)`` of the cue: the verb; "according to"; "quoted Y as saying"."""
    if cue.frame == "source_pp":
        to = verb.nbor(1)
        return verb.idx, to.idx + len(to)
    if cue.frame == "channel":
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                saying = next((g for g in c.children if g.lemma_ == "say"), None)
                if saying is not None:
                    return verb.idx, saying.idx + len(saying)
    return verb.idx, verb.idx + len(verb)


def _content_head(verb, cue: Cue):
    """The head of the reported clause of cue ``verb`` (``ccomp``), or ``None``."""
    if cue.frame == "channel":
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    if g.lemma_ == "say":
                        cc = next((x for x in g.children if x.dep_ == "ccomp"), None)
                        if cc is not None:
                            return cc
    head = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if head is None and cue.frame == "commitment":
        # "vowed to bring back …" / "urged them to reconsider" (spaCy: xcomp, or ccomp with
        # the addressee as its subject)
        head = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"
                     and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")), None)
    if head is None and cue.frame in ("addressee", "directive"):
        # "informed police she had immunity": the parser may read the clause as a
        # zero relative on the addressee
        for obj in verb.children:
            if obj.dep_ in ("dobj", "obj"):
                for c in obj.children:
                    if c.dep_ == "relcl" and c.left_edge.i == obj.i + 1 and not any(
                            x.tag_ in ("WDT", "WP", "WP$") for x in c.subtree):
                        return c
    return head


# -- direct and mixed quotes -----------------------------------------------------------------

def _is_sentence_like(ctx: _Context, m: MarkedSpan) -> bool:
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


def _is_title(ctx: _Context, m: MarkedSpan) -> bool:
    text = ctx.body[m.start:m.end]
    before = ctx.body[max(0, m.open_at - 40):m.open_at]
    prev = _words(before)[-2:]
    if prev and prev[-1].lower() in _TITLE_CUES:
        return True
    if len(prev) == 2 and prev[-2].lower() in _TITLE_CUES and prev[-1].lower() in ("the", "a", "an", "as", "of"):
        return True
    return _is_title_case(text) and not text.rstrip().endswith((".", "!", "?"))


def _governing_cue(ctx: _Context, m: MarkedSpan, window: tuple[int, int]):
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


def _according_in_sentence(ctx: _Context, m: MarkedSpan):
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


def _sentence_window(ctx: _Context, m: MarkedSpan) -> tuple[int, int, int, int]:
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


def _nearest_cue(ctx: _Context, m: MarkedSpan, window: tuple[int, int, int, int]):
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


def _direct_and_mixed(ctx: _Context) -> list[_Found]:
    out: list[_Found] = []
    by_mark: dict[int, _Found] = {}
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
            f = _Found(m.start, m.end, kind, origin="marks")
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
            f = _Found(m.start, m.end, kind, origin="marks")
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


def _antecedent_quote(ctx: _Context, m: MarkedSpan, k: int, by_mark: dict[int, _Found]) -> _Found | None:
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


def _opens_paragraph(ctx: _Context, m: MarkedSpan) -> bool:
    return m.open_at == ctx.paragraphs[m.paragraph][0]


_CHANNEL_WORDS = {"twitter", "tweet", "tweets", "statement", "interview", "letter", "post", "facebook",
                  "message", "press", "conference", "briefing", "speech", "wrote", "radio", "television", "tv"}


def _same_or_previous_sentence(ctx: _Context, ante: _Found, m: MarkedSpan) -> bool:
    """Whether quote ``ante`` ends in the sentence just before quotation ``m`` (or in its own)."""
    toks = [t for t in ctx.tokens(ante.end - 1, m.open_at) if not t.is_space]
    ends = sum(1 for t in toks if t.is_sent_start and t.idx > ante.end)
    return ends <= 1 and ante.end <= m.open_at


def _previous_sentence_cue(ctx: _Context, m: MarkedSpan, f: _Found) -> bool:
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


def _intro_speaker(ctx: _Context, m: MarkedSpan, f: _Found) -> bool:
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


def _speaker_from_sentence(ctx: _Context, sent, f: _Found, para: tuple[int, int], any_verb: bool) -> bool:
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


# -- indirect quotes ---------------------------------------------------------------------------

def _trim(ctx: _Context, toks) -> tuple[int, int] | None:
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


def _indirect(ctx: _Context, direct: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    for verb in ctx.doc:
        if verb.idx < ctx.article.text_start:
            continue
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
        f = _Found(start, end, kind, origin="clause")
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


def _clause_tokens(ctx: _Context, head, verb=None) -> list:
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


def _strip_quoted_edges(ctx: _Context, start: int, end: int, head=None) -> tuple[int, int] | None:
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


def _set_off(ctx: _Context, m: MarkedSpan, start: int, end: int) -> bool:
    """Whether an edge quotation is set off from the rest of its clause by punctuation or a
    coordinator ('she had immunity, but "that …"'), so that the clause stands without it."""
    o0, o1 = m.outer
    if o0 > start:
        gap = ctx.body[max(start, o0 - 6):o0].rstrip()
        return gap.endswith((",", ";", ":", "—", "–")) or bool(re.search(r"\b(and|but|or)$", gap))
    gap = ctx.body[o1:min(end, o1 + 3)].lstrip()
    return gap.startswith((",", ";", ":", "—", "–")) or o1 >= end


def _quote_is_core(ctx: _Context, m: MarkedSpan) -> bool:
    """Whether the quotation's root attaches to the outside as a core argument."""
    o0, o1 = m.outer
    for t in ctx.tokens(m.start, m.end):
        if not o0 <= t.head.idx < o1 and t.head is not t:
            return t.dep_ in _CORE_DEPS
    return False


def _according_content(ctx: _Context, according) -> list | None:
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
    toks = [t for t in h.subtree if t.i not in pp]
    if h.dep_ == "conj":
        return _contiguous(toks, h)
    drop: set[int] = set()
    for c in h.children:  # "A; B, according to X, C": keep the conjunct holding the cue
        if c.dep_ == "conj" and c.i < according.i and according.i not in {x.i for x in c.subtree}:
            pass
    return _contiguous([t for t in toks if t.i not in drop], h)


# -- assembly -------------------------------------------------------------------------------

def _dedupe(found: list[_Found]) -> list[_Found]:
    """Drop a clause quote that repeats a quotation span, keep one quote per content span."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start), f.origin != "marks"))
    out: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    for f in found:
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        out.append(f)
    return out


def find_quotes(article: Article, doc, actors: Sequence[Any] = ()) -> list[Quote]:
    """Find the quotes of ``article``.

    ``doc`` is the spaCy ``Doc`` parsed over ``article.body`` (dateline prefix blanked, so
    Doc character offsets equal body offsets); ``actors`` the article's actor mentions
    (:class:`whimbrel.model.Actor`; defaults to ``article.actors``) used to resolve speakers
    through :func:`whimbrel.annotate.actors.resolve_mention`. Without actors, speakers are
    resolved from the Doc's PERSON/ORG/GPE entities.

    Returns :class:`whimbrel.model.Quote` records sorted by ``start``: ``[start, end)`` is the
    content (between the marks for a direct quote, the reported clause without "that" for an
    indirect one, the quoted fragment or the reported clause holding it for a mixed one);
    ``cue``/``cue_start``/``cue_end`` the reporting expression; ``speaker_start``/``speaker_end``
    the speaker mention tied to the cue (for a quotation continuing an earlier one, that
    earlier mention); ``speaker``/``speaker_code`` the resolved actor. Character offsets are
    ``[start, end)`` Python ``str`` indices into ``article.body``.
    """
    ctx = _Context(article, doc)
    direct = _direct_and_mixed(ctx)
    found = _dedupe(direct + _indirect(ctx, direct))
    resolver = SpeakerResolver(article, doc, actors or article.actors)
    quotes: list[Quote] = []
    for f in found:
        src = f
        hops = 0
        while src.inherit_from is not None and hops < 20:
            src = src.inherit_from
            hops += 1
        if src is f:
            if f.speaker_start is not None:
                f.speaker, f.speaker_code = resolver.resolve(f.speaker_start, f.speaker_end, f.speaker_head)
        else:
            f.cue_start, f.cue_end = src.cue_start, src.cue_end
            f.speaker_start, f.speaker_end = src.speaker_start, src.speaker_end
            f.speaker, f.speaker_code = src.speaker, src.speaker_code
        if f.speaker_start is None and f.speaker is None:
            continue
        body = article.body
        quotes.append(Quote(
            start=f.start, end=f.end, text=body[f.start:f.end], kind=f.kind,
            cue=body[f.cue_start:f.cue_end] if f.cue_start is not None else None,
            cue_start=f.cue_start, cue_end=f.cue_end,
            speaker=f.speaker, speaker_code=f.speaker_code,
            speaker_start=f.speaker_start, speaker_end=f.speaker_end,
            producer=PRODUCER,
        ))
    return quotes
