"""Analyst queries over the store; the Python twins of ``whimbrel actors``, ``quotes`` and
``events``. Each returns a list of dicts (column → value), newest or most frequent first."""

from __future__ import annotations

from typing import Any

from whimbrel.store.duckdb import Store


def _dicts(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def list_articles(store: Store, *, limit: int | None = 50, source: str | None = None) -> list[dict[str, Any]]:
    """Stored articles, newest publication first: the full id, published, source, title,
    and the number of events and quotes coded in each. ``limit`` None or 0: all."""
    sql = ("SELECT a.id, a.published, a.source, a.title, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
           "FROM articles a WHERE (? IS NULL OR a.source = ?) "
           "ORDER BY a.published DESC NULLS LAST, a.id")
    return _dicts(store.con.execute(sql + _limit(limit), [source, source]))


def top_actors(store: Store, *, limit: int | None = 20, code: str | None = None) -> list[dict[str, Any]]:
    """The most frequent resolved actors: name, code, mentions, articles. ``code`` keeps
    actors whose code starts with it (``"CHN"``, ``"RUS GOV"``)."""
    sql = ("SELECT name, code, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM actors "
           "WHERE name IS NOT NULL AND name <> '' AND (? IS NULL OR starts_with(code, ?)) "
           "GROUP BY name, code ORDER BY mentions DESC, articles DESC, name")
    return _dicts(store.con.execute(sql + _limit(limit), [code, code]))


def _fold(sql_expr: str) -> str:
    """SQL for a case- and accent-folded string (``Erdoğan`` → ``erdogan``)."""
    return f"strip_accents(lower({sql_expr}))"


def quotes_by_speaker(store: Store, speaker: str | None = None, *, limit: int | None = 50) -> list[dict[str, Any]]:
    """Quotes whose resolved speaker contains ``speaker`` (case- and accent-insensitive:
    "erdogan" finds "Erdoğan"), with the article's title and publication date, newest first.
    ``limit`` None or 0: all."""
    sql = ("SELECT q.speaker, q.speaker_code, q.kind, q.cue, q.text, a.title, a.published, a.source, "
           "q.article_id, q.start, q.\"end\" FROM quotes q JOIN articles a ON a.id = q.article_id "
           f"WHERE (? IS NULL OR {_fold('q.speaker')} LIKE '%' || {_fold('?')} || '%') "
           "ORDER BY a.published DESC NULLS LAST, q.article_id, q.start")
    return _dicts(store.con.execute(sql + _limit(limit), [speaker, speaker]))


def count_quotes(store: Store, speaker: str | None = None) -> int:
    """How many quotes :func:`quotes_by_speaker` finds without a limit."""
    sql = (f"SELECT count(*) FROM quotes q WHERE (? IS NULL OR {_fold('q.speaker')} LIKE '%' || {_fold('?')} || '%')")
    return store.con.execute(sql, [speaker, speaker]).fetchone()[0]


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


def list_event_clusters(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Event clusters (the same type, dyad, date and place reported by several articles),
    most reported first, with GDELT-style counts ``num_mentions``, ``num_articles``,
    ``num_sources`` and ``num_stories``. Filters as :func:`list_events`."""
    sql = (
        "SELECT cluster_id, date, plover, cameo, source_code, target_code, location_country, "
        "num_mentions, num_articles, num_sources, num_stories, evidence[1] AS evidence "
        "FROM event_clusters WHERE "
        "(? IS NULL OR starts_with(source_code, ?) OR starts_with(target_code, ?)) "
        "AND (? IS NULL OR plover = upper(?)) "
        "AND (? IS NULL OR period_end(date) >= period_start(?)) "
        "AND (? IS NULL OR period_start(date) <= period_end(?)) "
        "ORDER BY num_sources DESC, num_articles DESC, period_start(date) DESC NULLS LAST, "
        "date, cluster_id"
    )
    params = [actor, actor, actor, plover, plover, since, since, until, until]
    return _dicts(store.con.execute(sql + _limit(limit), params))


def _event_where(*, actor=None, source=None, target=None, plover=None, cameo=None, quad_class=None,
                 since=None, until=None, country=None, min_confidence=None, article_id=None):
    """The WHERE clause and parameters of :func:`list_events` (``e`` events, ``a`` articles)."""
    where, params = ["TRUE"], []
    if actor:
        where.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?) "
                     f"OR {_fold('e.source_name')} LIKE '%' || {_fold('?')} || '%' "
                     f"OR {_fold('e.target_name')} LIKE '%' || {_fold('?')} || '%')")
        params += [actor.upper(), actor.upper(), actor, actor]
    for side, value in (("source", source), ("target", target)):
        if value:
            # a code prefix (RUS, "CHN GOV") or part of the actor's name, accents and case aside
            where.append(f"(starts_with(e.{side}_code, ?) OR {_fold(f'e.{side}_name')} LIKE '%' || {_fold('?')} || '%' "
                         f"OR {_fold(f'e.{side}_text')} LIKE '%' || {_fold('?')} || '%')")
            params += [value.upper(), value, value]
    if plover:
        where.append("e.plover = upper(?)")
        params.append(plover)
    if cameo:
        where.append("starts_with(e.cameo, ?)")  # 04 takes in 040-046 and 0411
        params.append(cameo)
    if quad_class:
        where.append("e.quad_class = ?")
        params.append(quad_class)
    if country:
        where.append("coalesce(e.action_geo_country, e.location_country) = upper(?)")
        params.append(country)
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(min_confidence)
    if article_id:
        where.append("starts_with(e.article_id, ?)")
        params.append(article_id)
    # date_start/date_end (stored columns) are the days the event's date covers: an event
    # dated 2023-04 or 2023-W15 is in any range that shares a day with it; an ``until`` of
    # '2023' takes in all of 2023
    if since:
        where.append("e.date_end >= period_start(?)")
        params.append(since)
    if until:
        where.append("e.date_start <= period_end(?)")
        params.append(until)
    return " AND ".join(where), params


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    quad_class: int | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 100,
    country: str | None = None,
    source: str | None = None,
    target: str | None = None,
    cameo: str | None = None,
    min_confidence: float | None = None,
    article_id: str | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events with filters: ``actor`` (a code prefix matched against source or target code,
    ``"RUS"``, ``"CHN GOV"``, or part of either actor's name), ``source``/``target`` (the
    same for one side; names are matched without regard to case or accents), ``country``
    (ISO 3166-1 alpha-3 of the event's place, ``"SYR"``), ``plover`` type, ``cameo`` code
    prefix, ``quad_class`` 1–4, ``min_confidence``, and an inclusive date range
    ``since``/``until`` (ISO 8601 at any precision; an event dated ``2023-04`` or
    ``2023-W15`` is inside a range that shares any of its days). Newest first, by
    ``date_start``. ``limit`` None or 0: all."""
    where, params = _event_where(actor=actor, source=source, target=target, plover=plover, cameo=cameo,
                                 quad_class=quad_class, since=since, until=until, country=country,
                                 min_confidence=min_confidence, article_id=article_id)
    sql = (
        "SELECT e.date, e.date_start, e.date_end, e.date_precision, e.date_basis, e.plover, e.mode, e.cameo, "
        "e.quad_class, e.goldstein, e.confidence, "
        "e.source_name, e.source_code, e.target_name, e.target_code, e.location_country, "
        "e.action_geo_fullname, e.action_geo_lat, e.action_geo_long, e.location_basis, "
        "e.evidence_text, a.title, a.source AS outlet, e.article_id, e.event_no "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
        "ORDER BY e.date_start DESC NULLS LAST, e.date, e.article_id, e.event_no"
    )
    sql += _limit(limit) + (f" OFFSET {int(offset)}" if offset else "")
    return _dicts(store.con.execute(sql, params))


def count_events(store: Store, **filters: Any) -> int:
    """How many events :func:`list_events` finds with these filters and no limit."""
    where, params = _event_where(**filters)
    return store.con.execute(f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}",
                             params).fetchone()[0]
