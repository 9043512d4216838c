"""Build small WARC files from real pages of the Zyte benchmark, for the reader tests."""

from __future__ import annotations

import gzip
import io
import uuid
from pathlib import Path

from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType


def record(rtype, uri: str | None, block: bytes, *, date: str = "2019-11-20T10:00:00Z",
           content_type: str = "application/http; msgtype=response", extra: dict | None = None) -> WarcRecord:
    r = WarcRecord()
    r.init_headers(record_type=rtype, record_urn=uuid.uuid4().urn[4:].encode())
    r.headers.set("WARC-Date", date)
    if uri:
        r.headers.append("WARC-Target-URI", uri)
    r.headers.append("Content-Type", content_type)
    for k, v in (extra or {}).items():
        r.headers.append(k, v)
    r.set_bytes_content(block)
    return r


def http_response(body: bytes, content_type: str, status: str = "200 OK", headers: dict | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def chunked(data: bytes, size: int = 4000) -> bytes:
    out = b""
    for i in range(0, len(data), size):
        part = data[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def write_warc(path: Path, records: list, *, compress: bool, garbage_after: int | None = None) -> Path:
    """Write ``records`` (WarcRecord) to ``path``; with ``garbage_after=i`` a malformed record
    (a header block that is not WARC) is put after the i-th record."""
    bad = b"WARC/1.1\r\nWARC-Type response\r\nthis is not a header line\r\n\r\n"
    if compress:
        with open(path, "wb") as f:
            for i, r in enumerate(records):
                buf = io.BytesIO()
                r.write(buf, checksum_data=True)
                f.write(gzip.compress(buf.getvalue()))
                if garbage_after == i:
                    f.write(gzip.compress(bad + b"garbage payload\r\n\r\n"))
    else:
        with open(path, "wb") as f:
            for i, r in enumerate(records):
                r.write(f, checksum_data=True)
                if garbage_after == i:
                    f.write(bad + b"garbage payload\r\n\r\n")
    return path
