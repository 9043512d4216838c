"""Actor dictionary: mention strings → CAMEO-style actor codes.

Tables (versioned TSV files in ``whimbrel/ontology/data``):

* ``countries.tsv`` — ISO 3166-1 alpha-3 codes, names, adjectives, capitals (see
  :mod:`whimbrel.ontology.countries`); a country or capital standing alone is the state,
  ``"CHN GOV"`` (gold GUIDELINES: "A capital or country name used for its government").
* ``igos.tsv`` — international organisations → ``"IGO"``.
* ``organisations.tsv`` — national and non-state organisations → country + role.
* ``people.tsv`` — known people with date-bounded roles.
* ``roles.tsv`` — role nouns and titles → CAMEO role code (CAMEO manual 1.1b3 actor codebook).
* user files given to :meth:`ActorDictionary.load` (``--actors-dict PATH`` on the CLI,
  ``WHIMBREL_ACTORS_DICT`` in the environment, ``os.pathsep``-separated): TSV with the header
  ``pattern<TAB>name<TAB>code<TAB>valid_from<TAB>valid_to``; ``code`` is ``"USA GOV"``,
  ``"IGO"`` or ``"--- MED"``; dates are ISO 8601 or empty; ``#`` lines are comments.
  User entries win over the packaged tables.

Lookups are dict look-ups on a normalised key (leading "the" and a trailing possessive
removed, whitespace collapsed, case folded); a pattern written in capitals ("UN", "WHO",
"US") matches only in capitals (or, from four letters, in the capitalised house style of
some papers: "Unicef", "Isis"), and a mixed-case pattern matches only text that starts with
a capital letter ("Dawn" the newspaper, not "at dawn").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from whimbrel.ontology.countries import CountryTable, data_path, load_countries, read_tsv

#: CAMEO role codes an actor code may carry (CAMEO manual 1.1b3, ch. 4).
ROLE_CODES = frozenset(
    "GOV MIL COP JUD LEG OPP PTY REB INS SEP SPY CVL BUS MED NGO IGO EDU HLH REL LAB CRM "
    "REF UAF UNK".split()
)

#: Environment variable naming user dictionary files (the CLI option is ``--actors-dict``).
ENV_VAR = "WHIMBREL_ACTORS_DICT"

#: Precedence of table kinds when one key is in several tables (lower wins).
_PRIORITY = {"user": 0, "person": 1, "igo": 2, "org": 3, "country": 4, "capital": 5,
             "adjective": 6}


@dataclass(frozen=True)
class ActorCode:
    """A resolved actor identity.

    ``name`` canonical name ("Qin Gang", "China", "United Nations"); ``country`` ISO 3166-1
    alpha-3, ``"IGO"``, ``"---"`` (no country applies) or ``None`` (take it from the text or
    the article: organisations such as "Parliament"); ``role`` a CAMEO role code or ``None``;
    ``kind`` ``"person"``, ``"org"`` or ``"state"``; ``title`` a person's title from the
    table; ``source`` the table it came from.
    """

    name: str
    country: str | None
    role: str | None
    kind: str
    title: str | None = None
    source: str = ""

    @property
    def code(self) -> str | None:
        """``"COUNTRY ROLE"`` (``"CHN GOV"``), ``"IGO"`` for international organisations,
        ``"--- MED"`` when no country applies, the bare country when the role is unknown,
        ``None`` when neither is known."""
        return format_code(self.country, self.role)


def format_code(country: str | None, role: str | None) -> str | None:
    """Join a country and a role into an actor code string (see :attr:`ActorCode.code`)."""
    if country == "IGO" or (role == "IGO" and country in (None, "---", "IGO")):
        return "IGO"
    if role is None:
        return country
    return f"{country or '---'} {role}"


def parse_code(code: str) -> tuple[str | None, str | None]:
    """Split ``"USA GOV"`` → ``("USA", "GOV")``; ``"IGO"`` → ``("IGO", "IGO")``;
    ``"--- MED"`` → ``("---", "MED")``; ``"USA"`` → ``("USA", None)``.

    Raises ``ValueError`` for a role outside :data:`ROLE_CODES`.
    """
    parts = code.split()
    if not parts:
        return None, None
    if parts[0] == "IGO":
        return "IGO", "IGO"
    role = parts[1] if len(parts) > 1 else None
    if role is not None and role not in ROLE_CODES:
        raise ValueError(f"unknown CAMEO role code {role!r} in actor code {code!r}")
    return parts[0], role


@dataclass(frozen=True)
class DictEntry:
    """One dictionary pattern: its table ``kind`` (user, person, igo, org, country,
    capital, adjective), the actor it names and the dates it is valid (both inclusive: on
    the day a term ends its holder still holds the role; ``None`` = unbounded)."""

    pattern: str
    kind: str
    actor: ActorCode
    valid_from: date | None = None
    valid_to: date | None = None
    case_sensitive: bool = False

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class RoleEntry:
    """A role noun or title: ``words`` (lower case), CAMEO ``role`` (``"---"`` for region
    adjectives such as "foreign"), ``kind`` (title, agent, org, modifier, region),
    ``inherits`` (role comes from the organisation the title is attached to) and ``home``
    (takes the article's home country when the text names none); ``country`` the country
    the title implies when the text names none ("Foreign Secretary" → GBR) or ``None``."""

    words: tuple[str, ...]
    role: str
    kind: str
    inherits: bool
    home: bool
    country: str | None = None


@dataclass(frozen=True)
class Match:
    """A dictionary hit at ``[start, end)`` character offsets of the scanned text."""

    start: int
    end: int
    entry: DictEntry


_WS = re.compile(r"\s+")
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "'S"})
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w(?:[\w&+.-]*[\w+])?(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]")
_POSS = re.compile(r"(?:'s|’s|'|’)$")


def normalise(text: str) -> str:
    """Dictionary key form of a mention: whitespace collapsed, typographic apostrophe made
    ASCII, leading "the " and a trailing possessive "'s" removed, ``#``/``@`` prefixes
    dropped. Case is kept (see :func:`_folded`)."""
    t = _WS.sub(" ", text.replace("’", "'")).strip().strip(",;:()[]\"")
    t = t.lstrip("#@")
    if t[:4].lower() == "the ":
        t = t[4:]
    return _POSS.sub("", t).strip() if not t.endswith("s'") else t[:-1]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _is_caps(pattern: str) -> bool:
    letters = [c for c in pattern if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class ActorDictionary:
    """All actor tables, indexed for dict look-ups. Build with :meth:`load`."""

    def __init__(self, countries: CountryTable, entries: Iterable[DictEntry],
                 roles: Iterable[RoleEntry]):
        self.countries = countries
        self._exact: dict[str, list[DictEntry]] = {}
        self._folded: dict[str, list[DictEntry]] = {}
        # first word (case-folded) of every pattern -> most tokens a match starting with it
        # can span (its longest pattern plus two for "'s" and punctuation tokens)
        self._first: dict[str, int] = {}
        for e in entries:
            key = normalise(e.pattern)
            if not key:
                continue
            if e.case_sensitive:
                self._exact.setdefault(key, []).append(e)
            else:
                self._folded.setdefault(key.casefold(), []).append(e)
            toks = _TOKEN.findall(key)
            first = toks[0].casefold()
            self._first[first] = max(self._first.get(first, 0), len(toks) + 2)
        for table in (self._exact, self._folded):
            for lst in table.values():
                lst.sort(key=lambda e: _PRIORITY.get(e.kind, 9))
        self.roles: dict[tuple[str, ...], RoleEntry] = {}
        for r in roles:
            self.roles[r.words] = r
        # first word of every role pattern -> its longest pattern, in words
        self._role_first: dict[str, int] = {}
        for w in self.roles:
            self._role_first[w[0]] = max(self._role_first.get(w[0], 0), len(w))

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ActorDictionary:
        """Load the packaged tables plus user dictionary files ``extra`` (see module doc).

        Raises ``FileNotFoundError`` for a missing file, ``ValueError`` for a malformed
        user row (bad code or date), naming the file and line.
        """
        return _load_cached(tuple(Path(p) for p in extra))

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> ActorDictionary:
        """The packaged tables plus the user files named in ``WHIMBREL_ACTORS_DICT``
        (:data:`ENV_VAR`, ``os.pathsep``-separated paths; read at call time)."""
        return cls.load(extra=user_dictionary_paths(environ))

    # ------------------------------------------------------------------ lookups
    def entries(self, text: str, *, on: date | None = None) -> list[DictEntry]:
        """Every entry whose pattern equals ``text`` (normalised), valid on ``on``,
        best first (user, person, igo, org, country, capital, adjective)."""
        key = normalise(text)
        if not key:
            return []
        found = list(self._exact.get(key, ()))
        if not found and len(key) >= 4 and key.isalpha() and key[0].isupper() and \
                key[1:].islower():
            found = list(self._exact.get(key.upper(), ()))   # house style "Unicef", "Nato"
        if key[0].isupper() or key[0].isdigit():
            found += self._folded.get(key.casefold(), ())
        valid = [e for e in found if e.valid_on(on)]
        if not valid:
            # a known person outside the dates of every role row: the identity (and
            # nationality) is still known, the role is not
            valid = [DictEntry(e.pattern, e.kind, ActorCode(e.actor.name, e.actor.country, None,
                                                            "person", source=e.actor.source))
                     for e in found[:1] if e.kind == "person"]
        found = valid
        found.sort(key=lambda e: (_PRIORITY.get(e.kind, 9), e.valid_to is not None))
        return found

    def lookup(self, text: str, *, on: date | None = None) -> ActorCode | None:
        """The actor a mention string names, or ``None`` when the tables do not know it.

        ``text`` is a mention as written ("the Kremlin", "Lavrov", "Chinese Foreign
        Ministry"); ``on`` the article date, which selects date-bounded roles of people
        (Pompeo is ``USA SPY`` in 2017, ``USA GOV`` in 2019). A whole-string hit wins;
        otherwise the string is read as a noun phrase: a role noun or title ("ministry",
        "police", "Foreign Minister") combined with the country, organisation or person
        named in it. Countries, capitals and nationality adjectives alone are the state
        (``GOV``). Organisations whose country comes from context get ``country=None``.
        """
        hits = self.entries(text, on=on)
        if hits:
            return _as_state(hits[0])
        return self._compose_string(text, on)

    def role_matches(self, words: Sequence[str]) -> list[tuple[int, int, RoleEntry]]:
        """Longest non-overlapping role patterns in ``words`` (lower-case words or lemmas),
        as ``(i, j, entry)`` with ``words[i:j]`` matching, left to right."""
        out = []
        i, n = 0, len(words)
        first = self._role_first
        while i < n:
            longest = first.get(words[i])
            if longest is None:
                i += 1
                continue
            for j in range(min(n, i + longest), i, -1):
                r = self.roles.get(tuple(words[i:j]))
                if r is not None:
                    out.append((i, j, r))
                    i = j
                    break
            else:
                i += 1
        return out

    def role(self, *forms: str) -> RoleEntry | None:
        """The role entry for a single word given in one or more forms (text, lemma)."""
        for f in forms:
            r = self.roles.get((f.lower(),))
            if r is not None:
                return r
        return None

    def scan(self, text: str, tokens: Sequence[tuple[int, int]], *,
             on: date | None = None) -> list[Match]:
        """Longest dictionary matches over a token sequence, left to right, not overlapping.

        ``tokens`` are ``(start, end)`` character offsets into ``text`` (a spaCy Doc's
        tokens, or :func:`tokenize`); a match starts and ends on token boundaries. Cost:
        one set look-up per token plus a few dict look-ups where a pattern can start.
        """
        out: list[Match] = []
        n = len(tokens)
        i = 0
        while i < n:
            s0 = tokens[i][0]
            first = text[s0:tokens[i][1]].replace("’", "'").lstrip("#@").casefold()
            longest = self._first.get(first)
            if longest is None:
                i += 1
                continue
            hit = None
            for j in range(min(n, i + longest) - 1, i - 1, -1):
                last = text[tokens[j][0]:tokens[j][1]]
                if last in _POSSESSIVE_TOKENS or not any(c.isalnum() for c in last):
                    continue  # the match ends before "'s" and punctuation
                entries = self.entries(text[s0:tokens[j][1]], on=on)
                if entries:
                    hit = Match(s0, tokens[j][1], entries[0])
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            while i < n and tokens[i][0] < hit.end:
                i += 1
        return out

    # ------------------------------------------------------------------ internals
    def _compose_string(self, text: str, on: date | None) -> ActorCode | None:
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        matches = self.scan(text, toks, on=on)
        words = [text[s:e].lower() for s, e in toks]
        singular = [w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w
                    for w in words]
        country = None
        org = None
        covered = {k for m in matches for k, (s, e) in enumerate(toks) if m.start <= s < m.end}
        words = [w if k not in covered else "\0" for k, w in enumerate(words)]
        singular = [w if k not in covered else "\0" for k, w in enumerate(singular)]
        roles = self.role_matches(words) or self.role_matches(singular)
        head = next((r for _, _, r in reversed(roles) if r.kind in ("title", "agent", "org")),
                    None)
        mod = next((r for _, _, r in roles if r.kind == "modifier"), None)
        region = any(r.kind == "region" for _, _, r in roles)
        for m in matches:
            a = m.entry.actor
            if m.entry.kind in ("igo", "org", "person", "user") and org is None:
                org = a
            elif m.entry.kind in ("country", "capital", "adjective") and country is None:
                country = a.country
        if head is None and mod is None:
            if org is not None:
                return org
            if country is not None:
                return ActorCode(self.countries.get(country).name if self.countries.get(country)
                                 else country, country, "GOV", "state", source="countries")
            return None
        r = head or mod
        role = r.role
        if org is not None and (org.country == "IGO"):
            return ActorCode(normalise(text), "IGO", "IGO", "org", source="compose")
        if org is not None and r.inherits:
            role = org.role or role
        if org is not None:
            country = country or org.country
        if mod is not None and head is not None and head.kind == "agent" and head.role == "GOV" \
                and mod.role != "GOV":
            role = mod.role
        if region and country is None:
            country = "---"
        kind = "person" if r.kind == "title" else ("org" if r.kind == "org" else "agent")
        title = None
        if r.kind == "title":
            i, j = next((i, j) for i, j, x in reversed(roles) if x is r)
            title = text[toks[i][0]:toks[j - 1][1]]
        if org is not None and org.kind == "person":
            return ActorCode(org.name, country, role, "person", title, source="compose")
        name = re.sub(r"^(?:an?|the|this|that)\s+", "", normalise(text), flags=re.I)
        return ActorCode(name, country, role, kind, title, source="compose")


def user_dictionary_paths(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """User dictionary files named in :data:`ENV_VAR` (``os.pathsep``-separated), in order;
    empty when it is unset."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word and punctuation tokens of ``text`` as ``(start, end)`` offsets (for
    :meth:`ActorDictionary.scan` without a spaCy Doc)."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _as_state(e: DictEntry) -> ActorCode:
    if e.kind in ("country", "capital", "adjective"):
        return ActorCode(e.actor.name, e.actor.country, "GOV", "state", source=e.actor.source)
    return e.actor


def _table_entries(countries: CountryTable) -> list[DictEntry]:
    out: list[DictEntry] = []
    for c in countries:
        state = ActorCode(c.name, c.iso3, "GOV", "state", source="countries")
        for kind, pats in (("country", c.names), ("capital", c.capitals),
                           ("adjective", c.adjectives)):
            for p in pats:
                actor = state if kind != "capital" else ActorCode(
                    normalise(p), c.iso3, "GOV", "state", source="countries")
                out.append(DictEntry(p, kind, actor, case_sensitive=_is_caps(p)))
    for r in read_tsv(data_path("igos.tsv")):
        a = ActorCode(r["name"], "IGO", "IGO", "org", source="igos")
        for p in r["patterns"].split("|"):
            out.append(DictEntry(p, "igo", a, case_sensitive=_is_caps(p)))
    for r in read_tsv(data_path("organisations.tsv")):
        country = None if r["country"] == "@" else r["country"]
        a = ActorCode(r["name"], country, r["role"], "org", source="organisations")
        for p in r["patterns"].split("|"):
            out.append(DictEntry(p, "org", a, case_sensitive=_is_caps(p)))
    for r in read_tsv(data_path("people.tsv")):
        a = ActorCode(r["name"], r["country"], r["role"], "person", r["title"] or None,
                      source="people")
        for p in r["patterns"].split("|"):
            out.append(DictEntry(p, "person", a, _date(r["valid_from"]), _date(r["valid_to"]),
                                 case_sensitive=_is_caps(p)))
    return out


def _user_entries(path: Path) -> list[DictEntry]:
    out = []
    with path.open(encoding="utf-8") as fh:
        lines = list(enumerate(fh, 1))
    header = None
    for lineno, line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.rstrip("\n").split("\t")]
        if header is None:
            header = cells
            if header[:3] != ["pattern", "name", "code"]:
                raise ValueError(f"{path}:{lineno}: user actor dictionary must start with the "
                                 "header 'pattern<TAB>name<TAB>code<TAB>valid_from<TAB>valid_to'")
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        try:
            country, role = parse_code(row["code"])
            vf, vt = _date(row.get("valid_from", "")), _date(row.get("valid_to", ""))
        except ValueError as exc:
            raise ValueError(f"{path}:{lineno}: {exc}") from exc
        kind = "org" if role != "GOV" or country in ("IGO", "---") else "person"
        a = ActorCode(row["name"] or row["pattern"], country, role, kind, source=str(path))
        out.append(DictEntry(row["pattern"], "user", a, vf, vt,
                             case_sensitive=_is_caps(row["pattern"])))
    return out


