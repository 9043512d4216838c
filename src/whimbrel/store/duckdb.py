"""The article store: one DuckDB file, no server.

:class:`Store` writes articles with all their layers and rejects, and reads them back as
:class:`~whimbrel.model.Article` (``Store.get_article``), so that Article → DuckDB →
Article is a round trip. Article ids are content hashes: storing an article whose id is
already there adds no row and counts as a duplicate. The schema is
``whimbrel/store/schema.sql`` (version :data:`SCHEMA_VERSION`), documented in
docs/schema.md.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from whimbrel import __version__, errors
from whimbrel.dates import valid_iso
from whimbrel.model import (
    Actor, Article, Entity, Event, EventArgument, Geo, Location, Origin, Place, Quote, Rejection,
    Sentence, Span, TimeExpression, scrub,
)

SCHEMA_VERSION = "3"

_GEO_COLS = (("type", "INTEGER"), ("fullname", "VARCHAR"), ("country", "VARCHAR"), ("fips", "VARCHAR"),
             ("adm1", "VARCHAR"), ("lat", "DOUBLE"), ("long", "DOUBLE"), ("feature_id", "BIGINT"))

#: Columns version 2 added to ``events`` (in table order): ``ALTER TABLE`` upgrades a version 1 file.
_V2_EVENT_COLUMNS = (
    [(f"action_geo_{n}", t) for n, t in _GEO_COLS] + [("location_basis", "VARCHAR")]
    + [(f"actor{k}_geo_{n}", t) for k in (1, 2)
       for n, t in (*_GEO_COLS, ("start", "INTEGER"), ("end", "INTEGER"))]
)
#: Columns version 3 added to ``events``: the normalised date (see :data:`DATE_COLUMNS_SQL`).
_V3_EVENT_COLUMNS = (("date_start", "DATE"), ("date_end", "DATE"), ("date_precision", "VARCHAR"))
DEFAULT_DB = "whimbrel.duckdb"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class WriteResult:
    """What one :meth:`Store.write_articles` call did: ids ``stored`` and ``duplicates``."""

    stored: tuple[str, ...]
    duplicates: tuple[str, ...]


_ISO_START = r"""CASE
    WHEN d IS NULL THEN NULL
    WHEN regexp_matches(d, '^\d{4}-W\d{2}') THEN
        make_date(CAST(left(d, 4) AS INT), 1, 4)
        - CAST(isodow(make_date(CAST(left(d, 4) AS INT), 1, 4)) - 1 AS INT)
        + CAST((CAST(substr(d, 7, 2) AS INT) - 1) * 7 AS INT)
    WHEN regexp_matches(d, '^\d{4}-Q[1-4]') THEN make_date(CAST(left(d, 4) AS INT), CAST(substr(d, 7, 1) AS INT) * 3 - 2, 1)
    WHEN regexp_matches(d, '^\d{4}-H[12]') THEN make_date(CAST(left(d, 4) AS INT), CAST(substr(d, 7, 1) AS INT) * 6 - 5, 1)
    WHEN regexp_matches(d, '^\d{4}-(SP|SU|FA|WI)') THEN make_date(CAST(left(d, 4) AS INT),
        CASE substr(d, 6, 2) WHEN 'SP' THEN 3 WHEN 'SU' THEN 6 WHEN 'FA' THEN 9 ELSE 12 END, 1)
    WHEN regexp_matches(d, '^\d{4}-\d{2}-\d{2}') THEN CAST(left(d, 10) AS DATE)
    WHEN regexp_matches(d, '^\d{4}-\d{2}') THEN make_date(CAST(left(d, 4) AS INT), CAST(substr(d, 6, 2) AS INT), 1)
    WHEN regexp_matches(d, '^\d{4}') THEN make_date(CAST(left(d, 4) AS INT), 1, 1)
