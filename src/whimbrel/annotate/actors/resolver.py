"""Actor layer: people, organisations, states and agents, resolved to CAMEO-style codes.

Resolution works the way a careful coder reads an article (CAMEO manual 1.1b3, ch. 4;
whimbrel gold GUIDELINES "Actor codes"):

1. **Noun phrases.** Every noun-phrase head of the spaCy Doc (nouns, proper nouns, pronouns
   that are not modifiers of a larger phrase) is read together with its left modifiers, its
   apposition ("Ahmed al-Assadi, a spokesman for the PMF") and its "of/for/from" phrase
   ("the government of Syria"). Inside that phrase the dictionary
   (:class:`~whimbrel.ontology.actor_dictionary.ActorDictionary`) finds people, IGOs,
   organisations, countries, capitals and nationality adjectives, and ``roles.tsv`` finds
   titles and role nouns ("Foreign Minister" → GOV, "police" → COP).
2. **Codes from the text first**: an IGO named in the phrase makes it ``IGO``; a title takes
   the country the phrase gives ("Chinese", "Iraq's", "of Cuba"); a title such as
   "spokesman" inherits the role of the organisation it speaks for; "former" makes a person
   CVL; region adjectives ("foreign", "European") give ``---``. Only when the text gives no
   country does a person take it from ``people.tsv`` (date-bounded) and an agent from the
   article's home country (the country the article is mostly about).
3. **Coreference**: a short name ("Qin", "Lavrov", "Prime Minister Johnson") links to the
   earlier full name; a definite description ("the ministry", "the president", "the
   airline") to an earlier actor of the same kind whose name or title holds its words (an
   exact title first, then the most mentioned, then the latest); he/she/they in an argument
   slot to the latest person (or group); "the sides" to the two latest actors of different
   countries.
4. **Place names are actors only in actor slots**: a country or capital is the state
   (``GOV``) only as subject or object of a verb, after "with/against/by/between/to…"
   (not after motion words: "visitors to Edinburgh"), or as the possessor of a stance or
   act ("Beijing's position"); never merely because it is mentioned.

Offsets are ``[start, end)`` character offsets into ``Article.body`` (Doc offsets equal body
offsets; the dateline prefix is blank in the Doc, so it yields no actor). The rules need a
tagged and parsed Doc (tagger, parser, NER of the English spaCy pipelines); without POS tags
they find nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.parts_of_speech import ADJ, NAMES as POS_NAMES, NOUN, NUM, PRON, PROPN, X

from whimbrel.annotate.nlp import doc_text
from whimbrel.model import Actor, Article
from whimbrel.ontology.actor_dictionary import (
    ActorCode, ActorDictionary, Match, RoleEntry, format_code, normalise)
from whimbrel.ontology.countries import read_tsv

PRODUCER = "actors.rules/1"

#: Dependency labels of left modifiers that belong to a noun phrase (ClearNLP labels of the
#: English spaCy models).
_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod",
                        "predet", "npadvmod", "punct", "case", "advmod"})
_SUBJ_OBJ = frozenset({"nsubj", "nsubjpass", "csubj", "dobj", "iobj", "dative", "agent",
                       "attr", "oprd", "ROOT"})
_ACTOR_PREPS = frozenset({"with", "against", "by", "between", "to", "toward", "towards",
                          "from", "among", "upon", "like", "including", "than", "versus",
                          "via"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: parts of speech of the tokens :meth:`_Resolver.run` reads as phrase heads
_HEAD_POS_NAMES = ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X")
_HEAD_POS = np.array([NOUN, PROPN, PRON, NUM, ADJ, X], dtype=np.uint64)


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """The closed word lists of ``annotate/data/actor_words.tsv`` by class."""
    path = Path(str(resources.files("whimbrel.annotate") / "data" / "actor_words.tsv"))
    out: dict[str, set[str]] = {}
    for row in read_tsv(path):
        out.setdefault(row["class"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class _Unit:
    """A name inside the text: a dictionary match or a named entity, in token indices."""

    start: int          # first token index
    end: int            # one past the last token index
    kind: str           # person, igo, org, country, capital, adjective, place, norp
    actor: ActorCode | None
    label: str = ""


@dataclass
class _Phrase:
    """What one noun phrase says about its actor."""

    head: int
    left: int
    right: int                     # one past the last token of the phrase proper
    units: list[_Unit] = field(default_factory=list)
    roles: list[tuple[int, int, RoleEntry]] = field(default_factory=list)
    former: bool = False


class _Resolver:
    def __init__(self, article: Article, doc, dictionary: ActorDictionary, text: str | None = None):
        self.article = article
        self.doc = doc
        self.text = doc_text(doc) if text is None else text  # == doc.text, built once
        self.d = dictionary
        self.words = _word_classes()
        self.on: date | None = article.dct
        self.unit_of: list[_Unit | None] = [None] * len(doc)
        self.actors: list[Actor] = []
        self.by_head: dict[int, Actor] = {}
        self.home: str | None = None
        self.consumed: set[int] = set()   # heads read as part of another phrase
        self.surface: dict[tuple[int, int], str] = {}  # person mention → name as written
        self.title_only: set[tuple[int, int]] = set()  # persons named by a title alone
        # token attributes as arrays, read once (cheaper than a Token object per token)
        arr = doc.to_array([IDX, IS_SPACE, LENGTH, IS_PUNCT, LOWER, LEMMA, POS])
        self.idx = arr[:, 0]
        self.space = arr[:, 1].astype(bool)
        self.length = arr[:, 2]
        strings = doc.vocab.strings
        # per token, as Python lists: is_punct or is_space, lower_, lemma_.lower(), pos_
        self.blank: list[bool] = (self.space | arr[:, 3].astype(bool)).tolist()
        low = {h: strings[h] for h in set(arr[:, 4].tolist())}
        self.lower_s: list[str] = [low[h] for h in arr[:, 4].tolist()]
        lem = {h: strings[h].lower() for h in set(arr[:, 5].tolist())}
        self.lemma_s: list[str] = [lem[h] for h in arr[:, 5].tolist()]
        self.pos_s: list[str] = [POS_NAMES[h] for h in arr[:, 6].tolist()]

    # ------------------------------------------------------------------ units
    def build_units(self) -> None:
        doc, start = self.doc, self.article.text_start
        keep = np.flatnonzero((self.idx >= start) & ~self.space).tolist()
        starts, lengths = self.idx.tolist(), self.length.tolist()
        offsets = [(starts[i], starts[i] + lengths[i]) for i in keep]
        matches: list[Match] = self.d.scan(self.text, offsets, on=self.on)
        tok_at = {s: i for i, (s, _) in zip(keep, offsets)}
        tok_end = {e: i for i, (_, e) in zip(keep, offsets)}
        for m in matches:
            i, j = tok_at.get(m.start), tok_end.get(m.end)
            if i is None or j is None:
                continue
            ent_types = {doc[k].ent_type_ for k in range(i, j + 1)}
            if m.entry.kind not in ("person", "user") and ent_types == {"PERSON"} and (
                    m.entry.kind in ("country", "capital", "adjective")
                    or doc[i].ent_iob_ != "B" or doc[j + 1:j + 2].text and
                    doc[j + 1].ent_iob_ == "I"):
                # "Jordan" in "Michael Jordan", "Washington" in "George Washington"; an
                # organisation spaCy calls a person ("Mahan") keeps its dictionary reading
                continue
            if m.entry.kind == "adjective" and doc[i].pos_ not in ("ADJ", "PROPN", "NOUN") \
                    and doc[i].ent_type_ != "NORP":
                continue
            unit = _Unit(i, j + 1, m.entry.kind, m.entry.actor)
            for k in range(i, j + 1):
                self.unit_of[k] = unit
        for ent in doc.ents:
            if ent.label_ not in _NAME_LABELS or ent.start_char < start:
                continue
            free = [k for k in range(ent.start, ent.end) if self.unit_of[k] is None]
            if not free:
                continue
            if len(free) != ent.end - ent.start:
                # part of the entity is a dictionary name; a leftover PERSON part is a name
                if ent.label_ != "PERSON":
                    continue
                free = [k for k in free if doc[k].pos_ == "PROPN"]
                if not free:
                    continue
            kind = {"PERSON": "person", "ORG": "org", "NORP": "norp", "FAC": "org"}.get(
                ent.label_, "place")
            # strip a leading determiner and trailing possessive from the unit
            a, b = free[0], free[-1] + 1
            while a < b and doc[a].lower_ in ("the", "a", "an"):
                a += 1
            while b > a and doc[b - 1].tag_ == "POS":
                b -= 1
            if a >= b:
                continue
            unit = _Unit(a, b, kind, None, ent.label_)
            for k in range(a, b):
                self.unit_of[k] = unit

    def compute_home(self) -> None:
        """The article's home country: the country its names point to most. A name in the
        first two sentences (headline and lead) counts double, and so does one in a subject
        phrase ("UK urges US …"); the dateline and single-country titles add to it."""
        counts: Counter[str] = Counter()
        first_end = self.article.sentences[2].start if len(self.article.sentences) > 2 \
            else len(self.article.body)
        seen = set()
        for u in self.unit_of:
            if u is None or id(u) in seen or u.actor is None:
                continue
            seen.add(id(u))
            c = u.actor.country
            if c and c not in ("IGO", "---"):
                tok = self.doc[self._unit_head(u)]
                while tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head is not tok:
                    tok = tok.head
                w = 2 if self.doc[u.start].idx < first_end else 1
                counts[c] += w * (2 if tok.dep_ in ("nsubj", "nsubjpass") else 1)
        # titles that only one country uses ("Foreign Secretary", "chief constable")
        words = [w if i >= self.article.text_start else "\0"
                 for w, i in zip(self.lemma_s, self.idx.tolist())]
        for _, _, r in self.d.role_matches(words):
            if r.country:
                counts[r.country] += 2
        if self.article.dateline:
            hit = self.d.lookup(self.article.dateline.title(), on=self.on)
            if hit and hit.country and hit.country not in ("IGO", "---"):
                counts[hit.country] += 3
        self.home = counts.most_common(1)[0][0] if counts else None

    # ------------------------------------------------------------------ phrases
    def phrase(self, head) -> _Phrase:
        left = head.i
        for c in head.lefts:
            if c.dep_ in _LEFT_DEPS and not (c.dep_ == "punct" and c.i < left - 1):
                left = min(left, c.left_edge.i)
        pos_s = self.pos_s
        for k in range(head.i - 1, left - 1, -1):
            if pos_s[k] == "CCONJ":   # "Trump and Turkish President Erdogan"
                left = k + 1
                break
        while left < head.i and self.blank[left]:
            left += 1
        right = head.i + 1
        u = self.unit_of[head.i]
        if u is not None:
            left, right = min(left, u.start), max(right, u.end)
        ph = _Phrase(head.i, left, right)
        self._read(ph, left, right)
        return ph

    def _read(self, ph: _Phrase, a: int, b: int) -> None:
        seen = set()
        words: list[str] = []
        former = self.words["former"]
        lower_s, lemma_s, pos_s = self.lower_s, self.lemma_s, self.pos_s
        for k in range(a, b):
            u = self.unit_of[k]
            if u is not None and id(u) not in seen:
                seen.add(id(u))
                ph.units.append(u)
            lower = lower_s[k]
            if lower in former or lower.startswith("ex-"):
                ph.former = True
            if u is not None and (u.actor is not None or u.kind == "person"):
                words.append("\0")   # a name: its words are no role words ("Qin Gang")
            else:
                words.append(lemma_s[k] if pos_s[k] in ("NOUN", "PROPN") else lower)
        roles = self.d.role_matches(words)
        texts = [w if w == "\0" else lower_s[a + n] for n, w in enumerate(words)]
        covered = {n for i, j, _ in roles for n in range(i, j)}
        for i, j, r in self.d.role_matches(texts):
            if not covered.intersection(range(i, j)):
                roles.append((i, j, r))
        # a title or role noun must end in a noun: "chief US economist" has no title "chief"
        ph.roles.extend(sorted((a + i, a + j, r) for i, j, r in roles
                               if r.kind in ("modifier", "region")
                               or pos_s[a + j - 1] in ("NOUN", "PROPN")))

    def attached(self, head, ph: _Phrase) -> list[tuple[str, _Phrase]]:
        """Phrases attached to the head: apposition and of/for/from/in phrases."""
        out: list[tuple[str, _Phrase]] = []
        for c in head.rights:
            if c.dep_ == "appos" and c.i not in self.consumed:
                out.append(("appos", self.phrase(c)))
                # "Bruno Parrilla, the foreign affairs minister of Cuba"
                out.extend(w_p for w_p in self.attached(c, out[-1][1])
                           if w_p[0] in ("of", "for", "from"))
            elif c.dep_ == "relcl" and c.lemma_.lower() == "be" and head.ent_type_ == "PERSON" and any(
                    g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in c.children):
                # "Brett McGurk, who was Trump's Special Presidential Envoy …": a title given
                # in a relative clause is an apposition; in the past tense, a former one
                for g in c.children:
                    if g.dep_ == "attr" and g.i not in self.consumed:
                        ph_attr = self.phrase(g)
                        if c.tag_ == "VBD":
                            ph_attr.former = True
                        out.append(("appos", ph_attr))
                        out.extend(w_p for w_p in self.attached(g, ph_attr) if w_p[0] in ("of", "for", "from"))
                        break
            elif c.dep_ == "prep" and c.lower_ in ("of", "for", "from", "in", "at", "to"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                holder = self._title_holder(head, c, objs[0]) if objs else None
                if holder is not None:
                    out.append(holder)
                elif objs and c.lower_ != "to":
                    out.append((c.lower_, self.phrase(objs[0])))
                    # "The mayor of London, Sadiq Khan": a name parsed as a conjunct of the
                    # place, after a comma and without "and", is an apposition of the head
                    # "Unicef's regional director for the Middle East, Geert Cappelaere": an
                    # apposition parsed onto the place belongs to the title
                    for g in objs[0].rights:
                        if g.ent_type_ != "PERSON" or not self.doc[g.left_edge.i - 1].is_punct:
                            continue
                        if g.dep_ == "conj" and any(x.dep_ == "cc" for x in objs[0].rights):
                            continue
                        r_head = self.d.role(head.lower_, head.lemma_.lower())
                        if g.dep_ == "conj" or (g.dep_ == "appos" and r_head is not None
                                                and r_head.kind == "title"):
                            self.consumed.add(g.i)
                            out.append(("appos", self.phrase(g)))
        return out

    def _title_holder(self, head, prep, obj) -> tuple[str, _Phrase] | None:
        """A name the parser hung on a title's "to"/"of" phrase is the title holder:
        "Ambassador to the United Nations Nikki Haley", "the President of the United States
        Donald Trump". Returns ``("holder", phrase-of-the-name)`` with what stands before the
        name inside the phrase given as a separate "to"/"of" part, or ``None``."""
        u = self.unit_of[obj.i]
        if u is None or u.kind != "person" or self._unit_head(u) != obj.i:
            return None
        r = self.d.role(head.lower_, head.lemma_.lower())
        if r is None or r.kind != "title" or r.role == "CVL":
            return None
        ph = self.phrase(obj)
        before = [v for v in ph.units if v.start < u.start]
        if prep.lower_ == "of" and not any(v.kind in ("country", "capital", "adjective", "igo")
                                           for v in before):
            return None   # "fiancée of journalist Jamal Khashoggi" is someone else
        self.consumed.add(obj.i)
        name_ph = _Phrase(obj.i, u.start, ph.right, units=[u])
        if prep.lower_ == "of":   # the country belongs to the title
            name_ph.units = ph.units
        return ("holder", name_ph)

    # ------------------------------------------------------------------ composition
    def compose(self, head, ph: _Phrase, extra: list[tuple[str, _Phrase]]) -> dict | None:
        """Resolve one phrase (plus attached phrases) to actor fields, or ``None``."""
        doc = self.doc
        head_unit = self.unit_of[head.i]
        parts = [("self", ph)] + extra
        countries: list[str] = []    # countries the phrase itself gives
        located: list[str] = []      # countries of "in/at" phrases (weaker than an org's)
        igo = None
        org = None            # organisation / person the phrase is attached to
        person = None         # the person named in the phrase or its apposition
        for where, p in parts:
            for u in p.units:
                a = u.actor
                if u.kind == "igo" and where in ("self", "of", "for", "appos", "holder"):
                    igo = igo or a
                elif u.kind in ("country", "capital", "adjective") and a is not None:
                    if where in ("self", "of", "from", "appos", "holder"):
                        countries.append(a.country)
                    else:
                        located.append(a.country)
                elif u.kind in ("org", "user") and a is not None:
                    if u is head_unit:
                        continue
                    if where in ("self", "of", "for", "appos"):
                        org = org or a
                elif u.kind == "person" and where in ("self", "appos", "holder"):
                    person = person or u
                elif u.kind == "person" and where in ("of", "for") and org is None:
                    prior = self._person_code(u)
                    if prior is not None:
                        org = prior
        if org is None:
            # an organisation the tables do not know, named with a role noun:
            # "chief economist for Wells Fargo Bank" → BUS
            # "Sharif Hotak, of the Maidan Wardak provincial council" → GOV
            for where, p in parts:
                if where in ("of", "for") and p.roles and (any(
                        u.kind == "org" and u.actor is None for u in p.units)
                        or p.roles[-1][0] <= p.head < p.roles[-1][1]):
                    r_org = p.roles[-1][2]
                    if r_org.kind in ("org", "agent") and r_org.role not in ("---",):
                        org = ActorCode(self._text(p), countries[0] if countries else None,
                                        r_org.role, "org")
                        break
        if not countries and located and not (org is not None and org.country not in (
                None, "IGO", "---")):
            countries = located[:1]
        roles = [r for w, p in parts if w in ("self", "appos") for r in p.roles]
        titles = [(i, j, r) for i, j, r in roles if r.kind in ("title", "agent", "org")]
        mods = [r for _, _, r in roles if r.kind == "modifier"]
        # "foreign forces", "African leaders" — but not "Regional Governor X"
        region = any(r.kind == "region" for _, _, r in roles) and head.tag_ in ("NNS", "NNPS")
        former = any(p.former for w, p in parts if w in ("self", "appos"))
        # the role word governing the head: the one on the head, else the last before it;
        # for a name the tables do not know, a descriptor before it wins over a role word
        # inside it ("think tank Atlantic Council", "Greek daily Kathimerini")
        main = None
        if head_unit is not None and head_unit.actor is None:
            main = next((t for t in reversed(titles) if t[1] <= head_unit.start), None)
        main = main or next((t for t in titles if t[0] <= head.i < t[1]), None)
        if main is None and titles:
            before = [t for t in titles if t[1] <= head.i + 1]
            main = before[-1] if before else titles[-1]
        title_text = None
        if main is not None and main[2].kind == "title":
            title_text = doc[main[0]:main[1]].text
        r = main[2] if main else None

        # what kind of thing is the head?
        if head_unit is not None and head_unit.kind in ("org", "igo", "user") and \
                head_unit.actor is not None and (r is None or r.kind != "title" or
                                                 main[0] <= head_unit.start):
            a = head_unit.actor
            kind = "org" if a.kind != "person" else "person"
            if a.country == "IGO":
                return dict(name=a.name, country="IGO", role="IGO", kind="org", title=None)
            country = a.country or (countries[0] if countries else self.home)
            if countries and a.country not in ("---",) and a.kind != "person" and any(
                    v.kind in ("country", "adjective") and v.start < head_unit.start
                    for v in ph.units):
                country = countries[0]   # "the Libyan House of Representatives"
            of_country = [u.actor.country for where, p in extra if where == "of" for u in p.units
                          if u.kind in ("country", "capital") and u.actor is not None]
            if of_country and a.kind != "person" and len(a.name.split()) == 1:
                country = of_country[0]  # "the Congress of the Philippines": a one-word name is generic
            return dict(name=a.name, country=country, role=a.role, kind=kind, title=a.title)
        if head_unit is not None and head_unit.kind == "person" or person is not None:
            pu = head_unit if head_unit is not None and head_unit.kind == "person" else person
            known = self._person_code(pu)
            name = known.name if known is not None else self._unit_text(pu)
            if igo is not None:
                return dict(name=name, country="IGO", role="IGO", kind="person",
                            title=title_text)
            role = r.role if r is not None else None
            if r is not None and r.inherits and org is not None:
                role = org.role or role
            if r is not None and r.kind == "modifier":
                role = r.role
            if role is None and mods:
                role = mods[0].role
            if role is None and org is not None and org.country != "IGO":
                role = org.role   # "X, chief economist for Wells Fargo Bank": the employer's
            country = countries[0] if countries else None
            if country is None and org is not None and org.country not in (None, "IGO"):
                country = org.country
            if org is not None and org.country == "IGO" and r is not None and r.inherits:
                return dict(name=name, country="IGO", role="IGO", kind="person",
                            title=title_text)
            if role is None and known is not None and (country is None or
                                                       country == known.country):
                role, country = known.role, known.country
                title_text = title_text or known.title
            if country is None and known is not None and known.country:
                country = known.country
            ante = None
            if country is None and r is not None:
                # "Prime Minister Johnson" after "Prime Minister Boris Johnson"
                ante = self._antecedent_person(self._unit_text(pu), head.i)
                if ante is not None:
                    name, country = ante.name, ante.country
                    role = role or ante.role
            if country is None and r is not None and r.country:
                country = r.country
            if country is None and role is not None and (r is None or r.home):
                country = self.home
            if former and role is not None:
                role = "CVL"
            # "Hagia Sophia, formerly a Greek Orthodox church" is no person
            kind = "org" if r is not None and r.kind == "org" and main[0] > pu.start else "person"
            out = dict(name=name, country=country, role=role, kind=kind, title=title_text,
                       bare=(r is None and not countries and org is None),
                       explicit=True,   # a named person is no definite description
                       surface=self._unit_text(pu))
            if ante is not None:
                out["antecedent"] = (ante.start, ante.end)
            return out
        if head_unit is not None and head_unit.kind in ("country", "capital", "adjective",
                                                        "norp", "place"):
            return None  # handled by the slot rule for states
        if r is None and not mods:
            if head.lower_ in self.words["weak_head"] or (head_unit is not None
                                                          and head_unit.kind == "org"):
                if igo is not None:
                    return dict(name=self._text(ph), country="IGO", role="IGO", kind="org",
                                title=None)
                if org is not None and head_unit is None:
                    return dict(name=org.name, country=org.country or (countries[0] if countries
                                                                       else self.home),
                                role=org.role, kind="org", title=None)
                if head_unit is not None and head_unit.kind == "org":
                    country = countries[0] if countries else None
                    return dict(name=self._unit_text(head_unit), country=country, role=None,
                                kind="org", title=None)
            return None
        head_has_role = main is not None and main[0] <= head.i < main[1]
        if not head_has_role and head_unit is None and \
                head.lower_ not in self.words["weak_head"]:
            return None  # "the ministry's statement", "SCO foreign ministers' meeting"
        # an agent or an organisation named by its role noun
        if r is None or (r.kind == "modifier") or head.lower_ in self.words["weak_head"]:
            role = mods[0].role if mods else (r.role if r else None)
        else:
            role = r.role
            if r.role == "GOV" and r.kind == "agent" and mods and \
                    head.lower_ in self.words["weak_head"]:
                role = mods[0].role
        if igo is not None:
            return dict(name=self._text(ph), country="IGO", role="IGO",
                        kind="person" if r is not None and r.kind == "title" else "org",
                        title=title_text)
        if r is not None and r.inherits and org is not None:
            role = org.role or role
        country = countries[0] if countries else None
        if country is None and org is not None and org.country not in (None, "IGO"):
            country = org.country
        if org is not None and org.country == "IGO" and r is not None and r.inherits:
            return dict(name=self._text(ph), country="IGO", role="IGO", kind="agent",
                        title=None)
        if country is None and region:
            country = "---"
        if country is None and r is not None and r.country:
            country = r.country
        home_ok = (r.home if r is not None else True) and not (mods and not mods[0].home)
        if country is None and home_ok:
            country = self.home
        kind = "org" if (r is not None and r.kind == "org") or head_unit is not None else \
            ("person" if r is not None and r.kind == "title" and head.tag_ in ("NN", "NNP")
             else "agent")
        if former and role is not None and kind == "person":
            role = "CVL"
        name = self._unit_text(head_unit) if head_unit is not None else self._text(ph)
        return dict(name=name, country=country, role=role, kind=kind, title=title_text,
                    explicit=bool(countries) or igo is not None)

    def _person_code(self, u: _Unit) -> ActorCode | None:
        if u.actor is not None and u.kind == "person":
            return u.actor
        hits = self.d.entries(self._unit_text(u), on=self.on)
        return hits[0].actor if hits and hits[0].kind in ("person", "user") else None

    def _unit_text(self, u: _Unit) -> str:
        return self.doc[u.start:u.end].text

    def _text(self, ph: _Phrase) -> str:
        left = ph.left
        while left < ph.right - 1 and self.doc[left].lower_ in ("the", "a", "an", "this",
                                                                "that", "these", "those"):
            left += 1
        return normalise(self.doc[left:ph.right].text)

    # ------------------------------------------------------------------ slots
    def in_actor_slot(self, tok) -> bool:
        """Whether a place name stands where an actor stands (subject/object of an act)."""
        t = tok
        while t.dep_ in ("conj", "appos") and t.head is not t:
            t = t.head
        dep = t.dep_
        if dep in _SUBJ_OBJ:
            return True
        if dep == "pobj":
            prep = t.head
            if prep.lower_ not in _ACTOR_PREPS:
                return False
            gov = prep.head
            if prep.lower_ in ("to", "from", "toward", "towards") and (
                    gov.lemma_.lower() in self.words["motion"]
                    or gov.lower_ in self.words["motion"]):
                return False
            return True
        if dep == "poss":
            r = self.d.role(t.head.lower_, t.head.lemma_.lower())
            return r is not None and r.kind == "act"
        return False

    # ------------------------------------------------------------------ main pass
    def run(self) -> list[Actor]:
        self.build_units()
        self.compute_home()
        doc = self.doc
        for i in self.head_candidates():
            tok = doc[i]
            u = self.unit_of[tok.i]
            # the head of a name is its last token's syntactic head inside the unit
            if u is not None:
                if tok.i != self._unit_head(u):
                    continue
            elif tok.pos_ == "ADJ":
                continue
            if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and \
                    tok.head.pos_ in ("NOUN", "PROPN") and not any(
                        self.doc[k].pos_ == "CCONJ" for k in range(tok.i + 1, tok.head.i)):
                continue
            if tok.dep_ == "poss":
                self._possessor(tok)
                continue
            if tok.dep_ == "appos" and tok.head.i in self.by_head or tok.i in self.consumed:
                continue
            if tok.pos_ == "PRON":
                self._pronoun(tok)
                continue
            self._head(tok)
        self._pairs()
        self._stated_nationality()
        self.actors.sort(key=lambda a: (a.start, a.end))
        return self.actors

    def _stated_nationality(self) -> None:
        """A person the text says is a national or citizen of a country ("Hatice Cengiz is a
        Turkish national") takes that country in every mention, unless an office gives the
        person another ("Prime Minister"): only private persons (role CVL or none) change."""
        stated: dict[str, str] = {}
        for a in self.actors:
            if a.kind != "person" or not a.name:
                continue
            tok = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if tok is None:
                continue
            head = tok.root
            if head.dep_ != "nsubj" or head.head.lemma_.lower() != "be":
                continue
            for attr in head.head.children:
                if attr.dep_ != "attr" or attr.lemma_.lower() not in _NATIONAL_NOUNS:
                    continue
                for m in attr.children:
                    if m.dep_ in ("amod", "compound"):
                        hit = self.d.lookup(m.text, on=self.on)
                        if hit is not None and hit.country and hit.country not in ("IGO", "---"):
                            stated[a.name] = hit.country
        if not stated:
            return
        for k, a in enumerate(self.actors):
            c = stated.get(a.name)
            if c and a.kind == "person" and a.role in ("CVL", None) and a.country != c:
                self.actors[k] = Actor(a.start, a.end, a.text, name=a.name, code=format_code(c, a.role),
                                       country=c, role=a.role, title=a.title, kind=a.kind,
                                       antecedent=a.antecedent, producer=a.producer)

    def head_candidates(self) -> list[int]:
        """Indices, in order, of the tokens after the dateline that may head a phrase: not
        whitespace, part of speech in :data:`_HEAD_POS_NAMES` (from the Doc's arrays)."""
        ok = (self.idx >= self.article.text_start) & ~self.space & \
            np.isin(self.doc.to_array(POS), _HEAD_POS)
        return np.flatnonzero(ok).tolist()

    def _unit_head(self, u: _Unit) -> int:
        for k in range(u.start, u.end):
            h = self.doc[k].head
            if not (u.start <= h.i < u.end) or h.i == k:
                return k
        return u.end - 1

    def _head(self, tok) -> None:
        doc = self.doc
        u = self.unit_of[tok.i]
        # quantity heads stand for their "of" phrase ("thousands of protesters")
        if u is None and tok.lemma_.lower() in self.words["quantity"] and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return
        ph = self.phrase(tok)
        extra = self.attached(tok, ph)
        if u is not None and u.kind in ("country", "capital", "adjective", "norp"):
            # a country, capital or nationality noun ("the Saudis") stands for its state
            # only in an actor slot; an unknown nationality ("Kurdish") never does
            if u.kind != "norp" and u.actor is not None and self.in_actor_slot(tok):
                self._emit(doc[ph.left].idx if doc[ph.left].lower_ == "the" else doc[u.start].idx,
                           doc[u.end - 1].idx + len(doc[u.end - 1].text), tok.i,
                           name=u.actor.name, country=u.actor.country, role="GOV", kind="state",
                           title=None)
            return
        fields = self.compose(tok, ph, extra)
        if fields is None:
            self._emit_units(ph)
            return
        # quantity head to the left ("thousands of Hong Kong protesters")
        left = ph.left
        q = tok.head
        if tok.dep_ == "pobj" and q.dep_ == "prep" and q.lower_ == "of" and \
                q.head.lemma_.lower() in self.words["quantity"]:
            left = min(left, q.head.left_edge.i)
        right = ph.right
        for where, p in extra:
            if where in ("appos", "holder") or (where in ("of", "for") and p.units):
                right = max(right, p.right)
        bare = fields.pop("bare", False)
        explicit = fields.pop("explicit", False)
        surface = fields.pop("surface", None)
        if u is not None and u.actor is None and u.kind in ("org", "place", "norp") and \
                fields.get("role") is None:
            bare = True  # "Callamard said": an unknown name may be a person named before
        if bare:
            ante = self._antecedent_person(fields["name"], tok.i)
            if ante is not None:
                self._emit(doc[ph.left].idx, doc[ph.right - 1].idx + len(doc[ph.right - 1].text),
                           tok.i, name=ante.name, country=ante.country, role=ante.role,
                           kind="person", title=ante.title, antecedent=(ante.start, ante.end))
                return
            title = self._title_before(doc[ph.left].idx)
            if title is not None and fields["role"] is None:
                # "Labour MP (Member of Parliament) Tom Watson": the parser split the title
                fields.update(country=title.country, role=title.role, title=title.title)
        elif not explicit and (u is None or u.actor is None):
            det = [c for c in tok.lefts if c.dep_ in ("det", "poss")]
            r_head = self.d.role(tok.lower_, tok.lemma_.lower())
            if det and det[0].lower_ in _DEFINITE and (
                    r_head is None or r_head.kind in ("title", "org")):
                ante = self._antecedent_description(tok, ph)
                if ante is not None:
                    self._emit(doc[left].idx, doc[ph.right - 1].idx + len(doc[ph.right - 1].text),
                               tok.i, name=ante.name, country=ante.country, role=ante.role,
                               kind=ante.kind, title=ante.title,
                               antecedent=(ante.start, ante.end))
                    return
            if det and det[0].dep_ == "poss" and det[0].pos_ == "PRON":
                ante = self._antecedent_pronoun(det[0])
                if ante is not None and ante.country:
                    fields["country"] = ante.country
        if fields["kind"] == "person" and fields["role"] is None and fields["country"] is None \
                and u is None:
            return
        self._emit(doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text), tok.i,
                   **fields)
        a = self.by_head.get(tok.i)
        if a is not None and surface:
            self.surface[(a.start, a.end)] = surface
        elif a is not None and a.kind == "person" and u is None:
            self.title_only.add((a.start, a.end))

    def _title_before(self, start: int) -> Actor | None:
        """A title-only person actor ("Labour MP (Member of Parliament)") that ends right
        before ``start`` with nothing but spaces and brackets between, or ``None``."""
        for a in reversed(self.actors):
            if a.end <= start and (a.start, a.end) in self.title_only and \
                    not self.article.body[a.end:start].strip(" ()\n"):
                return a
        return None

    def _emit_units(self, ph: _Phrase) -> None:
        """Organisations and people named inside a phrase that is not itself an actor
        ("the Shanghai Cooperation Organization (SCO) foreign ministers' meeting")."""
        doc = self.doc
        for u in ph.units:
            head = self._unit_head(u)
            if head in self.by_head or doc[head].dep_ == "poss":
                continue
            start, end = doc[u.start].idx, doc[u.end - 1].idx + len(doc[u.end - 1].text)
            if u.kind in ("igo", "org", "user") and u.actor is not None:
                a = u.actor
                self._emit(start, end, head, name=a.name, country=a.country or self.home,
                           role=a.role, kind="org" if a.kind != "person" else "person",
                           title=a.title)
            elif u.kind == "person":
                name = self._unit_text(u)
                ante = self._antecedent_person(name, head)
                if ante is not None:
                    self._emit(start, end, head, name=ante.name, country=ante.country,
                               role=ante.role, kind="person", title=ante.title,
                               antecedent=(ante.start, ante.end))
                    continue
                known = self._person_code(u)
                if known is not None:
                    self._emit(start, end, head, name=known.name, country=known.country,
                               role=known.role, kind="person", title=known.title)

    def _possessor(self, tok) -> None:
        """A possessor ("Beijing's position", "the ministry's statement") is an actor of its
        own when the possessed noun is not itself an actor."""
        head = tok.head
        r = self.d.role(head.lower_, head.lemma_.lower())
        if r is not None and r.kind != "act":
            return  # "Iraq's parliament": part of the larger actor
        u = self.unit_of[tok.i]
        if u is not None and u.kind in ("country", "capital", "adjective", "norp", "place"):
            if u.actor is not None and u.kind in ("country", "capital") and r is not None:
                self._emit(self.doc[u.start].idx, self.doc[u.end - 1].idx +
                           len(self.doc[u.end - 1].text), tok.i, name=u.actor.name,
                           country=u.actor.country, role="GOV", kind="state", title=None)
            return
        if tok.pos_ == "PRON":
            return
        self._head(tok)

    def _pronoun(self, tok) -> None:
        low = tok.lower_
        if tok.dep_ not in _SUBJ_OBJ and tok.dep_ not in ("pobj", "conj"):
            return
        if low not in _PERSON_PRONOUNS and low not in _GROUP_PRONOUNS:
            return
        if low == "her" and tok.dep_ == "poss":
            return
        ante = self._antecedent_pronoun(tok)
        if ante is None:
            return
        self._emit(tok.idx, tok.idx + len(tok.text), tok.i, name=ante.name,
                   country=ante.country, role=ante.role, kind=ante.kind, title=ante.title,
                   antecedent=(ante.start, ante.end))

    def _pairs(self) -> None:
        """"The sides", "both countries": the two latest actors of different countries."""
        doc = self.doc
        nns = (doc.to_array(TAG) == doc.vocab.strings["NNS"]) & (self.idx >= self.article.text_start)
        for i in np.flatnonzero(nns).tolist():
            tok = doc[i]
            if tok.lemma_.lower() not in self.words["pair_head"] or tok.i in self.by_head:
                continue
            mods = {c.lower_ for c in tok.lefts}
            if not (mods & {"both", "two"} or (tok.lemma_.lower() == "side" and "the" in mods)):
                continue
            if tok.dep_ not in _SUBJ_OBJ and tok.dep_ not in ("pobj", "conj"):
                continue
            pair: list[Actor] = []
            for a in sorted((a for a in self.actors if a.end <= tok.idx), key=lambda a: -a.start):
                if a.country and a.country not in ("IGO", "---") and a.kind in ("person", "state",
                                                                                 "org") \
                        and all(p.country != a.country for p in pair):
                    pair.append(a)
                if len(pair) == 2:
                    break
            if len(pair) < 2:
                continue
            left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in _LEFT_DEPS])
            if left == tok.i:
                continue
            # one record per referent, each with its own span (the store keys actors by
            # span): the whole phrase for the first party, its head noun for the second
            end = tok.idx + len(tok.text)
            spans = [(doc[left].idx, end), (tok.idx, end)]
            for (s0, e0), a in zip(spans, sorted(pair, key=lambda a: a.start)):
                ante = a.antecedent or (a.start, a.end)
                self.actors.append(Actor(s0, e0, self.text[s0:e0], name=a.name, code=a.code,
                                         country=a.country, role=a.role, title=a.title,
                                         kind=a.kind, antecedent=ante, producer=PRODUCER))
            self.by_head[tok.i] = self.actors[-2]

    # ------------------------------------------------------------------ coreference
    def _prior(self, before: int) -> list[Actor]:
        off = self.doc[before].idx
        return sorted((a for a in self.actors if a.start < off), key=lambda a: -a.start)

    def _antecedent_person(self, name: str, before: int) -> Actor | None:
        words = {w.lower() for w in name.replace("-", " ").split()}
        if not words:
            return None
        for a in self._prior(before):
            if a.kind != "person" or a.code is None:
                continue
            surface = self.surface.get((a.start, a.end), "")
            aw = {w.lower().strip(",.") for w in (a.name + " " + surface).replace("-", " ").split()}
            if words <= aw and (a.antecedent is None):
                return a
            if words <= aw:
                return self._root(a)
        if len(words) == 1:
            return self._variant_surname(next(iter(words)), before)
        return None

    def _variant_surname(self, word: str, before: int) -> Actor | None:
        """A bare surname that is a one-letter spelling variant of the surname of a person
        named before ("Saree" after "Houthi military spokesperson Yahya Sarea": transliterations
        of one Arabic name differ in a vowel). Only words of five letters or more whose first
        three letters agree, and only when exactly one earlier person fits."""
        if len(word) < 5 or not word.isalpha():
            return None
        found = {}
        for a in self._prior(before):
            if a.kind != "person" or a.code is None or not a.name:
                continue
            last = a.name.replace("-", " ").split()[-1].lower()
            if last != word and last[:3] == word[:3] and _one_edit(last, word):
                root = self._root(a)
                found[root.name] = root
        return next(iter(found.values())) if len(found) == 1 else None

    def _antecedent_description(self, tok, ph: _Phrase) -> Actor | None:
        head = tok.lemma_.lower()
        words = [self.doc[k].lemma_.lower() for k in range(ph.left, ph.right)
                 if self.doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and k != tok.i]
        weak = tok.lower_ in self.words["weak_head"] or head in self.words["weak_head"]
        found: list[Actor] = []
        r_head = self.d.role(tok.lower_, tok.lemma_.lower())
        # "the foreign ministers" (plural) is a group, never one of them
        want_person = r_head is not None and r_head.kind == "title" and tok.tag_ != "NNS"
        for a in self._prior(tok.i):
            if a.code is None or (a.kind == "person") != want_person:
                continue
            if weak and a.kind == "org" and a.role not in ("GOV", None) and (
                    r_head is None or r_head.role in (None, "---") or a.role == r_head.role):
                return self._root(a)  # "the group"; "the network" (MED) is no parliament
            hay = " ".join(filter(None, [a.name, a.title,
                                         None if a.kind == "person" else a.text])).lower()
            hay_words = set(hay.replace("-", " ").split())
            stem = {w.rstrip("s") for w in hay_words}
            if (head in hay_words or head in stem) and all(
                    w in hay_words or w.rstrip("s") in stem for w in words):
                if a.kind == "state":
                    continue
                found.append(self._root(a))
        if r_head is not None and any(a.role == r_head.role for a in found):
            found = [a for a in found if a.role == r_head.role]
        if not found:
            return None
        # a title that is exactly the description ("the minister": "minister", not "prime
        # minister"), then the most salient candidate (most mentions so far), then the latest
        desc = " ".join(words + [head])
        exact = [a for a in found if a.title and a.title.lower() in (desc, desc + "s")]
        mentions = Counter(a.name for a in self.actors)
        return max(exact or found, key=lambda a: mentions[a.name])

    def _antecedent_pronoun(self, tok) -> Actor | None:
        low = tok.lower_
        want_person = low in _PERSON_PRONOUNS or low in ("his", "her", "hers")
        if not want_person and tok.dep_ in ("nsubj", "nsubjpass"):
            # a subject "they" continues the previous sentence's subject group ("They
            # concluded that ... the rights of third states. They called on Turkey ...")
            ante = self._previous_subject_group(tok)
            if ante is not None:
                return ante
        for a in self._prior(tok.i):
            if a.code is None:
                continue
            if want_person and a.kind == "person":
                return self._root(a)
            if not want_person and a.kind in ("agent", "org") and a.text.lower().rstrip().endswith(
                    "s") or (not want_person and a.kind in ("agent",)):
                return self._root(a)
        return None

    def _previous_subject_group(self, tok) -> Actor | None:
        """The group actor (kind agent or org, with a code) that is the subject of the
        sentence before ``tok``'s, or ``None``."""
        sent = tok.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for a in self._prior(tok.i):
            if a.start < prev.start_char:
                break
            if a.start >= sent.start_char or a.code is None or a.kind not in ("agent", "org"):
                continue
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT":
                return self._root(a)
        return None

    def _root(self, a: Actor) -> Actor:
        seen = 0
        while a.antecedent is not None and seen < 20:
            nxt = next((b for b in self.actors if (b.start, b.end) == a.antecedent), None)
            if nxt is None:
                break
            a, seen = nxt, seen + 1
        return a

    # ------------------------------------------------------------------ output
    def _emit(self, start: int, end: int, head: int, *, name: str, country: str | None,
              role: str | None, kind: str, title: str | None,
              antecedent: tuple[int, int] | None = None) -> None:
        if head in self.by_head:
            return
        if country is None and role is None and kind != "person":
            return   # a name we cannot place: an unknown organisation or a mislabelled place
        body = self.article.body
        while end > start and (body[end - 1] in " ,;:(\n\t" or
                               (body[end - 1] == ")" and "(" not in body[start:end])):
            end -= 1
        if body.count("(", start, end) > body.count(")", start, end) and body[end:end + 1] == ")":
            end += 1   # "the Bank of England (BoE)"
        if country == "IGO":
            role = "IGO"
        if country == "---":
            country = None   # no country applies: the code says "---", the field is None
        actor = Actor(start, end, body[start:end], name=name, code=format_code(country, role),
                      country=country, role=role, title=title, kind=kind, antecedent=antecedent,
                      producer=PRODUCER)
        self.actors.append(actor)
        self.by_head[head] = actor


