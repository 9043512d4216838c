"""Readable reports of an article and a run summary, as rich renderables.

Used by ``whimbrel show`` and ``whimbrel run``; library code returns renderables and only
the CLI prints them.
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from whimbrel.model import Article
from whimbrel.safe import text as safe, visible


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def article_report(article: Article, *, full_body: bool = True, events_only: bool = False) -> Group:
    """An article as a readable report: metadata, body paragraphs, then each layer
    (``events_only``: the title and the events alone). Text from the article passes through
    :func:`whimbrel.safe.visible` (controls shown as escapes, never markup)."""
    if events_only:
        head = Panel(safe(article.title or "(no title)", "bold"), expand=False,
                     subtitle=f"{article.id[:12]} · {len(article.events)} event{'s' if len(article.events) != 1 else ''}",
                     subtitle_align="left")
        return Group(head, *(event_panel(article, ev, i) for i, ev in enumerate(article.events, 1)))
    meta = _table("", ["field", "value"])
    meta.show_header = False
    for name, value in (
        ("id", article.id), ("source", article.source), ("url", article.url),
        ("published", article.published), ("author", article.author),
        ("dateline", article.dateline), ("credit", ", ".join(article.credit) or None),
        ("tags", ", ".join(article.tags) or None), ("origin", str(article.origin) if article.origin else None),
        ("layers", ", ".join(article.producers) or None),
    ):
        meta.add_row(name, safe(value) if value is not None else Text("—", style="dim"))
    parts: list = [Panel(safe(article.title or "(no title)", "bold"), expand=False), meta]
    body = Text()
    for i, (s, e) in enumerate(article.paragraphs):
        text = article.body[s:e]
        if not full_body and len(text) > 200:
            text = text[:200] + " …"
        body.append(f"¶{i + 1} ", style="dim")
        body.append(visible(text) + ("\n\n" if i + 1 < len(article.paragraphs) else ""))
    n = len(article.sentences)
    parts.append(Panel(body, title=f"body ({len(article.body):,} characters, {n} sentence{'s' if n != 1 else ''})",
                       title_align="left"))
    if article.entities:
        t = _table(f"entities ({len(article.entities)})", ["offsets", "label", "text"])
        for ent in article.entities:
            t.add_row(f"{ent.start}–{ent.end}", ent.label, safe(ent.text))
        parts.append(t)
    if article.timexes:
        t = _table(f"time expressions ({len(article.timexes)})", ["offsets", "text", "value", "mod"])
        for x in article.timexes:
            t.add_row(f"{x.start}–{x.end}", safe(x.text), safe(x.value) if x.value else Text("unresolved", style="dim"),
                      x.mod or "")
        parts.append(t)
    if article.actors:
        t = _table(f"actors ({len(article.actors)})", ["offsets", "mention", "name", "code", "title"])
        for x in article.actors:
            t.add_row(f"{x.start}–{x.end}", safe(x.text), safe(x.name or ""), safe(x.code or ""), safe(x.title or ""))
        parts.append(t)
    if article.quotes:
        t = _table(f"quotes ({len(article.quotes)})", ["kind", "speaker", "code", "cue", "quote"])
        for q in article.quotes:
            t.add_row(q.kind, safe(q.speaker or "?"), safe(q.speaker_code or ""), safe(q.cue or ""),
                      safe(_clip(q.text, 160)))
        parts.append(t)
    if article.events:
        for i, ev in enumerate(article.events, 1):
            parts.append(event_panel(article, ev, i))
    return Group(*parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def event_panel(article: Article, event, number: int) -> Panel:
    """One event: its codes and dyad, its sentence with the evidence highlighted, and why
    it was coded (cue, rule, confidence)."""
    s, e = event.sentence.start, event.sentence.end
    es, ee = event.evidence.start, event.evidence.end
    sentence = safe(article.body[s:es])
    sentence.append(visible(article.body[es:ee]), style="bold yellow")
    sentence.append(visible(article.body[ee:e]))

    def arg(a) -> str:
        if a is None:
            return "—"
        return visible(f"{a.name or a.text} [{a.code or '?'}]")

    head = (f"{event.plover}" + (f"/{event.mode}" if event.mode else "")
            + f"  CAMEO {event.cameo or '?'} {cameo_name(event.cameo)}  Q{event.quad_class or '?'} "
              f"{QUAD_CLASSES.get(event.quad_class, '')}  Goldstein {event.goldstein}")
    lines = Text()
    lines.append(visible(f"{arg(event.source)} → {arg(event.target)}") + "\n", style="bold")
    lines.append(visible(f"date {event.date or '—'} ({event.date_basis})"))
    lines.append(visible(f"   place {place_line(event)}"))
    lines.append("\n")
    lines.append_text(sentence)
    lines.append("\n" + visible(f"why: cue {event.cue!r}; {event.rule or ''}; confidence {event.confidence:.2f}; "
                                 f"{event.producer}"), style="dim")
    return Panel(lines, title=safe(f"event {number}: {head}"), title_align="left")


QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def cameo_name(code: str | None) -> str:
    """The CAMEO label of an event code ("Use conventional military force"), or ''."""
    from whimbrel.ontology import cameo as cameo_codes

    try:
        return f"({cameo_codes.lookup(code).name})" if code else ""
    except (KeyError, ValueError):
        return ""


def place_line(event) -> str:
    """Where an event happened, with coordinates and basis: "India [IND] 20.33, 78.73
    (episode)"; the actors' places when known."""
    g, loc = event.action_geo, event.location
    if g is not None:
        where = visible(f"{g.fullname} [{g.country or '—'}]")
        if g.lat is not None and g.lon is not None:
            where += f" {g.lat:.2f}, {g.lon:.2f}"
        if loc is not None and loc.text and loc.text != (g.fullname or "").split(",")[0]:
            where += f" from {visible(loc.text)!r}"
    elif loc is not None:
        where = visible(f"{loc.text} [{loc.country or '?'}]")
    else:
        where = "—"
    where += f" ({event.location_basis or 'none'})"
    actors = [f"{side} {geo.country}" for side, geo in (("source in", event.source_geo), ("target in", event.target_geo))
              if geo is not None and geo.country]
    return where + ("; " + ", ".join(actors) if actors else "")