def _role_entries() -> list[RoleEntry]:
    return [RoleEntry(tuple(r["pattern"].lower().split()), r["role"], r["kind"],
                      r["inherits"] == "1", r["home"] == "1", r.get("country") or None)
            for r in read_tsv(data_path("roles.tsv"))]


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[Path, ...]) -> ActorDictionary:
    countries = load_countries()
    entries = _table_entries(countries)
    for p in extra:
        entries.extend(_user_entries(p))
    return ActorDictionary(countries, entries, _role_entries())


def validate_user_dictionaries(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Read every user dictionary named in :data:`ENV_VAR` once, before any document is
    processed, and raise :class:`~whimbrel.errors.ConfigError` (E203) naming the file, the
    line and the fix for the first fault: a missing file, bytes that are not UTF-8, a
    missing header line, an unknown code or a bad date. Returns the paths checked."""
    from whimbrel import errors

    paths = user_dictionary_paths(environ)
    for path in paths:
        if not path.is_file():
            raise errors.ConfigError(errors.E203, f"actor dictionary {path}: no such file")
        try:
            _user_entries(path)
        except UnicodeDecodeError as exc:
            raise errors.ConfigError(errors.E203, f"actor dictionary {path}: not UTF-8 text "
                                                  f"(byte {exc.start}); save it as UTF-8") from exc
        except (ValueError, KeyError) as exc:
            raise errors.ConfigError(errors.E203, f"actor dictionary {exc}; the file must be TSV whose first "
                                                  "line is 'pattern<TAB>name<TAB>code<TAB>valid_from<TAB>"
                                                  "valid_to', then one actor per line such as "
                                                  "'Kino Gabriel<TAB>Kino Gabriel<TAB>SYR REB<TAB>2015-10-10<TAB>'") from exc
        except OSError as exc:
            raise errors.ConfigError(errors.E203, f"actor dictionary {path}: cannot read: {exc}") from exc
    return paths
