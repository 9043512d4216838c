"""Rule-based PLOVER/CAMEO event coder over a spaCy dependency parse.

For each body sentence that passes the lexical prefilter, every token whose lemma and part of
speech match a row of the trigger lexicon (``ontology/data/event_lexicon.tsv``) and whose row
conditions hold becomes a candidate event. The coder then

1. drops triggers that are the *content* of another trigger ("accused X of *attacking*",
   "urged X to *meet*"): the outer act is the event;
2. drops negated (not/never/no, neither…nor, fail/avoid/reluctant, without, a negated report),
   hypothetical (could/might/may/can, "would have", an unreported "would", permission verbs),
   conditional (if/unless clauses and their consequents), question (embedded or inverted) and
   obligation (must/should: left to the demand rule) triggers, scoped over xcomp, infinitival
   ccomp, purpose and subject-sharing conj chains (see ``_negated``/``_modality``; project gold
   guidelines; PLOVER manual §2);
3. shifts acts reported as future or intended (PLOVER manual §3.1: future cooperation is AGREE,
   a future retreat is CONCEDE, a future use of force is THREATEN, "vowed to attack" is
   THREATEN) via ``event_shifts.tsv``, when the intent is voiced by its actor (``_voiced``: a
   third party's prediction is neither a threat nor a promise);
4. finds the source (subject; passive agent; the subject of a light verb for a nominal trigger;
   the speaker of a reporting frame for a pronoun) and the target (per the lexicon row), splits
   coordinated sources, and codes symmetric acts between coordinated actors once; when the
   syntax leaves a side open it falls back, in order, on the partner of an intended, threatened
   or refused act, the author of an earlier act an event noun refers to, an "against" phrase of
   the clause, the other actor of the sentence, the recipient of the same source's previous act
   of that type, and the PLOVER defaults (protests by the civilians named, made of their
   government); places, demanded things, reporters and pronouns for the source itself are no
   arguments, and concessions yield to the protest or demand made of their source;
5. refines mode and CAMEO code with ``event_modes.tsv``, attaches date, location, evidence, a
   confidence and a human-readable rule.

It also applies one lexicon-free rule: a reported clause with *must*/*should*/*need to* whose
subject is another actor is a REQUEST by the speaker (gold guidelines: demands are REQUEST).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from whimbrel.annotate.events import syntax as sx
from whimbrel.annotate.events.lexicon import ANNOTATE_DATA, LexEntry, Lexicon, load_lexicon
from whimbrel.model import Actor, Article, Event, EventArgument, Location, Quote, Sentence, Span, TimeExpression
from whimbrel.ontology import cameo as cameo_tables
from whimbrel.ontology import plover as plover_tables
from whimbrel.ontology._tables import read_tsv

PRODUCER = "events.rules/1"

#: Types whose two sides act jointly: coordinated subjects ("Moscow and Beijing agreed") are
#: coded once, first conjunct as source and second as target (gold guidelines: symmetric acts).
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
#: Head nouns that make a nominal trigger under them not an asserted act ("the resumption of
#: peace talks", "the possibility of an attack").
IRREALIS_HEADS = {
    "resumption", "cessation", "possibility", "prospect", "need", "idea", "hope", "goal", "aim",
    "proposal", "chance", "risk", "fear", "threat", "call", "demand", "respect", "framework",
    "process", "agenda", "topic", "issue", "end", "result", "aftermath", "wake",
    "responsibility", "evidence", "claim", "report", "news", "fear", "danger",
    "sideline", "sidelines", "margin", "margins", "ahead", "eve", "right", "attempt", "envoy",
}
#: Subject nouns standing for the two parties of the preceding meeting ("the sides agreed").
SIDES = {"side", "sides", "parties", "party", "countries", "nations", "leaders", "governments", "both"}
#: Common nouns that stand for armed or political actors (an ASSAULT needs a perpetrator).
AGENT_NOUNS = {
    "gunman", "gunmen", "militant", "soldier", "troops", "troop", "force", "forces", "rebel", "police",
    "insurgent", "fighter", "army", "military", "attacker", "assailant", "terrorist", "militia",
    "jihadist", "bomber", "government", "regime", "group", "officer", "power", "country", "nation",
    "state", "ally", "west", "protester", "demonstrator",
}
#: Nouns whose subject is the patient of the act in their of-phrase: "Abqaiq was the target of
#: an attack", "Mahan has been the subject of United States sanctions".
PATIENT_HOLDERS = {"target", "victim", "subject", "object", "focus"}
#: Types whose nominal trigger's of-phrase names its author ("the demands of the protesters").
AGENTIVE_OF_TYPES = {"REQUEST", "PROTEST", "ACCUSE", "REJECT", "THREATEN"}
#: Types whose to-/into-/from-objects are places moved to or from, not recipients.
MOVEMENT_TYPES = {"MOBILIZE", "RETREAT"}
#: Types whose place-noun object is where the act goes, not an actor it is addressed to
#: ("deploying into … territory", "offer flights to Cuban cities"); hostile acts are left
#: out: an attacked city stands for its people.
PLACE_IS_NO_RECIPIENT = MOVEMENT_TYPES | {"AGREE", "SUPPORT", "COOPERATE", "AID"}


@lru_cache(maxsize=1)
def _arg_words() -> dict[str, frozenset[str]]:
    """Word classes of ``annotate/data/event_arg_words.tsv``: ``{class: words}``."""
    out: dict[str, set[str]] = {}
    for r in read_tsv(ANNOTATE_DATA / "event_arg_words.tsv"):
        out.setdefault(r["class"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def _is_place_noun(tok) -> bool:
    """True for a common noun naming a place ("territory", "the area"): see
    ``event_arg_words.tsv``."""
    return tok is not None and tok.pos_ == "NOUN" and sx.lemma(tok) in _arg_words().get("place", frozenset())


#: Verbs of wishing: their object's infinitive is someone else's act, not the subject's.
WISH_VERBS = {"want", "wish", "like", "expect", "hope", "need"}
#: Hedges that make a clause not a report of an act.
HEDGES = {"likely", "unlikely", "possible", "possibly", "probably", "perhaps", "reportedly",
          # habitual: a generalisation is not an event ("G7 meetings usually center on …")
          "usually", "typically", "generally", "normally", "traditionally"}
#: Verbs that put their nominal object on a schedule (the act is future).
SCHEDULED = {"set", "schedule", "plan", "expect", "due"}
#: Modal auxiliaries of possibility and ability: "could attack", "can strike" report no act
#: (gold guidelines: hypotheticals are not coded). spaCy splits "can't" as "ca" + "n't".
POSSIBILITY_AUX = sx.HYPOTHETICAL_AUX | {"can", "ca"}
#: Modal auxiliaries of obligation: "Ukraine must withdraw" is a demand (REQUEST, by the speaker,
#: see ``_demand_rule``), never the withdrawal itself (gold guidelines: demands are REQUEST).
OBLIGATION_AUX = {"must", "should", "ought"}
#: Negative implicative verbs: their complement did not happen ("failed to agree", "avoided
#: meeting"); refuse/decline are REJECT triggers of their own (CAMEO 12).
NEGATIVE_IMPLICATIVES = {"fail", "refuse", "decline", "avoid", "refrain", "neglect", "forgo", "forego",
                         "reluctant", "unwilling", "hesitant"}
#: Non-factive reporting verbs: negated, their content is not asserted ("did not confirm that it
#: attacked"). Factives ("did not know that they had met") keep their content.
NONFACTIVE_REPORTS = {"say", "confirm", "announce", "report", "claim", "state", "tell", "reveal",
                      "indicate", "believe", "think", "expect", "suggest", "mention", "declare"}
#: Verbs that frame a future-in-the-past "would" like a report does ("predicted Trump would
#: lose"): under them "would" is future, not the conditional mood.
FUTURE_FRAMES = {"predict", "forecast", "warn", "fear", "estimate", "promise", "vow", "pledge",
                 "threaten", "insist", "agree", "decide", "hope", "expect", "anticipate", "signal"}
#: Nouns of intent whose to-clause is a planned act ("plans to attack", "her intention to endorse").
INTENT_NOUNS = {"plan", "intention", "intent", "readiness", "willingness", "bid", "plot", "scheme"}
#: Adverbs that make a past-tense "would" narrate what did happen ("the two would later meet").
NARRATIVE_WOULD = {"later", "eventually", "subsequently", "soon", "afterwards", "ultimately"}
#: Verbs whose wh-complement is an open question ("asked whether", "questioned why",
#: "did not announce whom they would support"): the act in it is not asserted.
QUESTION_GOVERNORS = {"ask", "wonder", "question", "query", "decide", "determine", "investigate",
                      "examine", "clarify", "discuss", "debate", "consider", "announce", "disclose",
                      "know", "unclear", "uncertain", "sure", "speculate", "doubt"}
#: Requests performed by saying them politely ("I would urge anyone with any information to
#: contact police"): a first-person "would" here is no conditional.
POLITE_PERFORMATIVES = {"urge", "ask", "appeal", "encourage", "invite", "request", "advise", "call"}
#: Verbs of permission: the act they allow is not thereby done ("a law that allowed the
#: government to extradite people").
PERMISSIVES = {"allow", "permit", "enable", "authorize", "authorise", "empower", "let"}
#: Wh-words that open a question clause (PTB tags WDT, WP, WP$, WRB).
WH_TAGS = {"WDT", "WP", "WP$", "WRB"}
#: Types a future act shifts to that are speech acts of the source (PLOVER manual 3.1): a third
#: party's prediction of another actor's act ("the US said Turkey would attack") is neither.
VOICED_SHIFTS = {"THREATEN", "AGREE"}
#: Commissive verbs whose subject voices the intent itself ("Iran vowed to attack": THREATEN).
COMMISSIVES = {"vow", "pledge", "promise", "swear"}
#: Verbs whose nominal object is not (yet) an act: "arrange a meeting", "propose talks".
IRREALIS_GOVERNORS = {"arrange", "propose", "seek", "consider", "discuss", "prepare", "suggest", "want"}
#: Nominal triggers whose place compound is where, not who ("a Kabul car bombing").
PLACE_COMPOUND_NOUNS = {"bombing", "bomb", "attack", "airstrike", "strike", "shelling", "assault", "raid",
                        "protest", "demonstration", "march", "rally", "riot", "explosion", "offensive"}
#: Types whose events normally have a recipient (PLOVER manual: "requires recipient", and the
#: verbal acts addressed to someone).
DYADIC = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "SANCTION", "AID", "COOPERATE"}
#: Prepositions that introduce a separate event rather than the content of a trigger.
NON_CONTENT_PREPS = {"after", "before", "following", "since", "amid", "despite", "during", "in", "at", "with", "by"}
#: Verbal acts: their complement clause is part of the evidence.
VERBAL_TYPES = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"}
#: Types whose unknown source may be the speaker of the report that carries them: acts of
#: saying (PLOVER verbal acts) and talks. A material act (an attack, an arrest) reported by a
#: news agency is not the agency's act.
SPEAKER_ACTS = VERBAL_TYPES | {"CONSULT"}
#: Default recipient role for types that are addressed to the authorities when the text names
#: no one (PLOVER manual draft 0.8, PROTEST: demonstrations against a government's policy).
DEFAULT_TARGET_ROLE = {"PROTEST": "GOV", "REQUEST": "GOV"}
#: Source roles a default recipient needs, by type (all roles when the type is not listed):
#: the demands of civilians and civil-society groups that name no addressee are made of their
#: government, like their protests ("the five demands of the protesters").
DEFAULT_TARGET_SOURCE_ROLES = {"REQUEST": {"CVL", "EDU", "LAB", "OPP"}}
#: Default source role, by CAMEO code, of an act reported without its agent ("More than 1000
#: people have been arrested"): CAMEO 173 (arrest, detain) is done by the police of the
#: arrested people's country (CAMEO codebook 1.1b3, 173).
DEFAULT_SOURCE_ROLE = {"173": "COP"}
#: Roles of the actor who protests when the text names no one (PLOVER manual draft 0.8,
#: PROTEST: demonstrations by civilians and civil-society groups): the nearest such actor
#: before the trigger in its sentence ("thousands of Hong Kong protesters … helmets gathered
#: …, blocking the exits"), else the source of the article's last protest ("suspended after
#: last week's protests").
DEFAULT_SOURCE_ROLES_BY_TYPE = {"PROTEST": {"CVL", "EDU", "LAB", "OPP"}}
LOCATION_LABELS = {"GPE", "LOC", "FAC"}
#: Entity labels whose words are names (or dates), never a trigger.
NAME_LABELS = {"DATE", "TIME", "ORG", "PERSON", "GPE", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "LOC"}
#: First-person pronouns that stand for the speaker of the quote they occur in.
FIRST_PERSON_FORMS = {"i", "we", "me", "us", "my", "our"}
#: Entity labels that are never an event's participant.
TIME_LABELS = {"DATE", "TIME"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass
class _Cand:
    tok: object
    entry: LexEntry | None
    plover: str
    mode: str | None
    cameo: str
    rule: str
    confidence: float
    sources: list = field(default_factory=list)   # tokens
    target: object | None = None                  # token
    source_args: list = field(default_factory=list)  # EventArgument (pre-resolved, e.g. sides)
    target_arg: EventArgument | None = None
    future: bool = False
    notes: list = field(default_factory=list)
    shifted_from: str | None = None               # the type before a future/intent shift


class _Context:
    """Per-article state: actors, timexes and the events coded so far."""

    def __init__(self, article: Article, doc, actors: Sequence[Actor], timexes: Sequence[TimeExpression], lex: Lexicon,
                 quotes: Sequence[Quote] = ()):
        self.article = article
        self.quotes = [q for q in quotes if q.speaker_start is not None and q.speaker_end is not None]
        self.doc = doc
        self.actors = list(actors)
        self.timexes = list(timexes)
        self.lex = lex
        self.events: list[Event] = []
        self.sentences = list(article.sentences) or [Sentence(s.start_char, s.end_char) for s in doc.sents]
        self.seen_nominal_types: set[str] = set()
        self.places = None  # the place layer's index, made on first use
        #: only a timex of the event's own sentence dates it (a timex of an earlier sentence
        #: dates it only through a meeting it continues, see ``_inherit_date``)
        self.same_sentence_dates = True
        try:
            from whimbrel.annotate.actors import resolve_mention  # noqa: PLC0415
        except ImportError:  # the actor layer is not installed: thin overlap fallback
            resolve_mention = None
        self._resolve = resolve_mention
        try:
            from whimbrel.annotate.timex import governing_timex  # noqa: PLC0415
        except ImportError:
            governing_timex = None
        self._governing = governing_timex

    # -- actors -------------------------------------------------------------------------
    def actor_at(self, start: int, end: int) -> Actor | None:
        if self._resolve is not None:
            try:
                return self._resolve(self.article, self.actors, start, end)
            except Exception:  # noqa: BLE001 - an actor-layer failure must not lose the event
                pass
        best = None
        for a in self.actors:
            if a.start < end and start < a.end:
                if best is None or (a.end - a.start) > (best.end - best.start):
                    best = a
        return best

    def quote_speaker(self, start: int, end: int) -> EventArgument | None:
        """The speaker (as an argument, coded by the actor layer) of the quote that holds the
        body span ``[start, end)``, when the quote layer resolved one."""
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                a = self.actor_at(q.speaker_start, q.speaker_end)
                s, e = (a.start, a.end) if a is not None else (q.speaker_start, q.speaker_end)
                return EventArgument(start=s, end=e, text=self.article.body[s:e],
                                     name=(a.name if a is not None else q.speaker) or None,
                                     code=(a.code if a is not None else q.speaker_code) or None)
        return None

    # -- time ---------------------------------------------------------------------------
    def date_for(self, start: int, end: int, sent: Sentence, trigger=None) -> tuple[str | None, str]:
        tx = None
        basis = "dct"
        if self._governing is not None:
            try:
                anchor = (trigger.idx, trigger.idx + len(trigger.text)) if trigger is not None else None
                tx, basis = self._governing(
                    self.timexes, start, end, sentences=self.sentences,
                    paragraphs=self.article.paragraphs, doc=self.doc,
                    text_start=self.article.text_start, body=self.article.body, dct=self.article.dct,
                    anchor=anchor,
                )
            except TypeError:
                tx, basis = self._governing(self.timexes, start, end)
        else:  # thin fallback: a dated timex in the same sentence, nearest to the evidence
            near = [t for t in self.timexes if t.value and sent.start <= t.start < sent.end and t.type in ("DATE", "TIME")]
            if near:
                tx = min(near, key=lambda t: abs(t.start - start))
                basis = "text"
        if tx is not None and tx.value and (not self.same_sentence_dates or sent.start <= tx.start < sent.end):
            return tx.value, basis if basis in ("text", "dct") else "text"
        dct = self.article.published[:10] if self.article.published else None
        return dct, "dct" if dct else "none"


# ---------------------------------------------------------------------------------------
# matching
# ---------------------------------------------------------------------------------------

def _pos_ok(tok, pos: str) -> bool:
    if pos == "*":
        return True
    if pos == "VERB":
        return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB"))
    if pos == "NOUN":
        return tok.pos_ in ("NOUN", "PROPN") and not tok.tag_.startswith("VB")
    return tok.pos_ == pos


def _obj(tok):
    objs = sx.children(tok, ("dobj", "nsubjpass", "attr", "oprd"))
    if not objs:
        # "withdrew the US from a treaty": also look one prep down for nouns
        for p in sx.children(tok, ("prep",)):
            objs += sx.children(p, ("pobj",))
    return objs


def _holds(cond, tok, ctx: _Context) -> bool:
    k, lem = cond.kind, cond.lemmas
    if k == "prep":
        preps = {sx.lemma(c) for c in tok.children if c.dep_ in ("prep", "agent", "dative")}
        for c in tok.children:  # "called on X": spaCy may parse on as particle
            if c.dep_ == "prt":
                preps.add(sx.lemma(c))
        return bool(preps & lem)
    if k == "prt":
        return any(c.dep_ == "prt" and sx.lemma(c) in lem for c in tok.children)
    if k == "obj":
        return any(sx.lemma(o) in lem or o.lower_ in lem for o in sx.children(tok, ("dobj", "nsubjpass")) + [o for o in _obj(tok)])
    if k == "mod":
        return any(sx.lemma(c) in lem for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "nsubj", "poss"))
    if k == "near":
        head = sx.clause_head(tok)
        if head.dep_ == "dep" and head.head != head:
            head = head.head
        words = {sx.lemma(t) for t in sx.subtree_in(head, {"ccomp", "advcl", "relcl", "parataxis"})}
        words |= {t.lower_ for t in sx.subtree_in(head, {"ccomp", "advcl", "relcl", "parataxis"})}
        return bool(words & lem)
    if k == "gov":
        h = tok.head
        while h != h.head and h.pos_ not in ("VERB", "AUX"):
            h = h.head
        return sx.lemma(h) in lem
    if k == "xcomp":
        return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    if k == "oprd":
        return any(c.dep_ == "oprd" for c in tok.children) or any(
            c.dep_ == "ccomp" and any(g.dep_ == "attr" for g in c.children) for c in tok.children
        ) or any(t.text in '"“”' for o in sx.children(tok, ("dobj",)) for t in o.subtree if t.i > o.i)
    if k == "persons":  # "Trump attacked Biden": a named person acts on a named person
        return any(_person(t, ctx) for t in _active_subjects(tok)) and \
            any(_person(t, ctx) for t in sx.children(tok, ("dobj",)))
    if k == "actobj":
        return any(o.ent_type_ in ACTOR_LABELS or _coded_actor(o, ctx) for o in sx.children(tok, ("dobj",)))
    if k == "actsubj":
        subj = _active_subjects(tok) + [p for a in sx.children(tok, ("agent",)) for p in sx.children(a, ("pobj",))]
        return any(t.ent_type_ in ACTOR_LABELS or sx.lemma(t) in AGENT_NOUNS
                   or (t.pos_ == "PRON" and t.lower_ not in ("which", "that", "what"))
                   or _coded_actor(t, ctx) for t in subj)
    if k == "dobj":  # "destroy and obliterate the Economy": a shared object counts
        return bool(sx.children(tok, ("dobj",))) or any(sx.children(c, ("dobj",)) for c in sx.children(tok, ("conj",)))
    if k == "quote":
        return any(t.text in '"“”' for t in tok.subtree if t.i > tok.i)
    if k == "passive":
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if k == "neg":
        return any(c.dep_ == "neg" for c in tok.children)
    if k == "wh":  # "asked whether Oakland was part of the US", "asked me what I would do"
        return any(_wh_clause(c) for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl"))
    return False


def _active_subjects(tok) -> list:
    """The nsubj tokens of ``tok``, or of the verb it is conjoined to when it has no subject
    of its own ("met and agreed")."""
    host = tok.head if tok.dep_ == "conj" and not sx.children(tok, ("nsubj", "nsubjpass")) else tok
    return sx.children(host, ("nsubj",))


def _actor_on(tok, ctx: _Context) -> Actor | None:
    """The actor-layer mention that holds token ``tok``, or ``None``."""
    a = ctx.actor_at(tok.idx, tok.idx + len(tok.text))
    return a if a is not None and a.start <= tok.idx < a.end else None


def _person(tok, ctx: _Context) -> bool:
    """Whether ``tok`` names a person: a PERSON entity, or a person mention of the actor
    layer (which knows "Trump" where NER says ORG)."""
    return tok.ent_type_ == "PERSON" or getattr(_actor_on(tok, ctx), "kind", None) == "person"


def _coded_actor(tok, ctx: _Context) -> bool:
    """Whether the actor layer coded a mention headed at ``tok`` ("Hezbollah guerrillas"
    → LBN REB): the subject is an actor even when NER and the agent-noun list miss it."""
    return bool(getattr(_actor_on(tok, ctx), "code", None))


def _match(tok, ctx: _Context) -> LexEntry | None:
    for entry in ctx.lex.candidates(sx.lemma(tok)):
        if not _pos_ok(tok, entry.pos):
            continue
        if all(_holds(c, tok, ctx) for c in entry.requires) and not any(_holds(c, tok, ctx) for c in entry.excludes):
            return entry
    return None


# ---------------------------------------------------------------------------------------
# modality
# ---------------------------------------------------------------------------------------

def _chain(tok):
    """The clause head of ``tok`` and the heads it is an xcomp/conj/auxiliary chain of. A
    coordinated clause with a subject of its own ends the chain: the modality of the first
    conjunct does not scope over it ("X should be opened, and his critics blame him")."""
    c = sx.clause_head(tok)
    out = [c]
    while (c.dep_ in ("xcomp", "conj", "acomp") or _purpose(c) or _infinitival(c)) and c.head != c \
            and not (c.dep_ == "conj" and sx.children(c, ("nsubj", "nsubjpass"))) \
            and not (c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP") and c.head.tag_ in ("VB", "VBN", "VBG")):
        # a finite conjunct under a non-finite head has its own tense: "would have faced
        # impeachment but resigned", "did not meet him but sent a letter"
        c = c.head
        out.append(c)
    return out


def _negated(tok) -> bool:
    """True when the trigger's act is denied by the syntax (gold guidelines: negated events are
    not coded): a negation on the trigger or its xcomp/conj chain ("did not meet", "never
    attacked", "Not everyone agreed", "neither the EU nor the US would endorse"), a
    determiner "no" on a nominal trigger or on the noun it modifies ("no talks took place",
    "no plans to introduce restrictions"), a negative implicative verb above it ("failed to
    agree", "avoided meeting"), "without" ("met without agreeing"), or a negated reporting
    verb whose content it is ("did not confirm that it attacked")."""
    chain = _chain(tok)
    nodes = [tok] + chain
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "nsubj", "attr", "compound"):
        nodes.append(tok.head)
    top = chain[-1]
    if top.dep_ == "acl" and top.head.pos_ in ("NOUN", "PROPN"):
        nodes.append(top.head)  # "no plans to introduce restrictions"
    for n in nodes:
        for subj in sx.children(n, ("nsubj", "nsubjpass")):
            if any(c.dep_ == "neg" or (c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither")) for c in subj.children) \
                    or subj.lower_ in ("nobody", "none", "neither", "nothing", "noone"):
                return True  # "Not everyone agreed", "No organization claimed", "neither A nor B"
        for c in n.children:
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in ("no", "never")):
                return True
            if c.dep_ == "aux" and c.lower_ in ("fail", "failed"):
                return True
        if sx.lemma(n) in NEGATIVE_IMPLICATIVES and n != tok:
            return True
        if n.dep_ in ("pcomp", "pobj") and n.head.lower_ == "without":
            return True  # "met without agreeing", "left without a deal"
    c = top
    while c.dep_ in ("ccomp", "conj") and c.head != c and c.dep_ != "ROOT":
        h = c.head
        if sx.is_verbal(h) and sx.lemma(h) in NONFACTIVE_REPORTS \
                and any(ch.dep_ == "neg" for ch in h.children):
            return True  # "did not confirm that it attacked", "did not say he would meet"
        if c.dep_ == "ccomp":
            break
        c = h
    return False


def _reported(tok) -> bool:
    """True when ``tok`` is in a reporting frame (the content of say/announce …, "according
    to", or a sentence whose root reports): its "would" is a future-in-the-past."""
    if _reporting_subject(tok) is not None:
        return True
    c = tok
    while c.head != c:
        if sx.is_verbal(c.head) and (sx.lemma(c.head) in sx.REPORTING or sx.lemma(c.head) in FUTURE_FRAMES):
            return True
        c = c.head
    return False


def _infinitival(c) -> bool:
    """True for an infinitival clause with its own subject, parsed as ccomp ("allowed the
    Chinese government to extradite people"): it is in the scope of the verb above it."""
    return c.dep_ == "ccomp" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in c.children) \
        and not any(ch.dep_ == "mark" for ch in c.children)


def _purpose(c) -> bool:
    """True for an infinitive of purpose ("could not go to the mosque to offer namaz"): it
    shares the negation and modality of the clause it is attached to."""
    return c.dep_ == "advcl" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in c.children) \
        and not any(ch.dep_ in ("mark", "nsubj", "nsubjpass") for ch in c.children)


def _performative(c) -> bool:
    """True for a first-person present-tense act, performed by being said ("I really urge
    [Lam], if she can't govern, to step down"): a condition inside it is its content."""
    subj = sx.children(c, ("nsubj",))
    return bool(subj) and subj[0].lower_ in ("i", "we") and c.tag_ in ("VBP", "VB")


def _wh_clause(c) -> bool:
    """True when clause head ``c`` opens with a wh-word or with if/whether ("whom they would
    support", "why Biden did not implement", "if he had any ideas")."""
    first = c.left_edge
    if first.tag_ in WH_TAGS and first.i < c.i:
        return True
    return any(ch.dep_ == "mark" and ch.lower_ in ("if", "whether") for ch in c.children)


def _modality(tok) -> str:
    """The modality of a trigger token: "hypothetical", "conditional", "question",
    "obligation", "future" or "fact".

    Rules (gold guidelines, Events: hypotheticals, conditionals and questions are not coded;
    demands are REQUEST; PLOVER manual 3.1 for the future shifts), over the trigger's clause and
    the xcomp/conj chain above it:

    * hypothetical: could/might/may/can; a counterfactual "would have" + participle; a
      "would" outside any reporting frame (habitual or conditional mood: "they would demand
      everything", "I would refuse"), unless narrated ("would later meet"); a hedge
      (likely, probably …); a wish about someone else ("want him to resign");
    * conditional: the trigger is in an if/unless clause, or its clause has one ("If you
      can't make a bomb, … attack the tourists", "would attack if the US strikes");
    * question: an embedded question ("asked whether", "did not announce whom they would
      support") or a direct wh-question with inversion ("why did you host it");
    * obligation: must/should/ought ("Ukraine must withdraw"): a demand, coded by the
      demand rule as REQUEST of the speaker;
    * future: will/would in a report, going to, an intent verb or noun above the trigger.
    """
    chain = _chain(tok)
    for c in chain:
        if c is not chain[0] and sx.lemma(c) in PERMISSIVES:
            return "hypothetical"  # "would have allowed the Chinese government to extradite"
        if _purpose(c):
            break  # a hedge on the main clause is about its own act ("Reportedly thousands
            # turned out … to protest": the protest is reported, not hedged)
        if c.dep_ == "xcomp" and sx.lemma(c.head) in WISH_VERBS and sx.children(c.head, ("dobj",)):
            return "hypothetical"  # "staff want him to resign": a wish about someone else
        if c.dep_ == "ccomp" and sx.lemma(c.head) in WISH_VERBS and sx.children(c, ("nsubj",)) \
                and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in c.children):
            return "hypothetical"  # the same, parsed as an infinitival clause with its own subject
        if any(ch.dep_ in ("acomp", "advmod") and sx.lemma(ch) in HEDGES for ch in c.children):
            return "hypothetical"  # "more subpoenas are likely to be issued"
        if sx.lemma(c) == "be" and any(r.dep_ == "relcl" and sx.lemma(r) in WISH_VERBS | {"have", "plan"}
                                       for n in sx.children(c, ("nsubj",)) for r in n.children):
            return "hypothetical"  # "All we need to do is ask her to come back": a wish, not an act
    for i, c in enumerate(chain):
        auxes = [ch.lower_ for ch in c.children if ch.dep_ in ("aux", "auxpass")]
        for ch in c.children:
            low = ch.lower_
            if ch.dep_ == "aux" and low in POSSIBILITY_AUX:
                return "hypothetical"
            if ch.dep_ == "mark" and low in ("if", "unless", "whether"):
                return "conditional"
            if ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in ch.children) \
                    and not any(a in sx.FUTURE_AUX or a == "going" for a in auxes) and not _performative(c):
                return "conditional"  # the consequent of a condition; "if …, I will destroy" is
                # a conditional threat or promise, left to the future shifts
            if ch.dep_ == "advmod" and low in ("how", "whether") and c.dep_ in ("ccomp", "csubj"):
                return "question"
        if any(a in OBLIGATION_AUX for a in auxes):
            subj = sx.children(c, ("nsubj", "nsubjpass"))
            if any(ch.dep_ == "aux" and ch.lower_ == "should" and any(x.i > ch.i for x in subj) for ch in c.children):
                return "conditional"  # "should Pierluisi remain unconfirmed": an inverted condition
            return "obligation"
        if ("would" in auxes or "'d" in auxes) and "have" in auxes and c.tag_ == "VBN":
            return "hypothetical"  # "a bill that would have allowed … to extradite"
        if ("would" in auxes or "'d" in auxes) and _performative(c) and sx.lemma(c) in POLITE_PERFORMATIVES:
            return "fact"  # "I would urge anyone … to contact police"
        if ("would" in auxes or "'d" in auxes) and not _reported(c) \
                and not any(ch.dep_ == "advmod" and ch.lower_ in NARRATIVE_WOULD for ch in c.children):
            return "hypothetical"  # "they would demand everything for free", "I would refuse"
    head = chain[-1]
    if head.dep_ in ("ccomp", "xcomp") and _wh_clause(head) and sx.lemma(head.head) in QUESTION_GOVERNORS:
        return "question"  # "asked why Biden did not implement", "announce whom they would support"
    if head.dep_ in ("ROOT", "ccomp", "parataxis", "conj") and head.left_edge.tag_ in WH_TAGS:
        subj = sx.children(head, ("nsubj", "nsubjpass"))
        aux = [ch for ch in head.children if ch.dep_ in ("aux", "auxpass")]
        if subj and aux and aux[0].i < subj[0].i:
            return "question"  # "why did you host it" (subject-auxiliary inversion)
    # walk further up through clause links: an "if" clause anywhere above, below a reporting verb
    c = chain[-1]
    while c.head != c and c.dep_ in ("advcl", "xcomp", "ccomp", "conj", "relcl", "acl", "pcomp", "pobj", "prep"):
        h = c.head
        if c.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless") for ch in c.children):
            return "conditional"
        if sx.lemma(h) in sx.REPORTING and h.pos_ in ("VERB", "AUX"):
            break
        c = h
    for c in chain:
        for ch in c.children:
            if ch.dep_ == "aux" and ch.lower_ in sx.FUTURE_AUX:
                return "future"
            if ch.dep_ == "aux" and ch.lower_ == "going":
                return "future"
        if c != chain[0] and sx.lemma(c) in sx.INTENT:
            return "future"
    if tok.pos_ in ("NOUN", "PROPN") and sx.lemma(tok.head) in ("plan", "intention", "intent", "readiness", "willingness"):
        return "future"
    if chain[-1].dep_ in ("acl", "relcl") and sx.lemma(chain[-1].head) in INTENT_NOUNS \
            and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in chain[-1].children):
        return "future"  # "developing plans to attack", "her intention to endorse"
    if tok.pos_ in ("NOUN", "PROPN") and sx.lemma(chain[0]) in SCHEDULED:
        return "future"  # "the annual meeting ... is set to open tomorrow"
    return "fact"


