"""WARC reader: archives built here from real pages of the Zyte benchmark (plain and gzip),
with records that must be skipped or rejected, read and then extracted end to end."""

from __future__ import annotations

import gzip
import io
import json
import uuid
from pathlib import Path

import pytest

fastwarc = pytest.importorskip("fastwarc")
from fastwarc.warc import WarcRecord, WarcRecordType  # noqa: E402

from whimbrel.eval.zyte import score_page  # noqa: E402
from whimbrel.extract.html import extract_html_guarded  # noqa: E402
from whimbrel.ingest.warc import WarcReader, read_warc  # noqa: E402
from whimbrel.model import Article, RawDocument, Rejection  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ZYTE = SHARED / "data" / "article_extraction_benchmark_zyte"
PAGES = [  # WSJ (utf-8), New York Times (served here as gzip + chunked windows-1252), CT Post
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",
    "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34",
    "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f",
]
CRAWL_DATE = "2019-11-21T06:00:00Z"
MALFORMED = b"WARC/1.1\r\nWARC-Type response\r\nthis is not a header line\r\n\r\ngarbage payload\r\n\r\n"


@pytest.fixture(scope="module")
def zyte():
    if not (ZYTE / "ground-truth.json").exists():
        pytest.skip("shared/ Zyte benchmark not available")
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for k in PAGES:
        with gzip.open(ZYTE / "html" / f"{k}.html.gz", "rt", encoding="utf-8") as f:
            pages[k] = f.read()
    return truth, pages


def _record(rtype, uri, block: bytes, *, content_type="application/http; msgtype=response", extra=None):
    r = WarcRecord()
    r.init_headers(record_type=rtype, record_urn=uuid.uuid4().urn[4:].encode())
    r.headers.set("WARC-Date", CRAWL_DATE)
    if uri:
        r.headers.append("WARC-Target-URI", uri)
    r.headers.append("Content-Type", content_type)
    for k, v in (extra or {}).items():
        r.headers.append(k, v)
    r.set_bytes_content(block)
    return r


