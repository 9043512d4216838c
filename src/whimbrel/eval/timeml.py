"""TimeML reader and TempEval-3 timex scorer (TimeBank 1.2 + AQUAINT, "TBAQ-cleaned").

Reads ``.tml`` files (TimeML 1.2.1: ``<DCT><TIMEX3 functionInDocument="CREATION_TIME"
value=…>``, ``<TEXT>`` with inline ``<TIMEX3 type value>``), runs
:func:`whimbrel.annotate.timex.find_timexes` on the plain text with the DCT, and scores with
the TempEval-3 task A measures (UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3"):

* strict span P/R/F1: exact ``[start, end)`` match;
* relaxed span P/R/F1: any overlap (one-to-one, greedy by overlap);
* value accuracy: share of relaxed matches whose value is equal;
* value F1: relaxed matches with equal value, over system (P) and gold (R) counts — the
  TempEval-3 "value F1" (= relaxed F1 × value accuracy). HeidelTime's published value F1
  on the TempEval-3 platinum test set is 77.61 (all TIMEX3 types).

Two scores are returned: ``all.*`` counts every gold TIMEX3 (DATE, TIME, DURATION, SET, as
TempEval-3 task A does; the system runs with ``scope="timeml"``) and ``datetime.*`` counts
only DATE and TIME gold against whimbrel's normal output (``scope="calendar"``);
``calendar.*`` is the same without the gold PRESENT_REF/PAST_REF/FUTURE_REF ("now",
"recently"), which whimbrel's calendar scope leaves out by design. The HeidelTime anchor
compares to ``all.value_f1``.

Span policy: whimbrel's timex includes a leading "on/in/since/until/from" and a trailing
possessive "'s" (the project gold does); TimeML excludes them, so both are stripped from
system spans before comparing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_LEAD = re.compile(r"(?i)^(?:on|in|since|until|from)\s+")


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3: ``[start, end)`` into the document's plain text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document: id, DCT, plain text of ``<TEXT>`` and its gold TIMEX3s."""

    doc_id: str
    dct: date
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> TimeMLDoc:
    """Read one ``.tml`` file. Raises ``ValueError`` if it has no DCT or no ``<TEXT>``."""
    raw = path.read_text("utf-8")
    m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})', raw)
    if not m:
        raise ValueError(f"{path}: no DCT")
    dct = date.fromisoformat(m.group(1))
    t = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not t:
        raise ValueError(f"{path}: no <TEXT>")
    body = t.group(1)
    out: list[str] = []
    n = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for tm in _TAG.finditer(body):
        seg = html.unescape(body[pos:tm.start()])
        out.append(seg)
        n += len(seg)
        pos = tm.end()
        closing, name = tm.group(1), tm.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((n, dict(_ATTR.findall(tm.group(3)))))
        elif open_timex:
            s, attrs = open_timex.pop()
            timexes.append(GoldTimex(s, n, "", attrs.get("type", "DATE"), attrs.get("value", "")))
    seg = html.unescape(body[pos:])
    out.append(seg)
    text = "".join(out)
    timexes = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in timexes]
    return TimeMLDoc(path.stem, dct, text, tuple(sorted(timexes, key=lambda g: g.start)))


