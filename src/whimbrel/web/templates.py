"""Jinja2 templates of the workbench (autoescaped) and its style sheet."""

_BASE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}whimbrel{% endblock %} · whimbrel</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><header><strong>whimbrel</strong>
<nav>{% for href, name, label in [("/", "events.html", "Events"), ("/timeline", "timeline.html", "Timeline"),
  ("/network", "network.html", "Network"), ("/map", "map.html", "Map"), ("/stories", "stories.html", "Stories")] %}
<a href="{{ href }}"{% if nav == name %} class="on"{% endif %}>{{ label }}</a>{% endfor %}</nav>
<span class="mode">{% if review %}review mode{% else %}read-only{% endif %}</span></header>
<main>{% block main %}{% endblock %}</main></body></html>"""

_EVENTS = """{% extends "base.html" %}{% block title %}Events{% endblock %}{% block main %}
<form class="filters" method="get" action="/">
<label>type <select name="type"><option value="">any</option>{% for t in types %}
<option{% if f.type|upper == t %} selected{% endif %}>{{ t }}</option>{% endfor %}</select></label>
<label>source <input name="source" value="{{ f.source }}" placeholder="code or name" size="10"></label>
<label>target <input name="target" value="{{ f.target }}" placeholder="code or name" size="10"></label>
<label>actor <input name="q" value="{{ f.q }}" placeholder="either side" size="10"></label>
<label>CAMEO <input name="cameo" value="{{ f.cameo }}" size="4"></label>
<label>country <input name="country" value="{{ f.country }}" placeholder="SYR" size="4"></label>
<label>since <input name="since" value="{{ f.since }}" placeholder="2019-01" size="9"></label>
<label>until <input name="until" value="{{ f.until }}" size="9"></label>
<label>min. confidence <input name="min_confidence" value="{{ f.min_confidence }}" size="4"></label>
<button type="submit" id="apply">Filter</button> <a href="/">clear</a></form>
{% for e in errors %}<p class="error">{{ e }}</p>{% endfor %}
<p class="count" id="count">{% if total %}events {{ first }}–{{ first + rows|length - 1 }} of {{ total }}{% else %}no events found{% endif %}
{% if prev_q %}<a href="/?{{ prev_q }}">← previous</a>{% endif %} {% if next_q %}<a href="/?{{ next_q }}">next →</a>{% endif %}</p>
<table class="events"><thead><tr><th>date</th><th>event</th><th>who → whom</th><th>where</th><th>evidence in its sentence</th></tr></thead><tbody>
{% for r in rows %}<tr class="event-row">
<td class="nowrap">{{ r.date or "—" }}<br><small>{{ r.date_precision or "" }} {{ r.date_basis }}</small></td>
<td><a class="open" href="/event/{{ r.article_id }}/{{ r.event_no }}">{{ r.plover }}{% if r.mode %}/{{ r.mode }}{% endif %}</a><br>
<small>{{ r.cameo or "" }} {{ cameo_label(r.cameo) }}</small></td>
<td>{{ r.source_name or "—" }} <code>{{ r.source_code or "" }}</code> → {{ r.target_name or "—" }} <code>{{ r.target_code or "" }}</code></td>
<td>{{ r.action_geo_fullname or r.location_country or "—" }}</td>
<td class="context">{{ r.context }}<br><small>{{ r.outlet or "" }} · <a href="/article/{{ r.article_id }}">{{ r.title or r.article_id[:12] }}</a> · confidence {{ "%.2f"|format(r.confidence or 0) }}</small></td>
</tr>{% endfor %}</tbody></table>{% endblock %}"""

_EVENT = """{% extends "base.html" %}{% block title %}Event {{ no }}{% endblock %}{% block main %}
<h1>{{ ev.plover }}{% if ev.mode %}/{{ ev.mode }}{% endif %} · CAMEO {{ ev.cameo or "?" }} {{ cameo_label(ev.cameo) }}</h1>
<dl class="facts"><dt>who</dt><dd>{% if ev.source %}{{ ev.source.name or ev.source.text }} <code>{{ ev.source.code or "" }}</code>{% else %}—{% endif %}
 → {% if ev.target %}{{ ev.target.name or ev.target.text }} <code>{{ ev.target.code or "" }}</code>{% else %}—{% endif %}</dd>