#: Nouns that state a person's nationality after "is a <Nationality> …".
_NATIONAL_NOUNS = {"national", "citizen"}


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one substituted, inserted or deleted
    letter (Levenshtein distance 1)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def find_actors(article: Article, doc, dictionary: ActorDictionary | None = None) -> list[Actor]:
    """Every actor mention in ``article.body``, in text order.

    ``doc`` is the spaCy ``Doc`` parsed over the body with the dateline prefix
    (``body[:article.text_start]``) blanked, so Doc character offsets equal body offsets.
    ``dictionary`` defaults to :meth:`ActorDictionary.default` (the packaged tables plus
    user files named in ``WHIMBREL_ACTORS_DICT``).
    Each :class:`~whimbrel.model.Actor` has ``[start, end)`` body offsets, the resolved
    ``name`` (the antecedent's for coreferent mentions), ``code`` ("CHN GOV", "IGO",
    "--- MED"), ``country`` (ISO 3166-1 alpha-3, "IGO", or ``None`` when no country applies
    or none is known), CAMEO ``role``, ``title``,
    ``kind`` (person, org, state, agent), ``antecedent`` offsets and
    ``producer="actors.rules/1"``. A plural reference to the two parties of a dyad ("the
    sides") yields two records: the whole phrase for the first party and its head noun
    ("sides") for the second, so that every record has its own span. Raises ``ValueError`` if the Doc text is not the body
    with the dateline blanked.
    """
    text = doc_text(doc)  # == doc.text, built once and without a Token per token
    if len(text) != len(article.body):
        raise ValueError("actors: the Doc text must have the length of article.body "
                         f"({len(text)} != {len(article.body)}); parse the body with the "
                         "dateline prefix replaced by spaces")
    return _Resolver(article, doc, dictionary or ActorDictionary.default(), text).run()


__all__ = ["PRODUCER", "find_actors"]



