"""Readable reports of an article and a run summary, as rich renderables.

Used by ``whimbrel show`` and ``whimbrel run``; library code returns renderables and only
the CLI prints them.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from whimbrel.model import Article

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with ANSI escape sequences (colours, cursor moves, OSC titles and links),
    other control characters and bidirectional overrides removed: article text must not
    drive the terminal it is printed on. Newlines and tabs stay."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def article_report(article: Article, *, full_body: bool = True, events_only: bool = False) -> Group:
    """An article as a readable report: metadata, body paragraphs, then each layer
    (``events_only``: the title and the events alone). Text from the article passes through
    :func:`terminal_safe`."""
    if events_only:
        head = Panel(Text(terminal_safe(article.title or "(no title)"), style="bold"), expand=False,
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
        meta.add_row(name, escape(terminal_safe(str(value))) if value is not None else "[dim]—[/dim]")
    parts: list = [Panel(Text(terminal_safe(article.title or "(no title)"), style="bold"), expand=False), meta]
    body = Text()
    for i, (s, e) in enumerate(article.paragraphs):
        text = article.body[s:e]
        if not full_body and len(text) > 200:
            text = text[:200] + " …"
        body.append(f"¶{i + 1} ", style="dim")
        body.append(terminal_safe(text) + ("\n\n" if i + 1 < len(article.paragraphs) else ""))
    n = len(article.sentences)
    parts.append(Panel(body, title=f"body ({len(article.body):,} characters, {n} sentence{'s' if n != 1 else ''})",
                       title_align="left"))
    if article.entities:
        t = _table(f"entities ({len(article.entities)})", ["offsets", "label", "text"])
        for ent in article.entities:
            t.add_row(f"{ent.start}–{ent.end}", ent.label, escape(terminal_safe(ent.text)))
        parts.append(t)
    if article.timexes:
        t = _table(f"time expressions ({len(article.timexes)})", ["offsets", "text", "value", "mod"])
        for x in article.timexes:
            t.add_row(f"{x.start}–{x.end}", escape(terminal_safe(x.text)), x.value or "[dim]unresolved[/dim]", x.mod or "")
        parts.append(t)
    if article.actors:
        t = _table(f"actors ({len(article.actors)})", ["offsets", "mention", "name", "code", "title"])
        for x in article.actors:
            t.add_row(f"{x.start}–{x.end}", escape(terminal_safe(x.text)), escape(terminal_safe(x.name or "")), x.code or "",
                      escape(terminal_safe(x.title or "")))
        parts.append(t)
    if article.quotes:
        t = _table(f"quotes ({len(article.quotes)})", ["kind", "speaker", "code", "cue", "quote"])
        for q in article.quotes:
            t.add_row(q.kind, escape(terminal_safe(q.speaker or "?")), q.speaker_code or "", escape(terminal_safe(q.cue or "")),
                      escape(terminal_safe(_clip(q.text, 160))))
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
    sentence = Text(terminal_safe(article.body[s:es]))
    sentence.append(terminal_safe(article.body[es:ee]), style="bold yellow")
    sentence.append(terminal_safe(article.body[ee:e]))

    def arg(a) -> str:
        if a is None:
            return "—"
        return terminal_safe(f"{a.name or a.text} [{a.code or '?'}]")

    head = (f"{event.plover}" + (f"/{event.mode}" if event.mode else "")
            + f"  CAMEO {event.cameo or '?'} {cameo_name(event.cameo)}  Q{event.quad_class or '?'} "
              f"{QUAD_CLASSES.get(event.quad_class, '')}  Goldstein {event.goldstein}")
    lines = Text()
    lines.append(f"{arg(event.source)} → {arg(event.target)}\n", style="bold")
    lines.append(f"date {event.date or '—'} ({event.date_basis})")
    lines.append(f"   place {place_line(event)}")
    lines.append("\n")
    lines.append_text(sentence)
    lines.append(f"\nwhy: cue {terminal_safe(event.cue or '')!r}; {event.rule or ''}; confidence {event.confidence:.2f}; "
                 f"{event.producer}", style="dim")
    return Panel(lines, title=f"event {number}: {head}", title_align="left")


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
        where = terminal_safe(f"{g.fullname} [{g.country or '—'}]")
        if g.lat is not None and g.lon is not None:
            where += f" {g.lat:.2f}, {g.lon:.2f}"
        if loc is not None and loc.text and loc.text != (g.fullname or "").split(",")[0]:
            where += f" from {terminal_safe(loc.text)!r}"
    elif loc is not None:
        where = terminal_safe(f"{loc.text} [{loc.country or '?'}]")
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
