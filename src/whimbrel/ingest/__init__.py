"""Readers: files, folders, globs and ``-`` (stdin) → :class:`~whimbrel.model.RawDocument`.

One module per input format: :mod:`.crawltext`, :mod:`.tabular` (CSV, JSONL),
:mod:`.plaintext`; HTML and WARC readers are dispatched by suffix when installed.
Nothing here raises on bad input: every problem is a :class:`~whimbrel.model.Rejection`
with a code and a reason, and reading goes on with the next document. A reader that
raises all the same (a defect, an input no test foresaw) costs the rest of its file, as a
W119 rejection, never the run. Only regular files are read (a named pipe or a device is a
W123 rejection); gzip is inflated with a size cap (W120 beyond it); a PDF is a W109.
"""

from __future__ import annotations

import codecs
import dataclasses
import glob
import io
import os
import stat
import sys
from collections.abc import Mapping
from collections.abc import Iterable, Iterator
from pathlib import Path

from whimbrel import errors
from whimbrel.ingest.crawltext import is_crawl_text, parse_crawl_text
from whimbrel.ingest.decode import MAX_LINE_CHARS, Decoded, decode_bytes
from whimbrel.ingest.inflate import MAX_INFLATED_BYTES, InflateError, TooLarge, gunzip
from whimbrel.ingest.tabular import (
    MAX_RECORD_CHARS, Overlong, StreamError, Undecodable, read_csv_lines, read_csv_text, read_jsonl_lines, read_jsonl_text,
)
from whimbrel.model import Origin, RawDocument, Rejection

__all__ = ["read_inputs", "read_path", "read_bytes", "expand_inputs", "INPUT_FORMATS"]

#: Values of ``input_format`` (``--input-format``); ``None`` means detect.
INPUT_FORMATS = ("crawl-text", "text", "csv", "jsonl", "html", "warc")

