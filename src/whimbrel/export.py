"""Exports of the store: whole tables as CSV, JSONL or Parquet, and GDELT 2.0 Events and
Mentions files.

Tables are written by DuckDB (``COPY … TO``), streamed: nothing is held in memory and no row
is left out; ids are full. The GDELT files follow the GDELT 2.0 Event Codebook: tab-separated,
no header (``header=True`` adds one), the 61 event columns and 16 mention columns in the
codebook's order (:data:`GDELT_EVENT_COLUMNS`, :data:`GDELT_MENTION_COLUMNS`).

How whimbrel fills the GDELT columns:

- one GDELT event per event cluster (the ``event_clusters`` view: same PLOVER type, dyad,
  date and place across articles); its columns come from the cluster's first mention (the
  oldest article); ``GLOBALEVENTID`` is the first 15 hex digits of the cluster id as an
  integer (stable across exports), NumMentions/NumSources/NumArticles the cluster's counts;
- ``SQLDATE``/``MonthYear``/``Year``/``FractionDate`` from ``events.date_start`` (the first
  day of the event's date); an undated event (``date_basis`` none) takes its article's
  publication date;
- actor codes without spaces (``CHN GOV`` → ``CHNGOV``), the country code, known group code
  (``IGO``…) and up to three type codes split out of them; names in capitals, as GDELT;
- ``IsRootEvent`` 1 when the event's sentence is in the article's lead paragraph;
- EventCode, EventBaseCode (first three digits) and EventRootCode (first two), QuadClass,
  GoldsteinScale;
- the geo columns from the place layer (``*_geo_*`` columns of ``events``): CountryCode is the
  FIPS 10-4 code, ADM1Code FIPS country + admin1, ADM2Code empty (whimbrel has no GAUL
  codes), FeatureID the GeoNames id of a city (GDELT: a GNS id) and, as GDELT does, the
  ADM1 or FIPS country code for a state or country; type 0 and empty columns when there is
  no place;
- ``AvgTone`` and ``MentionDocTone`` are empty: whimbrel computes no document tone;
- ``DATEADDED`` the time the first article was stored (UTC, YYYYMMDDHHMMSS); ``SOURCEURL``
  its URL, else its origin (file, or file#row=N).

Mentions: one row per coded event (every mention), with the article's URL (MentionType 1)
or origin (MentionType 2, a citation), the 1-based sentence number, the character offsets of
the source actor, target actor and evidence (-1 when absent), Confidence 0–100 and the
body's length.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

#: Tables and views ``whimbrel export`` writes, with the key they are ordered by.
TABLES: dict[str, str] = {
    "articles": "id",
    "entities": 'article_id, start, "end", label',
    "timexes": 'article_id, start, "end"',
    "actors": 'article_id, start, "end"',
    "quotes": 'article_id, start, "end"',
    "events": "article_id, event_no",
    "places": 'article_id, start, "end"',
    "story_members": "article_id",
    "stories": "story_id",
    "event_clusters": "cluster_id",
    "reviews": "reviewed_at, review_id",
    "rejects": "id",
    "runs": "started_at, run_id",
}
FORMATS = ("csv", "jsonl", "parquet")
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}

#: GDELT 2.0 Events columns, in the codebook's order (61).
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{k}{c}" for k in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

#: GDELT 2.0 Mentions columns, in the codebook's order (16).
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)

#: CAMEO known-group codes (Phoenix/CAMEO) that may head an actor code.
_KNOWN_GROUPS = {"IGO", "NGO", "UNO", "NAT", "EEC", "AFR", "ARL", "ASN", "IMF", "WBK", "WTO", "OPC",
                 "ICC", "ICJ", "CRC", "AMN", "HRW", "MSF", "UNICEF", "SEA", "MNC", "INS", "IRC"}


def _cluster_key_sql() -> str:
    # must stay the same expression as the event_clusters view (schema.sql)
    return ("md5(concat_ws('|', e.plover, coalesce(e.source_code, ''), coalesce(e.target_code, ''), "
            "coalesce(e.date, ''), coalesce(e.location_country, ''), "
            "CASE WHEN e.source_code IS NULL AND e.target_code IS NULL "
            "THEN a.story_id || ':' || e.event_no ELSE '' END))")


def export_table(con, table: str, fmt: str, dest: str | Path | None) -> int:
    """Write ``table`` (a key of :data:`TABLES`) completely, in ``fmt`` (csv, jsonl, parquet),
    to the file ``dest``, or to standard output when ``dest`` is ``None`` (csv and jsonl).
    Returns the number of rows."""
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; use one of {', '.join(TABLES)} or all")
    if fmt not in FORMATS:
        raise KeyError(f"unknown format {fmt!r}; use csv, jsonl or parquet")
    sql = f"SELECT * FROM {table} ORDER BY {TABLES[table]}"
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if dest is None:
        import sys

        if fmt == "parquet":
            raise KeyError("parquet needs a file: give --out FILE")
        _stream(con.execute(sql), fmt, sys.stdout)
        return n
    dest = str(dest).replace("'", "''")
    opts = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}[fmt]
    con.execute(f"COPY ({sql}) TO '{dest}' ({opts})")
    return n


def _stream(cur, fmt: str, fh: IO[str], batch: int = 2000) -> None:
    cols = [d[0] for d in cur.description]
    writer = csv.writer(fh, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(cols)
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            break
        for row in rows:
            if writer:
                writer.writerow(["" if v is None else v for v in row])
            else:
                fh.write(json.dumps(dict(zip(cols, row)), ensure_ascii=False, default=str) + "\n")


# -- GDELT --------------------------------------------------------------------------------

def _mentions_sql() -> str:
    return f"""
    SELECT e.*, a.source AS outlet, a.url, a.origin, a.published, a.published_date, a.stored_at,
           length(a.body) AS doclen, a.sentences, a.paragraphs, a.text_start,
           {_cluster_key_sql()} AS cluster_id
    FROM events e JOIN articles a ON a.id = e.article_id
    """


def gdelt_event_rows(con) -> Iterator[list[str]]:
    """GDELT 2.0 Events rows (lists of 61 strings), one per event cluster, by GLOBALEVENTID."""
    sql = f"""
    WITH m AS ({_mentions_sql()}),
    ranked AS (
        SELECT *, row_number() OVER (PARTITION BY cluster_id ORDER BY published NULLS LAST, article_id,
                                     event_no) AS rn,
               count(*) OVER (PARTITION BY cluster_id) AS num_mentions,
               count(DISTINCT article_id) OVER (PARTITION BY cluster_id) AS num_articles,
               count(DISTINCT outlet) OVER (PARTITION BY cluster_id) AS num_sources
        FROM m)
    SELECT * EXCLUDE (rn) FROM ranked WHERE rn = 1 ORDER BY cluster_id
    """
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    rows = []
    while True:
        batch = cur.fetchmany(2000)
        if not batch:
            break
        for r in batch:
            rows.append(_gdelt_event(dict(zip(cols, r))))
    rows.sort(key=lambda row: int(row[0]))
    yield from rows


def gdelt_mention_rows(con) -> Iterator[list[str]]:
    """GDELT 2.0 Mentions rows (lists of 16 strings), one per coded event (mention)."""
    cur = con.execute(f"""WITH m AS ({_mentions_sql()}),
        firsts AS (SELECT cluster_id, arg_min(stored_at, (published, article_id, event_no)) AS first_stored
                   FROM m GROUP BY cluster_id)
        SELECT m.*, f.first_stored FROM m JOIN firsts f USING (cluster_id)
        ORDER BY m.cluster_id, m.published NULLS LAST, m.article_id, m.event_no""")
    cols = [d[0] for d in cur.description]
    rows = []
    while True:
        batch = cur.fetchmany(2000)
        if not batch:
            break
        rows.extend(_gdelt_mention(dict(zip(cols, r))) for r in batch)
    rows.sort(key=lambda row: int(row[0]))
    yield from rows


def global_event_id(cluster_id: str) -> int:
    """GLOBALEVENTID of an event cluster: its first 15 hex digits as an integer."""
    return int(cluster_id[:15], 16)


def split_actor_code(code: str | None) -> dict[str, str]:
    """GDELT's actor code columns from a whimbrel code: ``"CHN GOV"`` → Code ``CHNGOV``,
    CountryCode ``CHN``, Type1Code ``GOV``; ``"IGO"`` → KnownGroupCode ``IGO``;
    ``"--- MED"`` → Code ``MED``, Type1Code ``MED``."""
    out = {"Code": "", "CountryCode": "", "KnownGroupCode": "", "EthnicCode": "", "Religion1Code": "",
           "Religion2Code": "", "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    if not code:
        return out
    parts = [p for p in code.upper().split() if p and p != "---"]
    out["Code"] = "".join(parts)
    if not parts:
        return out
    from whimbrel.ontology.countries import load_countries

    head, rest = parts[0], parts[1:]
    if len(head) == 3 and head not in _KNOWN_GROUPS and _is_country(head, load_countries):
        out["CountryCode"] = head
    elif head in _KNOWN_GROUPS or head.startswith(("IGO", "NGO")):
        out["KnownGroupCode"] = head
    else:
        rest = parts
    types = [p for p in rest if len(p) == 3][:3]
    for i, t in enumerate(types, 1):
        out[f"Type{i}Code"] = t
    return out


def _is_country(code: str, loader) -> bool:
    table = loader()
    try:
        return table.get(code) is not None
    except Exception:  # noqa: BLE001 - a table without get: accept 3-letter heads
        return True


def _fmt_num(v: Any, digits: int | None = None) -> str:
    if v is None:
        return ""
    if digits is not None:
        return f"{float(v):.{digits}f}"
    if isinstance(v, float):
        return repr(round(v, 6)) if v != int(v) else f"{v:.1f}"
    return str(v)


def _ts(v) -> str:
    return v.strftime("%Y%m%d%H%M%S") if v is not None else ""


def _geo(r: dict, prefix: str) -> list[str]:
    t = r.get(f"{prefix}_type")
    if t is None:
        return ["0", "", "", "", "", "", "", ""]
    fid = r.get(f"{prefix}_feature_id")
    if t in (1, 2, 5):  # GDELT: a country or state carries its code, not a feature id
        fid = r.get(f"{prefix}_adm1") if t in (2, 5) else r.get(f"{prefix}_fips")
    lat, lon = r.get(f"{prefix}_lat"), r.get(f"{prefix}_long")
    return [str(t), _clean(r.get(f"{prefix}_fullname")), r.get(f"{prefix}_fips") or "",
            r.get(f"{prefix}_adm1") or "", "", "" if lat is None else f"{lat:.4f}",
            "" if lon is None else f"{lon:.4f}", "" if fid is None else str(fid)]


def _clean(s: str | None) -> str:
    """No tab or newline may stay inside a GDELT field."""
    return " ".join((s or "").split())


def _gdelt_event(r: dict) -> list[str]:
    day = r.get("date_start") or r.get("published_date")
    if day is not None:
        sqldate, month, year = day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year)
        fraction = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    else:
        sqldate = month = year = fraction = ""
    a1, a2 = split_actor_code(r.get("source_code")), split_actor_code(r.get("target_code"))
    cameo = r.get("cameo") or ""
    lead_end = None
    for p in r.get("paragraphs") or ():
        if p[1] > (r.get("text_start") or 0):
            lead_end = p[1]
            break
    root_event = "1" if lead_end is not None and (r.get("sentence_start") or 0) < lead_end else "0"
    row = [str(global_event_id(r["cluster_id"])), sqldate, month, year, fraction]
    for a, name in ((a1, r.get("source_name")), (a2, r.get("target_name"))):
        row += [a["Code"], _clean(name).upper() if a["Code"] or name else "", a["CountryCode"],
                a["KnownGroupCode"], a["EthnicCode"], a["Religion1Code"], a["Religion2Code"],
                a["Type1Code"], a["Type2Code"], a["Type3Code"]]
    row += [root_event, cameo, cameo[:3], cameo[:2], _fmt_num(r.get("quad_class")),
            _fmt_num(r.get("goldstein"), 1) if r.get("goldstein") is not None else "",
            str(r["num_mentions"]), str(r["num_sources"]), str(r["num_articles"]), ""]
    row += _geo(r, "actor1_geo") + _geo(r, "actor2_geo") + _geo(r, "action_geo")
    row += [_ts(r.get("stored_at")), _clean(r.get("url") or r.get("origin") or r.get("article_id"))]
    assert len(row) == len(GDELT_EVENT_COLUMNS)
    return row


def _gdelt_mention(r: dict) -> list[str]:
    sid = ""
    for i, s in enumerate(r.get("sentences") or (), 1):
        if s[0] <= (r.get("sentence_start") or 0) < s[1]:
            sid = str(i)
            break
    url = r.get("url")
    conf = r.get("confidence")
    row = [str(global_event_id(r["cluster_id"])), _ts(r.get("first_stored")), _ts(r.get("stored_at")),
           "1" if url else "2", _clean(r.get("outlet")), _clean(url or r.get("origin") or r.get("article_id")),
           sid, str(r["source_start"]) if r.get("source_start") is not None else "-1",
           str(r["target_start"]) if r.get("target_start") is not None else "-1",
           str(r["evidence_start"]) if r.get("evidence_start") is not None else "-1",
           "1", "" if conf is None else str(int(round(conf * 100))), str(r.get("doclen") or 0), "", "", ""]
    assert len(row) == len(GDELT_MENTION_COLUMNS)
    return row


def write_gdelt(rows: Iterator[list[str]], fh: IO[str], columns: tuple[str, ...] | None = None) -> int:
    """Write GDELT rows tab-separated (a header first when ``columns`` is given); returns the
    number of rows."""
    n = 0
    if columns:
        fh.write("\t".join(columns) + "\n")
    for row in rows:
        fh.write("\t".join(row) + "\n")
        n += 1
    return n


def read_gdelt(text: str | io.TextIOBase, types: dict[str, str], columns: list[str], sep: str = "\t",
               header: bool = False) -> list[dict[str, Any]]:
    """Read GDELT rows (tab-separated, or ``sep``) into dicts typed by the codebook's data
    types (INTEGER → int, FLOAT → float, STRING → str; empty → None). Raises ValueError on a
    row of another width or a value that does not parse as its type."""
    fh = io.StringIO(text) if isinstance(text, str) else text
    reader = csv.reader(fh, delimiter=sep, quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL)
    out = []
    for i, rec in enumerate(reader):
        if header and i == 0:
            continue
        if len(rec) != len(columns):
            raise ValueError(f"row {i}: {len(rec)} fields, expected {len(columns)}")
        row: dict[str, Any] = {}
        for name, value in zip(columns, rec):
            t = types.get(name, "STRING").upper()
            if value == "":
                row[name] = None
            elif t == "INTEGER":
                row[name] = int(value)
            elif t == "FLOAT":
                row[name] = float(value)
            else:
                row[name] = value
        out.append(row)
    return out