def _voiced(c: _Cand, ctx: _Context) -> bool:
    """True when a future act shifted to THREATEN or AGREE is voiced by its own actor: no one
    else reports it, or the speaker of the report is (of the country of) the actor ("Erdoğan
    said Turkey would attack": THREATEN), or a commissive verb carries it. A third party's
    prediction ("the US said Turkey would attack") is no threat or promise of the actor; a
    future act with no actor at all ("scheduled to be deployed") is coded as nothing."""
    if not c.sources or c.sources[0] is None:
        return False
    if any(ch.dep_ == "auxpass" for ch in c.tok.children) and not sx.children(c.tok, ("agent",)):
        return False  # "the Telescope scheduled to be deployed next year": no actor intends it
    if any(sx.lemma(t) in COMMISSIVES for t in _chain(c.tok)):
        return True
    spk = _reporting_subject(c.tok)
    src = c.sources[0]
    if spk is None and c.plover == "THREATEN":
        # no one reports it: a threat is said by its actor in a quote ("I will totally
        # destroy"), not the narrator's account of a plan ("was developing plans to attack")
        subj = sx.children(sx.clause_head(c.tok), ("nsubj",))
        if subj and subj[0].lower_ in ("i", "we"):
            return True
        if any(q.start <= c.tok.idx < q.end for q in ctx.quotes):
            # a quote of the actor's own side; not another's account of its plans ("General
            # Soleimani was actively developing plans to attack", quoted from the Pentagon)
            spk_arg = ctx.quote_speaker(c.tok.idx, c.tok.idx + len(c.tok.text))
            own = _argument(src, ctx)
            return spk_arg is None or own is None or not spk_arg.code or not own.code \
                or spk_arg.code.split()[0] == own.code.split()[0]
        start = max((x.start for x in ctx.sentences if x.start <= c.tok.idx), default=0)
        before = ctx.article.body[start:c.tok.idx]
        return sum(before.count(ch) for ch in '"“”') % 2 == 1
    if spk is None or spk.pos_ == "PRON":
        return True
    if spk.i == src.i or src.pos_ == "PRON":
        return True
    a, b = _argument(spk, ctx), _argument(src, ctx)
    if a is None or b is None or not a.code or not b.code:
        return True
    return a.code.split()[0] == b.code.split()[0]


