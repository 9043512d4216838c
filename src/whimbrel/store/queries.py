"""Analyst queries over the store; the Python twins of ``whimbrel actors``, ``quotes`` and
``events``. Each returns a list of dicts (column → value), newest or most frequent first."""

from __future__ import annotations

from typing import Any

from whimbrel.store.duckdb import Store


def _dicts(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def list_articles(store: Store, *, limit: int = 50, source: str | None = None) -> list[dict[str, Any]]:
    """Stored articles, newest publication first: a 12-character id prefix, published,
    source, title, and the number of events and quotes coded in each."""
    sql = ("SELECT left(a.id, 12) AS id, a.published, a.source, a.title, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
           "FROM articles a WHERE (? IS NULL OR a.source = ?) "
           "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?")
    return _dicts(store.con.execute(sql, [source, source, limit]))


def top_actors(store: Store, *, limit: int = 20, code: str | None = None) -> list[dict[str, Any]]:
    """The most frequent resolved actors: name, code, mentions, articles. ``code`` keeps
    actors whose code starts with it (``"CHN"``, ``"RUS GOV"``)."""
    sql = ("SELECT name, code, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM actors "
           "WHERE name IS NOT NULL AND name <> '' AND (? IS NULL OR starts_with(code, ?)) "
           "GROUP BY name, code ORDER BY mentions DESC, articles DESC, name LIMIT ?")
    return _dicts(store.con.execute(sql, [code, code, limit]))


def quotes_by_speaker(store: Store, speaker: str | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose resolved speaker contains ``speaker`` (case-insensitive), with the
    article's title and publication date, newest first."""
    sql = ("SELECT q.speaker, q.speaker_code, q.kind, q.cue, q.text, a.title, a.published, a.source, "
           "q.article_id, q.start, q.\"end\" FROM quotes q JOIN articles a ON a.id = q.article_id "
           "WHERE (? IS NULL OR q.speaker ILIKE '%' || ? || '%') "
           "ORDER BY a.published DESC NULLS LAST, q.article_id, q.start LIMIT ?")
    return _dicts(store.con.execute(sql, [speaker, speaker, limit]))


def list_event_clusters(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
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
        "date, cluster_id LIMIT ?"
    )
    params = [actor, actor, actor, plover, plover, since, since, until, until, limit]
    return _dicts(store.con.execute(sql, params))


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    quad_class: int | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    country: str | None = None,
) -> list[dict[str, Any]]:
    """Events with filters: ``actor`` (a code prefix matched against source or target code,
    ``"RUS"``, ``"CHN GOV"``), ``country`` (ISO 3166-1 alpha-3 of the event's place,
    ``"SYR"``), ``plover`` type, ``quad_class`` 1–4, and an inclusive date
    range ``since``/``until`` (ISO 8601 at any precision; an event dated ``2023-04`` or
    ``2023-W15`` is inside a range that shares any of its days). Newest first, by the first
    day of each event's date."""
    sql = (
        "SELECT e.date, e.date_basis, e.plover, e.mode, e.cameo, e.quad_class, e.goldstein, "
        "e.source_name, e.source_code, e.target_name, e.target_code, e.location_country, "
        "e.action_geo_fullname, e.action_geo_lat, e.action_geo_long, e.location_basis, "
        "e.evidence_text, a.title, a.source AS outlet, e.article_id, e.event_no "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE "
        "(? IS NULL OR starts_with(e.source_code, ?) OR starts_with(e.target_code, ?)) "
        "AND (? IS NULL OR coalesce(e.action_geo_country, e.location_country) = upper(?)) "
        "AND (? IS NULL OR e.plover = upper(?)) AND (? IS NULL OR e.quad_class = ?) "
        "AND (? IS NULL OR period_end(e.date) >= period_start(?)) "
        "AND (? IS NULL OR period_start(e.date) <= period_end(?)) "
        "ORDER BY period_start(e.date) DESC NULLS LAST, e.date, e.article_id, e.event_no LIMIT ?"
    )
    # period_start/period_end (store/duckdb.py) give the days an ISO value covers: an event
    # dated 2023-04 or 2023-W15 is in any range that shares a day with it, and an ``until``
    # of '2023' takes in all of 2023
    params = [actor, actor, actor, country, country, plover, plover, quad_class, quad_class, since, since,
              until, until, limit]
    return _dicts(store.con.execute(sql, params))
