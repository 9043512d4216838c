"""The workbench's charts: Vega-Altair specifications rendered to SVG by vl-convert, on the
server (no JavaScript reaches the browser, nothing is fetched from elsewhere)."""

from __future__ import annotations

import math
from typing import Any

import altair as alt


def _render(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def _empty(text: str) -> str:
    return _render(alt.Chart(alt.Data(values=[{"t": text}])).mark_text(size=14).encode(text="t:N")
                   .properties(width=400, height=60))


def timeline(rows: list[dict[str, Any]], by: str) -> str:
    """Bars of events per period and a line of their mean Goldstein score."""
    if not rows:
        return _empty("no dated events")
    data = alt.Data(values=[{"period": str(r["period"])[:10], "events": r["events"], "goldstein": r["goldstein"]}
                            for r in rows])
    base = alt.Chart(data).encode(x=alt.X("period:T", title=by, timeUnit="yearmonthdate" if by == "week" else "yearmonth"))
    bars = base.mark_bar(opacity=0.6, color="#4c78a8").encode(y=alt.Y("events:Q", title="events"))
    line = base.mark_line(point=True, color="#e45756").encode(
        y=alt.Y("goldstein:Q", title="mean Goldstein", scale=alt.Scale(domain=[-10, 10])))
    return _render(alt.layer(bars, line).resolve_scale(y="independent").properties(width=760, height=300))


def network(edges: list[dict[str, Any]]) -> str:
    """Who acts on whom: actors on a circle, an arrow-less edge per dyad, as wide as its
    number of events and coloured by its mean Goldstein."""
    if not edges:
        return _empty("no events with both actors coded")
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    seg = [{"x": pos[e["source"]][0], "y": pos[e["source"]][1], "x2": pos[e["target"]][0] * 0.92,
            "y2": pos[e["target"]][1] * 0.92, "events": e["events"], "goldstein": e["goldstein"],
            "dyad": f"{e['source']} → {e['target']}"} for e in edges]
    weight = {n: sum(e["events"] for e in edges if n in (e["source"], e["target"])) for n in nodes}
    pts = [{"x": x, "y": y, "actor": n, "events": weight[n]} for n, (x, y) in pos.items()]
    axis = alt.Axis(labels=False, ticks=False, grid=False, title=None, domain=False)
    sc = alt.Scale(domain=[-1.35, 1.35])
    lines = alt.Chart(alt.Data(values=seg)).mark_rule(opacity=0.7).encode(
        x=alt.X("x:Q", axis=axis, scale=sc), y=alt.Y("y:Q", axis=axis, scale=sc), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("events:Q", scale=alt.Scale(range=[1, 10]), title="events"),
        color=alt.Color("goldstein:Q", scale=alt.Scale(scheme="redblue", domain=[-10, 10]), title="Goldstein"))
    dots = alt.Chart(alt.Data(values=pts)).mark_circle(color="#333").encode(
        x="x:Q", y="y:Q", size=alt.Size("events:Q", scale=alt.Scale(range=[40, 400]), legend=None))
    labels = alt.Chart(alt.Data(values=[{**p, "lx": p["x"] * 1.17, "ly": p["y"] * 1.12} for p in pts])).mark_text(
        fontSize=11, fontWeight="bold").encode(x="lx:Q", y="ly:Q", text="actor:N")
    return _render(alt.layer(lines, dots, labels).properties(width=620, height=620).configure_view(strokeWidth=0))


def world_map(points: list[dict[str, Any]]) -> str:
    """Event places on the bundled Natural Earth countries, a circle per place sized by its
    number of events."""
    from whimbrel.web.app import world

    base = alt.Chart(alt.Data(values=world()["features"])).mark_geoshape(
        fill="#e8e8e8", stroke="#999", strokeWidth=0.4)
    layers = [base]
    if points:
        pts = [{"lat": p["lat"], "lon": p["lon"], "place": p["place"] or "", "events": p["events"],
                "goldstein": p["goldstein"]} for p in points]
        layers.append(alt.Chart(alt.Data(values=pts)).mark_circle(opacity=0.75, stroke="#222", strokeWidth=0.5).encode(
            longitude="lon:Q", latitude="lat:Q", size=alt.Size("events:Q", scale=alt.Scale(range=[30, 600]), title="events"),
            color=alt.Color("goldstein:Q", scale=alt.Scale(scheme="redblue", domain=[-10, 10]), title="Goldstein")))
    chart = alt.layer(*layers).project("equalEarth").properties(width=900, height=460)
    return _render(chart.configure_view(stroke=None))