# ---------------------------------------------------------------------------------------
# arguments
# ---------------------------------------------------------------------------------------

def _reporting_subject(tok):
    """The speaker of the reporting frame that ``tok``'s clause is the content of, if any:
    the subject of say/tell/announce …, the object of "quoted/cited X as saying", or the
    object of "according to"."""
    c = tok
    while c.head != c:
        h = c.head
        if c.dep_ == "conj" and sx.is_verbal(c) and sx.children(c, ("nsubj", "nsubjpass")) \
                and sx.lemma(h) in sx.REPORTING:
            return None  # "Bolsonaro has said …, and his critics … blame him": no report of his
        if h.pos_ in ("VERB", "AUX") and sx.lemma(h) in sx.REPORTING and c.dep_ in ("ccomp", "parataxis", "advcl", "xcomp", "dobj", "conj"):
            if sx.lemma(h) == "say" and h.dep_ in ("pcomp", "advcl", "xcomp") and sx.lemma(h.head) in ("quote", "cite", "as"):
                q = h.head if sx.lemma(h.head) != "as" else h.head.head
                objs = sx.children(q, ("dobj",))
                if objs:
                    return objs[0]
            subj = sx.children(h, ("nsubj",))
            if subj:
                return subj[0]
            agent = [p for a in sx.children(h, ("agent",)) for p in sx.children(a, ("pobj",))]
            if agent:
                return agent[0]
        c = h
    try:
        sent = tok.sent  # needs sentence boundaries (parser or senter) on this sentence only
    except ValueError:
        return None
    root = sent.root
    if root is not None:
        for t in sent:
            if t.lower_ == "according":
                for p in t.children:
                    if p.lower_ == "to":
                        pobj = sx.children(p, ("pobj",))
                        if pobj:
                            return pobj[0]
        for t in sent:
            if t.dep_ == "parataxis" and t.pos_ in ("VERB", "AUX") and sx.lemma(t) in sx.REPORTING and t != tok:
                subj = sx.children(t, ("nsubj",))
                if subj and subj[0].pos_ != "PRON":
                    return subj[0]
        if sx.lemma(root) in sx.REPORTING and root != tok:
            subj = sx.children(root, ("nsubj",))
            if subj and tok.i != subj[0].i and not (subj[0].left_edge.i <= tok.i <= subj[0].right_edge.i):
                return subj[0]
    return None


def _fix_pronoun(tok, trigger):
    """Replace a pronoun argument by what the syntax gives: a relative pronoun by its
    antecedent noun, a personal pronoun in reported speech by the speaker."""
    if tok is None or tok.pos_ != "PRON":
        return tok
    low = tok.lower_
    if low in ("who", "which", "that"):
        h = tok.head
        while h.head != h and h.dep_ != "relcl":
            h = h.head
        return h.head if h.dep_ == "relcl" else tok
    if low in ("i", "we", "he", "she", "they", "it"):
        spk = _reporting_subject(trigger)
        if spk is not None and spk.pos_ != "PRON":
            return spk
        if low in sx.FIRST_PERSON:  # a quote inside the sentence: the main clause's subject speaks
            try:
                root = trigger.sent.root
            except ValueError:
                return tok
            subj = sx.children(root, ("nsubj",))
            if subj and subj[0].pos_ != "PRON" and subj[0].i < tok.i:
                return subj[0]
    return tok


