"""Place layer: every toponym of the body, the dateline included, resolved to a gazetteer
place (GeoNames id, name, feature, country ISO3 + FIPS, ADM1, coordinates).

Contract: requires ``entities`` and ``actors``; assigns ``places``.

How a toponym is found: the dateline; every GPE/LOC entity; any other capitalised name that
stands after a locative preposition ("in Douma") and is a gazetteer name. "Istanbul, Turkey"
is two toponyms. Qualifiers ("north-eastern Syria") are stripped before the lookup
(``annotate/data/place_words.tsv``).

How it is resolved (:func:`resolve`): each candidate place of the name scores

* a prior: a country 9, a first-order division 7, a curated sea or region 8, a city
  log10(population); a capital of its country (the country table's capitals) +2.5; a match
  on an alternate name only −1.5;
* the article's context: +3 × the share of the article's country evidence (toponyms with
  one country, the dateline counted twice, actors' countries half) that is the candidate's
  country; a first-order division in which the article names other places +2;
* its containing place: "Douma, near Damascus", "Paris, Texas", "Istanbul, Turkey",
  "Turkey's largest city of Istanbul", "the Syrian town of Douma": +10 when the candidate
  lies in it, −10 when not;
* a feature word: "the state of Georgia", "Washington state" +3 for a division; "the city
  of X" +2 for a city.

``rule`` names what decided (``only`` one candidate, ``container``, ``context``, ``prior``),
``score`` the winner's score. A toponym that an actor mention covers as a state actor ("Beijing
said") is marked ``stands_for="government"``: it is a place, but not where anything happened.

:func:`locate_event` picks an event's place from these (``location_basis``): ``clause`` (a
locative of the event's clause: "met in Niamey", "in Turkey's largest city of Istanbul"; the
trigger's or its act-noun subject's place modifier: "the Raqqa battle", "a Kabul car bombing
killed"; the object of a verb of going or acting on a place: "leaving Syria", "withdraw …
from Syria"), ``sentence`` (a locative elsewhere in its sentence), ``episode`` (the place a
nearby sentence sets: the last locative of the paragraph or the one before, or for an event
of the lead a later lead sentence that says where it "took place" or "was held"),
``dateline``, ``article`` (no dateline: the country the article's toponyms name most, see
:func:`_topic_place`); else none. A toponym that stands for a government is never the
clause's or sentence's place ("Washington imposed sanctions").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whimbrel.model import Actor, Article, EventArgument, Geo, Location, Place, Sentence
from whimbrel.ontology.countries import load_countries, read_tsv
from whimbrel.ontology.gazetteer import Entry, Gazetteer, load_gazetteer

PRODUCER = "places.rules/1"

_DATA = Path(__file__).resolve().parent.parent / "data"
PLACE_LABELS = {"GPE", "LOC"}
#: other entity labels a name may carry when it stands after a locative ("in Douma")
_LOOSE_LABELS = {"ORG", "PERSON", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"}


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """Word classes of ``annotate/data/place_words.tsv``."""
    out: dict[str, set[str]] = {}
    for r in read_tsv(_DATA / "place_words.tsv"):
        out.setdefault(r["class"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """Nationality adjective ("Syrian") → ISO3, from the country table."""
    out = {}
    for c in load_countries():
        for a in c.adjectives:
            out.setdefault(a.casefold(), c.iso3)
    return out


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    key: str                       # the text to look up (qualifiers, "the", "'s" stripped)
    kind: str = "mention"
    container: _Mention | None = None
    container_iso3: str | None = None
    feature: str | None = None     # "division" or "settlement"
    cands: list | None = None
    entity: bool = False           # a GPE/LOC entity (else the dateline or a name after "in")
    covered: bool = False          # an actor mention covers it


@lru_cache(maxsize=1)
def _qualifiers() -> re.Pattern:
    quals = sorted(words()["qualifier"], key=len, reverse=True)
    return re.compile(r"^(?:the\s+)?(?:(?:" + "|".join(re.escape(q) for q in quals) + r")\s+)+", re.I)


def _strip(text: str) -> str:
    """The lookup text of a mention: no leading "the", no qualifier, no possessive."""
    t = re.sub(r"(?:'s|’s|')$", "", text.strip())
    t = re.sub(r"^the\s+", "", t, flags=re.I)
    return _qualifiers().sub("", t).strip(" ,.")


def _dateline_mentions(article: Article) -> list[_Mention]:
    if not article.dateline:
        return []
    head = article.body[: max(article.text_start, len(article.dateline))]
    i = head.find(article.dateline)
    if i < 0:
        i = head.upper().find(article.dateline.upper())
    if i < 0:
        return []
    parts = [(m.start() + i, m.end() + i) for m in re.finditer(r"[^,]+", article.dateline)]
    out = []
    for s, e in parts:
        while s < e and article.body[s].isspace():
            s += 1
        out.append(_Mention(s, e, article.body[s:e], _strip(article.body[s:e]), kind="dateline"))
    if len(out) == 2:
        out[0].container = out[1]
    return out


def _split_commas(body: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, s = [], start
    for m in re.finditer(r",\s*", body[start:end]):
        spans.append((s, start + m.start()))
        s = start + m.end()
    spans.append((s, end))
    return [(a, b) for a, b in spans if b > a]


def _mentions(article: Article, doc, g: Gazetteer) -> list[_Mention]:
    body = article.body
    out = _dateline_mentions(article)
    taken = [(m.start, m.end) for m in out]
    loc = words()["locative"]
    for ent in doc.ents:
        s, e = ent.start_char, ent.end_char
        if s < article.text_start or any(a < e and s < b for a, b in taken):
            continue
        if ent.label_ in ("FAC", "ORG") and len(ent) > 1 and ent[-1].lower_ in words()["facility"]:
            # a facility named after its town: "the Jolo Cathedral", "Kabul Airport"
            lead = ent[:-1]
            if lead[0].lower_ == "the":
                lead = lead[1:]
            if len(lead) and any(p and (e.feature_class == "P" or e.is_country) for e, p in g.lookup(lead.text)):
                s, e = lead.start_char, lead.end_char
                out.append(_Mention(s, e, lead.text, _strip(lead.text)))
                taken.append((s, e))
            continue
        if ent.label_ not in PLACE_LABELS:
            i = ent.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
            prev = doc[i] if i >= 0 else None
            if not (ent.label_ in _LOOSE_LABELS and prev is not None and prev.lower_ in loc
                    and len(ent) <= 3 and ent[0].is_title and g.lookup(_strip(ent.text))):
                continue
        parts = _split_commas(body, s, e)
        group = []
        for a, b in parts:
            text = body[a:b]
            group.append(_Mention(a, b, text, _strip(text), entity=ent.label_ in PLACE_LABELS))
        for inner, outer in zip(group, group[1:]):
            inner.container = outer
        out += group
        taken.append((s, e))
    out.sort(key=lambda m: m.start)
    return out


def _link_containers(body: str, ms: list[_Mention]) -> None:
    """Containing places written around a mention: "Paris, Texas", "Douma, near Damascus",
    "Turkey's largest city of Istanbul", "the Syrian town of Douma", and feature words."""
    settle, div = words()["settlement"], words()["division"]
    for i, m in enumerate(ms):
        if m.kind == "dateline":
            continue
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if m.container is None and nxt is not None:
            between = body[m.end:nxt.start]
            if re.fullmatch(r",\s*(?:(?:near|outside|in)\s+(?:the\s+)?)?|\s+(?:near|outside)\s+(?:the\s+)?", between):
                m.container = nxt
        before = body[max(0, m.start - 60):m.start]
        prev = ms[i - 1] if i > 0 else None
        if m.container is None and prev is not None and prev.end > m.start - 60:
            between = body[prev.end:m.start]
            if re.fullmatch(r"(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}(?:" + "|".join(settle | div) + r")(?:\s+of)?,?\s+(?:the\s+)?",
                            between):
                m.container = prev
        if m.container is None:
            am = re.search(r"\b([A-Z][a-z]+)\s+(?:[a-z-]+\s+){0,2}(?:" + "|".join(settle | div) + r")\s+of\s+$", before)
            if am and am.group(1).casefold() in _adjectives():
                m.container_iso3 = _adjectives()[am.group(1).casefold()]
        low_before = before.lower()
        after = body[m.end:m.end + 12].lower()
        if re.search(r"\b(?:" + "|".join(div) + r")\s+of\s+(?:the\s+)?$", low_before) or \
                re.match(r"\s+(?:" + "|".join(div) + r")\b", after):
            m.feature = "division"
        elif re.search(r"\b(?:" + "|".join(settle) + r")\s+of\s+(?:the\s+)?$", low_before) or \
                re.match(r"\s+city\b", after):
            m.feature = "settlement"


def _candidates(g: Gazetteer, m: _Mention) -> list[tuple[Entry, bool]]:
    c = g.lookup(m.key)
    if c or " " not in m.key:
        return c
    # the longest trailing part that is a place: "Northern District of California" -> California
    toks = m.key.split()
    for k in range(1, len(toks)):
        c = g.lookup(" ".join(toks[k:]))
        if c:
            return c
    return []


def _prior(g: Gazetteer, name: str, e: Entry, primary: bool) -> float:
    if e.is_country:
        p = 9.0
    elif e.is_adm1:
        p = 7.0
    elif e.feature_class == "P":
        p = math.log10(e.population + 10)
        if g.is_capital(name, e):
            p += 2.5
    else:
        p = 8.0
    return p if primary else p - 1.5


def _within(e: Entry, box: Entry) -> bool:
    if box.country is None or e.country != box.country:
        return False
    if box.is_adm1:
        return e.adm1 == box.adm1
    return True


def resolve(places_in: list[_Mention], g: Gazetteer, evidence: Counter,
            divisions: Counter | None = None) -> list[tuple[Entry, str, float] | None]:
    """The winning entry, rule and score for each mention (``None``: not in the gazetteer).
    ``evidence`` counts the article's votes per country, ``divisions`` the toponyms that lie
    in one first-order division (country, admin1 code): a division the article names places
    in gets +2 ("Atlanta … Georgia")."""
    divisions = divisions or Counter()
    own = {}
    for m in places_in:
        m.cands = _candidates(g, m)
        countries = {e.country for e, _ in m.cands if e.country}
        if len(countries) == 1:
            own[id(m)] = next(iter(countries))
    memo: dict[int, tuple[Entry, str, float] | None] = {}

    def one(m: _Mention, depth: int = 0):
        if id(m) in memo:
            return memo[id(m)]
        memo[id(m)] = None
        if not m.cands:
            return None
        box = one(m.container, depth + 1) if m.container is not None and depth < 3 else None
        ev = evidence.copy()
        if id(m) in own:
            ev[own[id(m)]] -= 1 if m.kind != "dateline" else 2
        total = sum(v for v in ev.values() if v > 0) or 1
        scored = []
        for e, primary in m.cands:
            s = _prior(g, m.key, e, primary)
            ctx = 3.0 * max(ev.get(e.country, 0), 0) / total if e.country else 0.0
            s += ctx
            if box is not None:
                s += 10.0 if _within(e, box[0]) else -10.0
            elif m.container_iso3:
                s += 10.0 if e.country == m.container_iso3 else -10.0
            if e.is_adm1 and divisions.get((e.country, e.adm1), 0) > 0:
                s += 2.0
            if m.feature == "division" and e.feature_class == "A" and not e.is_country:
                s += 3.0
            elif m.feature == "settlement" and e.feature_class == "P":
                s += 2.0
            scored.append((s, ctx, e))
        scored.sort(key=lambda x: -x[0])
        s, ctx, best = scored[0]
        if box is not None or m.container_iso3:
            rule = "container"
        elif len(scored) == 1:
            rule = "only"
        else:
            rule = "context" if ctx and (scored[1][0] > s - ctx) else "prior"
        memo[id(m)] = (best, rule, round(s, 3))
        return memo[id(m)]

    return [one(m) for m in places_in]


def _state_actor(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    for a in actors:
        if a.start < end and start < a.end and a.kind == "state":
            return a
    return None


def find_places(article: Article, doc, actors: Sequence[Actor] = ()) -> tuple[Place, ...]:
    """The place layer of one article (``doc`` is the spaCy parse of the text after the
    dateline, as for the other layers)."""
    g = load_gazetteer()
    ms = _mentions(article, doc, g)
    _link_containers(article.body, ms)
    for m in ms:
        m.covered = any(a.start < m.end and m.start < a.end for a in actors)
    evidence: Counter = Counter()
    for a in actors:
        # an actor's country is half a vote, and none when the actor is a toponym (its country
        # came from the name being resolved) or an agent (its country came from the context)
        if a.country and a.country != "IGO" and len(a.country) == 3 and a.kind != "agent" \
                and not any(a.start < m.end and m.start < a.end for m in ms):
            evidence[a.country] += 0.5
    divisions: Counter = Counter()
    for m in ms:
        cands = _candidates(g, m)
        countries = {e.country for e, _ in cands if e.country}
        if len(countries) == 1:
            evidence[next(iter(countries))] += 2 if m.kind == "dateline" else 1
        adm1 = {(e.country, e.adm1) for e, _ in cands if not e.is_country}
        if len(adm1) == 1 and cands:
            divisions[next(iter(adm1))] += 1
    out = []
    for m, res in zip(ms, resolve(ms, g, evidence, divisions)):
        if res is None:
            continue
        e, rule, score = res
        stands = "government" if m.kind != "dateline" and _state_actor(actors, m.start, m.end) else None
        out.append(Place(m.start, m.end, m.text, geonameid=e.geonameid, name=e.name, fullname=g.fullname(e),
                         feature_class=e.feature_class, feature_code=e.feature_code, geo_type=e.geo_type,
                         country=e.country, fips=e.fips, adm1=e.adm1_code, lat=e.lat, lon=e.lon, kind=m.kind,
                         stands_for=stands, rule=rule, score=score, producer=PRODUCER))
    return tuple(out)


# --------------------------------------------------------------------------- event places

def geo_of(p: Place) -> Geo:
    """A place as GDELT-style geography, with its evidence offsets."""
    return Geo(type=p.geo_type, fullname=p.fullname, country=p.country, fips=p.fips, adm1=p.adm1,
               lat=p.lat, lon=p.lon, feature_id=p.geonameid, start=p.start, end=p.end)


def country_geo(iso3: str | None) -> Geo | None:
    """The country-level geography of an ISO3 code (no text offsets), or ``None``."""
    e = load_gazetteer().country(iso3) if iso3 else None
    if e is None:
        return None
    return Geo(type=e.geo_type, fullname=e.name, country=e.country, fips=e.fips, adm1=e.adm1_code,
               lat=e.lat, lon=e.lon, feature_id=e.geonameid)


class PlaceIndex:
    """An article's places by token, and its locative places by sentence, for
    :func:`locate_event`."""

    def __init__(self, article: Article, doc):
        self.article = article
        self.places = [p for p in article.places if p.stands_for is None and p.kind == "mention"]
        self.dateline = next((p for p in article.places if p.kind == "dateline"), None)
        self.off = 0  # the Doc's offsets are body offsets (the dateline is blanked, not cut)
        self.doc = doc
        self._loc = words()["locative"]
        self.sentences = list(article.sentences)
        self.topic = _topic_place(article)
        self.paragraphs = list(article.paragraphs)
        # (position, place) of every locative place of the body, in order
        self.locatives: list[tuple[int, Place]] = []
        self.setters: list[tuple[int, Place]] = []
        setters = words()["setter"]
        for tok in doc:
            if tok.dep_ == "prep" and tok.lower_ in self._loc:
                p = self.place_under(tok)
                if p is not None:
                    self.locatives.append((p.start, p))
                    verb = tok.head
                    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                        verb = verb.head
                    if verb.lemma_.lower() in setters:
                        self.setters.append((p.start, p))

    def actor_on(self, tok) -> bool:
        pos = tok.idx + self.off
        return any(a.start <= pos < a.end for a in self.article.actors)

    def place_at(self, tok, any_use: bool = False) -> Place | None:
        """The toponym at ``tok`` (not one standing for a government, unless ``any_use``)."""
        pos = tok.idx + self.off
        for p in (self.article.places if any_use else self.places):
            if p.kind != "mention":
                continue
            if p.start <= pos < p.end:
                return p
        return None

    def place_under(self, prep) -> Place | None:
        """The place a locative preposition's object names, through "of"/"in" chains:
        "in the centre of Afghanistan", "in the Saudi consulate in Istanbul"."""
        stack = [c for c in prep.children if c.dep_ == "pobj"]
        seen = 0
        while stack and seen < 12:
            t = stack.pop(0)
            seen += 1
            p = self.place_at(t)
            if p is None and t.lemma_.lower() in words()["settlement"] | words()["division"]:
                # "the city of Istanbul": the name after "of" is the place itself
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        p = next((q for x in c.children if x.dep_ == "pobj" and (q := self.place_at(x))), None)
            if p is None:
                for c in t.children:
                    if c.dep_ in ("compound", "amod", "nmod", "poss") and (q := self.place_at(c)) is not None:
                        p = q
                        break
            if p is not None:
                return p
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "in", "near"):
                    stack += [x for x in c.children if x.dep_ == "pobj"]
        return None

    def paragraph_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.paragraphs):
            if s <= pos < e:
                return i
        return -1


_CLAUSE_STOP = {"ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp", "conj"}


def _clause_place(tok, idx: PlaceIndex) -> Place | None:
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        if head.dep_ in ("relcl", "acl", "ccomp", "advcl"):
            break
        head = head.head
    hosts = [tok] + ([head] if head.i != tok.i else [])
    for h in list(hosts):
        stack = [c for c in h.children if c.dep_ not in _CLAUSE_STOP]
        while stack:
            t = stack.pop()
            if t not in hosts:
                hosts.append(t)
                stack += [c for c in t.children if c.dep_ not in _CLAUSE_STOP and c.dep_ != "prep"]
    for h in hosts:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in idx._loc:
                p = idx.place_under(c)
                if p is not None:
                    return p
    # the trigger's own place modifier ("the Raqqa battle"), or that of its subject when the
    # subject is an act, not an actor ("a Kabul car bombing killed five")
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else []
    nouns += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
              and not idx.actor_on(c)]
    for n in nouns:
        mods = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod")]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("compound", "nmod")]
        for c in mods:  # "a Kabul car bombing": Kabul modifies "car", which modifies "bombing"
            if not idx.actor_on(c) and (p := idx.place_at(c)) is not None:
                return p
    # the object of a verb of going into, out of or acting on a place ("leaving Syria",
    # "withdraw all US troops from Syria", "deployed to Idlib")
    if tok.lemma_.lower() in words()["destination"]:
        for c in tok.children:
            if c.dep_ == "dobj" and (p := idx.place_at(c, any_use=True)) is not None:
                return p
            if c.dep_ == "prep" and c.lower_ in ("to", "into", "from", "towards", "toward"):
                for x in c.children:
                    if x.dep_ == "pobj" and (p := idx.place_at(x, any_use=True)) is not None:
                        return p
    return None


def locate_event(tok, sent: Sentence, idx: PlaceIndex) -> tuple[Place | None, str | None]:
    """The event's place and its basis (see the module docstring)."""
    p = _clause_place(tok, idx)
    if p is not None:
        return p, "clause"
    s_start, s_end = sent.start, sent.end
    inside = [p for pos, p in idx.locatives if s_start <= pos < s_end]
    if inside:
        return inside[0], "sentence"
    para = idx.paragraph_of(s_start)
    before = [p for pos, p in idx.locatives if pos < s_start and idx.paragraph_of(pos) in (para, para - 1)]
    if before:
        return before[-1], "episode"
    # a later sentence of the lead that sets the place of what the lead reports
    # ("The ministerial meeting took place ... in India")
    if para <= 1:
        ahead = [p for pos, p in idx.setters if pos >= s_end and idx.paragraph_of(pos) <= 1]
        if ahead:
            return ahead[0], "episode"
    if idx.dateline is not None:
        return idx.dateline, "dateline"
    if idx.topic is not None:
        return idx.topic, "article"
    return None, None