def _http(body: bytes, content_type: str, status="200 OK", headers=None) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}"] + [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _chunked(data: bytes, size=4000) -> bytes:
    parts = [b"%x\r\n" % len(data[i : i + size]) + data[i : i + size] + b"\r\n" for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def build_warc(path: Path, truth, pages, *, compress: bool, extra_pages=()) -> Path:
    """warcinfo, request, page 0, a PNG, [malformed], page 1 (gzip+chunked cp1252), a 301,
    page 2 marked WARC-Truncated, page 2 again complete, then ``extra_pages`` (uri, html)."""
    T = WarcRecordType
    u = [truth[k]["url"] for k in PAGES]
    nyt = pages[PAGES[1]].encode("cp1252", errors="replace")
    records = [
        _record(T.warcinfo, None, b"software: whimbrel-tests\r\n", content_type="application/warc-fields"),
        _record(T.request, u[0], b"GET / HTTP/1.1\r\nHost: www.wsj.com\r\n\r\n", content_type="application/http; msgtype=request"),
        _record(T.response, u[0], _http(pages[PAGES[0]].encode("utf-8"), "text/html; charset=utf-8")),
        _record(T.response, "https://www.wsj.com/logo.png", _http(b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png")),
        None,  # the malformed record goes here
        _record(T.response, u[1], _http(_chunked(gzip.compress(nyt)), "text/html; charset=windows-1252",
                                        headers={"Transfer-Encoding": "chunked", "Content-Encoding": "gzip"})),
        _record(T.response, "https://www.ctpost.com/old", _http(b"<html>moved</html>", "text/html", "301 Moved Permanently")),
        _record(T.response, u[2], _http(pages[PAGES[2]].encode("utf-8")[:50000], "text/html"), extra={"WARC-Truncated": "length"}),
        _record(T.response, u[2], _http(pages[PAGES[2]].encode("utf-8"), "text/html")),
    ] + [_record(T.response, uri, _http(h.encode("utf-8"), "text/html; charset=utf-8")) for uri, h in extra_pages]
    with open(path, "wb") as f:
        for r in records:
            if r is None:
                blob = MALFORMED
            else:
                buf = io.BytesIO()
                r.write(buf, checksum_data=True)
                blob = buf.getvalue()
            f.write(gzip.compress(blob) if compress else blob)
    return path


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_read_warc_pages_and_counted_rejections(tmp_path, zyte, compress):
    truth, pages = zyte
    path = build_warc(tmp_path / ("t.warc.gz" if compress else "t.warc"), truth, pages, compress=compress)
    reader = WarcReader(path)
    out = list(reader)
    docs = [x for x in out if isinstance(x, RawDocument)]
    rejects = [x for x in out if isinstance(x, Rejection)]
    assert [d.url for d in docs] == [truth[k]["url"] for k in PAGES]
    assert all(d.format == "html" and d.published == "2019-11-21T06:00" for d in docs)
    assert [d.encoding for d in docs] == ["utf-8", "cp1252", "utf-8"]
    assert "it’s" in docs[1].text or "’" in docs[1].text  # windows-1252 quotes decoded, not mojibake
    assert all(d.doc_id and d.doc_id.startswith("urn:uuid:") for d in docs)
    reasons = [r.reason for r in rejects]
    assert {"not-html", "bad-record", "http-status", "truncated-record"} == set(reasons)
    assert [reasons.count(r) for r in ("not-html", "http-status", "truncated-record", "bad-record")] == [1, 1, 1, 1]
    assert {r.code for r in rejects} >= {"W108", "W114", "W115", "W116"}
    assert all(r.detail for r in rejects)
    assert reader.counts["html"] == 3
    assert reader.counts["skipped:warcinfo"] == reader.counts["skipped:request"] == 1
    assert reader.counts["bad-record"] == 1


def test_file_ending_inside_a_record(tmp_path, zyte):
    truth, pages = zyte
    full = build_warc(tmp_path / "full.warc", truth, pages, compress=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full[:-3000])
    out = list(read_warc(cut))
    assert [x.url for x in out if isinstance(x, RawDocument)] == [truth[k]["url"] for k in PAGES[:2]]
    last = out[-1]
    assert isinstance(last, Rejection) and last.reason == "truncated-record" and "file ends inside it" in last.detail


def test_warc_end_to_end_with_a_page_that_hangs_the_parser(tmp_path, zyte):
    """A page that keeps the parser busy far beyond the limit (7 MB of link-laden blocks,
    ≈30 s of trafilatura work here) and a malformed record are both rejected with their
    reasons; every real page is extracted."""
    truth, pages = zyte
    blocks = "".join(
        f"<div class='c{i % 7}'><p>Item {i}: the minister met the envoy in the capital on Thursday.</p>"
        f"<a href='/item/{i}'>more {i}</a></div>"
        for i in range(60_000)
    )
    heavy = f"<html><head><title>Archive</title></head><body>{blocks}</body></html>"
    path = build_warc(tmp_path / "e2e.warc.gz", truth, pages, compress=True,
                      extra_pages=[("https://example.org/archive", heavy)])
    raws = [x for x in read_warc(path)]
    docs = [x for x in raws if isinstance(x, RawDocument)]
    assert len(docs) == 4
    results = list(extract_html_guarded(docs, timeout_s=4))
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.url for a in articles] == [truth[k]["url"] for k in PAGES]
    for a, k in zip(articles, PAGES):
        s = score_page(truth[k]["articleBody"], a.body)
        assert s.precision > 0.8 and s.recall > 0.8, (k, s)
        assert a.published and a.published[:10] <= "2019-11-21"  # the page's own date, not after the crawl
    hung = results[-1]
    assert isinstance(hung, Rejection) and hung.reason == "parser-timeout" and hung.origin == docs[-1].origin
    assert any(isinstance(x, Rejection) and x.reason == "bad-record" for x in raws)


def test_corrupt_gzip_member_and_junk_bytes_cost_one_rejection_each(tmp_path, zyte):
    truth, pages = zyte
    T = WarcRecordType
    blobs = []
    for k in PAGES:
        buf = io.BytesIO()
        _record(T.response, truth[k]["url"], _http(pages[k].encode("utf-8"), "text/html")).write(buf, checksum_data=True)
        blobs.append(buf.getvalue())
    members = [gzip.compress(b) for b in blobs]
    members[1] = members[1][:20] + bytes(len(members[1]) - 20)  # zeros after the gzip header
    gz = tmp_path / "corrupt.warc.gz"
    gz.write_bytes(b"".join(members))
    reader = WarcReader(gz)
    out = list(reader)
    assert [x.url for x in out if isinstance(x, RawDocument)] == [truth[PAGES[0]]["url"], truth[PAGES[2]]["url"]]
    assert [x.reason for x in out if isinstance(x, Rejection)] == ["bad-record"]
    assert "Gzip" in out[1].detail or "gzip" in out[1].detail

    plain = tmp_path / "junk.warc"
    plain.write_bytes(blobs[0] + b"junk \x00\x01\x02 left by a broken crawler\r\n\r\n" + blobs[1] + blobs[2])
    reader = WarcReader(plain)
    out = list(reader)
    assert len([x for x in out if isinstance(x, RawDocument)]) == 3
    assert dict(reader.counts) == {"html": 3, "bad-record": 1}