def _subject(v):
    """Subject token of verb ``v`` (active subject, or passive agent), climbing through
    xcomp/conj/advcl/acl links when ``v`` has none of its own."""
    seen = 0
    while seen < 6:
        seen += 1
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive:
            for a in sx.children(v, ("agent",)):
                p = sx.children(a, ("pobj",))
                if p:
                    return p[0]
            # no by-agent: whoever the clause above is about is the patient, never the actor
            # ("X died ... after being shot"; "police arrived and were attacked"); "he's faced"
            # is no passive, only parsed as one
            if any(c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s") for c in v.children):
                return None
        else:
            s = [x for x in sx.children(v, ("nsubj",))]
            if s:
                return s[0] if len(s) == 1 else _MultiSubject(s)
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp") and v.head != v:
            v = v.head
            if v.pos_ not in ("VERB", "AUX") and v.dep_ == "prep":
                v = v.head
            continue
        if v.dep_ in ("acl",) and v.head != v:
            # "protesters blocking the exits": the noun is the actor; "a message (on Twitter)
            # blaming Iran": the subject of the verb governing the noun
            n = v.head
            if n.dep_ != "pobj" and (n.ent_type_ in ACTOR_LABELS or sx.lemma(n) in AGENT_NOUNS):
                return n
            g, hops = n.head, 0
            while g.pos_ not in ("VERB", "AUX") and g.head != g and hops < 4:
                g, hops = g.head, hops + 1
            if g.pos_ in ("VERB", "AUX") and g != v:
                v = g
                continue
            return None
        if v.dep_ == "relcl":
            # "protesters who were arrested": the noun of a passive relative clause is its patient
            return None if passive else v.head
        return None
    return None


class _MultiSubject(list):
    """Several nsubj children of one verb ("Buhari of Nigeria and Talon of Benin signed" parsed
    without a conj link): behaves as its first token, and lists all of them."""

    def __getattr__(self, name):
        return getattr(self[0], name)


def _nominal_source(n, movement: bool = False, agentive_of: bool = False, material: bool = False):
    """Source of a nominal trigger: possessor, by-/from-phrase, an actor compound or
    nationality adjective; else the subject of its light verb ("X held talks").
    ``movement``: the trigger is a movement act (:data:`MOVEMENT_TYPES`), whose from-phrase
    names the place left ("the US withdrawal from Syria": the source is the US, not Syria).
    ``agentive_of``: the trigger names an act of saying or protest (:data:`AGENTIVE_OF_TYPES`),
    whose of-phrase actor is its author ("the five demands of the protesters"; unlike "the
    arrest of protesters", where it is the patient). ``material``: the trigger is no act of
    saying or meeting (not in :data:`SPEAKER_ACTS`): the subject of a verb of reporting governing
    it (``reporter`` words of ``event_arg_words.tsv``; not "announce", which performs the act:
    "announced new restrictions") reports the act and is not its source ("Reuters reported
    Monday's attack …")."""
    for c in n.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
            return c
    if agentive_of:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                p = sx.children(c, ("pobj",))
                if p and (p[0].ent_type_ in ACTOR_LABELS or sx.lemma(p[0]) in AGENT_NOUNS):
                    return p[0]
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            if movement and c.lower_ == "from":
                continue
            p = sx.children(c, ("pobj",))
            if p:
                return p[0]
    for c in n.children:  # "a phone call made by X"
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    p = sx.children(a, ("pobj",))
                    if p:
                        return p[0]
    for c in n.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("ORG", "NORP", "PERSON"):
            return c
        if c.dep_ in ("compound", "nmod") and c.ent_type_ == "GPE" and sx.lemma(n) not in PLACE_COMPOUND_NOUNS:
            return c  # "United States sanctions"
    head = n
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
        head = n.head.head  # "statements of condemnation (have come from X)"
    if head.dep_ in ("nsubj", "nsubjpass"):
        v = head.head
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                p = sx.children(c, ("pobj",))
                if p:
                    return p[0]
        return None
    if head.dep_ in ("dobj", "attr", "pobj", "conj", "oprd", "xcomp", "npadvmod", "appos"):
        v = head.head
        hops = 0
        while v.pos_ not in ("VERB", "AUX") and v.head != v and hops < 4:
            v = v.head
            hops += 1
        if v.pos_ in ("VERB", "AUX"):
            if material and sx.lemma(v) in _arg_words().get("reporter", frozenset()):
                return None  # "Reuters reported Monday's attack …": the reporter did not attack
            if sx.lemma(v) in _arg_words().get("undergo", frozenset()):
                return None  # "he survived a drone attack": the survivor did not attack
            return _subject(v)
    for c in n.children:
        if c.dep_ == "poss":
            return c
    return None


def _targets_from(tok, spec, light):
    """Target token for one target spec, looking on the trigger, its coordinated heads and
    (for nouns) its light verb."""
    kind, arg = spec
    hosts = [tok]
    if tok.dep_ == "conj":
        hosts.append(tok.head)
    if light is not None:
        hosts.append(light)
    for h in hosts:
        if kind == "dobj":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children)
            deps = ("nsubjpass",) if passive else ("dobj",)
            got = sx.children(h, deps)
            if got and h == tok:
                return got[0]
            if passive and h == tok and not got and tok.dep_ == "relcl":
                return tok.head  # "protesters who were arrested"
            if passive and h == tok and not got and tok.dep_ in ("pcomp", "advcl", "xcomp", "conj"):
                # "journalists were injured after being attacked by protesters"
                up = tok.head.head if tok.head.dep_ == "prep" else tok.head
                got = sx.children(up, ("nsubjpass", "nsubj"))
                if got:
                    return got[0]
        elif kind == "dative":
            got = sx.children(h, ("dative",))
            if got:
                p = sx.children(got[0], ("pobj",))
                return p[0] if p else got[0]
            if h == tok:
                got = sx.children(h, ("dobj",))
                if got and got[0].ent_type_ in ACTOR_LABELS:
                    return got[0]
        elif kind == "prep":
            for c in h.children:
                if c.dep_ in ("prep", "dative", "agent") and c.lower_ == arg:
                    p = sx.children(c, ("pobj",))
                    if p:
                        return p[0]
            for acl in sx.children(h, ("acl",)):  # "a phone call made ... to X"
                for c in acl.children:
                    if c.dep_ in ("prep", "dative") and c.lower_ == arg:
                        p = sx.children(c, ("pobj",))
                        if p:
                            return p[0]
            if h == tok and tok.pos_ in ("VERB", "AUX"):
                # the object's own phrase or relative clause: "delay US$400 million in military
                # aid that had been slated for Ukraine" (the aid's recipient is the recipient)
                for o in sx.children(tok, ("dobj",)):
                    for v in [o] + sx.children(o, ("relcl", "acl")):
                        for c in v.children:
                            if c.dep_ == "prep" and c.lower_ == arg:
                                p = sx.children(c, ("pobj",))
                                if p:
                                    return p[0]
        elif kind == "ccomp-subj" and h == tok:
            for c in sx.children(h, ("ccomp",)):
                s = sx.children(c, ("nsubj", "nsubjpass"))
                if s:
                    return s[0]
        elif kind == "attr-subj" and h == tok:
            v = tok.head
            if tok.dep_ in ("attr", "acomp"):
                s = sx.children(v, ("nsubj",))
                if s:
                    return s[0]
        elif kind == "poss" and h == tok:
            for o in sx.children(h, ("dobj",)) + [p for c in sx.children(h, ("prep",)) for p in sx.children(c, ("pobj",))]:
                s = sx.children(o, ("poss",))
                if s:
                    return s[0]
    return None


def _light_verb(tok):
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    h = tok.head
    if tok.dep_ == "pobj":
        h = h.head
    return h if h.pos_ in ("VERB", "AUX") and h != tok else None


def _find_target(tok, entry: LexEntry | None, source_tok):
    light = _light_verb(tok)
    specs = entry.targets if entry else ()
    for spec in specs:
        t = _targets_from(tok, spec, light)
        if t is not None and (source_tok is None or t.i != source_tok.i):
            return t
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and sx.lemma(tok.head.head) in PATIENT_HOLDERS:
        holder = tok.head.head  # "Abqaiq was the target of an attack", "Mahan has been the subject of sanctions"
        if holder.dep_ in ("attr", "nsubj") :
            subj = sx.children(holder.head, ("nsubj", "nsubjpass"))
            if subj and subj[0] != holder:
                return subj[0]
    if tok.pos_ in ("NOUN", "PROPN"):  # "talks between A and B"
        pair = _between(tok)
        if pair is not None:
            return pair[1] if pair[1] is not None and (source_tok is None or pair[1].i != source_tok.i) else None
    return None


def _between(tok):
    """``(A, B)`` for a nominal trigger with a "between A and B" phrase (B ``None`` when the
    parse gives no second party; B found anywhere under A when a clause splits the
    coordination: "a meeting between Giuliani, claiming to …, and Andriy Yermak"); else ``None``."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            p = sx.children(c, ("pobj",))
            if not p:
                return None
            conj = sx.conjuncts(p[0])
            if len(conj) > 1:
                return conj[0], conj[1]
            # "between" needs two parties: a clause in between can make the parser attach the
            # second one ("…, and Andriy Yermak") to the verb
            far = [t for t in p[0].sent if t.i > p[0].i and t.dep_ == "conj" and t.pos_ == "PROPN"
                   and t.ent_type_ in ACTOR_LABELS]
            return p[0], (far[0] if far else None)
    return None


# ---------------------------------------------------------------------------------------
# resolution to EventArgument
# ---------------------------------------------------------------------------------------

def _char_span(tok, ctx: _Context) -> tuple[int, int]:
    """Body offsets of the noun phrase headed by ``tok``, clipped to the article text."""
    s, e = sx.np_span(tok)
    toks = [t for t in ctx.doc[s:e] if not t.is_space and t.idx >= ctx.article.text_start]
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


#: Prepositions of place, time, means and company: their object is not part of the actor
#: ("the decision via Twitter", "the attack at the base").
_BFS_STOP_PREPS = {"via", "at", "near", "during", "through", "after", "before", "since",
                   "across", "inside", "outside", "amid", "until", "within"}
_BFS_STOP = {"relcl", "ccomp", "advcl", "punct", "cc", "conj", "parataxis"}


def _argument(tok, ctx: _Context) -> EventArgument | None:
    """Resolve a token to an :class:`EventArgument` via the actor layer; when the phrase it
    heads is no actor, the first actor inside it (possessor, compound, of-/to-phrase)."""
    if tok is None or tok.ent_type_ in TIME_LABELS:
        return None  # "On Wednesday, Turkey began ...": a time is no participant
    start, end = _char_span(tok, ctx)
    actor = ctx.actor_at(start, end)
    if actor is None or not actor.code:
        member = _named_member(tok, ctx) or _owner_of_place(tok, ctx)
        if member is not None:
            return member
        # breadth-first over the phrase for an inner actor ("oil facilities belonging to ... Saudi Aramco")
        # an apposition names the head first ("One of these groups, the Syrian Democratic Forces")
        # a conj with no coordinator is an apposition the parser misread ("One of these
        # groups, the Syrian Democratic Forces (SDF), opposed")
        no_cc = not sx.children(tok, ("cc",))
        queue = sorted((c for c in tok.children if (c.dep_ not in _BFS_STOP or (c.dep_ == "conj" and no_cc))
                        and not (c.dep_ == "prep" and c.lower_ in _BFS_STOP_PREPS)),
                       key=lambda c: c.dep_ not in ("appos", "conj"))
        depth = 0
        while queue and depth < 40:
            depth += 1
            t = queue.pop(0)
            if t.pos_ in ("PROPN", "NOUN", "ADJ", "PRON", "NUM") or t.ent_type_:
                ts, te = _char_span(t, ctx)
                if t.ent_type_ in ACTOR_LABELS or t.pos_ in ("PROPN", "NOUN", "NUM"):
                    a = ctx.actor_at(ts, te)
                    if a is not None:
                        return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)
            queue.extend(c for c in t.children if c.dep_ not in _BFS_STOP
                         and not (c.dep_ == "prep" and c.lower_ in _BFS_STOP_PREPS))
        if actor is None:
            return EventArgument(start=start, end=end, text=ctx.article.body[start:end], name=None, code=None)
    return EventArgument(start=start, end=end, text=ctx.article.body[start:end], name=actor.name or None, code=actor.code)


def _controller_of_place(tok) -> bool:
    """True for the by-agent of a verb of holding a place ("territory controlled by the SDF",
    ``control`` words of ``event_arg_words.tsv``): it describes the place, it is no
    participant of the event."""
    return (tok.dep_ == "pobj" and tok.head.dep_ == "agent"
            and sx.lemma(tok.head.head) in _arg_words().get("control", frozenset()))


def _demanded_thing(c: _Cand):
    """The for-object of a REQUEST trigger or its light verb ("called for the safe zone",
    "demands for a new investigation"): what is demanded, not who is asked; else ``None``."""
    if c.plover != "REQUEST":
        return None
    for h in (c.tok, _light_verb(c.tok)):
        if h is not None and (p := sx.prep_object(h, ("for",))) is not None:
            return p
    return None


def _owner_of_thing(thing, ctx: _Context) -> EventArgument | None:
    """The actor a demanded thing belongs to, as its addressee: the thing itself when it is
    an actor, else its possessor or actor compound ("called for G7 action" → G7, "for
    Maduro's resignation" → Maduro), else whom it is asked from ("a subpoena for documents from
    Secretary of State Mike Pompeo" → Pompeo); actors further inside it ("records relating to the
    Trump administration's …") are not asked anything. ``None`` when there is none."""
    asked = [p for pr in thing.children if pr.dep_ == "prep" and pr.lower_ == "from" for p in sx.children(pr, ("pobj",))]
    for t in [thing] + [ch for ch in thing.children if ch.dep_ in ("poss", "compound")] + asked:
        s, e = (t.idx, t.idx + len(t.text)) if t is not thing else _char_span(t, ctx)
        if t is not thing and t.dep_ in ("compound", "pobj"):
            s, e = _char_span(t, ctx)
        a = ctx.actor_at(s, e)
        if a is not None and a.code and (t is not thing or (a.start >= s and a.end <= e)):
            if t is thing and not (a.start <= t.idx < a.end):
                continue  # an actor inside the phrase but not its head
            return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)
    return None


def _in_coordinate_clause(tok, head) -> bool:
    """True when ``tok`` lies in a finite clause coordinated with (or appended to) ``head``'s
    clause rather than in it: on the way up from ``tok`` to ``head`` there is a verb attached
    as ``conj``/``parataxis`` that has a subject of its own ("Saudi Arabia denied all claims …,
    however, a UN report concluded …": the UN is no recipient of the denial)."""
    t, hops = tok, 0
    while t != head and t.head != t and hops < 30:
        if sx.is_verbal(t) and t.dep_ in ("conj", "parataxis") and sx.children(t, ("nsubj", "nsubjpass")):
            return True
        t, hops = t.head, hops + 1
    return False


#: Pronouns that may stand for the source itself.
SELF_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "himself", "herself", "itself", "themselves",
                 "we", "us", "i", "me", "ourselves", "myself"}
#: Hostile types whose recipient an "against" phrase of the clause names.
OPPOSED_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"}