def summary_table(summary) -> Table:
    """The closing summary of a run (a :class:`~whimbrel.run.local.RunSummary`)."""
    t = _table("", ["", ""])
    t.show_header = False
    t.add_row("read", f"{summary.read:,}")
    t.add_row("stored", f"{summary.stored:,}")
    t.add_row("skipped as duplicate", f"{summary.duplicates:,}")
    if summary.rejected:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected.items()))
        t.add_row("rejected", f"{summary.n_rejected:,} ({detail})")
    else:
        t.add_row("rejected", "0")
    if summary.rejections:
        shown = summary.rejections[:10]
        lines = "\n".join(visible(f"{r.origin}: {r.code} {r.reason}: {r.detail}", newlines=False) for r in shown)
        if len(summary.rejections) > len(shown):
            lines += f"\n… {len(summary.rejections) - len(shown)} more in the rejects table"
        t.add_row("rejects", Text(lines))
    if summary.layer_failures:
        t.add_row("layer failures", ", ".join(f"{k} {v}" for k, v in summary.layer_failures.items()))
    if getattr(summary, "warnings", None):
        t.add_row("warnings", ", ".join(f"{k} {v}" for k, v in summary.warnings.items())
                  + " (articles stored without the value; see the rejects table)")
    t.add_row("seconds", f"{summary.seconds:.1f}")
    t.add_row("articles/s", f"{summary.articles_per_s:.2f}")
    t.add_row("model", safe(summary.model or "—"))
    t.add_row("database", safe(summary.db))
    return t
