"""The fault trial of issue 17, one minimal reproduction per fault: each failed (crashed the
run, lost rows, hung, or printed raw control sequences) before the fix. Texts are written
here; nothing is quoted from a reserved document."""

from __future__ import annotations

import base64
import gzip
import json
import os
import zlib
from pathlib import Path

import pytest

from whimbrel import errors
from whimbrel.ingest import read_bytes, read_inputs
from whimbrel.model import Article, Rejection
from whimbrel.pipeline import Pipeline
from whimbrel.run.local import run_inputs
from whimbrel.store.duckdb import Store

STORY = ("Police arrested three men in Kabul on Friday after a bomb exploded near a crowded market, "
         "the interior ministry said. Two people were wounded in the blast.")
OTHER = ("The foreign ministers of Japan and South Korea met in Seoul on Tuesday to discuss trade, "
         "a spokesman said. They agreed to meet again next month.")
THIRD = ("Floods forced thousands of families from their homes in eastern Bangladesh this week, "
         "according to the Red Cross. Rescue teams reached the worst-hit villages by boat.")


DB = ".w.duckdb"  # hidden: a folder read as input skips it


def _run(tmp_path: Path, inputs, pipeline: Pipeline | None = None, **kw):
    with Store(tmp_path / DB) as store:
        summary = run_inputs([str(i) for i in inputs], store=store, pipeline=pipeline or Pipeline(nlp=False), **kw)
        rejects = store.rejects()
        bodies = [r[0] for r in store.con.execute("SELECT body FROM articles ORDER BY origin").fetchall()]
        origins = [r[0] for r in store.con.execute("SELECT origin FROM articles ORDER BY origin").fetchall()]
    # every input document ends stored, duplicate or rejected
    assert summary.read == summary.stored + summary.duplicates + summary.n_rejected
    return summary, rejects, bodies, origins


def _codes(rejects) -> list[str]:
    return sorted(r["code"] for r in rejects if not r["stage"].startswith(("annotate:", "warning:")))


# -- 1. one bad document never aborts the run --------------------------------------------

def test_lone_surrogate_in_json_is_replaced_not_fatal(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "' + STORY[:40] + '\\ud83d' + STORY[40:] + '"}\n' + json.dumps({"text": OTHER}) + "\n")
    summary, rejects, bodies, _ = _run(tmp_path, [f])
    assert summary.stored == 2 and not rejects
    assert any("\ufffd" in b for b in bodies)