END"""

_ISO_LENGTH = r"""CASE
    WHEN d IS NULL THEN NULL
    WHEN regexp_matches(d, '^\d{4}-W\d{2}') THEN INTERVAL 7 DAY
    WHEN regexp_matches(d, '^\d{4}-(Q[1-4]|SP|SU|FA|WI)') THEN INTERVAL 3 MONTH
    WHEN regexp_matches(d, '^\d{4}-H[12]') THEN INTERVAL 6 MONTH
    WHEN regexp_matches(d, '^\d{4}-\d{2}-\d{2}') THEN INTERVAL 1 DAY
    WHEN regexp_matches(d, '^\d{4}-\d{2}') THEN INTERVAL 1 MONTH
    WHEN regexp_matches(d, '^\d{4}') THEN INTERVAL 1 YEAR
END"""

#: ``period_start(d)`` / ``period_end(d)``: the first and last day (DATE) of an ISO 8601
#: value at any precision the time layer writes (day, month, year, ``2020-W23``,
#: ``2020-Q3``, ``2019-H2``, TIMEX3 seasons ``2023-SU``); NULL for NULL or a value that
#: is none of these. Temporary macros: defined per connection, never stored in the file.
_PERIOD_MACROS = (
    f"CREATE OR REPLACE TEMP MACRO period_start(d) AS ({_ISO_START});\n"
    f"CREATE OR REPLACE TEMP MACRO period_end(d) AS "
    f"(CAST(period_start(d) + ({_ISO_LENGTH}) - INTERVAL 1 DAY AS DATE));"
)


_ISO_PRECISION = r"""CASE
    WHEN d IS NULL THEN NULL
    WHEN regexp_matches(d, '^\d{4}-W\d{2}') THEN 'week'
    WHEN regexp_matches(d, '^\d{4}-Q[1-4]') THEN 'quarter'
    WHEN regexp_matches(d, '^\d{4}-H[12]') THEN 'half'
    WHEN regexp_matches(d, '^\d{4}-(SP|SU|FA|WI)') THEN 'season'
    WHEN regexp_matches(d, '^\d{4}-\d{2}-\d{2}') THEN 'day'
    WHEN regexp_matches(d, '^\d{4}-\d{2}') THEN 'month'
    WHEN regexp_matches(d, '^\d{4}') THEN 'year'
