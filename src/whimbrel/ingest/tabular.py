"""CSV and JSONL exports: one article per row.

Columns (design.md): ``text`` (required), ``title``, ``date`` (publication date, ISO 8601),
``url``, ``source``, ``id``. Other columns are ignored. ``published_at``/``published`` and
``body``/``content`` are accepted as aliases because common exports use them.
A row without text becomes a W103 rejection; an unparsable JSONL line a W108 one; a file
without a text column a single W105 rejection. Row numbers are 0-based data rows.

``columns`` (``--text-column`` and friends) names the column of a field, before the aliases.
The CSV delimiter is sniffed from the header line (``,`` ``;`` tab ``|``). One bad record
is rejected alone and reading goes on with the next: a row with an unclosed quote costs
its first line only (the lines it swallowed are read again as rows), a row with a NUL
byte, more cells than the header or a field over the limit is a W108 of its own, and a
JSONL line that is not JSON (including numbers of thousands of digits and nesting deeper
than Python's recursion limit) is a W108.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from whimbrel import errors
from whimbrel.dates import infer_order, parse_date
from whimbrel.model import Origin, RawDocument, Rejection, scrub

ALIASES = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publication_date", "pubdate"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "outlet", "publisher", "site"),
    "id": ("id", "doc_id", "article_id"),
}

#: Largest CSV field, in characters (csv's own default is 131,072, too small for articles).
MAX_FIELD_CHARS = 10_000_000
#: Largest JSONL line / CSV record, in characters; a longer one is rejected (W106) alone.
MAX_RECORD_CHARS = 20_000_000


def _pick(row: dict[str, Any], field: str, columns: Mapping[str, str] | None = None) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    names = ALIASES[field]
    if columns and columns.get(field):
        names = (columns[field].strip().lower(),)
    for name in names:
        value = lowered.get(name)
        if value is not None and not isinstance(value, (dict, list)) and str(value).strip():
            return scrub(str(value).strip())
    return None


def source_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (``"en.wikinews.org"``), or ``None`` (also for a
    URL that does not parse, such as ``http://[::1/story``)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def row_to_document(
    row: dict[str, Any], origin: Origin, fmt: str, source: str | None = None,
    columns: Mapping[str, str] | None = None, date_order: str | None = None,
) -> RawDocument | Rejection:
    """One CSV row or JSONL object → :class:`RawDocument`, or W103 when it has no text.

    ``source`` overrides the row's own source column (for ``--source``); ``columns`` maps
    a field (``text``, ``title``, ``date``, ``id``, ``url``, ``source``) to a column name.
    Lone surrogates (``"\\ud83d"`` in JSON) become U+FFFD. The date is read with
    :func:`whimbrel.dates.parse_date` in the column's ``date_order``; a value it cannot
    read leaves ``published`` empty and a ``date:`` warning on the document.
    """
    text = _pick(row, "text", columns)
    if text is None:
        return Rejection(origin=origin, code=errors.W103.code, reason=errors.W103.reason,
                         detail="the row has no text")
    if "\x00" in text:
        return Rejection(origin=origin, code=errors.W102.code, reason=errors.W102.reason,
                         detail=f"the row's text holds a NUL byte at character {text.index(chr(0)):,}: binary data")
    url = _pick(row, "url", columns)
    raw_date = _pick(row, "date", columns)
    published = parse_date(raw_date, date_order) if raw_date else None
    warnings = (f"date: cannot read {raw_date[:80]!r} as a date",) if raw_date and not published else ()
    return RawDocument(
        origin=origin,
        format=fmt,  # type: ignore[arg-type]
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        source=source or _pick(row, "source", columns) or source_from_url(url),
        url=url,
        title=_pick(row, "title", columns),
        published=published,
        doc_id=_pick(row, "id", columns),
        warnings=warnings,
    )


def _column_order(values: Iterator[str | None]) -> str | None:
    """The day/month order of one file's date column (:func:`whimbrel.dates.infer_order`)."""
    return infer_order(v for v in values if v)


def _missing_text(origin: Origin, columns: list[str], wanted: str | None = None, hint: str = "") -> Rejection:
    shown = [c if len(c) <= 40 else c[:37] + "..." for c in map(str, columns[:12])]
    more = f" and {len(columns) - 12} more" if len(columns) > 12 else ""
    name = f"no column {wanted!r} (--text-column)" if wanted else "no 'text' column (or --text-column NAME)"
    return Rejection(origin=origin, code=errors.W105.code, reason=errors.W105.reason,
                     detail=f"{name}; columns are {shown}{more}{hint}")