<dt>when</dt><dd>{{ ev.date or "undated" }} ({{ ev.date_basis }})</dd>
<dt>where</dt><dd>{% if ev.action_geo %}{{ ev.action_geo.fullname }} [{{ ev.action_geo.country }}] {{ "%.2f"|format(ev.action_geo.lat or 0) }}, {{ "%.2f"|format(ev.action_geo.lon or 0) }}{% elif ev.location %}{{ ev.location.text }}{% else %}—{% endif %} ({{ ev.location_basis or "no place" }})</dd>
<dt>class</dt><dd>QuadClass {{ ev.quad_class }} {{ quads.get(ev.quad_class, "") }}, Goldstein {{ ev.goldstein }}</dd>
<dt>why</dt><dd>cue “{{ ev.cue or "" }}”; {{ ev.rule or "" }}; confidence {{ "%.2f"|format(ev.confidence or 0) }}; {{ ev.producer or "" }}</dd>
<dt>article</dt><dd><a href="/article/{{ art.id }}">{{ art.title or art.id }}</a> · {{ art.source or "" }} · {{ art.published or "" }}</dd></dl>
{% if saved %}<p class="saved" id="saved">Review saved.</p>{% endif %}
{% if review %}<form class="review" method="post" action="/review/{{ art.id }}/{{ no }}">
<input type="hidden" name="csrf" value="{{ csrf }}">
<fieldset><legend>Review this event</legend>
<label><input type="radio" name="verdict" value="correct" checked> right</label>
<label><input type="radio" name="verdict" value="wrong"> wrong</label>
<label><input type="radio" name="verdict" value="corrected"> right once corrected:</label>
<label>type <select name="plover"><option value="">(unchanged)</option>{% for t in types %}<option>{{ t }}</option>{% endfor %}</select></label>
<label>CAMEO <input name="cameo" size="4"></label>
<label>source code <input name="source_code" size="8"></label>
<label>target code <input name="target_code" size="8"></label>
<label>date <input name="date" size="10" placeholder="2019-03-31"></label>
<label>place country <input name="location_country" size="4"></label><br>
<label>note <input name="note" size="50"></label>
<label>reviewer <input name="reviewer" value="{{ reviewer }}" size="12"></label>
<button type="submit" id="submit-review">Save review</button></fieldset></form>{% endif %}
{% if reviews %}<h2>Reviews</h2><ul>{% for r in reviews %}<li class="review-item">{{ r.verdict }} by {{ r.reviewer }} at {{ r.reviewed_at }}
{% for k in ["plover", "cameo", "source_code", "target_code", "date", "location_country"] %}{% if r["corrected_" ~ k] %} · {{ k }} → {{ r["corrected_" ~ k] }}{% endif %}{% endfor %}
{% if r.note %} · “{{ r.note }}”{% endif %}</li>{% endfor %}</ul>{% endif %}
<h2>The article, with this event's evidence highlighted</h2>
<article class="body">{% for p in paragraphs %}<p>{{ p }}</p>{% endfor %}</article>{% endblock %}"""

_ARTICLE = """{% extends "base.html" %}{% block title %}{{ art.title or "Article" }}{% endblock %}{% block main %}
<h1>{{ art.title or "(no title)" }}</h1>
<dl class="facts"><dt>id</dt><dd><code>{{ art.id }}</code></dd><dt>source</dt><dd>{{ art.source or "—" }}</dd>
<dt>url</dt><dd>{{ art.url or "—" }}</dd><dt>published</dt><dd>{{ art.published or "—" }}</dd>
<dt>dateline</dt><dd>{{ art.dateline or "—" }}</dd><dt>story</dt><dd>{% if story %}{{ story.n_articles }} article(s) from {{ story.n_sources }} outlet(s): {{ story.sources|join(", ") }}{% endif %}</dd></dl>
<p class="legend"><mark class="evidence">event evidence</mark> <span class="actor">actor</span> <span class="place">place</span> <span class="timex">time</span> <span class="quote">quote</span></p>
<article class="body">{% for p in paragraphs %}<p>{{ p }}</p>{% endfor %}</article>
<h2>Events ({{ art.events|length }})</h2><table><tr><th>#</th><th>event</th><th>who → whom</th><th>date</th><th>place</th><th>evidence</th></tr>
{% for e in art.events %}<tr><td><a href="/event/{{ art.id }}/{{ loop.index0 }}">{{ loop.index0 }}</a></td><td>{{ e.plover }} {{ e.cameo or "" }} <small>{{ cameo_label(e.cameo) }}</small></td>
<td>{{ (e.source.name or e.source.text) if e.source else "—" }} → {{ (e.target.name or e.target.text) if e.target else "—" }}</td><td>{{ e.date or "—" }}</td>
<td>{{ e.action_geo.fullname if e.action_geo else "—" }}</td><td>{{ e.evidence.text }}</td></tr>{% endfor %}</table>
<h2>Quotes ({{ art.quotes|length }})</h2><table>{% for q in art.quotes %}<tr><td>{{ q.kind }}</td><td>{{ q.speaker or "?" }} <code>{{ q.speaker_code or "" }}</code></td><td>{{ q.text }}</td></tr>{% endfor %}</table>
<h2>Actors ({{ art.actors|length }})</h2><table>{% for x in art.actors %}<tr><td>{{ x.text }}</td><td>{{ x.name or "" }}</td><td><code>{{ x.code or "" }}</code></td></tr>{% endfor %}</table>
<h2>Places ({{ art.places|length }})</h2><table>{% for p in art.places %}<tr><td>{{ p.text }}</td><td>{{ p.fullname or "" }}</td><td>{{ p.country or "" }}</td><td>{{ p.lat }}, {{ p.lon }}</td></tr>{% endfor %}</table>
<h2>Time expressions ({{ art.timexes|length }})</h2><table>{% for t in art.timexes %}<tr><td>{{ t.text }}</td><td>{{ t.value or "unresolved" }}</td></tr>{% endfor %}</table>
{% endblock %}"""

_TIMELINE = """{% extends "base.html" %}{% block title %}Dyad timeline{% endblock %}{% block main %}
<form class="filters" method="get" action="/timeline">
<label>source <input name="source" value="{{ f.source }}" placeholder="code prefix" size="10"></label>
<label>target <input name="target" value="{{ f.target }}" placeholder="code prefix" size="10"></label>
<label>by <select name="by"><option{% if f.by == "month" %} selected{% endif %}>month</option><option{% if f.by == "week" %} selected{% endif %}>week</option></select></label>
<button type="submit" id="apply">Show</button></form>
{% if chart %}<img class="chart" id="chart" src="{{ chart }}" alt="events and mean Goldstein per {{ f.by }}">{% endif %}
<table><tr><th>{{ f.by }}</th><th>events</th><th>mean Goldstein</th></tr>{% for r in rows %}<tr><td>{{ r.period }}</td><td>{{ r.events }}</td><td>{{ r.goldstein }}</td></tr>{% else %}<tr><td colspan="3">no dated events for this dyad</td></tr>{% endfor %}</table>
<h2>Most frequent dyads</h2><ul class="dyads">{% for d in dyads %}<li><a href="/timeline?source={{ d.source_code|urlencode }}&amp;target={{ d.target_code|urlencode }}">{{ d.source_code }} → {{ d.target_code }}</a> ({{ d.n }})</li>{% endfor %}</ul>
{% endblock %}"""

_NETWORK = """{% extends "base.html" %}{% block title %}Actor network{% endblock %}{% block main %}
{% if chart %}<img class="chart" id="chart" src="{{ chart }}" alt="who acts on whom">{% endif %}
<table><tr><th>source</th><th>target</th><th>events</th><th>mean Goldstein</th></tr>{% for e in edges %}
<tr><td>{{ e.source }}</td><td>{{ e.target }}</td><td><a href="/?source={{ e.source|urlencode }}&amp;target={{ e.target|urlencode }}">{{ e.events }}</a></td><td>{{ e.goldstein }}</td></tr>{% else %}<tr><td colspan="4">no events with both actors coded</td></tr>{% endfor %}</table>
{% endblock %}"""

_MAP = """{% extends "base.html" %}{% block title %}Map{% endblock %}{% block main %}
<img class="chart" id="chart" src="{{ chart }}" alt="event places on a world map">
<p class="note">Base layer: Natural Earth 1:110m countries (public domain), bundled. Circles: places of events (GDELT ActionGeo), sized by events, coloured by mean Goldstein.</p>
<table><tr><th>place</th><th>country</th><th>lat, long</th><th>events</th><th>types</th></tr>{% for p in points %}
<tr><td>{{ p.place }}</td><td>{% if p.country %}<a href="/?country={{ p.country|urlencode }}">{{ p.country }}</a>{% else %}—{% endif %}</td><td>{{ "%.2f"|format(p.lat) }}, {{ "%.2f"|format(p.lon) }}</td><td>{{ p.events }}</td><td>{{ p.types|join(", ") }}</td></tr>{% endfor %}</table>
{% endblock %}"""

_STORIES = """{% extends "base.html" %}{% block title %}Story clusters{% endblock %}{% block main %}
<table><tr><th>story</th><th>articles</th><th>outlets</th><th>events</th><th>first published</th></tr>{% for s in rows %}
<tr class="story"><td>{{ s.title or "(no title)" }}<ul>{% for m in members.get(s.story_id, []) %}<li><a href="/article/{{ m.id }}">{{ m.source or "?" }}: {{ m.title or m.id[:12] }}</a> {{ m.published or "" }}</li>{% endfor %}</ul></td>
<td>{{ s.n_articles }}</td><td>{{ s.sources|join(", ") }}</td><td>{{ s.n_events }}</td><td>{{ s.first_published or "" }}</td></tr>{% endfor %}</table>
{% endblock %}"""

_MISSING = """{% extends "base.html" %}{% block title %}Not found{% endblock %}{% block main %}
<p class="error">{{ what }}</p><p><a href="/">back to the events</a></p>{% endblock %}"""

_CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:.6em 1em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
header a{color:#dde;text-decoration:none;margin-right:1em}header a.on{color:#fff;border-bottom:2px solid #fc6}
.mode{margin-left:auto;font-size:.85em;opacity:.8}main{padding:1em;max-width:1400px}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#eef}.nowrap{white-space:nowrap}code{background:#eee;padding:0 .2em;border-radius:3px}
mark.evidence{background:#ffe066;padding:0 .1em}mark.current{background:#ffb703;outline:2px solid #e85d04}
span.actor{border-bottom:2px solid #4c78a8}span.actor.source{background:#dbe9f6}span.actor.target{background:#f6dbe0}
span.place{border-bottom:2px solid #2a9d8f}span.timex{border-bottom:2px dotted #9b5de5}span.quote{background:#eef6ee}
.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:end;background:#fff;padding:.6em;border:1px solid #ddd}
.error{color:#a00;font-weight:bold}.saved{color:#060;font-weight:bold}.body{background:#fff;padding:1em 1.5em;border:1px solid #ddd;max-width:60em}
.chart{max-width:100%;background:#fff;border:1px solid #ddd}dl.facts{display:grid;grid-template-columns:8em 1fr;gap:.2em 1em}
dt{font-weight:bold}dd{margin:0}.review fieldset{display:flex;flex-wrap:wrap;gap:.6em}small{color:#666}
@media (max-width:700px){th:nth-child(4),td:nth-child(4){display:none}}"""

TEMPLATES = {"base.html": _BASE, "events.html": _EVENTS, "event.html": _EVENT, "article.html": _ARTICLE,
             "timeline.html": _TIMELINE, "network.html": _NETWORK, "map.html": _MAP, "stories.html": _STORIES,
             "missing.html": _MISSING, "style.css": _CSS}