def _system_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whimbrel's leading preposition and trailing possessive (TimeML span policy)."""
    seg = text[start:end]
    m = _LEAD.match(seg)
    if m and m.end() < len(seg):
        start += m.end()
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _score(pairs_gold: list[list[GoldTimex]], pairs_sys: list[list[tuple[int, int, str | None]]]) -> dict[str, float]:
    n_gold = sum(len(g) for g in pairs_gold)
    n_sys = sum(len(s) for s in pairs_sys)
    strict = relaxed = value_ok = 0
    for golds, syss in zip(pairs_gold, pairs_sys):
        gold_spans = {(g.start, g.end) for g in golds}
        strict += sum(1 for s in syss if (s[0], s[1]) in gold_spans)
        cand = []
        for i, g in enumerate(golds):
            for j, s in enumerate(syss):
                ov = min(g.end, s[1]) - max(g.start, s[0])
                if ov > 0:
                    cand.append((-ov, i, j))
        cand.sort()
        used_g, used_s = set(), set()
        for _, i, j in cand:
            if i in used_g or j in used_s:
                continue
            used_g.add(i)
            used_s.add(j)
            relaxed += 1
            if golds[i].value == syss[j][2]:
                value_ok += 1

    def prf(k: int) -> tuple[float, float, float]:
        p = k / n_sys if n_sys else 0.0
        r = k / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    out: dict[str, float] = {}
    for name, k in (("strict", strict), ("relaxed", relaxed), ("value", value_ok)):
        p, r, f = prf(k)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
    out["value_acc"] = value_ok / relaxed if relaxed else 0.0
    return out


