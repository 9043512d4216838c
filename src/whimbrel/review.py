"""Analyst reviews of coded events, and reviews exported as gold.

A review says an event is right (``correct``), wrong (``wrong``) or right once corrected
(``corrected``: its type, CAMEO code, actor codes, date or place country changed). Reviews are
rows of the ``reviews`` table with who and when; the newest review of an event wins.
:func:`reviews_as_gold` writes one gold file per reviewed article in the format of
``shared/gold/GUIDELINES.md``: the correct and corrected events as ``events``, the wrong ones
as ``not_events``, readable by ``whimbrel eval``.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

VERDICTS = ("correct", "wrong", "corrected")
CORRECTABLE = ("plover", "cameo", "source_code", "target_code", "date", "location_country")


def add_review(con, article_id: str, event_no: int, verdict: str, reviewer: str,
               corrections: dict[str, str | None] | None = None, note: str | None = None) -> str:
    """Store one review; returns its id. Raises ValueError on an unknown verdict, an
    unknown event, or a correction of a field that cannot be corrected."""
    from whimbrel.ontology import plover as plover_types

    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
    row = con.execute("SELECT 1 FROM events WHERE article_id = ? AND event_no = ?", [article_id, event_no]).fetchone()
    if row is None:
        raise ValueError(f"no event {article_id[:12]}#{event_no}")
    fixes = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in (corrections or {}).items()}
    bad = set(fixes) - set(CORRECTABLE)
    if bad:
        raise ValueError(f"cannot correct {', '.join(sorted(bad))}")
    if fixes.get("plover") and fixes["plover"].upper() not in plover_types.types():
        raise ValueError(f"unknown PLOVER type {fixes['plover']!r}")
    if fixes.get("plover"):
        fixes["plover"] = fixes["plover"].upper()
    if verdict == "corrected" and not any(fixes.values()):
        raise ValueError("a correction needs at least one corrected field")
    review_id = uuid.uuid4().hex
    con.execute(
        "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [review_id, article_id, event_no, verdict, *(fixes.get(k) for k in CORRECTABLE), note, reviewer,
         datetime.now(timezone.utc).replace(tzinfo=None)],
    )
    return review_id


def latest_reviews(con) -> list[dict[str, Any]]:
    """The newest review of each reviewed event, joined with the event and its article."""
    cur = con.execute("""
        SELECT r.*, e.plover, e.mode, e.cameo, e.source_text, e.source_code, e.target_text, e.target_code,
               e.date, e.date_basis, e.location_text, e.location_country, e.evidence_text,
               a.origin, a.published, a.body
        FROM (SELECT *, row_number() OVER (PARTITION BY article_id, event_no ORDER BY reviewed_at DESC,
                                           review_id DESC) AS rn FROM reviews) r
        JOIN events e ON e.article_id = r.article_id AND e.event_no = r.event_no
        JOIN articles a ON a.id = r.article_id
        WHERE r.rn = 1 ORDER BY r.article_id, r.event_no""")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def _input_of(origin: str | None, article_id: str) -> dict[str, Any]:
    path, _, row = (origin or "").partition("#row=")
    if not path:
        return {"path": f"(no input file: article {article_id})"}
    p = Path(path)
    if not p.is_absolute() and p.exists():
        path = str(p.resolve())
    out: dict[str, Any] = {"path": path}
    if row:
        out["row"] = int(row)
    return out


def reviews_as_gold(store, folder: str | Path) -> list[Path]:
    """Write the reviews as gold files (one per article, ``<article id>.json``) into
    ``folder``; returns their paths. Input paths are absolute (``whimbrel eval FOLDER
    --data-root /`` reads them wherever FOLDER is)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in latest_reviews(store.con):
        by_article.setdefault(r["article_id"], []).append(r)
    written = []
    for aid, reviews in by_article.items():
        first = reviews[0]
        gold: dict[str, Any] = {
            "id": aid, "input": _input_of(first["origin"], aid), "published": first["published"],
            "events": [], "not_events": [],
            "review": {"reviewers": sorted({r["reviewer"] for r in reviews if r["reviewer"]}),
                       "reviewed_at": max(str(r["reviewed_at"]) for r in reviews), "source": "whimbrel serve --review"},
        }
        for r in reviews:
            if r["verdict"] == "wrong":
                gold["not_events"].append({"evidence": r["evidence_text"], "plover": r["plover"],
                                           "note": r["note"]})
                continue

            def pick(field: str) -> Any:
                fixed = r.get(f"corrected_{field}")
                return fixed if fixed else r[field]

            src_code, tgt_code = pick("source_code"), pick("target_code")
            ev = {
                "plover": pick("plover"), "mode": r["mode"] if not r.get("corrected_plover") else None,
                "cameo": pick("cameo"),
                "source": {"mention": r["source_text"], "code": src_code} if (r["source_text"] or src_code) else None,
                "target": {"mention": r["target_text"], "code": tgt_code} if (r["target_text"] or tgt_code) else None,
                "date": pick("date"), "date_basis": "text" if r.get("corrected_date") else r["date_basis"],
                "location": ({"mention": r["location_text"], "country": pick("location_country")}
                             if (r["location_text"] or pick("location_country")) else None),
                "evidence": r["evidence_text"], "required": True,
            }
            if r["note"]:
                ev["note"] = r["note"]
            gold["events"].append(ev)
        path = folder / f"{aid}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written