#: Delimiters tried by :func:`sniff_delimiter`, most common first.
DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: the candidate (``,`` ``;`` tab ``|``) that
    occurs most often outside quotes; ``,`` when none occurs."""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = [(outside.count(d), -i, d) for i, d in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


class StreamError(Exception):
    """A line source that cannot go on (bytes that do not decode, a broken or over-large
    gzip stream): the rest of the file is one rejection with ``code``."""

    def __init__(self, code: errors.Code, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class Overlong(Exception):
    """A line longer than :data:`MAX_RECORD_CHARS` (raised by a line source in its place)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"a line of {length:,}+ characters, over {MAX_RECORD_CHARS:,}")
        self.length = length


class Undecodable(Exception):
    """A line whose bytes do not decode (raised by a line source in its place)."""


#: A source of lines: a callable that returns a fresh iterator over the file's lines
#: (without line ends) each time it is called, so a reader can make a first pass (the date
#: column) and a second. An item may be an :class:`Overlong` exception instead of a line.
LineSource = Callable[[], Iterable["str | Overlong"]]


def text_lines(text: str) -> LineSource:
    """A :data:`LineSource` over a decoded text held in memory."""
    def lines():
        for line in text.split("\n"):
            yield Overlong(len(line)) if len(line) > MAX_RECORD_CHARS else line
    return lines


class _Lines:
    """Lines for the csv reader, numbered; lines a broken record swallowed can be pushed
    back to be read again. Only the lines of the current record are kept."""

    def __init__(self, source: Iterable[str | Overlong]) -> None:
        self._it = iter(source)
        self._back: list[tuple[int, str]] = []
        self.no = 0  # number of the next line (1-based count of lines handed out)
        self.record: list[tuple[int, str]] = []

    def start_record(self) -> None:
        self.record = []

    def push_back(self, lines: list[tuple[int, str]]) -> None:
        self._back = list(lines) + self._back

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._back:
            no, line = self._back.pop(0)
        else:
            item = next(self._it)
            self.no += 1
            no = self.no
            if isinstance(item, (Overlong, Undecodable)):
                raise item
            line = item
        self.record.append((no, line))
        return line + "\n"


def _bad(origin: Origin, detail: str) -> Rejection:
    return Rejection(origin=origin, code=errors.W108.code, reason=errors.W108.reason, detail=detail)


def read_csv_text(text: str, path: str, source: str | None = None,
                  columns: Mapping[str, str] | None = None) -> Iterator[RawDocument | Rejection]:
    """Rows of a decoded CSV file held in memory (see :func:`read_csv_lines`)."""
    yield from read_csv_lines(text_lines(text), path, source, columns)