def _victims_of_frame(tok):
    """Who an attack noun hit, by the verb of harm (``harm`` words of ``event_arg_words.tsv``)
    it is the means or the subject of: that verb's object ("Russian aircraft … killed 46 Afghan
    civilians in an attack on a village", "A roadside bombing … killed one U.S. soldier") or
    passive subject ("three Iraqi civilians have been killed in a suicide car bombing");
    ``None`` when there is no such verb or it has neither."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "with", "by"):
        v = tok.head.head
    elif tok.dep_ == "nsubj" and sx.lemma(tok.head) in _arg_words().get("harm", frozenset()):
        v = tok.head  # "A roadside bombing … killed one U.S. soldier"
    else:
        return None
    if not sx.is_verbal(v) or sx.lemma(v) not in _arg_words().get("harm", frozenset()):
        return None
    objs = sx.children(v, ("dobj",)) or sx.children(v, ("nsubjpass",))  # "… civilians have been killed in a bombing"
    return objs[0] if objs else None


def _against_object(tok):
    """The object of an "against" phrase on the trigger, its light verb, or the verbs its
    clause is attached to (xcomp, advcl, conj; at most four steps up): "Saudi Arabia started
    supporting the government of Hadi against the Houthi rebellion, providing airstrikes" → the
    Houthi rebellion. ``None`` when there is none."""
    nodes = [tok]
    light = _light_verb(tok)
    h = light if light is not None else (tok if sx.is_verbal(tok) else None)
    hops = 0
    while h is not None and hops < 4:
        nodes.append(h)
        if h.dep_ in ("xcomp", "advcl", "conj") and h.head != h:
            h, hops = h.head, hops + 1
        else:
            break
    # the purpose or object of the act may carry it: "mobilized army reservists for a possible
    # war against Iraq"
    nodes += [p for n in list(nodes) for pr in n.children if pr.dep_ == "prep" and pr.lower_ == "for"
              for p in sx.children(pr, ("pobj",))]
    for n in nodes:
        if (p := sx.prep_object(n, ("against",))) is not None:
            return p
    return None


def _same_actor(a: EventArgument | None, b: EventArgument | None) -> bool:
    """True when two argument mentions resolve to one actor (same resolved name and code).
    Names alone are not enough for two groups of one nation ("Young Algerians" and the
    Algerian government both named "Algeria"), so :func:`_pronoun_for_source` asks for more."""
    return (a is not None and b is not None and bool(a.name) and bool(a.code)
            and a.name == b.name and a.code == b.code)


def _pronoun_for_source(src: EventArgument | None, tgt: EventArgument | None) -> bool:
    """True when the target is a personal or reflexive pronoun that resolves to the source
    ("Trump said ... but denied that *he* made any deal" — he is Trump): an act is not coded
    with its source as its own recipient (PLOVER manual: the target is another actor)."""
    return tgt is not None and tgt.text.lower() in SELF_PRONOUNS and _same_actor(src, tgt)


#: Verbs of a relative clause that names members of the group its noun stands for ("his
#: critics, which include … Greenpeace"), and prepositions that do the same ("including").
MEMBER_VERBS = {"include", "comprise"}
MEMBER_PREPS = {"including", "like"}


def _named_member(tok, ctx: _Context) -> EventArgument | None:
    """The first coded actor a group noun names as its member: the object of a "which
    include(s) X" relative clause or of an "including X" phrase ("his critics, which include
    non-governmental environmental activism group Greenpeace, blame him" → Greenpeace), else
    ``None``. The group acts through the member the text names; its possessor ("his") is
    not the actor."""
    objs = [o for r in sx.children(tok, ("relcl",)) if sx.lemma(r) in MEMBER_VERBS for o in sx.children(r, ("dobj",))]
    objs += [o for p in sx.children(tok, ("prep",)) if p.lower_ in MEMBER_PREPS for o in sx.children(p, ("pobj",))]
    for o in objs:
        s, e = _char_span(o, ctx)
        a = ctx.actor_at(s, e)
        if a is not None and a.code:
            return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)
    return None


def _owner_of_place(tok, ctx: _Context) -> EventArgument | None:
    """The coded actor a place noun belongs to, named in its relative clause or participle
    ("the territory, which belonged to Syria and was occupied by Israel" → Syria): a place
    occupied, attacked or given up stands for its owner. ``None`` for other nouns."""
    if not _is_place_noun(tok):
        return None
    for v in sx.children(tok, ("relcl", "acl")):
        for w in [v] + sx.children(v, ("conj",)):
            if sx.lemma(w) != "belong":
                continue
            for pr in w.children:
                if pr.dep_ == "prep" and pr.lower_ == "to":
                    for p in sx.children(pr, ("pobj",)):
                        s, e = _char_span(p, ctx)
                        a = ctx.actor_at(s, e)
                        if a is not None and a.code:
                            return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)
    return None


def _fallback_target(c: _Cand, sent: Sentence, ctx: _Context, src_args) -> EventArgument | None:
    """When the syntax gives no recipient, the nearest other coded actor of the sentence after
    the trigger (else before it), outside the source phrases and any place phrase."""
    taken = [(a.start, a.end) for a in src_args if a is not None]
    head = _light_verb(c.tok) or sx.clause_head(c.tok)
    for t in c.sources:  # nor inside the source's own phrase ("from A, B and C")
        if t is not None and not (t.left_edge.i <= c.tok.i <= t.right_edge.i):
            taken.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
    tpos = c.tok.idx
    best = None
    for a in ctx.actors:
        if not (sent.start <= a.start < sent.end) or not a.code or a.kind == "agent" and False:
            continue
        if any(s < a.end and a.start < e for s, e in taken):
            continue
        if any(sa is not None and sa.code == a.code and sa.name and sa.name == a.name for sa in src_args):
            continue
        tok = ctx.doc.char_span(a.start, a.end, alignment_mode="expand")
        if tok is not None and tok.root.dep_ == "pobj" and tok.root.head.lower_ in ("in", "at", "near"):
            continue
        if tok is not None and a.start >= tpos and not (head.left_edge.i <= tok.root.i <= head.right_edge.i):
            continue  # after the trigger but in another clause ("denied …, however, a UN report …")
        thing = _demanded_thing(c)
        if tok is not None and thing is not None and thing.left_edge.i <= tok.root.i <= thing.right_edge.i \
                and tok.root.i != thing.i and not (tok.root.head.i == thing.i and tok.root.dep_ in ("poss", "compound")) \
                and not (tok.root.dep_ == "pobj" and tok.root.head.lower_ == "from" and tok.root.head.head.i == thing.i):
            continue  # inside what is demanded ("called for the safe zone for refugees")
        if tok is not None and _controller_of_place(tok.root):
            continue  # "… which is territory controlled by the SDF": who holds a place
        if tok is not None and a.start >= tpos and _in_coordinate_clause(tok.root, head):
            continue  # "denied all claims …, however, a UN report concluded" (concluded: conj of denied)
        dist = (0 if a.start >= tpos else 1, abs(a.start - tpos))
        if best is None or dist < best[0]:
            best = (dist, a)
    if best is None:
        return None
    a = best[1]
    return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)


#: How far back (characters of body text) an event noun looks for the act it refers to.
ANAPHOR_WINDOW = 3000


def _anaphor_author(c: _Cand, src_args, ctx: _Context, current: Sequence[Event]) -> EventArgument | None:
    """The author of the earlier act an event-noun target refers back to ("The call was
    seconded by X" → who called; "X declined the request" → who requested): the source of
    the latest event before the noun, within :data:`ANAPHOR_WINDOW`, of a type listed for the
    noun in ``event_anaphors.tsv``, other than the event's own source. ``None`` when the
    noun is not listed, has a possessor of its own, or no such event precedes it."""
    noun = c.target
    types = ctx.lex.anaphors.get(sx.lemma(noun)) if noun.pos_ in ("NOUN",) else None
    if not types or any(ch.dep_ == "poss" for ch in noun.children):
        return None
    own = {a.code for a in src_args if a is not None and a.code}
    best = None
    for ev in list(ctx.events) + list(current):
        if ev.evidence.start >= noun.idx or ev.evidence.start < noun.idx - ANAPHOR_WINDOW:
            continue
        if "*" not in types and ev.plover not in types:
            continue
        if ev.source is None or not ev.source.code or ev.source.code in own:
            continue
        if best is None or ev.evidence.start > best.evidence.start:
            best = ev  # of one act by coordinated actors ("Both he and … Mold urged"), the first
    return best.source if best is not None else None


def _split_coordination(arg: EventArgument | None, ctx: _Context) -> list[EventArgument | None]:
    """An argument phrase that is a coordination of actor mentions the parse did not split
    ("US President Donald Trump and Turkish President Recep Tayyip Erdoğan" read as one noun
    phrase): the coded actors it holds, each a separate argument, in text order."""
    if arg is None or " and " not in arg.text:
        return [arg]
    inner = sorted((a for a in ctx.actors if arg.start <= a.start and a.end <= arg.end and a.code), key=lambda a: a.start)
    parts = []
    for a in inner:
        if parts and a.start < parts[-1].end:
            continue
        parts.append(a)
    if len(parts) < 2 or not all(" and " in ctx.article.body[x.end:y.start] or "," in ctx.article.body[x.end:y.start]
                                 for x, y in zip(parts, parts[1:])):
        return [arg]
    return [EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code) for a in parts]


def _own_government(c: _Cand, src_args, ctx: _Context) -> EventArgument | None:
    """The default recipient of a domestic protest with none in the text: the mention of the
    source country's government (code ``<country> GOV``) nearest to the trigger, in the same
    sentence first, else anywhere in the article before or after it. ``None`` when the source
    has no country or the article never names that government."""
    countries = {a.code.split()[0] for a in src_args if a is not None and a.code and not a.code.startswith(("---", "IGO"))}
    if len(countries) != 1:
        return None
    return _nearest_coded(f"{countries.pop()} {DEFAULT_TARGET_ROLE[c.plover]}", c, ctx)


def _continued_recipient(c: _Cand, src: EventArgument | None, ctx: _Context) -> EventArgument | None:
    """The recipient of an act that names none (or only "it") when the same actor did the
    same type of act to a named recipient just before: "Durbin and Schiff criticized the
    President's power … Schiff called it 'a non-starter'" → the President. The latest earlier
    event of the article (within :data:`ANAPHOR_WINDOW` characters) of the same PLOVER type
    whose source has the same code and resolved name (or whose source's text holds this
    source's text, "Schiff" in "… Representative Adam Schiff"); ``None`` when there is none."""
    if src is None or not src.code or not src.name:
        return None
    best = None
    for ev in ctx.events:
        if ev.plover != c.plover or ev.source is None or ev.source.code != src.code:
            continue
        if ev.source.name != src.name and src.text not in ev.source.text:
            continue  # same actor: same resolved name, or a short name of the earlier mention
        if ev.target is None or not ev.target.code or ev.target.name == src.name:
            continue
        if not (c.tok.idx - ANAPHOR_WINDOW <= ev.evidence.start < c.tok.idx):
            continue
        if best is None or ev.evidence.start > best.evidence.start:
            best = ev
    return best.target if best is not None else None


def _people_of_nation(a: EventArgument | None, ctx: _Context) -> EventArgument | None:
    """A protest by a plural nationality noun ("Serbians protested") is by that nation's
    civilians, not its government (which the actor layer reads "the Saudis said" as): the
    code's role becomes CVL. Other arguments are returned as they are."""
    if a is None or not a.code or not a.code.endswith(" GOV"):
        return a
    span = ctx.doc.char_span(a.start, a.end, alignment_mode="expand")
    if span is None or not any(t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") for t in span):
        return a  # "Serbians", "thousands of Iranians"; not "Iranian officials"
    return replace(a, code=a.code[:-3] + "CVL")


#: Modifiers of a protest noun that name what it opposes ("anti-government protests").
ANTI_GOVERNMENT = {"anti-government", "antigovernment", "anti-regime", "anti-establishment"}
ANTI_TARGETS = {"government", "regime", "establishment"}


def _opposed_government(c: _Cand, ctx: _Context) -> EventArgument | None:
    """The government an "anti-government" protest opposes: the government (role GOV) the
    article mentions most, at its latest mention before the trigger (else its first); ``None``
    when the protest has no such modifier or the article names no government."""
    tok = c.tok
    mods = {ch.lower_ for ch in tok.children if ch.dep_ in ("amod", "compound")}
    # spaCy splits "Anti-government" into "Anti", "-", "government", each a modifier
    anti = bool(mods & ANTI_GOVERNMENT) or ("anti" in mods and bool(mods & ANTI_TARGETS))
    if tok.pos_ != "NOUN" or not anti:
        return None
    govs = [a for a in ctx.actors if a.code and a.role == "GOV" and a.country and a.start >= ctx.article.text_start]
    if not govs:
        return None
    counts: dict[str, int] = {}
    for a in govs:
        counts[a.code] = counts.get(a.code, 0) + 1
    code = max(counts, key=lambda k: (counts[k], -min(a.start for a in govs if a.code == k)))
    mentions = [a for a in govs if a.code == code]
    a = max((m for m in mentions if m.start < tok.idx), key=lambda m: m.start, default=mentions[0])
    return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)


def _default_protester(c: _Cand, ctx: _Context, current: Sequence[Event]) -> EventArgument | None:
    """The source of a protest reported without one: the nearest actor with a role of
    :data:`DEFAULT_SOURCE_ROLES_BY_TYPE` before the trigger in its sentence, else the source of
    the latest earlier event of the same type (within :data:`ANAPHOR_WINDOW` characters) whose
    source has such a role; ``None`` when there is neither."""
    roles = DEFAULT_SOURCE_ROLES_BY_TYPE[c.plover]
    sent = c.tok.sent
    near = [a for a in ctx.actors if sent.start_char <= a.start < c.tok.idx and a.code and a.role in roles]
    if near:
        a = max(near, key=lambda a: a.start)
        return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)
    best = None
    for ev in list(ctx.events) + list(current):
        if ev.plover != c.plover or ev.source is None or not ev.source.code \
                or ev.source.code.split()[-1] not in roles:
            continue
        if not (c.tok.idx - ANAPHOR_WINDOW <= ev.evidence.start < c.tok.idx):
            continue
        if best is None or ev.evidence.start > best.evidence.start:
            best = ev
    return best.source if best is not None else None


def _nearest_coded(want: str, c: _Cand, ctx: _Context) -> EventArgument | None:
    """The actor mention coded ``want`` nearest to the trigger: in its sentence first, else
    anywhere in the article text. ``None`` when the article has no such mention."""
    pos = c.tok.idx
    sent = c.tok.sent
    cands = [a for a in ctx.actors if a.code == want and a.start >= ctx.article.text_start]
    if not cands:
        return None
    a = min(cands, key=lambda a: (not (sent.start_char <= a.start < sent.end_char), abs(a.start - pos)))
    return EventArgument(start=a.start, end=a.end, text=a.text, name=a.name or None, code=a.code)


#: Types whose recipient may be the partner of the act they intend, threaten or refuse
#: ("pledged to send troops to X", "threatened to cut off electricity to X", "refused to meet
#: X"), and the prepositions that name it (default: with, to).
INTENT_PARTNER_TYPES = {"AGREE", "THREATEN", "REJECT"}
INTENT_PARTNER_PREPS = {"THREATEN": ("with", "to", "against", "on"), "REJECT": ("with", "to")}


def _intent_partner(c: _Cand, src_args, ctx: _Context) -> EventArgument | None:
    """The recipient of an intent ("planned to join the AfCFTA", "committing to send troops to
    Saudi Arabia"): the first coded actor that is the object naming an actor, else the with-/
    to-object of the verb of the intended act (the trigger's xcomp) or of its object, else the
    object. Only verbal intents (plan, pledge, commit)
    take one: a stated readiness ("is ready to maintain cooperation with Russia") keeps the
    recipient its own syntax gives. ``None`` if there is none."""
    own = {(a.start, a.code) for a in src_args if a is not None}
    preps = INTENT_PARTNER_PREPS.get(c.plover, ("with", "to"))
    for x in sx.children(c.tok, ("xcomp",)):
        dobjs = sx.children(x, ("dobj",))
        # an object that names an actor comes first; a thing given or broken off ("military
        # aid", "relations") yields to the with-/to-object of the act or of the thing itself
        # ("promised to continue military aid to war-torn Mozambique")
        actorish = [o for o in dobjs if o.ent_type_ in ACTOR_LABELS or o.pos_ in ("PROPN", "PRON")
                    or sx.lemma(o) in AGENT_NOUNS]
        objs = list(actorish)
        objs += [p for pr in x.children if pr.dep_ in ("prep", "dative") and pr.lower_ in preps
                 for p in sx.children(pr, ("pobj",))]
        objs += [p for o in dobjs for pr in o.children
                 if pr.dep_ == "prep" and pr.lower_ in preps for p in sx.children(pr, ("pobj",))]
        objs += [o for o in dobjs if o not in actorish]
        for o in objs:
            if _is_place_noun(o):
                continue  # "offer flights to Cuban cities": a destination, not a partner
            a = _argument(o, ctx)
            if a is not None and a.code and (a.start, a.code) not in own \
                    and not any(_same_actor(sa, a) for sa in src_args):
                return a
    return None


def _first_person(arg: EventArgument | None, ctx: _Context) -> EventArgument | None:
    """A first-person pronoun ("I", "we") inside a quote stands for the quote's speaker
    (quote layer); other arguments are returned unchanged."""
    if arg is None or arg.code or arg.text.lower() not in FIRST_PERSON_FORMS:
        return arg
    return ctx.quote_speaker(arg.start, arg.end) or arg


def _sides(ctx: _Context) -> tuple[EventArgument, EventArgument] | None:
    """The two parties "the sides" stand for: those of the last meeting (CONSULT), else of the
    last agreement between two coded actors."""
    for types in (("CONSULT",), ("AGREE",)):
        for ev in reversed(ctx.events):
            if ev.plover in types and ev.source and ev.target and ev.source.code and ev.target.code:
                return ev.source, ev.target
    return None


# ---------------------------------------------------------------------------------------
# assembling
# ---------------------------------------------------------------------------------------

def _refine_mode(cand: _Cand, words: set[str], lex: Lexicon) -> None:
    for cue in lex.mode_cues:
        if cue.plover == cand.plover and all(w in words for w in cue.lemmas):
            if cand.mode is None or cand.plover in ("ASSAULT", "CONSULT"):
                if cue.mode and plover_tables.is_mode(cand.plover, cue.mode):
                    cand.mode = cue.mode
                # keep a more specific lexicon code of the same root unless the cue is more specific
                if not (cand.cameo[:3] == cue.cameo[:3] and len(cand.cameo) > len(cue.cameo)):
                    cand.cameo = cue.cameo
                cand.notes.append(f'mode cue "{" ".join(cue.lemmas)}"')
            break


def _shift(cand: _Cand, lex: Lexicon) -> bool:
    """Apply the future/intent shift; False if the event is dropped."""
    sh = lex.shifts.get((cand.plover, "future"))
    if sh is None:
        return True
    if sh.to_plover == "drop":
        # "will comply with the request of Prime Minister Boris Johnson": a nominal act with its
        # author named was made already; only the future clause around it is to come
        return cand.tok.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by", "from")) for c in cand.tok.children)
    if sh.to_plover != cand.plover:
        cand.notes.append(f"future {cand.plover} → {sh.to_plover} (PLOVER manual 3.1)")
        cand.shifted_from = cand.plover
        cand.plover = sh.to_plover
        cand.mode = sh.to_mode
        cand.cameo = sh.to_cameo or plover_tables.types()[sh.to_plover].default_cameo
    return True


def _background(tok) -> bool:
    """True when the trigger's clause reports an earlier, undated act as background: a past
    perfect ("They had asked Lam to resign"; not the backshifted content of a report, "said he
    had ordered"), a past-tense relative clause ("protesters who were arrested"), or an
    iterative, prior or durative act, a stative present passive
    (:func:`whimbrel.annotate.timex.aspect.undated_reason`: "Congress has repeatedly denied
    funding", "previous document requests", "after weeks of protests", "The PKK is banned").
    Such an act with no time expression of its own has no date: it is not the publication
    day's news (gold guidelines: background events get their own date, and none when the
    text gives none)."""
    host = tok if sx.is_verbal(tok) else _light_verb(tok)
    if _undated_reason is not None and _undated_reason(tok, host) is not None:
        return True
    if host is None:
        return False
    for h in (host, host.head if host.dep_ == "conj" else None):
        if h is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in h.children) and h.tag_ == "VBN":
            # "said he had ordered": a reported past perfect is the backshifted news itself
            return not (h.dep_ in ("ccomp", "parataxis") and sx.lemma(h.head) in sx.REPORTING)
        if h.dep_ == "relcl" and (h.tag_ == "VBD" or (h.tag_ == "VBN" and any(
                c.dep_ in ("auxpass", "aux") and c.lower_ in ("was", "were") for c in h.children))):
            return True
    return False


