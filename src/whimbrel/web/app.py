"""The Starlette application of ``whimbrel serve`` (see the package docstring)."""

from __future__ import annotations

import hmac
import json
import math
import secrets
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from whimbrel.dates import real_period
from whimbrel.store import queries
from whimbrel.store.duckdb import Store
from whimbrel.web.templates import TEMPLATES

PAGE_SIZE = 50
CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
FILTERS = ("type", "source", "target", "cameo", "country", "since", "until", "min_confidence", "q")


def _cameo_label(code: str | None) -> str:
    from whimbrel.ontology import cameo as cameo_codes

    try:
        return cameo_codes.lookup(code).name if code else ""
    except (KeyError, ValueError):
        return ""


QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def highlight(body: str, spans: list[tuple[int, int, str, str]], start: int = 0, end: int | None = None) -> Markup:
    """``body[start:end]`` as escaped HTML with ``spans`` (start, end, css class, title)
    wrapped in ``<mark>`` or ``<span>``; overlapping spans after the first are dropped."""
    end = len(body) if end is None else end
    out, pos = [], start
    for s, e, cls, title in sorted((sp for sp in spans if sp[0] < end and sp[1] > start and sp[1] > sp[0]),
                                   key=lambda sp: (sp[0], -sp[1])):
        s, e = max(s, start), min(e, end)
        if s < pos:
            continue
        out.append(str(escape(body[pos:s])))
        tag = "mark" if cls.startswith("evidence") else "span"
        ident = ' id="evidence"' if cls == "evidence current" else ""
        out.append(f'<{tag} class="{escape(cls)}"{ident} title="{escape(title)}">{escape(body[s:e])}</{tag}>')
        pos = e
    out.append(str(escape(body[pos:end])))
    return Markup("".join(out))


