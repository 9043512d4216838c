"""``whimbrel serve``: the analyst's workbench, a local web app over the store.

Starlette with server-rendered Jinja2 templates (autoescaped: every string from an article is
escaped). Pages: events (filters; each event's evidence highlighted in its sentence), one
event in its article, an article with all layers, a dyad timeline, the actor network, a map
of event places and the story clusters. Charts are Vega-Altair specifications rendered to SVG
on the server by vl-convert and shown as images: the pages load no script at all, and the
Content-Security-Policy allows nothing outside the server itself. The map's base layer is
Natural Earth's 1:110m countries (public domain), bundled in ``static/world-110m.geojson``.

Read-only unless ``review=True``: then each event page has a review form (right, wrong, or
corrected type, CAMEO code, actors' codes, date, place country) that posts with a CSRF token
and writes the ``reviews`` table.
"""

from whimbrel.web.app import create_app

__all__ = ["create_app"]
