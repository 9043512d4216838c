"""Speaker mentions and their resolution to an actor (name and code).

:func:`mention_span` cuts the speaker mention out of the parse (the subject, object or
``according to`` object tied to the cue). :class:`SpeakerResolver` turns a mention into a
name and actor code: through the actor layer
(:func:`whimbrel.annotate.actors.resolve_mention`) when actors are given, otherwise through the
Doc's PERSON/ORG/GPE entities with a previous-mention lookup ("Qin" → "Qin Gang") and a
most-recent-speaker rule for pronouns ("he said").
"""

from __future__ import annotations

from typing import Any, Sequence

from whimbrel.annotate.nlp import doc_text

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_GROUP = {"they", "them", "it"}
PRONOUNS_FIRST = {"i", "we", "me", "us", "you"}
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_CUT_DEPS = {"relcl", "acl"}  # "X, who ..." is not part of the mention
_EDGE_PUNCT = set(",;:-—–()\"“”'‘’")


def mention_span(head, limit: tuple[int, int] | None = None) -> tuple[int, int]:
    """``[start, end)`` character offsets of the noun phrase headed by spaCy token ``head``:
    its subtree without relative clauses and edge punctuation, clipped to ``limit``."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in _CUT_DEPS and child.i > head.i:
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "prep" and child.i > head.i and any(
                g.lower_ in _CHANNELS for g in child.children):  # "Trump on Twitter"
            drop.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in drop]
    if limit is not None:
        toks = [t for t in toks if limit[0] <= t.idx and t.idx + len(t) <= limit[1]] or [head]
    # keep a contiguous run around the head
    idx = sorted(t.i for t in toks)
    lo = hi = head.i
    present = set(idx)
    while lo - 1 in present:
        lo -= 1
    while hi + 1 in present:
        hi += 1
    doc = head.doc
    while lo < hi and (doc[lo].text in _EDGE_PUNCT or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].text in _EDGE_PUNCT or doc[hi].dep_ in ("cc", "punct")):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


#: nouns for a document or message that speaks for its author ("a statement by X")
DOCUMENT_NOUNS = {"statement", "tweet", "post", "report", "interview", "letter", "release",
                  "message", "remarks", "comment", "comments", "video", "op-ed", "speech",
                  "poll", "survey", "study", "analysis", "memo", "estimate"}


def _fold(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_CHANNELS = {"twitter", "facebook", "instagram", "tv", "television", "radio", "camera"}


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text.rstrip("'’")


def _title_words(words: Sequence[str]) -> int:
    """How many of the leading lower-case ``words`` are a person's titles in the actor
    tables' role list (``roles.tsv`` kind "title": "chief superintendent", "crown prince")."""
    from whimbrel.ontology.actor_dictionary import ActorDictionary

    roles = ActorDictionary.default()
    n = 0
    for i, j, r in roles.role_matches(list(words)):
        if i != n or r.kind != "title":
            break
        n = j
    return n


def as_written(name: str, mention: str) -> str:
    """A person's ``name`` as the article spells it in ``mention``: the run of as many
    words in the mention (titles and modifiers left out) that ends in the name's last word,
    up to spelling ("Crown Prince Mohammad bin Salman of Saudi Arabia" gives "Mohammad bin
    Salman" for the dictionary's "Mohammed bin Salman"; "Chief Superintendent Graciano
    Mijares" gives "Graciano Mijares"); else ``name``. The gold guidelines want the name
    as the article gives it."""
    from difflib import SequenceMatcher

    want = name.split()
    words = [_strip_possessive(w.strip(",;:")) for w in mention.split()]
    n = len(want)
    if not n:
        return name
    last = _fold(want[-1])
    for k in range(len(words), n - 1, -1):
        run = words[k - n:k]
        got = _fold(run[-1])
        if got != last and SequenceMatcher(None, got, last).ratio() < 0.8:
            continue
        if all(w[:1].isupper() == v[:1].isupper() for w, v in zip(run, want)):
            return " ".join(run)
    return name