def create_app(db: str | Path, *, review: bool = False, reviewer: str = "analyst") -> Starlette:
    """The workbench over the store ``db``: read-only unless ``review``; reviews are signed
    with ``reviewer`` unless the form names someone else."""
    store = Store(db, read_only=not review)
    lock = threading.Lock()
    csrf = secrets.token_urlsafe(32)
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(cameo_label=_cameo_label, quads=QUADS, review=review, csrf=csrf, reviewer=reviewer)

    def query(sql: str, params: list | None = None) -> list[dict[str, Any]]:
        with lock:
            cur = store.con.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def page(name: str, request: Request, status: int = 200, **ctx) -> HTMLResponse:
        html = env.get_template(name).render(request=request, nav=name, **ctx)
        return HTMLResponse(html, status_code=status, headers=_headers())

    def filters_of(request: Request) -> tuple[dict[str, str], dict[str, Any], list[str]]:
        """The filter form's values, the query's arguments, and the problems with them."""
        from whimbrel.ontology import plover as plover_types
        from whimbrel.ontology.countries import load_countries

        raw = {k: (request.query_params.get(k) or "").strip() for k in FILTERS}
        args: dict[str, Any] = {}
        errors: list[str] = []
        if raw["type"]:
            if raw["type"].upper() in plover_types.types():
                args["plover"] = raw["type"].upper()
            else:
                errors.append(f"unknown event type {raw['type']!r}")
        for k in ("source", "target", "cameo"):
            if raw[k]:
                args[k] = raw[k]
        if raw["q"]:
            args["actor"] = raw["q"]
        if raw["country"]:
            if load_countries().get(raw["country"].upper()):
                args["country"] = raw["country"].upper()
            else:
                errors.append(f"unknown country code {raw['country']!r} (ISO 3166-1 alpha-3: SYR, USA)")
        for k in ("since", "until"):
            if raw[k]:
                import re

                if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?", raw[k]) and real_period(raw[k]):
                    args[k] = raw[k]
                else:
                    errors.append(f"{k} {raw[k]!r} is not an ISO 8601 date (2019, 2019-03, 2019-03-31)")
        if raw["min_confidence"]:
            try:
                args["min_confidence"] = float(raw["min_confidence"])
            except ValueError:
                errors.append(f"min_confidence {raw['min_confidence']!r} is not a number")
        return raw, args, errors

    async def events_page(request: Request) -> HTMLResponse:
        raw, args, errors = filters_of(request)
        try:
            pg = max(1, int(request.query_params.get("page") or 1))
        except ValueError:
            pg = 1
        rows, total = [], 0
        if not errors:
            with lock:
                total = queries.count_events(store, **args)
                rows = queries.list_events(store, limit=PAGE_SIZE, offset=(pg - 1) * PAGE_SIZE, **args)
        for r in rows:
            ctx = query("SELECT e.sentence_start, e.sentence_end, e.evidence_start, e.evidence_end, a.body "
                        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? AND e.event_no = ?",
                        [r["article_id"], r["event_no"]])[0]
            r["context"] = highlight(ctx["body"], [(ctx["evidence_start"], ctx["evidence_end"], "evidence", "evidence")],
                                     ctx["sentence_start"], ctx["sentence_end"])
        keep = {k: v for k, v in raw.items() if v}
        nxt = urlencode({**keep, "page": pg + 1}) if pg * PAGE_SIZE < total else None
        prv = urlencode({**keep, "page": pg - 1}) if pg > 1 else None
        from whimbrel.ontology import plover as plover_types

        return page("events.html", request, status=400 if errors else 200, rows=rows, total=total, f=raw,
                    errors=errors, first=(pg - 1) * PAGE_SIZE + 1, next_q=nxt, prev_q=prv,
                    types=sorted(plover_types.types()))

    def article_of(aid: str):
        from whimbrel.errors import StoreError

        with lock:
            try:
                return store.get_article(aid)
            except StoreError:
                return None

    async def event_page(request: Request) -> HTMLResponse:
        aid, no = request.path_params["aid"], request.path_params["no"]
        art = article_of(aid)
        if art is None or not 0 <= no < len(art.events):
            return page("missing.html", request, status=404, what=f"event {aid[:12]}#{no}")
        ev = art.events[no]
        spans = [(ev.evidence.start, ev.evidence.end, "evidence current", "this event's evidence")]
        for side, arg in (("source", ev.source), ("target", ev.target)):
            if arg is not None:
                spans.append((arg.start, arg.end, f"actor {side}", f"{side}: {arg.name or arg.text} {arg.code or ''}"))
        paragraphs = [highlight(art.body, spans, s, e) for s, e in art.paragraphs] or [highlight(art.body, spans)]
        reviews = query("SELECT * FROM reviews WHERE article_id = ? AND event_no = ? ORDER BY reviewed_at DESC",
                        [art.id, no])
        from whimbrel.ontology import plover as plover_types

        return page("event.html", request, art=art, ev=ev, no=no, paragraphs=paragraphs, reviews=reviews,
                    saved=request.query_params.get("saved"), types=sorted(plover_types.types()))

    async def article_page(request: Request) -> HTMLResponse:
        art = article_of(request.path_params["aid"])
        if art is None:
            return page("missing.html", request, status=404, what=f"article {request.path_params['aid'][:12]}")
        spans = [(e.evidence.start, e.evidence.end, "evidence", f"event {i}: {e.plover} {e.cameo or ''}")
                 for i, e in enumerate(art.events)]
        spans += [(q.start, q.end, "quote", f"quote ({q.kind}) by {q.speaker or '?'}") for q in art.quotes]
        spans += [(x.start, x.end, "actor", f"{x.name or x.text} {x.code or ''}") for x in art.actors]
        spans += [(p.start, p.end, "place", f"{p.fullname or p.name} [{p.country or ''}]") for p in art.places]
        spans += [(t.start, t.end, "timex", f"{t.value or 'unresolved'}") for t in art.timexes]
        paragraphs = [highlight(art.body, spans, s, e) for s, e in art.paragraphs] or [highlight(art.body, spans)]
        story = None
        with lock:
            story = store.story_of(art.id)
        return page("article.html", request, art=art, paragraphs=paragraphs, story=story)

    async def timeline_page(request: Request) -> HTMLResponse:
        raw = {k: (request.query_params.get(k) or "").strip() for k in ("source", "target", "by")}
        by = raw["by"] if raw["by"] in ("week", "month") else "month"
        rows = _timeline(query, raw["source"], raw["target"], by)
        dyads = query("SELECT source_code, target_code, count(*) AS n FROM events WHERE source_code IS NOT NULL "
                      "AND target_code IS NOT NULL GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT 15")
        chart = "/chart/timeline.svg?" + urlencode({k: v for k, v in {**raw, "by": by}.items() if v})
        return page("timeline.html", request, rows=rows, f={**raw, "by": by}, chart=chart if rows else None, dyads=dyads)

    async def timeline_svg(request: Request) -> Response:
        p = request.query_params
        by = p.get("by") if p.get("by") in ("week", "month") else "month"
        return _svg(charts.timeline(_timeline(query, p.get("source") or "", p.get("target") or "", by), by))

    async def network_page(request: Request) -> HTMLResponse:
        edges = _edges(query, request.query_params.get("min") or "1")
        return page("network.html", request, edges=edges, chart="/chart/network.svg" if edges else None)

    async def network_svg(request: Request) -> Response:
        return _svg(charts.network(_edges(query, "1")))

    async def map_page(request: Request) -> HTMLResponse:
        pts = _points(query)
        return page("map.html", request, points=pts, chart="/chart/map.svg")

    async def map_svg(request: Request) -> Response:
        return _svg(charts.world_map(_points(query)))

    async def stories_page(request: Request) -> HTMLResponse:
        rows = query("SELECT s.*, (SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                     "WHERE a.story_id = s.story_id) AS n_events FROM stories s "
                     "ORDER BY n_sources DESC, n_articles DESC, first_published DESC NULLS LAST, story_id")
        members = query("SELECT id, story_id, source, title, published FROM articles ORDER BY published, id")
        by_story: dict[str, list] = {}
        for m in members:
            by_story.setdefault(m["story_id"], []).append(m)
        return page("stories.html", request, rows=rows, members=by_story)

    async def review_post(request: Request) -> Response:
        if not review:
            return page("missing.html", request, status=403, what="reviews: start whimbrel serve --review")
        form = await request.form()
        if not hmac.compare_digest(str(form.get("csrf") or ""), csrf):
            return page("missing.html", request, status=403, what="a review without a valid CSRF token")
        aid, no = request.path_params["aid"], request.path_params["no"]
        from whimbrel.review import CORRECTABLE, add_review

        fixes = {k: str(form.get(k) or "") for k in CORRECTABLE if form.get(k)}
        try:
            with lock:
                add_review(store.con, aid, no, str(form.get("verdict") or ""),
                           str(form.get("reviewer") or reviewer)[:80], fixes, str(form.get("note") or "")[:2000] or None)
        except ValueError as exc:
            return page("missing.html", request, status=400, what=f"review not saved: {exc}")
        return RedirectResponse(f"/event/{aid}/{no}?saved=1", status_code=303, headers=_headers())

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name != "style.css":
            return Response("not found", status_code=404)
        return Response(TEMPLATES["style.css"], media_type="text/css", headers=_headers())

    from whimbrel.web import charts

    routes = [
        Route("/", events_page), Route("/event/{aid:str}/{no:int}", event_page),
        Route("/article/{aid:str}", article_page), Route("/timeline", timeline_page),
        Route("/network", network_page), Route("/map", map_page), Route("/stories", stories_page),
        Route("/chart/timeline.svg", timeline_svg), Route("/chart/network.svg", network_svg),
        Route("/chart/map.svg", map_svg), Route("/static/{name:str}", static),
        Route("/review/{aid:str}/{no:int}", review_post, methods=["POST"]),
    ]
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app):
        yield
        with lock:
            store.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = store
    app.state.csrf = csrf
    return app