try:
    from whimbrel.annotate.timex.aspect import undated_reason as _undated_reason
except ImportError:  # the timex layer is not installed: only the coder's own background rules
    _undated_reason = None


def _tok_range(tokens) -> tuple[int, int]:
    toks = [t for t in tokens if t is not None]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


try:
    from whimbrel.annotate.places import PlaceIndex, actor_geo, event_place
except ImportError:  # the place layer is not installed: the coder's own locative rule
    PlaceIndex = None


def _place(cand: _Cand, sent: Sentence, ctx: _Context) -> dict:
    """The event's place fields (location, action_geo, location_basis) from the place layer
    (:func:`whimbrel.annotate.places.event_place`)."""
    if PlaceIndex is None:
        return {"location": _location(cand, ctx)}
    if ctx.places is None:
        ctx.places = PlaceIndex(ctx.article, ctx.doc)
    loc, geo, basis = event_place(cand.tok, sent, ctx.places)
    return {"location": loc, "action_geo": geo, "location_basis": basis}


def _actor_geos(events: list[Event], ctx: _Context) -> list[Event]:
    if PlaceIndex is None:
        return events
    if ctx.places is None:
        ctx.places = PlaceIndex(ctx.article, ctx.doc)
    return [replace(e, source_geo=actor_geo(e.source, ctx.places),
                                target_geo=actor_geo(e.target, ctx.places)) for e in events]


def _location(cand: _Cand, ctx: _Context) -> Location | None:
    hosts = [cand.tok, sx.clause_head(cand.tok)]
    hosts += [t for t in sx.subtree_in(hosts[1], {"ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp"}) if t not in hosts]
    for h in hosts:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside", "inside"):
                for p in sx.children(c, ("pobj",)):
                    if p.ent_type_ in LOCATION_LABELS:
                        s, e = sx.np_span(p)
                        doc = ctx.doc
                        start = doc[s].idx
                        end = doc[e - 1].idx + len(doc[e - 1].text)
                        # strip a leading article
                        text = ctx.article.body[start:end]
                        if text.lower().startswith("the "):
                            start += 4
                            text = text[4:]
                        a = ctx.actor_at(start, end)
                        return Location(text=text, country=a.country if a else None, start=start, end=end)
    if ctx.article.dateline:
        return Location(text=ctx.article.dateline, country=None)
    return None


def _build(cand: _Cand, sent: Sentence, ctx: _Context, src: EventArgument | None, tgt: EventArgument | None) -> Event:
    art = ctx.article
    toks = [cand.tok]
    light = _light_verb(cand.tok)
    if light is not None:
        toks.append(light)
    for t in cand.sources + [cand.target]:
        if t is not None and sent.start <= t.idx < sent.end:
            s, e = sx.np_span(t)
            toks += [ctx.doc[s], ctx.doc[e - 1]]
    if cand.plover in VERBAL_TYPES or cand.tok.pos_ in ("NOUN", "PROPN"):
        # the content of a verbal act ("assured X *that* ...") and a nominal's own phrase are evidence
        for t in sx.subtree_in(cand.tok, {"relcl", "advcl", "parataxis", "punct", "appos"}):
            toks.append(t)
    toks = [t for t in toks if not t.is_space]
    start, end = _tok_range(toks)
    start, end = max(start, sent.start, art.text_start), min(end, sent.end)
    date, basis = ctx.date_for(start, end, sent, cand.tok)
    date_note = None
    if basis == "dct" and (anch := _anchored_date(cand.tok, ctx)) is not None:
        date, basis, date_note = anch[0], "text", f"date: {anch[1]}"
    elif basis == "dct" and _background(cand.tok):
        date, basis, date_note = None, "none", "date: none, undated background"
    elif basis == "dct" and (cont := _continued_date(cand.tok, src, tgt, cand.plover, sent, ctx)) is not None:
        date, basis, date_note = cont[0], "text", f"date: {cont[1]}"
    code = cameo_tables.lookup(cand.cameo)
    conf = cand.confidence + (0.05 if src is not None and src.code else -0.1) + (0.03 if tgt is not None and tgt.code else 0)
    rule = cand.rule + ("; " + "; ".join(cand.notes) if cand.notes else "")
    rule += f"; {date_note}" if date_note else ""
    return Event(
        plover=cand.plover,
        evidence=Span(start, end, art.body[start:end]),
        sentence=sent,
        mode=cand.mode if cand.mode and plover_tables.is_mode(cand.plover, cand.mode) else None,
        cameo=code.code,
        cameo_root=code.root,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        source=src,
        target=tgt,
        date=date,
        date_basis=basis,
        **_place(cand, sent, ctx),
        cue=cand.tok.text if light is None else f"{light.text} … {cand.tok.text}",
        rule=rule,
        confidence=round(max(0.05, min(0.95, conf)), 3),
        producer=PRODUCER,
    )


def _demand_rule(span, ctx: _Context, taken: set[int]) -> list[_Cand]:
    """Reported must/should/need-to clauses addressed to another actor → REQUEST."""
    out = []
    for v in span:
        if v.pos_ not in ("VERB", "AUX") or v.i in taken:
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in sx.DEMAND_AUX for c in v.children)
        if not modal and v.dep_ == "xcomp" and sx.lemma(v.head) in ("need", "have") and v.head.pos_ == "VERB":
            modal = True
            v_subj_host = v.head
        else:
            v_subj_host = v
        if not modal:
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
            continue
        subj = sx.children(v_subj_host, ("nsubj",))
        if subj and subj[0].pos_ != "PRON" and subj[0].ent_type_ not in ACTOR_LABELS and sx.lemma(subj[0]) not in AGENT_NOUNS:
            continue
        if not subj or subj[0].lower_ in sx.FIRST_PERSON or subj[0].lower_ in ("it", "there", "this", "that", "which", "who"):
            continue
        if sx.lemma(v) in ("be", "have"):
            continue  # "they should not be mandatory", "you should have the freedom": a state, no act
        if any(c.dep_ == "aux" and c.lower_ in sx.DEMAND_AUX and any(x.i > c.i for x in subj) for c in v.children):
            continue  # "should Pierluisi remain unconfirmed": a condition, not a demand
        if _modality(v) in ("question", "hypothetical"):
            continue  # a demand under a condition stays a demand ("if the goal is peace …, then
            # foreign powers should get out", dev gold)
        speaker = _reporting_subject(v)
        if speaker is None or _negated(speaker.head):
            continue
        if speaker.i == subj[0].i:
            continue
        own, other = _argument(speaker, ctx), _argument(subj[0], ctx)
        if own is not None and other is not None and own.code and own.code == other.code:
            continue  # "Johnson stated that Britain must leave": a commitment, no demand on another
        c = _Cand(tok=v, entry=None, plover="REQUEST", mode=None, cameo="100",
                  rule=f'rule:demand "{v.text}" with must/should/need in reported speech → REQUEST 100',
                  confidence=0.5, sources=[_fix_pronoun(speaker, v)], target=_fix_pronoun(subj[0], v))
        out.append(c)
    return out