_SUFFIX_FORMAT = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | Rejection]:
    """Paths named by ``inputs``: files as given, folders recursively (sorted, hidden files
    skipped), glob patterns expanded (``**`` allowed), ``-`` for stdin. A name that matches
    nothing becomes a W101 rejection."""
    for name in inputs:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield str(Path(root) / f)
        elif path.exists():
            yield name
        elif any(ch in name for ch in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                yield Rejection(Origin(name), errors.W101.code, errors.W101.reason,
                                "the pattern matches no file")
            yield from files
        else:
            yield Rejection(Origin(name), errors.W101.code, errors.W101.reason,
                            "no such file or folder")


def _format_of(path: str) -> str | None:
    p = path.lower()
    if p.endswith(".gz"):
        p = p[:-3]
    if p.endswith(".warc") or ".warc." in p:
        return "warc"
    return _SUFFIX_FORMAT.get(os.path.splitext(p)[1])


def read_bytes(
    data: bytes,
    path: str,
    *,
    input_format: str | None = None,
    source: str | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    columns: Mapping[str, str] | None = None,
    max_bytes: int = MAX_INFLATED_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Documents in the bytes of one file named ``path`` (the name is used for format
    detection and in each document's :class:`~whimbrel.model.Origin`). ``columns`` names
    the CSV/JSONL columns of fields (``{"text": "body_text"}``)."""
    fmt = input_format or _format_of(path)
    if data[:2] == b"\x1f\x8b" and fmt != "warc":
        try:  # one document (text, HTML) is capped lower than an export of many
            data = gunzip(data, max_bytes if fmt in ("csv", "jsonl") else min(max_bytes, MAX_DOCUMENT_BYTES))
        except TooLarge as exc:
            yield Rejection(Origin(path), errors.W120.code, errors.W120.reason, f"the gzip file {exc}")
            return
        except InflateError as exc:
            yield Rejection(Origin(path), errors.W101.code, errors.W101.reason, f"broken gzip file: {exc}")
            return
    if data[:5] == b"%PDF-":
        yield Rejection(Origin(path), errors.W109.code, errors.W109.reason,
                        "PDF is not supported: extract its text first (e.g. pdftotext) and give the .txt")
        return
    if fmt == "warc":
        yield from _read_warc(path, source)
        return
    if fmt == "html":
        from whimbrel.ingest.html import html_document

        yield html_document(data, Origin(path), source)
        return
    # one CSV/JSONL line holds a whole article (checked per record there)
    decoded = decode_bytes(data, Origin(path), max_line_chars=max_line_chars, tabular=fmt in ("csv", "jsonl"))
    if isinstance(decoded, Rejection):
        yield decoded
        return
    yield from _read_text(decoded, path, fmt, source, columns)


def _read_text(decoded: Decoded, path: str, fmt: str | None, source: str | None,
               columns: Mapping[str, str] | None = None):
    text = decoded.text
    origin = Origin(path)
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "csv":
        yield from read_csv_text(text, path, source, columns)
    elif fmt == "jsonl":
        yield from read_jsonl_text(text, path, source, columns)
    elif fmt == "crawl-text":
        doc = parse_crawl_text(text, origin, decoded.encoding)
        if isinstance(doc, RawDocument) and source:
            doc = dataclasses.replace(doc, source=source)
        yield doc
    elif fmt == "html":
        from whimbrel.ingest.html import canonical_url

        yield RawDocument(origin=origin, format="html", text=text, source=source,
                          url=canonical_url(text), encoding=decoded.encoding)
    else:
        yield RawDocument(origin=origin, format="text", text=text, source=source,
                          encoding=decoded.encoding)


def _sniff(text: str) -> str:
    if is_crawl_text(text):
        return "crawl-text"
    head = text.lstrip()[:2048].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        return "html"
    return "text"


def _read_warc(path: str, source: str | None = None) -> Iterator[RawDocument | Rejection]:
    try:
        from whimbrel.ingest.warc import read_warc
    except ImportError as exc:  # the WARC reader needs fastwarc
        yield Rejection(Origin(path), errors.W109.code, errors.W109.reason,
                        f"WARC input needs the WARC reader ({exc})")
        return
    for item in read_warc(path):
        if source and isinstance(item, RawDocument):
            item = dataclasses.replace(item, source=source)
        yield item


def read_path(
    path: str,
    *,
    input_format: str | None = None,
    source: str | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    columns: Mapping[str, str] | None = None,
    max_bytes: int = MAX_INFLATED_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Documents in one file (or ``-`` for stdin). Never raises for bad input: a file that
    is not a regular file is a W123 rejection, one over ``max_bytes`` a W120."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield Rejection(Origin(path), errors.W120.code, errors.W120.reason,
                            f"standard input is over the limit of {max_bytes:,} bytes")
            return
        if input_format is None:
            stripped = data.lstrip()[:1]
            if stripped == b"{":
                input_format = "jsonl"
        yield from read_bytes(data, "-", input_format=input_format, source=source,
                              max_line_chars=max_line_chars, columns=columns, max_bytes=max_bytes)
        return
    try:
        st = os.stat(path)
    except OSError as exc:
        yield Rejection(Origin(path), errors.W101.code, errors.W101.reason, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device" if
                stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a socket" if
                stat.S_ISSOCK(st.st_mode) else "not a regular file")
        yield Rejection(Origin(path), errors.W123.code, errors.W123.reason, f"{kind}; not read")
        return
    if _format_of(path) == "warc" and input_format in (None, "warc"):
        yield from _read_warc(path, source)
        return
    fmt = input_format or _format_of(path)
    if fmt in ("csv", "jsonl"):  # streamed: memory holds one record, whatever the file's size
        yield from _stream_tabular(path, fmt, source, columns, max_bytes)
        return
    if st.st_size > min(max_bytes, MAX_DOCUMENT_BYTES):
        limit = min(max_bytes, MAX_DOCUMENT_BYTES)
        yield Rejection(Origin(path), errors.W120.code, errors.W120.reason,
                        f"the file has {st.st_size:,} bytes, over the limit of {limit:,} for one document")
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield Rejection(Origin(path), errors.W101.code, errors.W101.reason,
                        f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, path, input_format=input_format, source=source,
                          max_line_chars=max_line_chars, columns=columns, max_bytes=max_bytes)


#: Largest file read as one document (text, crawl-text, HTML), in bytes (also after gunzip).
MAX_DOCUMENT_BYTES = 50_000_000
#: Bytes read to decide a streamed file's encoding.
_HEAD_BYTES = 1 << 20


class _Capped(io.RawIOBase):
    """A readable stream that fails (TooLarge) after ``limit`` bytes."""

    def __init__(self, raw, limit: int) -> None:
        self._raw = raw
        self._left = limit
        self._limit = limit

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._raw.read(min(len(b), 8192))  # small reads: a broken stream loses little
        self._left -= len(data)
        if self._left < 0:
            raise TooLarge(f"inflates to more than {self._limit:,} bytes")
        b[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_stream(path: str, gz: bool, max_bytes: int):
    import gzip

    f = open(path, "rb")
    if gz:
        return io.BufferedReader(_Capped(gzip.GzipFile(fileobj=f), max_bytes), 8192)
    return f


def _stream_errors(exc: BaseException) -> StreamError:
    import zlib

    if isinstance(exc, TooLarge):
        return StreamError(errors.W120, f"the gzip file {exc}")
    if isinstance(exc, UnicodeDecodeError):
        return StreamError(errors.W104, f"bytes that do not decode ({exc.reason} at byte {exc.start} of a block); "
                                        "the rest of the file is not read")
    if isinstance(exc, (EOFError, zlib.error, OSError)):
        return StreamError(errors.W101, f"broken gzip file: {exc}")
    raise exc


def _stream_tabular(path: str, fmt: str, source, columns, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """A CSV/JSONL file read as a stream of lines (two passes: the date column, then the
    rows); its encoding decided on the first megabyte."""
    from whimbrel.ingest.decode import _BOMS, _guess, looks_binary

    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    head = b""
    try:
        with _open_stream(path, gz, max_bytes) as b:
            while len(head) < _HEAD_BYTES:
                chunk = b.read(8192)
                if not chunk:
                    break
                head += chunk
    except Exception as exc:  # a broken or over-large gzip stream: the rows before it are read
        if not head:
            err = _stream_errors(exc)
            yield Rejection(Origin(path), err.code.code, err.code.reason, err.detail)
            return
    encoding = None
    for bom, name in _BOMS:
        if head.startswith(bom):
            encoding = "utf-32" if "32" in name else "utf-16"
    if encoding is None:
        if not head.strip():
            yield Rejection(Origin(path), errors.W103.code, errors.W103.reason, "the file is empty or holds only whitespace")
            return
        if looks_binary(head.replace(b"\x00", b"\x01")):
            yield Rejection(Origin(path), errors.W102.code, errors.W102.reason,
                            "the content is binary (NUL or control bytes), not text")
            return
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _HEAD_BYTES)
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            guessed = _guess(head)
            if guessed is None:
                yield Rejection(Origin(path), errors.W104.code, errors.W104.reason,
                                "the text is neither UTF-8 nor a detectable encoding")
                return
            encoding = guessed[1]

    wide = encoding in ("utf-16", "utf-32")

    def lines() -> Iterator[str | Overlong | Undecodable]:
        try:
            with _open_stream(path, gz, max_bytes) as b:
                if wide:  # '\n' is not one byte: decode the stream
                    t = io.TextIOWrapper(b, encoding=encoding, errors="strict", newline=None)
                    read, nl, cut = t.readline, "\n", MAX_RECORD_CHARS
                else:  # one line at a time, so that bytes that do not decode cost their line only
                    read, nl, cut = b.readline, b"\n", MAX_RECORD_CHARS
                while True:
                    line = read(cut + 1)
                    if not line:
                        return
                    if len(line) > cut and not line.endswith(nl):
                        n = len(line)
                        while line and not line.endswith(nl):
                            line = read(1 << 20)
                            n += len(line)
                        yield Overlong(n)
                        continue
                    if not wide:
                        try:
                            line = line.decode(encoding)
                        except UnicodeDecodeError as exc:
                            yield Undecodable(f"bytes that are not {encoding} ({exc.reason} at byte {exc.start} "
                                              "of the line)")
                            continue
                    yield line.rstrip("\r\n")
        except StreamError:
            raise
        except Exception as exc:
            raise _stream_errors(exc) from exc

    reader = read_csv_lines if fmt == "csv" else read_jsonl_lines
    n = 0
    try:
        for doc in reader(lines, path, source, columns):
            n += 1
            yield doc
    except StreamError as exc:
        yield Rejection(Origin(path, n), exc.code.code, exc.code.reason, f"after {n} record(s): {exc.detail}")


def read_inputs(
    inputs: Iterable[str],
    *,
    input_format: str | None = None,
    source: str | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    published: str | None = None,
    columns: Mapping[str, str] | None = None,
    max_bytes: int = MAX_INFLATED_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Documents in every file named by ``inputs`` (files, folders, globs, ``-``).

    ``published`` (an ISO 8601 date) is given to the documents that carry no publication
    date of their own (plain text, rows without a date column); a crawled page's own date
    line still wins over it during extraction. ``columns`` names CSV/JSONL columns
    (``{"text": ..., "date": ..., "title": ..., "id": ...}``). A reader that raises on a
    file ends that file with a W119 rejection; the next file is read."""
    for item in expand_inputs(inputs):
        if isinstance(item, Rejection):
            yield item
            continue
        n = 0
        try:
            for doc in read_path(item, input_format=input_format, source=source,
                                 max_line_chars=max_line_chars, columns=columns, max_bytes=max_bytes):
                if published and isinstance(doc, RawDocument) and not doc.published:
                    doc = dataclasses.replace(doc, published=published)
                n += 1
                yield doc
        except Exception as exc:  # a reader defect (MemoryError, RecursionError …) costs its file, not the run
            yield Rejection(Origin(item, n if n else None), errors.W119.code, errors.W119.reason,
                            f"the reader failed after {n} document(s) of this file: {type(exc).__name__}: {exc}")
