"""Readable reports of an article and a run summary, as rich renderables.

Used by ``whimbrel show`` and ``whimbrel run``; library code returns renderables and only
the CLI prints them.
"""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from whimbrel.model import Article


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def article_report(article: Article, *, full_body: bool = True) -> Group:
    """An article as a readable report: metadata, body paragraphs, then each layer."""
    meta = _table("", ["field", "value"])
    meta.show_header = False
    for name, value in (
        ("id", article.id), ("source", article.source), ("url", article.url),
        ("published", article.published), ("author", article.author),
        ("dateline", article.dateline), ("credit", ", ".join(article.credit) or None),
        ("tags", ", ".join(article.tags) or None), ("origin", str(article.origin) if article.origin else None),
        ("layers", ", ".join(article.producers) or None),
    ):
        meta.add_row(name, escape(str(value)) if value is not None else "[dim]—[/dim]")
    parts: list = [Panel(Text(article.title or "(no title)", style="bold"), expand=False), meta]
    body = Text()
    for i, (s, e) in enumerate(article.paragraphs):
        text = article.body[s:e]
        if not full_body and len(text) > 200:
            text = text[:200] + " …"
        body.append(f"¶{i + 1} ", style="dim")
        body.append(text + ("\n\n" if i + 1 < len(article.paragraphs) else ""))
    n = len(article.sentences)
    parts.append(Panel(body, title=f"body ({len(article.body):,} characters, {n} sentence{'s' if n != 1 else ''})",
                       title_align="left"))
    if article.entities:
        t = _table(f"entities ({len(article.entities)})", ["offsets", "label", "text"])
        for ent in article.entities:
            t.add_row(f"{ent.start}–{ent.end}", ent.label, escape(ent.text))
        parts.append(t)
    if article.timexes:
        t = _table(f"time expressions ({len(article.timexes)})", ["offsets", "text", "value", "mod"])
        for x in article.timexes:
            t.add_row(f"{x.start}–{x.end}", escape(x.text), x.value or "[dim]unresolved[/dim]", x.mod or "")
        parts.append(t)
    if article.actors:
        t = _table(f"actors ({len(article.actors)})", ["offsets", "mention", "name", "code", "title"])
        for x in article.actors:
            t.add_row(f"{x.start}–{x.end}", escape(x.text), escape(x.name or ""), x.code or "", escape(x.title or ""))
        parts.append(t)
    if article.quotes:
        t = _table(f"quotes ({len(article.quotes)})", ["kind", "speaker", "code", "cue", "quote"])
        for q in article.quotes:
            t.add_row(q.kind, escape(q.speaker or "?"), q.speaker_code or "", escape(q.cue or ""),
                      escape(_clip(q.text, 160)))
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
    sentence = Text(article.body[s:es])
    sentence.append(article.body[es:ee], style="bold yellow")
    sentence.append(article.body[ee:e])

    def arg(a) -> str:
        if a is None:
            return "—"
        return f"{a.name or a.text} [{a.code or '?'}]"

    head = (f"{event.plover}" + (f"/{event.mode}" if event.mode else "")
            + f"  CAMEO {event.cameo or '?'}  Q{event.quad_class or '?'}  Goldstein {event.goldstein}")
    lines = Text()
    lines.append(f"{arg(event.source)} → {arg(event.target)}\n", style="bold")
    lines.append(f"date {event.date or '—'} ({event.date_basis})")
    lines.append(f"   place {place_line(event)}")
    lines.append("\n")
    lines.append_text(sentence)
    lines.append(f"\nwhy: cue {event.cue!r}; {event.rule or ''}; confidence {event.confidence:.2f}; "
                 f"{event.producer}", style="dim")
    return Panel(lines, title=f"event {number}: {head}", title_align="left")


def place_line(event) -> str:
    """Where an event happened, with coordinates and basis: "India [IND] 20.33, 78.73
    (episode)"; the actors' places when known."""
    g, loc = event.action_geo, event.location
    if g is not None:
        where = f"{g.fullname} [{g.country or '—'}]"
        if g.lat is not None and g.lon is not None:
            where += f" {g.lat:.2f}, {g.lon:.2f}"
        if loc is not None and loc.text and loc.text != (g.fullname or "").split(",")[0]:
            where += f" from {loc.text!r}"
    elif loc is not None:
        where = f"{loc.text} [{loc.country or '?'}]"
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
        lines = "\n".join(f"{r.origin}: {r.code} {r.reason}: {r.detail}" for r in shown)
        if len(summary.rejections) > len(shown):
            lines += f"\n… {len(summary.rejections) - len(shown)} more in the rejects table"
        t.add_row("rejects", lines)
    if summary.layer_failures:
        t.add_row("layer failures", ", ".join(f"{k} {v}" for k, v in summary.layer_failures.items()))
    t.add_row("seconds", f"{summary.seconds:.1f}")
    t.add_row("articles/s", f"{summary.articles_per_s:.2f}")
    t.add_row("model", summary.model or "—")
    t.add_row("database", summary.db)
    return t