def code_sentence(sent: Sentence, ctx: _Context) -> list[Event]:
    """Code one body sentence (which must be parsed in ``ctx.doc``); returns its events."""
    art, doc, lex = ctx.article, ctx.doc, ctx.lex
    text = art.body[sent.start:sent.end]
    if not lex.is_candidate(text):
        return []
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    if text.rstrip().rstrip("\"'”’)").endswith("?"):
        return []
    matches: dict[int, LexEntry] = {}
    for tok in span:
        if tok.ent_type_ in NAME_LABELS:
            continue  # part of a name or date, not an act: "March 28", "Organisation of Islamic Cooperation"
        e = _match(tok, ctx)
        if e is not None:
            matches[tok.i] = e
    cands: list[_Cand] = []
    inner_by_outer: dict[int, list[tuple[object, LexEntry]]] = {}
    obliged: set[int] = set()
    for i, entry in matches.items():
        tok = doc[i]
        # content of another trigger?
        suppressed = False
        t, prev = tok, None
        while t.head != t:
            prev, t = t, t.head
            if prev.dep_ == "conj" and sx.is_verbal(prev) and (
                    sx.children(prev, ("nsubj", "nsubjpass")) or sx.children(t, ("nsubj", "nsubjpass"))):
                break  # a coordinated finite clause is an act of its own
            if prev.dep_ == "pobj" and t.dep_ == "prep" and t.lower_ in NON_CONTENT_PREPS:
                break  # "suspended after last week's protests": a separate event
            if prev.i == tok.i and prev.dep_ == "relcl" and sx.is_verbal(prev) and any(
                    x.lower_ not in ("that", "which", "who", "whom") for x in sx.children(prev, ("nsubj", "nsubjpass"))):
                break  # "met … for an AU summit where Buhari … signed the AfCFTA": an act of its own
            if t.i in matches:
                outer = matches[t.i]
                if outer.plover == entry.plover or outer.plover in VERBAL_TYPES or outer.plover == "CONSULT":
                    suppressed = True
                    inner_by_outer.setdefault(t.i, []).append((tok, entry))
                break
            if sx.is_verbal(t) and sx.lemma(t) in sx.REPORTING:
                break  # the content of a report is asserted
        if suppressed:
            continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for", "on", "to") \
                and sx.lemma(tok.head.head) in IRREALIS_HEADS:
            continue
        if tok.pos_ in ("NOUN", "PROPN") and sx.lemma(tok.head) in IRREALIS_HEADS and tok.dep_ in ("compound",):
            continue
        if tok.dep_ in ("acl", "relcl", "xcomp") and sx.lemma(tok.head) in IRREALIS_HEADS:
            continue
        if entry.pos == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and sx.lemma(tok.head) in IRREALIS_GOVERNORS:
            continue
        if entry.pos == "VERB" and tok.dep_ == "amod":
            continue  # participial adjective: "alleged misconduct", "a banned organization"
        if entry.plover in ("ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST") and tok.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "auxpass" for c in tok.children) and not sx.children(tok, ("agent",)):
            continue  # "people who had been accused of crimes": no one to code as source
        if entry.plover in ("ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST") and tok.dep_ in ("acl", "advcl") \
                and tok.tag_ == "VBN" and not sx.children(tok, ("agent", "nsubj", "nsubjpass")):
            continue  # "anyone accused of a crime", "When asked to clarify …": a reduced passive
        if _negated(tok):
            continue
        modality = _modality(tok)
        if modality == "obligation":
            obliged.add(i)  # "Ukraine must withdraw": left to the demand rule
        if modality in ("hypothetical", "conditional", "question", "obligation"):
            continue
        c = _Cand(tok=tok, entry=entry, plover=entry.plover, mode=entry.mode, cameo=entry.cameo,
                  rule=entry.describe(), confidence=entry.confidence, future=modality == "future")
        if c.future and not _shift(c, lex):
            continue
        # nominal anaphora: a definite nominal restating an event type already coded is not new
        is_nominal = tok.pos_ in ("NOUN", "PROPN", "ADJ")
        if is_nominal and tok.pos_ != "ADJ":
            definite = any(ch.dep_ == "det" and ch.lower_ in ("the", "this", "these", "those", "that") for ch in tok.children)
            if definite and c.plover in ctx.seen_nominal_types and not any(ch.dep_ in ("poss",) for ch in tok.children):
                continue
        # arguments
        if is_nominal and tok.pos_ != "ADJ" and ("attr-subj", "") in entry.targets and tok.dep_ == "attr":
            src = _reporting_subject(tok)  # "X said the group are the suspected perpetrators"
        elif is_nominal and tok.pos_ != "ADJ" and _between(tok) is not None:
            src = _between(tok)[0]  # "a meeting between A and B": A meets B (symmetric: A first)
        elif is_nominal and tok.pos_ != "ADJ":
            src = _nominal_source(tok, movement=entry.plover in MOVEMENT_TYPES,
                                  agentive_of=entry.plover in AGENTIVE_OF_TYPES,
                                  material=entry.plover not in SPEAKER_ACTS)
        else:
            host = tok if tok.pos_ in ("VERB", "AUX") else sx.clause_head(tok)
            src = _subject(host)
        if not isinstance(src, _MultiSubject):
            src = _fix_pronoun(src, tok)
        tgt = _fix_pronoun(_find_target(tok, entry, src[0] if isinstance(src, _MultiSubject) else src), tok)
        if isinstance(src, _MultiSubject):
            c.sources = [x for m in src for x in sx.conjuncts(m)]
            src = src[0]
        else:
            c.sources = sx.conjuncts(src) if src is not None else []
        c.target = tgt
        if c.shifted_from and c.plover in VOICED_SHIFTS and not _voiced(c, ctx):
            continue  # a prediction of another actor's act, or an act with no actor
        cands.append(c)
    # outer intent/demand acts take the recipient and AGREE code of their content
    for c in cands:
        inner = inner_by_outer.get(c.tok.i, [])
        for itok, ientry in inner:
            if c.target is None:
                t = _find_target(itok, ientry, c.sources[0] if c.sources else None)
                if t is not None:
                    c.target = _fix_pronoun(t, itok)
            if c.plover == "AGREE" and c.cameo == "030":
                sh = lex.shifts.get((ientry.plover, "future"))
                if sh and sh.to_plover == "AGREE" and sh.to_cameo:
                    c.cameo = sh.to_cameo
                    c.notes.append(f'content "{itok.text}" → AGREE {sh.to_cameo}')
                elif sh and sh.to_plover == "THREATEN" and sx.lemma(c.tok) in COMMISSIVES:
                    # "vowed to attack": a vow of force is a threat (PLOVER manual 3.1, CAMEO 13x)
                    c.plover, c.mode = "THREATEN", sh.to_mode
                    c.cameo = sh.to_cameo or plover_tables.types()["THREATEN"].default_cameo
                    c.notes.append(f'content "{itok.text}" → THREATEN {c.cameo}')
            break
    taken = {c.tok.i for c in cands} | (set(matches) - obliged)
    cands += _demand_rule(span, ctx, taken)

    events: list[Event] = []
    for c in cands:
        words = {sx.lemma(t) for t in sx.subtree_in(c.tok, {"ccomp", "advcl", "relcl", "parataxis"})}
        words |= {sx.lemma(t) for t in c.sources if t is not None}
        light = _light_verb(c.tok)
        if light is not None:
            words |= {sx.lemma(t) for t in sx.subtree_in(light, {"ccomp", "advcl", "relcl", "parataxis"})}
        _refine_mode(c, words, lex)
        tgt_arg = _argument(c.target, ctx) if c.target is not None else None
        thing = _demanded_thing(c)
        if thing is not None and c.target is not None and c.target.i == thing.i:
            tgt_arg = _owner_of_thing(thing, ctx)  # "called for G7 action" → G7; "called for records relating to …" → none
        if c.plover in PLACE_IS_NO_RECIPIENT and _is_place_noun(c.target):
            tgt_arg = None  # "deploying into previously SDF controlled territory": where, not whom
            c.notes.append(f'"{c.target.text}" is a place, no recipient')
        srcs = c.sources
        src_args: list[EventArgument | None]
        if srcs and sx.lemma(srcs[0]) in SIDES and c.plover in SYMMETRIC and tgt_arg is None:
            sides = _sides(ctx)
            if sides:
                c.notes.append("the sides = the parties of the last meeting")
                events.append(_build(c, sent, ctx, sides[0], sides[1]))
                continue
        src_args = [_argument(s, ctx) for s in srcs] or [None]
        src_args = [x for a in src_args for x in _split_coordination(a, ctx)]
        src_args = [_first_person(a, ctx) for a in src_args]
        tgt_arg = _first_person(tgt_arg, ctx)
        if tgt_arg is not None and any(a is not None and a.start == tgt_arg.start for a in src_args):
            tgt_arg = None  # one mention cannot be both sides ("Erdoğan said, 'They need …'")
        if len(src_args) == 1 and (src_args[0] is None or not src_args[0].code) and c.plover in SPEAKER_ACTS:
            spk = _reporting_subject(c.tok)
            alt = _argument(_fix_pronoun(spk, c.tok), ctx) if spk is not None else None
            if alt is not None and alt.code and (tgt_arg is None or alt.start != tgt_arg.start):
                src_args = [alt]
                c.notes.append("source: the speaker of the report")
        if c.shifted_from == "RETREAT" and c.plover == "CONCEDE":
            # an announced withdrawal is a concession by whoever announces it (gold guidelines,
            # PLOVER manual 3.4); the place left is no recipient
            tgt_arg = None
            spk = _reporting_subject(c.tok)
            alt = _argument(_fix_pronoun(spk, c.tok), ctx) if spk is not None else None
            if alt is not None and alt.code:
                src_args = [alt]
                c.notes.append("source: who announced the withdrawal")
        if c.plover in INTENT_PARTNER_TYPES and (tgt_arg is None or not tgt_arg.code) and c.tok.pos_ in ("VERB", "AUX"):
            partner = _intent_partner(c, src_args, ctx)
            if partner is not None:
                tgt_arg = partner
                c.notes.append("recipient: the partner of the intended act")
        if c.target is not None and (tgt_arg is None or not tgt_arg.code):
            author = _anaphor_author(c, src_args, ctx, events)
            if author is not None:
                tgt_arg = author
                c.notes.append(f'recipient: the author of the earlier act "{c.target.text}" refers to')
        if (tgt_arg is None or not tgt_arg.code) and c.plover in DYADIC:
            fb = _fallback_target(c, sent, ctx, src_args)
            if fb is not None:
                tgt_arg = fb
                c.notes.append("recipient: the other actor of the sentence")
        if c.plover == "PROTEST" and (tgt_arg is None or not tgt_arg.code):
            opposed = _opposed_government(c, ctx)
            if opposed is not None:
                tgt_arg = opposed
                c.notes.append('recipient: the government an "anti-government" protest is against')
        if c.plover in DEFAULT_SOURCE_ROLES_BY_TYPE and len(src_args) == 1 and (src_args[0] is None or not src_args[0].code):
            dflt = _default_protester(c, ctx, events)
            if dflt is None and c.plover == "PROTEST" and tgt_arg is not None and tgt_arg.code \
                    and tgt_arg.code.split()[0] not in ("---", "IGO") and c.tok.pos_ == "NOUN":
                # "Anti-government protests have been taking place": the protest noun itself
                # stands for its protesters, the opposed government's civilians
                dflt = EventArgument(start=c.tok.idx, end=c.tok.idx + len(c.tok.text), text=c.tok.text,
                                     name=None, code=f"{tgt_arg.code.split()[0]} CVL")
            if dflt is not None:
                src_args = [dflt]
                c.confidence -= 0.05  # an inferred source earns no confidence (see _build)
                c.notes.append("source: the protesters the text names (in the sentence, else of the last "
                               "protest, else the opposed government's civilians)")
        if (tgt_arg is None or not tgt_arg.code) and c.plover == "ASSAULT":
            victim = _victims_of_frame(c.tok)
            v_arg = _argument(victim, ctx) if victim is not None else None
            if v_arg is not None and v_arg.code and not any(_same_actor(a, v_arg) for a in src_args):
                tgt_arg = v_arg
                c.notes.append(f'recipient: "{victim.text}", whom the act\'s clause says it hit')
        if (tgt_arg is None or not tgt_arg.code) and c.plover in OPPOSED_TYPES:
            opp = _against_object(c.tok)
            opp_arg = _argument(opp, ctx) if opp is not None else None
            if opp_arg is not None and opp_arg.code and not any(_same_actor(a, opp_arg) for a in src_args):
                tgt_arg = opp_arg
                c.notes.append(f'recipient: the opponent "against" {opp.text} in the clause chain')
        if (tgt_arg is None or not tgt_arg.code) and c.plover in DYADIC:
            # coordinated sources ("Both he and … Mold urged …") share the act: the first whose
            # previous act of this type named a recipient lends it
            prior = next((r for r in (_continued_recipient(c, a, ctx) for a in src_args) if r is not None), None)
            if prior is not None:
                tgt_arg = prior
                c.notes.append("recipient: that of the source's previous act of this type")
        if c.plover == "PROTEST":
            src_args = [_people_of_nation(a, ctx) for a in src_args]
        if (tgt_arg is None or (not tgt_arg.code and c.target is not None and c.target.pos_ == "PRON")) \
                and c.plover in DEFAULT_TARGET_ROLE and (
                c.plover not in DEFAULT_TARGET_SOURCE_ROLES
                or all(a is not None and a.code and a.code.split()[-1] in DEFAULT_TARGET_SOURCE_ROLES[c.plover]
                       for a in src_args)):
            dflt = _own_government(c, src_args, ctx)
            if dflt is not None:
                tgt_arg = dflt
                c.confidence -= 0.03  # an inferred recipient earns no confidence (see _build)
                c.notes.append(f"recipient: the source country's {DEFAULT_TARGET_ROLE[c.plover]} (PLOVER manual: protest target)")
        if len(src_args) == 1 and src_args[0] is None and tgt_arg is not None and tgt_arg.code \
                and c.cameo[:3] in DEFAULT_SOURCE_ROLE:
            dflt = _nearest_coded(f"{tgt_arg.code.split()[0]} {DEFAULT_SOURCE_ROLE[c.cameo[:3]]}", c, ctx)
            if dflt is not None:
                src_args = [dflt]
                c.confidence -= 0.05  # an inferred source earns no confidence (see _build)
                c.notes.append("source: the authorities of the target's country (CAMEO 173 arrest)")
        if c.plover in SYMMETRIC and tgt_arg is None and len(src_args) >= 2:
            c.notes.append("symmetric act of coordinated actors coded once")
            events.append(_build(c, sent, ctx, src_args[0], src_args[1]))
            continue
        for sa in src_args:
            events.append(_build(c, sent, ctx, sa, None if _pronoun_for_source(sa, tgt_arg) else tgt_arg))
    events = [_inherit_date(ev, ctx) for ev in _dedupe(events, art.body)
              if not (ev.plover == "AGREE" and ev.source is None)]  # an intent needs its holder
    for ev in events:
        ctx.seen_nominal_types.add(ev.plover)
    return events


#: prepositions that place an act relative to another event ("Shortly before the conversation")
_RELATIVE_TO = ("before", "after", "following")


def _anchored_date(tok, ctx: _Context) -> tuple[str, str] | None:
    """The date of the earlier event an undated act is placed against, as ``(ISO date,
    reason)`` (basis "text"), or ``None``.

    "Shortly before the conversation, Trump had ordered his staff to delay ... aid": a
    "before"/"after"/"following" phrase on the act's verb whose object is a definite noun
    naming an event (an event noun of the lexicon: *conversation* → CONSULT) refers to an
    event the article told already; the latest such event of the same or the previous
    paragraph with a date from the text gives the date, at its precision (gold: the act of
    "shortly before" a July call is dated July).
    """
    host = tok if sx.is_verbal(tok) else (_light_verb(tok) or sx.clause_head(tok))
    if host is None:
        return None
    hosts = [host]
    while hosts[-1].dep_ in ("xcomp", "conj") and hosts[-1].head is not hosts[-1]:
        hosts.append(hosts[-1].head)  # "ordered his staff to delay": the phrase is on "ordered"
    lo = _episode_start(host.idx, ctx)
    for c in (c for h in hosts for c in h.children):
        if c.dep_ != "prep" or c.lower_ not in _RELATIVE_TO:
            continue
        for n in sx.children(c, ("pobj",)):
            if n is tok or not any(d.dep_ in ("det", "poss") and d.lower_ not in ("a", "an") for d in n.children):
                continue
            types = {e.plover for e in ctx.lex.candidates(sx.lemma(n)) if e.pos == "NOUN"}
            for o in reversed(ctx.events):
                if o.evidence.start < lo:
                    break
                if o.plover in types and o.date_basis == "text" and o.date:
                    return o.date, f'"{c.text} the {n.text}": the {o.plover} event at {o.evidence.start} ({o.cue})'
    return None