def evaluate_timebank(root: Path, *, limit: int | None = None, nlp=None) -> dict:
    """Score :func:`find_timexes` on every ``.tml`` under ``root`` (e.g.
    ``shared/data/tempeval3_timeml/data/TBAQ-cleaned``), in sorted path order.

    ``limit`` caps the number of documents; ``nlp`` is an optional loaded spaCy pipeline
    whose parse gives the tense (else the regex guess is used). Returns ``{"metrics": {name: float},
    "n_docs": int, "n_gold": int}`` with metric names ``all.strict_f1``,
    ``all.relaxed_f1``, ``all.value_acc``, ``all.value_f1`` (and ``_p``/``_r``) and the same
    under ``datetime.`` and ``calendar.`` (measures in the module docstring); ``n_gold``
    counts all types.
    Raises ``FileNotFoundError`` if ``root`` holds no ``.tml`` file.
    """
    from whimbrel.annotate.timex import find_timexes

    paths = sorted(Path(root).rglob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    if not paths:
        raise FileNotFoundError(f"no .tml files under {root}")
    g_all, s_all, g_dt, s_dt, g_cal = [], [], [], [], []
    for p in paths:
        d = read_tml(p)
        g_all.append(list(d.timexes))
        g_dt.append([g for g in d.timexes if g.type in ("DATE", "TIME")])
        g_cal.append([g for g in d.timexes if g.type in ("DATE", "TIME") and not g.value.endswith("_REF")])
        doc = nlp(d.text) if nlp is not None else None
        for scope, bucket in (("timeml", s_all), ("calendar", s_dt)):
            sys = []
            for t in find_timexes(d.text, d.dct, scope=scope, doc=doc):
                s, e = _system_span(d.text, t.start, t.end)
                sys.append((s, e, t.value))
            bucket.append(sys)
    metrics = {f"all.{k}": v for k, v in _score(g_all, s_all).items()}
    metrics.update({f"datetime.{k}": v for k, v in _score(g_dt, s_dt).items()})
    metrics.update({f"calendar.{k}": v for k, v in _score(g_cal, s_dt).items()})
    return {"metrics": metrics, "n_docs": len(paths), "n_gold": sum(len(g) for g in g_all)}


def _gold_body(shared: Path, gold: dict) -> str:
    """The article body a project gold file refers to: the ``text`` column of the CSV row
    for tabular inputs, the joined ``body_paragraphs`` otherwise."""
    import csv

    inp = gold.get("input") or {}
    if isinstance(inp, dict) and inp.get("row") is not None:
        csv.field_size_limit(1 << 30)
        with open(shared / inp["path"], newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i == inp["row"]:
                    return row["text"]
        raise ValueError(f"row {inp['row']} not in {inp['path']}")
    paras = gold["article"]["body_paragraphs"]
    return "\n\n".join(paras)


def evaluate_project_gold(gold_dir: Path, shared: Path, *, nlp=None) -> dict:
    """Score :func:`find_timexes` on the timexes of project gold files (``*.json`` in
    ``gold_dir``, format of ``shared/gold/GUIDELINES.md``; bodies read from ``shared``).

    Gold timexes carry text but no offsets and list each distinct (text, value) once, so
    matching is by distinct text per article. Returns
    ``{"metrics": {"span_p", "span_r", "span_f1", "value_acc", "value_f1"}, "n_docs",
    "n_gold"}``: span measures over exact text matches, ``value_acc`` the share of matched
    timexes whose value and mod are both right, ``value_f1`` the F1 of (text, value, mod)
    triples. ``nlp`` is an optional loaded spaCy pipeline giving the tense.
    """
    import json
    from datetime import date as _date

    from whimbrel.annotate.timex import find_timexes

    n_gold = n_sys = span_ok = value_ok = 0
    paths = sorted(Path(gold_dir).glob("*.json"))
    for p in paths:
        g = json.loads(p.read_text("utf-8"))
        body = _gold_body(Path(shared), g)
        dct = _date.fromisoformat(g["published"][:10])
        gold = {(t["text"], t.get("value"), t.get("mod")) for t in g.get("timexes", [])}
        doc = nlp(body) if nlp is not None else None
        pred = {(t.text, t.value, t.mod) for t in find_timexes(body, dct, doc=doc)}
        gold_text = {t for t, _, _ in gold}
        pred_text = {t for t, _, _ in pred}
        n_gold += len(gold_text)
        n_sys += len(pred_text)
        span_ok += len(gold_text & pred_text)
        value_ok += len(gold & pred)

    def f1(k: int) -> tuple[float, float, float]:
        pr = k / n_sys if n_sys else 0.0
        rc = k / n_gold if n_gold else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    sp, sr, sf = f1(span_ok)
    metrics = {"span_p": sp, "span_r": sr, "span_f1": sf,
               "value_acc": value_ok / span_ok if span_ok else 0.0, "value_f1": f1(value_ok)[2]}
    return {"metrics": metrics, "n_docs": len(paths), "n_gold": n_gold}


def evaluate_event_dates(gold_paths, shared: Path, nlp) -> dict:
    """How well :func:`~whimbrel.annotate.timex.governing_timex` dates the gold events.

    For every gold event with a date (``gold_paths``: project gold ``*.json`` files) whose
    ``evidence`` is found in the body, the governing timex's value (or the publication date
    when none governs) is compared with the gold ``date``, and the basis with the gold
    ``date_basis``. ``nlp`` is a loaded spaCy pipeline (sentences, parse); the dateline of
    a page (up to the ``") "`` closing its parenthetical, when the gold names a dateline) is
    blanked as the pipeline does. Returns ``{"metrics": {"date_acc", "basis_acc"},
    "n_events": int}``.
    """
    import json
    import re
    from datetime import date as _date

    from whimbrel.annotate.timex import find_timexes, governing_timex

    n = date_ok = basis_ok = 0
    for p in gold_paths:
        g = json.loads(Path(p).read_text("utf-8"))
        body = _gold_body(Path(shared), g)
        dct = _date.fromisoformat(g["published"][:10])
        text_start = 0
        if (g.get("article") or {}).get("dateline") and ") " in body[:200]:
            text_start = body.index(") ") + 2
        doc = nlp(" " * text_start + body[text_start:])
        timexes = find_timexes(body, dct, doc=doc)
        sents = [(s.start_char, s.end_char) for s in doc.sents if body[s.start_char:s.end_char].strip()]
        paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
        for e in g.get("events", []):
            i = body.find(e["evidence"])
            if i < 0 or e.get("date") is None:
                continue
            t, basis = governing_timex(timexes, i, i + len(e["evidence"]), sentences=sents, paragraphs=paras,
                                       doc=doc, text_start=text_start, body=body, dct=dct)
            value = t.value if t is not None else dct.isoformat()
            n += 1
            date_ok += value == e["date"]
            basis_ok += basis == e["date_basis"]
    return {"metrics": {"date_acc": date_ok / n if n else 0.0, "basis_acc": basis_ok / n if n else 0.0},
            "n_events": n}