def test_url_that_does_not_parse_keeps_its_row(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(f'text,url\n"{STORY}",http://[::1/story\n"{OTHER}",https://www.example.org/x\n')
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 2 and not rejects


def test_huge_json_number_and_deep_nesting_reject_their_line_alone(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join([
        json.dumps({"text": STORY}),
        '{"text": "' + OTHER + '", "n": ' + "7" * 5000 + "}",
        "[" * 100_000,
        json.dumps({"text": THIRD}),
    ]) + "\n")
    summary, rejects, _, origins = _run(tmp_path, [f])
    assert summary.stored == 2
    assert _codes(rejects) == ["W108", "W108"]
    assert origins == [f"{f}#row=0", f"{f}#row=3"]


def test_gzip_with_a_flipped_bit_is_one_reject(tmp_path):
    page = f"<html><head><title>Blast in Kabul</title></head><body><article><p>{STORY}</p><p>{OTHER}</p></article></body></html>"
    data = gzip.compress(page.encode())
    for bit in range(8 * 20, 8 * (len(data) - 8)):  # a flip that breaks the deflate stream itself
        bad = bytearray(data)
        bad[bit // 8] ^= 1 << (bit % 8)
        try:
            gzip.decompress(bytes(bad))
        except zlib.error:
            break
        except Exception:
            continue
    else:  # pragma: no cover
        pytest.skip("no flip broke the stream")
    (tmp_path / "bad.html.gz").write_bytes(bytes(bad))
    (tmp_path / "good.txt").write_text(STORY)
    summary, rejects, _, _ = _run(tmp_path, [tmp_path / "bad.html.gz", tmp_path / "good.txt"])
    assert summary.stored == 1, rejects
    (r,) = rejects
    assert r["code"] == "W101" and "broken gzip" in r["detail"]


def test_gzip_bomb_is_capped(tmp_path):
    bomb = gzip.compress(b"\0" * 20_000_000)
    out = list(read_bytes(bomb, "bomb.txt.gz", max_bytes=1_000_000))
    assert [(r.code, r.reason) for r in out] == [("W120", "too-large")]


def test_warc_records_with_bad_deflate_and_brotli_bodies(tmp_path):
    pytest.importorskip("fastwarc")
    from fastwarc.warc import WarcRecord, WarcRecordType  # noqa: F401
    import uuid

    page = f"<html><body><article><p>{STORY}</p><p>{OTHER}</p></article></body></html>".encode()

    def record(body: bytes, encoding: str) -> bytes:
        r = WarcRecord()
        r.init_headers(record_type=WarcRecordType.response, record_urn=uuid.uuid4().urn[4:].encode())
        r.headers.append("WARC-Target-URI", f"https://example.org/{encoding}")
        r.headers.append("Content-Type", "application/http; msgtype=response")
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n\r\n").encode() + body
        r.set_bytes_content(http)
        import io

        buf = io.BytesIO()
        r.write(buf)
        return buf.getvalue()

    good = zlib.compress(page)
    path = tmp_path / "a.warc"
    path.write_bytes(record(b"\x78\x9c not deflate at all", "deflate") + record(b"not brotli", "br")
                     + record(good, "deflate"))
    out = list(read_inputs([str(path)]))
    assert [x.code for x in out if isinstance(x, Rejection)] == ["W108", "W108"]
    assert sum(isinstance(x, Article) or not isinstance(x, Rejection) for x in out) == 1


def test_empty_warc_gz_leaves_a_reject_row(tmp_path):
    pytest.importorskip("fastwarc")
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(gzip.compress(b""))
    out = list(read_inputs([str(path)]))
    assert [(r.code, r.reason) for r in out] == [("W103", "empty")]


def test_file_name_that_is_not_utf8_does_not_roll_back_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(OTHER)
    fd = os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT)
    os.write(fd, STORY.encode())
    os.close(fd)
    summary, rejects, _, origins = _run(tmp_path, [folder])
    assert summary.stored == 2 and not rejects
    assert any(o.endswith("caf\\xe9.txt") for o in origins)


def test_stored_bad_date_never_breaks_a_listing(tmp_path):
    from whimbrel.store.queries import list_articles, list_events

    f = tmp_path / "page.txt"
    f.write_text(f" date 2023-99-99 example.org\n{STORY}\n\n{OTHER}\n")
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 1 and summary.warnings == {"bad-date": 1}
    assert [r["code"] for r in rejects] == ["W124"]
    with Store(tmp_path / DB) as store:
        (row,) = list_articles(store)
        assert row["published"] is None
        assert list_events(store) == []


def test_store_validates_dates_at_write_time(tmp_path):
    import dataclasses

    from whimbrel.model import Event, EventArgument, Sentence, Span, article_id
    from whimbrel.store.queries import list_events

    body = STORY
    ev = Event(plover="ASSAULT", evidence=Span(0, 6, body[:6]), sentence=Sentence(0, 20), cameo="190",
               source=EventArgument(0, 6, body[:6], name="Police", code="AFG COP"), date="2023-99-99")
    a = Article(id=article_id("x", body), body=body, source="x", published="2023-13-45", paragraphs=((0, len(body)),),
                events=(ev,))
    with Store(tmp_path / "w.duckdb") as store:
        store.write_articles([a])
        (row,) = list_events(store)
        assert row["date"] is None
        assert store.get_article(a.id).published is None
    assert dataclasses.replace(a, published="2023-05-05").published == "2023-05-05"


def test_exception_in_extraction_is_that_documents_reject(tmp_path, monkeypatch):
    import whimbrel.pipeline as pl

    real = pl.extract_article

    def flaky(raw):
        if "BOOM" in raw.text:
            raise RuntimeError("extractor defect")
        return real(raw)

    monkeypatch.setattr(pl, "extract_article", flaky)
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("BOOM " + OTHER)
    summary, rejects, _, _ = _run(tmp_path, [tmp_path])
    assert summary.stored == 1 and summary.rejected == {"reader-failed": 1}
    assert rejects[0]["code"] == "W119" and "extractor defect" in rejects[0]["detail"]


def test_exception_in_a_reader_costs_its_file_only(tmp_path, monkeypatch):
    import whimbrel.ingest as ingest

    def broken(*a, **k):
        raise RuntimeError("reader defect")
        yield  # pragma: no cover

    monkeypatch.setattr(ingest, "read_csv_lines", broken)
    (tmp_path / "a.csv").write_text(f'text\n"{STORY}"\n')
    (tmp_path / "b.txt").write_text(OTHER)
    summary, rejects, _, _ = _run(tmp_path, [tmp_path])
    assert summary.stored == 1 and _codes(rejects) == ["W119"]


# -- rows never vanish ---------------------------------------------------------------------

def test_unclosed_quote_costs_one_row_and_origins_stay_put(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(f'id,text\n1,"{STORY}"\n2,"{OTHER[:50]}\n3,"{THIRD}"\n4,"{OTHER}"\n')
    summary, rejects, _, origins = _run(tmp_path, [f])
    assert summary.stored == 3
    assert [(r["code"], r["origin"]) for r in rejects] == [("W108", f"{f}#row=1")]
    assert origins == [f"{f}#row=0", f"{f}#row=2", f"{f}#row=3"]


def test_field_limit_error_rejects_its_row_and_reading_goes_on(tmp_path, monkeypatch):
    import whimbrel.ingest.tabular as tabular

    monkeypatch.setattr(tabular, "MAX_FIELD_CHARS", 1000)
    f = tmp_path / "a.csv"
    f.write_text(f'text\n"{STORY}"\n"{"word " * 400}"\n"{OTHER}"\n"{THIRD}"\n')
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 3 and _codes(rejects) == ["W108"]


def test_nul_byte_in_one_csv_cell_rejects_that_row_only(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(f'text\n"{STORY}"\n"{OTHER[:30]}\0{OTHER[30:]}"\n"{THIRD}"\n'.encode())
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 2 and _codes(rejects) == ["W102"]


def test_huge_jsonl_line_rejects_that_line_only(tmp_path):
    f = tmp_path / "a.jsonl"
    huge = json.dumps({"text": "word " * 4_100_000})  # 20.5 MB
    f.write_text(json.dumps({"text": STORY}) + "\n" + huge + "\n" + json.dumps({"text": OTHER}) + "\n")
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 2 and _codes(rejects) == ["W106"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    f = tmp_path / "a.txt"
    data = STORY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    summary, rejects, bodies, _ = _run(tmp_path, [f])
    assert summary.stored == 1 and bodies == [STORY]


def test_utf16_csv_with_bom(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(f'text\n"{STORY}"\n"{OTHER}"\n'.encode("utf-16"))
    summary, _, _, _ = _run(tmp_path, [f])
    assert summary.stored == 2


def test_named_pipe_is_rejected_not_waited_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "story.txt").write_text(STORY)
    summary, rejects, _, _ = _run(tmp_path, [folder])
    assert summary.stored == 1
    assert [(r["code"], r["reason"]) for r in rejects] == [("W123", "special-file")]
    assert "named pipe" in rejects[0]["detail"]


@pytest.mark.parametrize("junk", ["x", "?", "4653", base64.b64encode(os.urandom(3000)).decode(),
                                  "\u200b\u200b\u200b \u200b", "12 34 56 78 -- 90"])
def test_junk_is_not_an_article(tmp_path, junk):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": junk}) + "\n")
    summary, rejects, _, _ = _run(tmp_path, [f])
    assert summary.stored == 0 and _codes(rejects) in (["W122"], ["W103"])


def test_pdf_is_rejected_with_its_name(tmp_path):
    f = tmp_path / "paper.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(Police attacked the protesters) Tj\n%%EOF\n")
    out = list(read_inputs([str(f)]))
    assert [(r.code, r.reason) for r in out] == [("W109", "unsupported-format")]
    assert "PDF is not supported" in out[0].detail


# -- accounting -------------------------------------------------------------------------

def test_two_identical_overlong_texts_are_two_rejects(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text((json.dumps({"text": STORY + " " + OTHER}) + "\n") * 2)
    summary, rejects, _, _ = _run(tmp_path, [f], pipeline=Pipeline(max_chars=100))
    assert (summary.read, summary.stored, summary.duplicates, summary.n_rejected) == (2, 0, 0, 2)


def test_a_rerun_owns_its_rejects(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text("not json\n" + json.dumps({"text": STORY}) + "\n")
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        first = run_inputs([str(f)], store=store, pipeline=Pipeline(nlp=False))
        second = run_inputs([str(f)], store=store, pipeline=Pipeline(nlp=False))
        (row,) = store.con.execute("SELECT run_id FROM rejects").fetchall()
    assert first.run_id != second.run_id and row[0] == second.run_id


def test_a_copy_taken_during_a_run_holds_the_stored_batches(tmp_path):
    import shutil

    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps({"text": t}) + "\n" for t in (STORY, OTHER, THIRD)))
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        run_inputs([str(f)], store=store, pipeline=Pipeline(nlp=False))
        shutil.copy(db, tmp_path / "copy.duckdb")  # the writer still holds the file
    with Store(tmp_path / "copy.duckdb", read_only=True) as copy:
        assert copy.count("articles") == 3


# -- configuration fails fast ------------------------------------------------------------

def test_headerless_actor_dictionary_stops_before_any_document(tmp_path, monkeypatch):
    from whimbrel.ontology.actor_dictionary import ENV_VAR

    d = tmp_path / "actors.tsv"
    d.write_text("Kino Gabriel\tKino Gabriel\tSYR REB\t2015-10-10\t\n")
    monkeypatch.setenv(ENV_VAR, str(d))
    with pytest.raises(errors.ConfigError) as info:
        Pipeline(layers=("actors",))  # the model is loaded on first use: this fails before it
    assert info.value.code is errors.E203
    assert f"{d}:1" in str(info.value) and "pattern<TAB>name<TAB>code" in str(info.value)


def test_a_layer_failing_on_most_documents_stops_the_run(tmp_path, pipeline):
    import dataclasses

    def boom(article, doc):
        raise KeyError("misconfigured")

    p = Pipeline(pipeline._model_name, layers=("timexes",))
    p._nlp = pipeline.nlp
    p.layers = (dataclasses.replace(p.layers[0], run=boom),)
    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps({"text": f"Story number {i}. " + STORY}) + "\n" for i in range(30)))
    with Store(tmp_path / "w.duckdb") as store:
        with pytest.raises(errors.ConfigError) as info:
            run_inputs([str(f)], store=store, pipeline=p)
        assert info.value.code is errors.E204 and "timexes" in str(info.value)
        (finished,) = store.con.execute("SELECT finished_at IS NOT NULL FROM runs").fetchone()
        assert finished


# -- formats and columns ----------------------------------------------------------------

def test_semicolon_csv_and_named_columns(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(f'Headline;Body Text;When;Key\nBlast;"{STORY}";13/05/2021;k1\nTalks;"{OTHER}";11/05/2021;k2\n')
    out = [x for x in read_inputs([str(f)], columns={"text": "body text", "title": "headline", "date": "when",
                                                     "id": "key"})]
    assert [(d.title, d.published, d.doc_id) for d in out] == [("Blast", "2021-05-13", "k1"), ("Talks", "2021-05-11", "k2")]
    missing = list(read_inputs([str(f)]))
    assert missing[0].code == "W105" and "--text-column" in missing[0].detail


def test_a_mixed_date_column_reads_every_row_the_same_way(tmp_path):
    f = tmp_path / "a.csv"
    rows = [("11/05/2021", "2021-05-11"), ("13/05/2021", "2021-05-13"), ("2021-05-14T10:30:00+02:00",
            "2021-05-14T10:30+02:00"), ("1620720000", "2021-05-11T08:00Z"), ("1620720000000", "2021-05-11T08:00Z"),
            ("May 2021", "2021-05"), ("Tue, 11 May 2021 10:00:00 +0200", "2021-05-11T10:00+02:00"),
            ("12/05/2021", "2021-05-12")]
    f.write_text("date,text\n" + "".join(f'"{d}","{STORY}"\n' for d, _ in rows))
    out = list(read_inputs([str(f)]))
    assert [d.published for d in out] == [iso for _, iso in rows]
    g = tmp_path / "b.csv"
    g.write_text(f'date,text\n05/13/2021,"{STORY}"\n05/11/2021,"{OTHER}"\nsoon,"{THIRD}"\n')
    out = list(read_inputs([str(g)]))
    assert [d.published for d in out] == ["2021-05-13", "2021-05-11", None]
    assert out[2].warnings and "soon" in out[2].warnings[0]


# -- streamed CSV/JSONL ---------------------------------------------------------------------

def test_gzipped_csv_is_streamed_and_a_broken_tail_keeps_the_rows_before(tmp_path):
    rows = "".join(f'"{t}"\n' for t in (STORY, OTHER, THIRD) * 400)
    data = gzip.compress(("text\n" + rows).encode())
    (tmp_path / "a.csv.gz").write_bytes(data)
    out = list(read_inputs([str(tmp_path / "a.csv.gz")]))
    assert len(out) == 1200 and all(not isinstance(x, Rejection) for x in out)
    (tmp_path / "b.csv.gz").write_bytes(data[: len(data) // 2])
    out = list(read_inputs([str(tmp_path / "b.csv.gz")]))
    *docs, last = out
    assert docs and all(not isinstance(x, Rejection) for x in docs)
    assert last.code == "W101" and "broken gzip" in last.detail and f"after {len(docs)} record" in last.detail


def test_a_line_that_does_not_decode_costs_that_line_only(tmp_path):
    f = tmp_path / "a.jsonl"
    good = "".join(json.dumps({"text": t}) + "\n" for t in (STORY, OTHER, THIRD) * 20_000)  # > 1 MB of UTF-8
    f.write_bytes(good.encode() + b'{"text": "caf\xe9 ' + STORY.encode() + b'"}\n' + (json.dumps({"text": OTHER}) + "\n").encode())
    out = list(read_inputs([str(f)]))
    bad = [x for x in out if isinstance(x, Rejection)]
    assert len(out) == 60_002 and [(r.code, r.origin.row) for r in bad] == [("W104", 60_000)]


def test_streamed_reading_holds_one_record_not_the_file(tmp_path):
    import tracemalloc

    f = tmp_path / "big.csv"
    with f.open("w") as fh:
        fh.write("id,date,text\n")
        for i in range(60_000):
            fh.write(f'{i},11/05/2021,"{STORY} {OTHER} {i}"\n')  # about 16 MB
    tracemalloc.start()
    n = sum(1 for _ in read_inputs([str(f)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 60_000 and peak < 4_000_000  # bytes: a few records, not the file's 16 MB


def test_a_file_that_is_not_a_whimbrel_database_is_an_e302(tmp_path):
    import duckdb

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(errors.StoreError) as info:
        Store(empty, read_only=True)
    assert info.value.code is errors.E302 and "not a whimbrel database" in str(info.value)


def test_layers_over_the_time_budget_are_skipped_with_w125(pipeline):
    import dataclasses
    import time as _time

    def slow(article, doc):
        _time.sleep(0.3)
        return ()

    p = Pipeline(pipeline._model_name, layers=("timexes", "actors"), layer_budget_s=0.1)
    p._nlp = pipeline.nlp
    p.layers = (dataclasses.replace(p.layers[0], run=slow), p.layers[1])
    raw = next(read_inputs([str(Path(__file__).resolve().parents[2] / "examples" / "corpus" / "crawl-text"
                                / "urdupoint-2023-05-05.txt")]))
    article, *rest = p.annotate_batch([p.extract(raw)])[0]
    assert isinstance(article, Article) and article.actors == ()
    assert [(r.code, r.reason) for r in rest] == [("W125", "too-slow")] and "skipped actors" in rest[0].detail
