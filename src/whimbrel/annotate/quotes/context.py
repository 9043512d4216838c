"""Shared state and grammar of the quote rules: the :class:`Context` of one article (Doc,
paragraphs, quotation-mark spans, cue table), the :class:`Found` record of a quote before
speaker resolution, and the cue → speaker / content / cue-span rules of the frames in
``annotate/data/quote_cues.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from whimbrel.annotate.quotes.cues import Cue, cue_table
from whimbrel.annotate.quotes.marks import MarkedSpan, find_marked_spans, paragraph_spans
from whimbrel.annotate.quotes.speakers import DOCUMENT_NOUNS
from whimbrel.model import Article

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
class Found:
    """A quote found but not yet resolved (speaker resolution runs in text order):
    ``[start, end)`` content, ``kind``, cue and speaker-mention offsets, the speaker's head
    token, the earlier quote it continues (``inherit_from``) and which rule made it
    (``origin``: ``"marks"`` or ``"clause"``)."""

    start: int
    end: int
    kind: str
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: Any = None
    inherit_from: "Found | None" = None
    speaker: str | None = None
    speaker_code: str | None = None
    origin: str = ""


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


class Context:
    """One article under the quote rules: its Doc, paragraphs (``[start, end)`` offsets),
    quotation-mark spans and the cue table, with offset lookups."""

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

def _subject(tok, ctx: "Context | None" = None):
    """The subject child of ``tok`` (not one inside quotation marks when ``ctx`` is given)."""
    for c in tok.children:
        if c.dep_ in _SUBJ_DEPS and (ctx is None or ctx.in_marks(c.idx) is None):
            return c
    return None


def _speaker_token(ctx: Context, verb, cue: Cue):
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
        if hop.dep_ == "ccomp" and ctx.cue_of(hop.head) is not None:
            # 'X said A "…," further saying …': the participle hangs off the reported clause
            # A in the parse; its speaker is the speaker of the cue reporting A
            hop = hop.head
        subj = _subject(hop, ctx)
        steps += 1
    if subj is not None and subj.dep_ == "csubj":
        return None
    return _agent_of_document(subj) if subj is not None else None


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