def event_place(tok, sent: Sentence, idx: PlaceIndex) -> tuple[Location | None, Geo | None, str | None]:
    """The event's ``location``, ``action_geo`` and ``location_basis`` (:func:`locate_event`)."""
    p, basis = locate_event(tok, sent, idx)
    if p is None:
        return None, None, None
    return location_of(p), geo_of(p), basis


def _topic_place(article: Article) -> Place | None:
    """The place the article is about: the country its toponyms name most as places (those
    of the first paragraph count twice; a name standing for a government counts a quarter),
    when that weight is at least 2 and more than any other country's; the first
    non-government mention of it (else any) stands for it."""
    first = article.paragraphs[0] if article.paragraphs else (0, 0)
    count: Counter = Counter()
    for p in article.places:
        if p.kind == "mention" and p.country:
            w = 2.0 if first[0] <= p.start < first[1] else 1.0
            count[p.country] += w * (0.25 if p.stands_for else 1.0)
    if not count:
        return None
    ranked = count.most_common(2)
    top, n = ranked[0]
    if n < 2 or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    cands = [p for p in article.places if p.kind == "mention" and p.country == top]
    return next((p for p in cands if p.stands_for is None), cands[0])


def actor_geo(arg: EventArgument | None, idx: PlaceIndex) -> Geo | None:
    """An actor's place: a toponym its mention holds ("Beijing said", "Hong Kong protesters"),
    else its actor code's country."""
    if arg is None:
        return None
    for p in idx.article.places:
        if p.kind == "mention" and p.start < arg.end and arg.start < p.end:
            return geo_of(p)
    code = (arg.code or "").split()
    return country_geo(code[0]) if code and len(code[0]) == 3 else None


def location_of(p: Place | None) -> Location | None:
    """The event's ``location`` (text, country, offsets) of a place."""
    if p is None:
        return None
    return Location(text=p.text, country=p.country, start=p.start, end=p.end)