END"""

#: Fills ``events.date_start``/``date_end``/``date_precision`` from ``events.date`` for the
#: rows whose ``date_precision`` is still NULL (new rows; every row of an upgraded file).
#: The values are stored: a plain DuckDB session (or pandas) reads them without whimbrel.
DATE_COLUMNS_SQL = (
    "UPDATE events SET date_start = period_start(date), date_end = period_end(date), "
    f"date_precision = ({_ISO_PRECISION.replace('d IS NULL', 'date IS NULL').replace('(d,', '(date,')}) "
    "WHERE date IS NOT NULL AND date_precision IS NULL"
)


class Store:
    """A whimbrel DuckDB database at ``path`` (created with the schema when new).

    Raises :class:`~whimbrel.errors.StoreError` E302 when the file cannot be opened and
    E301 when it was written with another schema version. Use as a context manager or
    call :meth:`close`.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        self._stories = None
        try:
            if read_only and not Path(self.path).exists():
                raise errors.StoreError(errors.E302, f"no database at {self.path}")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise errors.StoreError(errors.E302, f"cannot open {self.path}: {exc}") from exc
        if not read_only:
            self._upgrade()
            self.con.execute(resources.files("whimbrel.store").joinpath("schema.sql").read_text("utf-8"))
            self.con.execute(
                "INSERT INTO schema_info VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                [SCHEMA_VERSION],
            )
        try:
            row = self.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as exc:  # an empty file, or a copy taken before a checkpoint
            self.con.close()
            raise errors.StoreError(errors.E302, f"{self.path} is not a whimbrel database (no schema_info table); "
                                                 "a copy taken while a run writes holds the batches written "
                                                 "before it") from exc
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            self.con.close()
            raise errors.StoreError(errors.E301, f"{self.path} has schema version {found}, "
                                                 f"this whimbrel writes {SCHEMA_VERSION}")
        self.con.execute(_PERIOD_MACROS)
        if self._needs_dates:
            self.con.execute(DATE_COLUMNS_SQL)

    _needs_dates = False

    def _upgrade(self) -> None:
        """Upgrade a version 1 or 2 file in place (additive: new nullable columns of
        ``events``, their dates filled; the ``places`` and ``reviews`` tables come from the
        schema)."""
        try:
            row = self.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return  # a new file
        if row is None or row[0] not in ("1", "2"):
            return
        if row[0] == "1":
            for name, typ in _V2_EVENT_COLUMNS:
                self.con.execute(f'ALTER TABLE events ADD COLUMN IF NOT EXISTS "{name}" {typ}')
        for name, typ in _V3_EVENT_COLUMNS:
            self.con.execute(f'ALTER TABLE events ADD COLUMN IF NOT EXISTS "{name}" {typ}')
        self._needs_dates = True  # filled once the period macros exist
        self.con.execute("UPDATE schema_info SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- runs ---------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], model: str | None) -> str:
        """Record a new run and return its id (a UUID4 hex string)."""
        run_id = uuid.uuid4().hex
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, whimbrel_version, model, inputs) VALUES (?, ?, ?, ?, ?)",
            [run_id, _now(), __version__, model, list(inputs)],
        )
        return run_id

    def finish_run(self, run_id: str, *, read: int, stored: int, duplicate: int, rejected: int,
                   seconds: float) -> None:
        """Close a run with its counts and duration in seconds."""
        self.con.execute(
            "UPDATE runs SET finished_at = ?, n_read = ?, n_stored = ?, n_duplicate = ?, "
            "n_rejected = ?, seconds = ? WHERE run_id = ?",
            [_now(), read, stored, duplicate, rejected, seconds, run_id],
        )

    # -- writing ------------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write_articles(self, articles: Sequence[Article], run_id: str | None = None) -> WriteResult:
        """Store articles and all their layers in one transaction; skip ids already stored
        (and repeats within ``articles``)."""
        seen = self.existing_ids(a.id for a in articles)
        new: list[Article] = []
        dups: list[str] = []
        for a in articles:
            if a.id in seen:
                dups.append(a.id)
            else:
                seen.add(a.id)
                new.append(a)
        if not new:
            return WriteResult((), tuple(dups))
        new = [_valid(a) for a in new]
        stories, members = self._cluster(new)
        now = _now()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_clean_row([a.id, a.source, a.url, a.title, a.author, a.published, a.dct, a.dateline,
                  list(a.credit), a.language, list(a.tags), a.body, [list(p) for p in a.paragraphs],
                  [[s.start, s.end] for s in a.sentences], a.text_start,
                  str(a.origin) if a.origin else None, list(a.producers), run_id, now, story])
                 for a, story in zip(new, stories)],
            )
            self._insert("story_members", members)
            self._insert("entities", [[a.id, e.start, e.end, e.text, e.label] for a in new for e in a.entities])
            self._insert("timexes", [[a.id, t.start, t.end, t.text, t.value, t.mod, t.type, t.producer]
                                     for a in new for t in a.timexes])
            self._insert("actors", [[a.id, x.start, x.end, x.text, x.name, x.code, x.country, x.role, x.title,
                                     x.kind, *(x.antecedent or (None, None)), x.producer]
                                    for a in new for x in a.actors])
            self._insert("quotes", [[a.id, q.start, q.end, q.text, q.kind, q.cue, q.cue_start, q.cue_end,
                                     q.speaker, q.speaker_code, q.speaker_start, q.speaker_end, q.producer]
                                    for a in new for q in a.quotes])
            self._insert("places", [[a.id, p.start, p.end, p.text, p.geonameid, p.name, p.fullname, p.feature_class,
                                     p.feature_code, p.geo_type, p.country, p.fips, p.adm1, p.lat, p.lon, p.kind,
                                     p.stands_for, p.rule, p.score, p.producer]
                                    for a in new for p in getattr(a, "places", ())])
            self._insert("events", [_event_row(a.id, i, e) for a in new for i, e in enumerate(a.events)])
            con.execute(DATE_COLUMNS_SQL)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            self._stories = None  # the clusterer saw articles that were not stored: reload it
            raise
        return WriteResult(tuple(a.id for a in new), tuple(dups))

    @property
    def stories(self):
        """The :class:`~whimbrel.dedup.StoryClusterer` holding every stored article,
        restored from ``story_members`` on first use."""
        if self._stories is None:
            from whimbrel.dedup import StoryClusterer

            self._stories = StoryClusterer()
            rows = self.con.execute(
                "SELECT m.article_id, a.source, m.story_id, m.how, m.body_hash, m.minhash FROM story_members m "
                "JOIN articles a ON a.id = m.article_id ORDER BY a.stored_at, m.article_id").fetchall()
            self._stories.restore(rows)
        return self._stories

    def _cluster(self, articles: Sequence[Article]) -> tuple[list[str], list[list[Any]]]:
        from whimbrel.dedup import body_hash

        stories, members = [], []
        for a in articles:
            story = self.stories.add(a.id, a.source, a.body)
            _, how, hv = self.stories.member_state(a.id)
            stories.append(story)
            members.append([a.id, story, how, body_hash(a.body) if how != "exact" else None, hv])
        return stories, members

    def story_of(self, article_id: str) -> dict[str, Any] | None:
        """The story cluster of a stored article: ``story_id``, ``n_articles``, ``n_sources``,
        ``sources``; ``None`` for an unknown id."""
        cur = self.con.execute("SELECT s.* FROM stories s JOIN articles a ON a.story_id = s.story_id "
                               "WHERE a.id = ?", [article_id])
        cols = [d[0] for d in cur.description]
        row = cur.fetchone()
        return dict(zip(cols, row)) if row else None

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        """Insert rows (lists in the table's column order) in one statement through an Arrow
        table: DuckDB's ``executemany`` runs one INSERT per row (about 1.5 ms each; the
        layers of one article are hundreds of rows). A span reported twice keeps its first."""
        if not rows:
            return
        import pyarrow as pa

        columns = list(zip(*(_clean_row(r) for r in rows)))
        arrays = []
        for values in columns:
            if any(isinstance(v, list) for v in values):
                # list columns here hold MinHash signatures (unsigned 64-bit) or offsets
                arrays.append(pa.array(values, type=pa.list_(pa.uint64())))
            else:
                arrays.append(pa.array(values))
        batch = pa.table(arrays, names=[f"c{i}" for i in range(len(arrays))])
        self.con.register("_whimbrel_rows", batch)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _whimbrel_rows ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister("_whimbrel_rows")

    def write_rejects(self, rejects: Iterable[Rejection], run_id: str | None = None) -> int:
        """Store rejections; one already stored (same id) is not added again. Returns the
        number of new rows."""
        rows = [_clean_row([r.id, str(r.origin), r.code, r.reason, r.detail, r.stage, run_id, _now()])
                for r in rejects]
        if not rows:
            return 0
        before = self.count("rejects")
        # the same reject met again by a later run belongs to that run now
        self.con.executemany("INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "run_id = excluded.run_id, rejected_at = excluded.rejected_at", rows)
        return self.count("rejects") - before

    def checkpoint(self) -> None:
        """Write the write-ahead log into the database file, so that a copy of the file
        taken now (to read it while a run goes on) holds everything stored so far."""
        self.con.execute("CHECKPOINT")

    # -- reading ------------------------------------------------------------------------
    def count(self, table: str) -> int:
        """Number of rows in ``table``."""
        if table not in {"runs", "articles", "entities", "rejects", "timexes", "actors", "quotes", "events",
                         "places", "story_members", "stories", "reviews", "event_clusters"}:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def find_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Article ids starting with ``prefix`` (hex)."""
        rows = self.con.execute("SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT ?",
                                [prefix.lower(), limit]).fetchall()
        return [r[0] for r in rows]

    def get_article(self, article_id: str) -> Article:
        """The stored article with all layers. Raises StoreError E303 if absent or if the
        prefix is ambiguous."""
        ids = self.find_ids(article_id, limit=2)
        if len(ids) != 1:
            what = "no article" if not ids else "more than one article"
            raise errors.StoreError(errors.E303, f"{what} with id {article_id!r}")
        aid = ids[0]
        cur = self.con.execute(
            "SELECT id, source, url, title, author, published, dateline, credit, language, tags, body, "
            "paragraphs, sentences, text_start, origin, producers FROM articles WHERE id = ?", [aid])
        (id_, source, url, title, author, published, dateline, credit, language, tags, body,
         paragraphs, sentences, text_start, origin, producers) = cur.fetchone()

        def rows(sql: str) -> list[tuple]:
            return self.con.execute(sql, [aid]).fetchall()

        entities = tuple(Entity(s, e, t, label) for s, e, t, label in
                         rows('SELECT start, "end", text, label FROM entities WHERE article_id = ? ORDER BY start, "end"'))
        timexes = tuple(TimeExpression(s, e, t, value=v, mod=m, type=ty, producer=p) for s, e, t, v, m, ty, p in
                        rows('SELECT start, "end", text, value, mod, type, producer FROM timexes '
                             'WHERE article_id = ? ORDER BY start, "end"'))
        actors = tuple(Actor(s, e, t, name=n, code=c, country=co, role=r, title=ti, kind=k,
                             antecedent=(a1, a2) if a1 is not None else None, producer=p)
                       for s, e, t, n, c, co, r, ti, k, a1, a2, p in
                       rows('SELECT start, "end", text, name, code, country, role, title, kind, '
                            'antecedent_start, antecedent_end, producer FROM actors '
                            'WHERE article_id = ? ORDER BY start, "end"'))
        quotes = tuple(Quote(*r[:3], kind=r[3], cue=r[4], cue_start=r[5], cue_end=r[6], speaker=r[7],
                             speaker_code=r[8], speaker_start=r[9], speaker_end=r[10], producer=r[11])
                       for r in rows('SELECT start, "end", text, kind, cue, cue_start, cue_end, speaker, '
                                     'speaker_code, speaker_start, speaker_end, producer FROM quotes '
                                     'WHERE article_id = ? ORDER BY start, "end"'))
        places = tuple(Place(*r[:3], geonameid=r[3], name=r[4], fullname=r[5], feature_class=r[6],
                             feature_code=r[7], geo_type=r[8], country=r[9], fips=r[10], adm1=r[11], lat=r[12],
                             lon=r[13], kind=r[14], stands_for=r[15], rule=r[16], score=r[17], producer=r[18])
                       for r in rows('SELECT start, "end", text, geonameid, name, fullname, feature_class, '
                                     'feature_code, geo_type, country, fips, adm1, lat, lon, kind, stands_for, '
                                     'rule, score, producer FROM places WHERE article_id = ? ORDER BY start, "end"'))
        events = tuple(_event_from_row(r) for r in
                       rows("SELECT * EXCLUDE (article_id, event_no) FROM events WHERE article_id = ? ORDER BY event_no"))
        path, _, row = (origin or "").partition("#row=")
        return Article(
            id=id_, body=body, source=source, url=url, title=title, author=author, published=published,
            dateline=dateline, credit=tuple(credit or ()), language=language, tags=tuple(tags or ()),
            paragraphs=tuple((p[0], p[1]) for p in paragraphs or ()),
            origin=Origin(path, int(row)) if row else (Origin(path) if path else None),
            text_start=text_start or 0,
            sentences=tuple(Sentence(s[0], s[1]) for s in sentences or ()),
            entities=entities, timexes=timexes, actors=actors, quotes=quotes, places=places,
            events=events, producers=tuple(producers or ()),
        )

    def article_ids(self) -> list[str]:
        """All article ids, in order of storage."""
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY stored_at, id").fetchall()]

    def rejects(self) -> list[dict[str, Any]]:
        """All rejects as dicts (origin, code, reason, detail, stage)."""
        cur = self.con.execute("SELECT origin, code, reason, detail, stage FROM rejects ORDER BY rejected_at, id")
        return [dict(zip(("origin", "code", "reason", "detail", "stage"), r)) for r in cur.fetchall()]


def _arg_cols(arg: EventArgument | None) -> list[Any]:
    if arg is None:
        return [None] * 5
    return [arg.start, arg.end, arg.text, arg.name, arg.code]


def _clean_row(row: list[Any]) -> list[Any]:
    """A row whose strings all encode as UTF-8 (lone surrogates → U+FFFD, one for one)."""
    return [scrub(v) if isinstance(v, str) else
            [scrub(x) if isinstance(x, str) else x for x in v] if isinstance(v, list) else v for v in row]


def _valid(a: Article) -> Article:
    """``a`` with every date the store's queries cast checked at write time: a publication
    date or an event date that is not a real ISO 8601 date (``2023-99-99``) is stored as
    NULL, so no later listing can fail on it."""
    changes: dict[str, Any] = {}
    if not valid_iso(a.published):
        changes["published"] = None
    if any(not valid_iso(e.date) for e in a.events):
        changes["events"] = tuple(e if valid_iso(e.date) else dataclasses.replace(e, date=None, date_basis="none")
                                  for e in a.events)
    return dataclasses.replace(a, **changes) if changes else a


def _event_row(article_id: str, no: int, e: Event) -> list[Any]:
    loc = e.location
    return [article_id, no, e.plover, e.mode, e.cameo, e.cameo_root, e.quad_class, e.goldstein,
            *_arg_cols(e.source), *_arg_cols(e.target), e.date, e.date_basis,
            loc.text if loc else None, loc.country if loc else None, loc.start if loc else None,
            loc.end if loc else None, e.evidence.start, e.evidence.end, e.evidence.text,
            e.sentence.start, e.sentence.end, e.cue, e.rule, e.confidence, e.producer,
            *_geo_cols(e.action_geo, offsets=False), e.location_basis,
            *_geo_cols(e.source_geo), *_geo_cols(e.target_geo), None, None, None]


def _geo_cols(g: Geo | None, offsets: bool = True) -> list[Any]:
    cols = [None] * 8 if g is None else [g.type, g.fullname, g.country, g.fips, g.adm1, g.lat, g.lon, g.feature_id]
    if offsets:
        cols += [None, None] if g is None else [g.start, g.end]
    return cols


def _geo_from(cols: Sequence[Any], start: int | None, end: int | None) -> Geo | None:
    if all(c is None for c in cols):
        return None
    return Geo(*cols, start=start, end=end)


def _event_from_row(r: tuple) -> Event:
    (plover, mode, cameo, root, quad, gold, ss, se, st, sn, sc, ts, te, tt, tn, tc, date_, basis,
     lt, lc, ls, le, es, ee, et, sens, sene, cue, rule, conf, producer) = r[:31]
    action, location_basis, a1, a2 = r[31:39], r[39], r[40:50], r[50:60]
    return Event(
        plover=plover, mode=mode, cameo=cameo, cameo_root=root, quad_class=quad, goldstein=gold,
        source=EventArgument(ss, se, st, name=sn, code=sc) if ss is not None else None,
        target=EventArgument(ts, te, tt, name=tn, code=tc) if ts is not None else None,
        date=date_, date_basis=basis,
        location=Location(lt, lc, ls, le) if lt is not None else None,
        evidence=Span(es, ee, et), sentence=Sentence(sens, sene), cue=cue, rule=rule,
        confidence=conf, producer=producer,
        action_geo=_geo_from(action, ls, le), location_basis=location_basis,
        source_geo=_geo_from(a1[:8], a1[8], a1[9]), target_geo=_geo_from(a2[:8], a2[8], a2[9]),
    )
