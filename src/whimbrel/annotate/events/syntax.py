"""Dependency-parse helpers for the event coder (spaCy ``Token``/``Span``; English, ClearNLP
dependency labels as produced by spaCy's English pipelines)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

SUBJ = {"nsubj", "nsubjpass", "csubj"}
#: Reporting and attribution verbs: their complement is asserted content, not an event of theirs.
REPORTING = {
    "say", "tell", "add", "state", "announce", "claim", "report", "note", "insist", "stress",
    "emphasize", "emphasise", "explain", "quote", "cite", "write", "tweet", "post", "reiterate",
    "confirm", "declare", "indicate", "suggest", "believe", "think", "reveal", "argue", "acknowledge",
    "admit", "recall", "remark", "comment", "observe", "point", "maintain", "assert", "reply",
    "respond", "conclude", "find", "show", "know", "hope", "expect", "mention",
}
#: Verbs whose to-complement is an intended act (the act is "future" in the PLOVER sense).
INTENT = {
    "plan", "intend", "want", "seek", "hope", "aim", "prepare", "expect", "decide", "try",
    "attempt", "wish", "look", "ready", "going", "set", "continue", "schedule", "propose", "would",
    "readiness", "willingness", "agree", "pledge", "promise", "vow", "commit", "offer", "able",
}
HYPOTHETICAL_AUX = {"could", "might", "may"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
DEMAND_AUX = {"must", "should"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "which", "that"}
FIRST_PERSON = {"i", "we", "me", "us"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "conj"}


def lemma(tok) -> str:
    """Lowercase lemma of a token (falls back to lowercase text when no lemmatizer ran)."""
    return (tok.lemma_ or tok.text).lower()


def is_verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def clause_head(tok):
    """The verb (or clause root) that governs ``tok``: ``tok`` itself if verbal, else the
    first verbal ancestor, else the sentence root."""
    t = tok
    while not is_verbal(t) and t.head != t:
        if t.dep_ in ("relcl", "acl") and is_verbal(t):
            return t
        t = t.head
    return t


def children(tok, deps: Iterable[str]) -> list:
    deps = set(deps)
    return [c for c in tok.children if c.dep_ in deps]


def prep_object(tok, preps: Iterable[str]):
    """The object of the first prepositional child of ``tok`` whose word is one of ``preps``
    (lower case: ``("for",)``, ``("by", "from")``), or ``None``."""
    wanted = set(preps)
    for pr in tok.children:
        if pr.dep_ == "prep" and pr.lower_ in wanted:
            p = children(pr, ("pobj",))
            if p:
                return p[0]
    return None


def conjuncts(tok) -> list:
    """``tok`` and its coordinated nominal conjuncts (``A, B and C``), in text order."""
    nominal = ("PROPN", "NOUN", "PRON")
    out = [tok]
    stack = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat")]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in nominal and tok.pos_ in nominal:
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def np_span(tok) -> tuple[int, int]:
    """Token index range ``[start, end)`` of the noun phrase headed by ``tok``: its left
    modifiers (det, amod, compound, poss …) through the head, plus a right ``of``/``for``
    complement when the head is a common noun ("the government of Abdrabbuh Mansur Hadi")."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("cc", "punct", "preconj"):
            continue
        left = min(left, c.left_edge.i)
    right = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") :
            right = max(right, c.right_edge.i + 1)
        elif c.dep_ == "prep" and c.lower_ in ("of",) and tok.pos_ == "NOUN":
            pobj = [p for p in c.children if p.dep_ == "pobj"]
            if pobj:
                right = max(right, pobj[0].i + 1)
    return left, right


def subtree_in(tok, stop_deps: set[str]) -> Iterator:
    """Tokens of ``tok``'s subtree without descending into children whose dep is in
    ``stop_deps`` (used to keep a clause's own words)."""
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            if c.dep_ not in stop_deps:
                stack.append(c)