def _headers() -> dict[str, str]:
    return {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY"}


def _svg(svg: str) -> Response:
    return Response(svg, media_type="image/svg+xml", headers=_headers())


def _timeline(query, source: str, target: str, by: str) -> list[dict[str, Any]]:
    """Event counts and mean Goldstein per week or month (by ``date_start``) for a dyad:
    ``source``/``target`` are code prefixes (empty: any)."""
    return query(
        f"SELECT date_trunc('{by}', date_start) AS period, count(*) AS events, round(avg(goldstein), 2) AS goldstein "
        "FROM events WHERE date_start IS NOT NULL AND (? = '' OR starts_with(source_code, upper(?))) "
        "AND (? = '' OR starts_with(target_code, upper(?))) GROUP BY 1 ORDER BY 1",
        [source, source, target, target])


def _edges(query, minimum: str) -> list[dict[str, Any]]:
    try:
        m = max(1, int(minimum))
    except ValueError:
        m = 1
    return query("SELECT source_code AS source, target_code AS target, count(*) AS events, "
                 "round(avg(goldstein), 2) AS goldstein FROM events WHERE source_code IS NOT NULL AND "
                 "target_code IS NOT NULL AND source_code <> target_code GROUP BY ALL HAVING count(*) >= ? "
                 "ORDER BY events DESC, source, target LIMIT 60", [m])


def _points(query) -> list[dict[str, Any]]:
    return query("SELECT action_geo_fullname AS place, action_geo_country AS country, action_geo_lat AS lat, "
                 "action_geo_long AS lon, count(*) AS events, round(avg(goldstein), 2) AS goldstein, "
                 "list(DISTINCT plover ORDER BY plover) AS types FROM events WHERE action_geo_lat IS NOT NULL "
                 "GROUP BY ALL ORDER BY events DESC, place")


@lru_cache(maxsize=1)
def world() -> dict:
    """Natural Earth 1:110m countries (public domain), bundled."""
    return json.loads(resources.files("whimbrel.web").joinpath("static/world-110m.geojson").read_text("utf-8"))


__all__ = ["create_app", "highlight", "world", "math"]