def read_csv_lines(lines: LineSource, path: str, source: str | None = None,
                   columns: Mapping[str, str] | None = None) -> Iterator[RawDocument | Rejection]:
    """Rows of a CSV file from a :data:`LineSource` (header line first, delimiter sniffed
    from it), one at a time: memory holds one record, whatever the file's size."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    head_no, head = 0, None
    for item in lines():
        head_no += 1
        if isinstance(item, Overlong):
            yield _bad(Origin(path), f"the CSV header line is {item}")
            return
        if item.strip():
            head = item
            break
    if head is None:
        yield Rejection(origin=Origin(path), code=errors.W103.code, reason=errors.W103.reason,
                        detail="the CSV file has no header line")
        return
    delimiter = sniff_delimiter(head)
    try:
        header = next(csv.reader([head], delimiter=delimiter))
    except csv.Error as exc:
        yield _bad(Origin(path), f"the CSV header does not parse: {exc}")
        return
    names = [c.strip().lower() for c in header]
    wanted = columns.get("text") if columns else None
    if (wanted and wanted.strip().lower() not in names) or (not wanted and not any(c in ALIASES["text"] for c in names)):
        hint = ""
        if delimiter == "," and len(header) == 1:
            hint = "; the header has a single column: is the delimiter something else?"
        yield _missing_text(Origin(path), header, wanted, hint)
        return

    def body() -> Iterator[str | Overlong]:
        it = iter(lines())
        for _ in range(head_no):
            next(it, None)
        yield from it

    date_order = None
    date_names = ((columns["date"].strip().lower(),) if columns and columns.get("date") else ALIASES["date"])
    date_index = next((names.index(n) for n in date_names if n in names), None)
    if date_index is not None:  # one reading of day and month for the whole column: a first pass
        def values():
            src = _Lines(body())
            reader = csv.reader(src, delimiter=delimiter)
            while True:
                src.start_record()
                try:
                    cells = next(reader)
                except (StopIteration, StreamError):
                    return
                except (csv.Error, Overlong, Undecodable):
                    continue
                if len(cells) > date_index:
                    yield cells[date_index].strip()
        date_order = _column_order(values())
    src = _Lines(body())
    reader = csv.reader(src, delimiter=delimiter, strict=True)
    row_no = 0
    while True:
        origin = Origin(path, row_no)
        src.start_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except Overlong as exc:
            row_no += 1
            yield Rejection(origin=origin, code=errors.W106.code, reason=errors.W106.reason,
                            detail=f"line {head_no + src.no}: {exc}")
            continue
        except Undecodable as exc:
            row_no += 1
            yield Rejection(origin=origin, code=errors.W104.code, reason=errors.W104.reason,
                            detail=f"line {head_no + src.no}: {exc}")
            continue
        except csv.Error as exc:
            row_no += 1
            record = src.record
            first = head_no + (record[0][0] if record else src.no)
            if len(record) > 1:  # an unclosed quote swallowed the lines after it: read them again
                src.push_back(record[1:])
                yield _bad(origin, f"CSV error on line {first}: {exc}; the row's quote is not closed "
                                   "(its first line is rejected, the lines after it are read again)")
            else:
                yield _bad(origin, f"CSV error on line {first}: {exc}")
            continue
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line
        row_no += 1
        if len(cells) > len(header):
            line = head_no + (src.record[0][0] if src.record else src.no)
            yield _bad(origin, f"the row has {len(cells)} cells, the header {len(header)} "
                               f"(line {line}; an unquoted delimiter or quote?)")
            continue
        try:
            yield row_to_document(dict(zip(header, cells)), origin, "csv", source, columns, date_order)
        except Exception as exc:  # one bad row never stops the file
            yield Rejection(origin=origin, code=errors.W119.code, reason=errors.W119.reason,
                            detail=f"{type(exc).__name__}: {exc}")


def list_free(lines: Iterable[str | Overlong]) -> Iterator[str | Overlong]:
    """``lines`` as a generator that ends quietly where the source fails."""
    it = iter(lines)
    while True:
        try:
            yield next(it)
        except (StopIteration, StreamError):
            return


def read_jsonl_text(text: str, path: str, source: str | None = None,
                    columns: Mapping[str, str] | None = None) -> Iterator[RawDocument | Rejection]:
    """Objects of a decoded JSONL file held in memory (see :func:`read_jsonl_lines`)."""
    yield from read_jsonl_lines(text_lines(text), path, source, columns)


def read_jsonl_lines(lines: LineSource, path: str, source: str | None = None,
                     columns: Mapping[str, str] | None = None) -> Iterator[RawDocument | Rejection]:
    """Objects of a JSONL file from a :data:`LineSource`, one per non-blank line, one at a
    time (a first pass reads the date values only)."""

    def values():
        for line in list_free(lines()):
            if isinstance(line, str) and '"' in line:
                try:
                    obj = json.loads(line)
                except (ValueError, RecursionError):
                    continue
                if isinstance(obj, dict):
                    yield _pick(obj, "date", columns)

    date_order = _column_order(values())
    row_no = 0
    for line in lines():
        if isinstance(line, Overlong):
            yield Rejection(origin=Origin(path, row_no), code=errors.W106.code, reason=errors.W106.reason,
                            detail=f"the record is {line}")
            row_no += 1
            continue
        if isinstance(line, Undecodable):
            yield Rejection(origin=Origin(path, row_no), code=errors.W104.code, reason=errors.W104.reason,
                            detail=str(line))
            row_no += 1
            continue
        if not line.strip():
            continue
        origin = Origin(path, row_no)
        row_no += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad(origin, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield _bad(origin, "not JSON whimbrel reads: nested deeper than the parser's limit")
            continue
        except ValueError as exc:  # e.g. an integer of thousands of digits
            yield _bad(origin, f"not JSON whimbrel reads: {exc}")
            continue
        if not isinstance(obj, dict):
            yield _bad(origin, f"a JSON {type(obj).__name__}, not an object")
            continue
        wanted = columns.get("text") if columns else None
        if _pick(obj, "text", columns) is None and not any(
                str(k).lower() in ((wanted.lower(),) if wanted else ALIASES["text"]) for k in obj):
            yield _missing_text(origin, list(obj), wanted)
            continue
        try:
            yield row_to_document(obj, origin, "jsonl", source, columns, date_order)
        except Exception as exc:  # one bad record never stops the file
            yield Rejection(origin=origin, code=errors.W119.code, reason=errors.W119.reason,
                            detail=f"{type(exc).__name__}: {exc}")