def _named_alike(a: EventArgument | None, b: EventArgument | None) -> bool:
    """For the date rules: two arguments name the same actor: equal resolved names, or the
    resolved name of one
    inside the other's mention ("Adam Schiff" in "incoming chair of the House Intelligence
    Committee Represenative Adam Schiff"); case-insensitive."""
    if a is None or b is None:
        return False
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return True
    return any(x.name and len(x.name) > 3 and re.search(rf"\b{re.escape(x.name.casefold())}\b", y.text.casefold())
               for x, y in ((a, b), (b, a)))


def _country(arg: EventArgument | None) -> str | None:
    return arg.code.split()[0] if arg is not None and arg.code else None


def _continued_date(tok, src: EventArgument | None, tgt: EventArgument | None, plover: str,
                    sent: Sentence, ctx: _Context) -> tuple[str, str] | None:
    """The date of the episode an undated act continues, as ``(ISO date, reason)`` (the
    caller sets basis ``"text"``), or ``None``.

    A past-tense act (or a present one inside a direct quote: the speaker's present is the
    time of speaking) with no time expression of its own continues the most recent dated
    event (``date_basis`` "text") of the same or the previous paragraph when

    * **the same actor** acts again: its source is the source of that event ("Durbin and
      Schiff both yesterday questioned ...  Schiff called it 'a non-starter'"; "I asked John
      for his resignation, which was given to me this morning. I thank John ..."), or
    * **the same event** is told again: same PLOVER type, the same target (or one not
      known), sources of the same country ("Germany on Monday banned Mahan Air ... The Federal Aviation Office of Germany
      has suspended Mahan's permit"), or
    * **the story goes on** in the narrator's simple past (VBD, not inside a quote) after an
      act dated to a day in the two weeks before publication: "On Wednesday, an assembly of
      foreign ministers in Cairo denounced ... The Italian foreign minister joined the talks"
      is Wednesday, not the publication day (GDELT's known fault is dating events by the
      report). An earlier background date ("the November 27 deal") does not carry over.

    Not continued: a sentence holding a time expression (it has its own time frame, even when
    that expression dates another part: "a deposition request, scheduled for this week"), and
    not from an event inside a direct quote other than the act's own (a quoted speaker's
    story is not the narrator's: "The WH statement tonight on Syria after Trump spoke with
    Erdogan", quoted from McGurk, does not date Trump's next tweet).

    Reactions of other actors ("The call was quickly seconded by Merkel") are not continued:
    the gold dates them by the publication date. A lede-date fallback for every undated
    event was measured to cost basis accuracy (see :mod:`whimbrel.annotate.timex.govern`).
    """
    host = tok if sx.is_verbal(tok) else _light_verb(tok)
    if host is None:
        return None  # a nominal that is no act of its clause ("dropped from the list of demands")
    from whimbrel.annotate.timex.tense import verb_tense  # noqa: PLC0415

    if any(sent.start <= t.start < sent.end for t in ctx.timexes if t.value):
        return None  # the sentence has its own time frame ("a deposition request, scheduled for this week")
    tense = verb_tense(host)

    def quote_of(pos: int):
        return next((q for q in ctx.quotes if q.kind == "direct" and q.start <= pos < q.end), None)

    in_quote = quote_of(tok.idx)
    if not (tense == "past" or (tense == "present" and in_quote is not None)):
        return None
    lo = _episode_start(sent.start, ctx)
    for o in reversed(ctx.events):
        if o.evidence.start < lo:
            break
        q = quote_of(o.evidence.start)
        if o.date_basis != "text" or o.date is None or (q is not None and q is not in_quote):
            continue  # another speaker's quoted story is not the narrator's
        if tense == "past" and in_quote is None and host.tag_ == "VBD" and _recent_day(o.date, ctx):
            return o.date, f"the story's dated act at {o.evidence.start} ({o.cue})"
        same_actor = _named_alike(src, o.source)
        same_event = (o.plover == plover and (tgt is None or o.target is None or _named_alike(tgt, o.target))
                      and _country(src) is not None and _country(src) == _country(o.source))
        if same_actor or same_event:
            how = "the same actor's" if same_actor else "the same event's"
            return o.date, f"{how} dated act at {o.evidence.start} ({o.cue})"
    return None


def _recent_day(value: str | None, ctx: _Context, days: int = 14) -> bool:
    """Whether ``value`` is a day (ISO date) at most ``days`` before the publication date:
    the news the article reports, not background ("the November 27 deal")."""
    dct = ctx.article.dct
    if not value or dct is None or not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return False
    return 0 <= (dct - d).days <= days


def _episode_start(pos: int, ctx: _Context) -> int:
    """Where the episode around body offset ``pos`` starts for the date rules: the start of
    the previous paragraph (the same paragraph's when it is the first)."""
    paras = list(ctx.article.paragraphs)
    here = next((i for i, (a, b) in enumerate(paras) if a <= pos < b), None)
    return paras[max(0, here - 1)][0] if here is not None else pos


def _inherit_date(ev: Event, ctx: _Context) -> Event:
    """An undated event between the two parties of an earlier dated meeting (same pair of
    actor codes) continues that meeting's story and takes its date ("The sides also agreed")
    while the story stays with them: before the previous paragraph, an event with another
    actor ends the search ("Trump had a phone conversation with Erdoğan", then the SDF, a
    Turkish statement and McGurk: Trump's later tweet is another episode)."""
    if ev.date_basis == "text" or ev.source is None or ev.target is None or not ev.source.code or not ev.target.code:
        return ev
    pair = {ev.source.code, ev.target.code}
    lo = _episode_start(ev.sentence.start, ctx)
    for o in reversed(ctx.events):
        if o.evidence.start < lo and any(a is not None and a.code and a.code not in pair for a in (o.source, o.target)):
            break
        if o.plover == "CONSULT" and o.date_basis == "text" and o.source and o.target and {o.source.code, o.target.code} == pair:
            return replace(ev, date=o.date, date_basis="text", rule=(ev.rule or "") + "; date of the parties' meeting")
    return ev


def _key(arg: EventArgument | None):
    if arg is None:
        return None
    return arg.code or arg.text.lower()


def _compatible(a: EventArgument | None, b: EventArgument | None) -> bool:
    """Two argument slots can be the same actor: equal codes/texts, or one unknown."""
    if a is None or b is None or a.code is None or b.code is None:
        return True
    if a.name and b.name and a.name != b.name:
        return False
    return a.code == b.code


def _dedupe(events: list[Event], body: str) -> list[Event]:
    """One event per (type, source, target) in a sentence: events of the same type whose
    arguments are compatible (equal, or one side unknown) merge — the merged event keeps the
    known arguments and the joined evidence span."""
    out: list[Event] = []
    for ev in sorted(events, key=lambda e: (e.target is None, e.source is None, -e.confidence)):
        dup = None
        for o in out:
            if o.plover == ev.plover and _compatible(o.source, ev.source) and _compatible(o.target, ev.target):
                dup = o
                break
        if dup is None:
            out.append(ev)
            continue
        s, e = min(dup.evidence.start, ev.evidence.start), max(dup.evidence.end, ev.evidence.end)
        src = dup.source if dup.source is not None and dup.source.code else (ev.source if ev.source is not None and ev.source.code else dup.source or ev.source)
        tgt = dup.target if dup.target is not None and dup.target.code else (ev.target if ev.target is not None and ev.target.code else dup.target or ev.target)
        if src is not None and tgt is not None and src.code and src.code == tgt.code and src.start == tgt.start:
            tgt = dup.target
        out[out.index(dup)] = replace(dup, evidence=Span(s, e, body[s:e]), source=src, target=tgt)
    return sorted(out, key=lambda e: (e.evidence.start, e.plover))


def find_events(article: Article, doc, *, actors: Sequence[Actor], timexes: Sequence[TimeExpression],
                lexicon: Lexicon | None = None, quotes: Sequence[Quote] = ()) -> list[Event]:
    """Code the PLOVER/CAMEO events of an article's body.

    ``doc`` is the spaCy ``Doc`` over ``article.body`` (Doc character offsets = body offsets;
    the dateline prefix blanked). Only sentences of ``article.sentences`` (or ``doc.sents``)
    that start at or after ``article.text_start`` are coded — never the title or dateline —
    and of those only the ones passing the lexical prefilter
    (:func:`whimbrel.annotate.events.lexicon.candidate_sentences`) need a dependency parse,
    POS tags and lemmas; NER labels are used when present.

    ``actors`` are the actor mentions of :func:`whimbrel.annotate.actors.find_actors` and
    ``timexes`` the time expressions of the time layer; ``quotes`` (optional) the quotes of
    :func:`whimbrel.annotate.quotes.find_quotes` with resolved speakers: a first-person
    pronoun argument inside a quote becomes its speaker. Returns events in text order, each with
    ``[start, end)`` body offsets for evidence, sentence and arguments, CAMEO code/root,
    QuadClass and Goldstein score from ``ontology/data/cameo_codes.tsv``, an ISO 8601 ``date``
    with ``date_basis`` "text" or "dct", and ``rule``/``cue``/``confidence`` explaining it.
    """
    lex = lexicon or load_lexicon()
    ctx = _Context(article, doc, actors, timexes, lex, quotes)
    out: list[Event] = []
    for sent in ctx.sentences:
        if sent.end <= article.text_start:
            continue
        if sent.start < article.text_start:
            sent = Sentence(article.text_start, sent.end)
        evs = code_sentence(sent, ctx)
        ctx.events.extend(evs)
        out.extend(evs)
    return _actor_geos(_concession_parties(_attribute_claims(out, ctx), ctx.article.paragraphs), ctx)


#: Types whose source makes the demands a concession yields to (PLOVER manual draft 0.8,
#: CONCEDE: "yield to demands"; the recipient of a concession is who demanded it).
DEMANDING_TYPES = ("PROTEST", "REQUEST")


def _concession_parties(events: list[Event], paragraphs: Sequence[tuple[int, int]] = ()) -> list[Event]:
    """A concession with no recipient yields to the protest or demand made of its source's
    country nearest to it (before it within :data:`ANAPHOR_WINDOW` characters, or after it in
    its paragraph): "her government will withdraw a proposed bill … This was one of the five
    demands of the protesters" → the protesters. A concession with no source either ("The
    bill was suspended after last week's protests") yields to a protest or demand of its own
    sentence, and is made by that act's recipient. ``paragraphs``: ``[start, end)`` body
    offsets of the article's paragraphs."""

    def para(pos: int) -> int:
        return next((k for k, (a, b) in enumerate(paragraphs) if a <= pos < b), -1)

    out = []
    for e in events:
        if e.plover == "CONCEDE" and (e.target is None or not e.target.code):
            has_src = e.source is not None and bool(e.source.code)
            best = None
            for d in events:
                if d.plover not in DEMANDING_TYPES or d.source is None or not d.source.code \
                        or d.target is None or not d.target.code:
                    continue
                if has_src:
                    if d.target.code.split()[0] != e.source.code.split()[0] or d.source.code == e.source.code:
                        continue
                    if not (0 <= e.evidence.start - d.evidence.start <= ANAPHOR_WINDOW
                            or (d.evidence.start > e.evidence.start and para(d.evidence.start) == para(e.evidence.start))):
                        continue
                elif d.sentence != e.sentence:
                    continue
                dist = abs(d.evidence.start - e.evidence.start)
                if best is None or dist < best[0]:
                    best = (dist, d)
            if best is not None:
                d = best[1]
                e = replace(e, target=d.source, source=e.source if has_src else d.target,
                            rule=(e.rule or "") + f"; recipient: the author of the {d.plover.lower()} it yields to")
        out.append(e)
    return out


#: Sentences that may attribute an attack: "X claimed responsibility", "the attack was claimed
#: by X", "an attack reportedly conducted by X".
_CLAIM_TEXT = re.compile(r"\b(responsib\w*|claimed by|conducted by|carried out by)\b", re.IGNORECASE)
#: Verbs whose by-agent (passive) performed the act they modify.
_PERPETRATE = {"claim", "conduct", "carry", "perpetrate", "launch", "stage"}


def _claimants(ctx: _Context) -> list[EventArgument]:
    """Coded actors the article names as perpetrators of an attack: the subject of "claimed
    responsibility", the agent of "was claimed/conducted/carried out by"."""
    out = []
    for sent in ctx.sentences:
        if sent.end <= ctx.article.text_start or not _CLAIM_TEXT.search(ctx.article.body[sent.start:sent.end]):
            continue
        span = ctx.doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            lem = sx.lemma(t)
            who = None
            if lem in ("claim", "accept", "take", "admit") and any(
                    sx.lemma(o) == "responsibility" for o in sx.children(t, ("dobj",))):
                who = _subject(t)
            elif lem in _PERPETRATE and t.pos_ == "VERB":
                agents = [p for a in sx.children(t, ("agent",)) for p in sx.children(a, ("pobj",))]
                who = agents[0] if agents else None
            if who is None or isinstance(who, _MultiSubject):
                continue
            arg = _argument(_fix_pronoun(who, t), ctx)
            if arg is not None and arg.code:
                out.append(arg)
    return out


def _attribute_claims(events: list[Event], ctx: _Context) -> list[Event]:
    """An attack reported without a known perpetrator ("Dozens died in the attack", "Khashoggi
    was murdered") takes the actor the article says claimed or carried it out (CAMEO/PLOVER code
    the perpetrator as source; when several are named, the one nearest the attack)."""
    if not any(e.plover == "ASSAULT" and (e.source is None or not e.source.code) for e in events):
        return events
    claims = _claimants(ctx)
    if not claims:
        return events
    out = []
    for e in events:
        if e.plover == "ASSAULT" and (e.source is None or not e.source.code):
            c = min(claims, key=lambda a: abs(a.start - e.evidence.start))
            if e.target is None or e.target.code != c.code:
                e = replace(e, source=c, rule=(e.rule or "") + "; source: the actor the article says carried it out")
        out.append(e)
    return out


__all__ = ["PRODUCER", "code_sentence", "find_events"]