class SpeakerResolver:
    """Resolves speaker mentions in article order.

    ``resolve(start, end, head)`` → ``(name, code)``: ``name`` the resolved full name
    (``None`` for first-person or unresolvable pronouns), ``code`` the actor code from the
    actor layer (``None`` when the actor layer gave none). Call it in text order: pronouns
    resolve to the most recent person (``he``/``she``) or group (``they``/``it``) speaker.
    """

    def __init__(self, article, doc, actors: Sequence[Any] = (), *, text: str | None = None):
        self.article = article
        self.doc = doc
        # ``doc.text`` (pass it when known): built once, not per mention
        self.text = doc_text(doc) if text is None else text
        self.actors = tuple(actors)
        self._resolve_mention = None
        if self.actors:
            try:
                from whimbrel.annotate.actors import resolve_mention
            except ImportError:  # actor layer not installed in this build
                resolve_mention = None
            self._resolve_mention = resolve_mention
        self.ents = [e for e in doc.ents if e.label_ in _NAME_LABELS]
        self.known: list[str] = []
        self.last_person: tuple[str, str | None] | None = None
        self.last_group: tuple[str, str | None] | None = None

    # -- fallback: entities and previous mentions -------------------------------------------
    def _ent_name(self, ent) -> str:
        """A PERSON entity's name without the titles the NER took in ("Chief Superintendent
        Graciano Mijares"): the name the actor layer gave a person mention holding the
        entity, as the entity spells it; else the entity's text."""
        text = _strip_possessive(ent.text)
        for a in self.actors:
            if getattr(a, "kind", "") == "person" and a.name and a.start <= ent.start_char \
                    and ent.end_char <= a.end:
                return as_written(a.name, text)
        return text

    def _full_person_name(self, ent) -> str:
        text = self._ent_name(ent)
        if len(text.split()) > 1:
            return text
        return self._name_for_word(text, ent.start_char) or text

    def _name_for_word(self, word: str, before: int) -> str | None:
        """The longest earlier PERSON name whose first or last word is ``word`` (accents
        and case folded): "Qin" → "Qin Gang", "Erdogan" → "Recep Tayyip Erdoğan"."""
        key = _fold(word)
        best = None
        for name in self.known:  # names this resolver found the NER had missed
            words = name.split()
            if key in (_fold(words[-1]), _fold(words[0])):
                best = name
        for a in self.actors:  # people the actor layer has already named
            if a.start >= before or getattr(a, "kind", "") != "person":
                continue
            words = (getattr(a, "name", "") or "").split()
            if len(words) > 1 and key in (_fold(words[-1]), _fold(words[0])):
                best = " ".join(words)
        for prev in self.ents:
            if prev.start_char >= before:
                break
            if prev.label_ == "PERSON":
                words = self._ent_name(prev).split()
                if len(words) > 1 and key in (_fold(words[-1]), _fold(words[0])):
                    if best is None or len(words) >= len(best.split()):
                        best = " ".join(words)
        return best

    def _entity_in(self, start: int, end: int, head):
        inside = [e for e in self.ents if e.start_char >= start and e.end_char <= end]
        if head is not None and head.pos_ == "NOUN":
            # "Erdogan's office" speaks for the office, not for its possessor
            owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            inside = [e for e in inside if e.root.i not in owned]
        if not inside:
            return None
        if head is not None:
            for e in inside:  # the entity holding the head, or an apposition of the head
                if e.start <= head.i < e.end:
                    return e
            for child in head.children:
                if child.dep_ == "appos":
                    for e in inside:
                        if e.start <= child.i < e.end:
                            return e
            if head.pos_ == "PROPN":
                # a name the NER missed: not a place in its modifiers ("X of … Mindanao")
                core = {t.i for t in head.subtree} - {t.i for c in head.children
                                                      if c.dep_ in ("prep", "relcl", "acl")
                                                      for t in c.subtree}
                inside = [e for e in inside if e.root.i in core]
                if not inside:
                    return None
        persons = [e for e in inside if e.label_ == "PERSON" and not e.text.endswith(("'s", "’s"))]
        if persons:
            return persons[-1]
        orgs = [e for e in inside if e.label_ == "ORG"]
        if orgs:
            return orgs[-1]
        return None if head is not None and head.pos_ == "NOUN" else inside[-1]

    def _common_noun(self, start: int, end: int, head) -> str:
        text = self.text[start:end]
        definite = head is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                            for c in head.children)
        if head is not None and head.pos_ == "NOUN" and definite:
            word = head.text.lower()
            for prev in reversed(self.ents):  # "the commissioner" → "commissioner Albert Muchanga"
                if prev.start_char < start and prev.label_ == "PERSON":
                    inside = range(prev.start, prev.end)
                    lead = [t for t in self.doc[max(0, prev.start - 4):prev.start]
                            if t.head.i in inside or t.head.head.i in inside]
                    if word in (t.lower_ for t in lead):
                        return self._full_person_name(prev)
            for prev in reversed(self.ents):  # "the ministry" → "Chinese Foreign Ministry"
                if prev.start_char < start and prev.label_ == "ORG" and word in prev.text.lower().split():
                    return _strip_possessive(prev.text).removeprefix("the ").removeprefix("The ")
        for det in ("the ", "The ", "a ", "A ", "an ", "An "):
            if text.startswith(det):
                return text[len(det):]
        return text

    def resolve(self, start: int, end: int, head=None) -> tuple[str | None, str | None]:
        """Resolve the mention ``[start, end)`` (``head`` its spaCy head token, optional).

        The actor layer gives the code and, usually, the name; the entity-based reading
        (``_fallback``) wins the name when it found a full personal name the actor layer
        did not ("Steffen Seibert" in "Angela Merkel's spokesperson, Steffen Seibert")."""
        if head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is None:  # "an NBC News poll" speaks for NBC News
                poss = next((c for c in head.children if c.dep_ == "compound"
                             and c.ent_type_ in ("ORG", "PERSON", "GPE")), None)
            if poss is not None:  # "the ministry's statement" speaks for the ministry
                head = poss
                start, end = poss.left_edge.idx, poss.idx + len(poss)
        low = self.text[start:end].lower()
        if low in PRONOUNS_FIRST:
            return None, None
        fb_name, fb_person = self._fallback(start, end, head, low)
        actor = self._actor_for(start, end, head)
        if actor is None:  # a pronoun or a name resolved through an earlier mention
            found = (fb_name, self._code_for_name(fb_name)) if fb_name else None
        else:
            a_words = set(_fold(actor.name).split())
            f_words = set(_fold(fb_name).split()) if fb_name else set()
            mention = set(_fold(self.text[start:end]).split())
            poss = next((c for c in head.children if c.dep_ == "poss"), None) \
                if head is not None and head.pos_ == "NOUN" else None
            owner = set(_fold(self.text[poss.left_edge.idx:poss.idx + len(poss)]).split()) \
                if poss is not None else set()
            if head is not None and head.pos_ == "NOUN" and getattr(actor, "kind", "") == "person" \
                    and not (a_words & mention) and not fb_person:
                found = (fb_name, None)  # "the ministry" is not the minister
            elif owner and a_words & owner and fb_name:
                found = (fb_name, actor.code)  # "Erdogan's office": its code, its own name
            elif fb_person and len(f_words) >= 2 and not (a_words & f_words):
                found = (fb_name, self._code_for_name(fb_name))
            elif fb_person and len(a_words) == 1 and a_words < f_words:
                found = (fb_name, actor.code)  # "Qin" → "Qin Gang"
            elif getattr(actor, "kind", "") == "person":
                found = (as_written(actor.name, self.text[actor.start:actor.end]), actor.code)
            else:
                found = (actor.name, actor.code)
            fb_person = fb_person or getattr(actor, "kind", "") == "person"
        if found is None:
            return None, None
        if fb_person:
            self.last_person = found
        else:
            self.last_group = found
        return found

    def _fallback(self, start: int, end: int, head, low: str) -> tuple[str | None, bool]:
        """``(name, is_person)`` from the Doc's entities and earlier mentions."""
        if low in PRONOUNS_PERSON:
            found = self._previous_person(start) or self.last_person
            return (found[0] if found else None), True
        if low in PRONOUNS_GROUP:
            return (self.last_group[0] if self.last_group else None), False
        ent = self._entity_in(start, end, head)
        if head is not None and head.pos_ == "PROPN" and (ent is None or len(ent) == 1):
            full = self._name_for_word(_strip_possessive(head.text), start)
            if full is not None:
                return full, True
            if ent is None:  # a name the NER missed: its compound chain, titles dropped
                chain = [c for c in head.lefts if c.dep_ == "compound"] + [head]
                chain = chain[_title_words([t.lower_ for t in chain[:-1]]):]
                if len(chain) > 1 and all(t.is_title for t in chain):
                    name = " ".join(t.text for t in chain)
                    self.known.append(name)
                    return name, True
        if ent is not None and ent.label_ == "PERSON":
            return self._full_person_name(ent), True
        if ent is not None:
            return _strip_possessive(ent.text).removeprefix("the ").removeprefix("The "), False
        name = self._common_noun(start, end, head)
        return name, len(name.split()) >= 2 and any(
            e.label_ == "PERSON" and _strip_possessive(e.text).endswith(name) for e in self.ents)

    def _actor_for(self, start: int, end: int, head):
        """The actor-layer reading of the mention: the entity holding its head first
        ("Sadiq Khan" in "The mayor of London, Sadiq Khan"), then the whole mention."""
        if self._resolve_mention is None:
            return None
        ent = self._entity_in(start, end, head)
        spans = [(ent.start_char, ent.end_char)] if ent is not None else []
        if head is not None and head.pos_ == "PROPN":
            # the name itself ("Chief Superintendent Graciano Mijares" without "of the police")
            names = [c for c in head.lefts if c.dep_ == "compound"] + [head]
            spans.append((names[0].idx, head.idx + len(head)))
        possessor = None
        if head is not None and head.pos_ == "NOUN":
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is not None:  # "Erdogan's office" is not Erdogan
                possessor = (poss.left_edge.idx, poss.idx + len(poss))
        spans.append((start, end))
        for s, e in spans:
            actor = self._resolve_mention(self.article, self.actors, s, e)
            if actor is not None and getattr(actor, "name", None):
                if possessor and possessor[0] <= actor.start and actor.end <= possessor[1]:
                    return None
                return actor
        return None

    def _code_for_name(self, name: str) -> str | None:
        """The code of an actor the actor layer named ``name`` (in its own or the article's
        spelling, :func:`as_written`), or ``None``."""
        for a in self.actors:
            if not getattr(a, "code", None) or not getattr(a, "name", None):
                continue
            if a.name == name or (getattr(a, "kind", "") == "person"
                                  and as_written(a.name, self.text[a.start:a.end]) == name):
                return a.code
        return None

    def _previous_person(self, start: int) -> tuple[str, str | None] | None:
        """The most recent person before ``start`` that is a grammatical subject: a PERSON
        entity, or a proper name the NER missed or mislabelled ("Trump told the forum …")."""
        best = None
        for prev in reversed(self.ents):
            if prev.end_char > start or prev.label_ != "PERSON":
                continue
            root = prev.root
            if root.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("appos", "compound") and \
                    root.head.dep_ in ("nsubj", "nsubjpass"):
                best = (prev.start_char, self._full_person_name(prev))
                break
        first = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if first is not None:
            lo = max(0, first.start - 120)
            for tok in reversed(self.doc[lo:first.start]):
                if best is not None and tok.idx <= best[0]:
                    break
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "NOUN") and \
                        tok.ent_type_ in ("", "PERSON", "ORG") and tok.is_title:
                    word = _strip_possessive(tok.text)
                    name = self._name_for_word(word, tok.idx)
                    if name is None and tok.pos_ == "NOUN":
                        continue  # "Officials said …": a capitalised common noun
                    name = name or self._chain(tok)
                    if tok.ent_type_ == "ORG" and name == word:
                        continue  # a one-word organisation ("Reuters"), not a person
                    best = (tok.idx, name)
                    break
        return (best[1], None) if best else None

    def _chain(self, tok) -> str:
        chain = [c for c in tok.lefts if c.dep_ == "compound" and c.is_title] + [tok]
        return " ".join(_strip_possessive(t.text) for t in chain)
