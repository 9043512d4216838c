"""Scorers: a predicted article record against one gold article, layer by layer.

Everything here is a pure function of two plain dicts:

* the **predicted record** — the article record of design.md, i.e.
  :meth:`whimbrel.model.Article.to_record` (``body``, ``sentences`` as ``[[start, end], ...]``,
  ``timexes``/``quotes``/``events`` as lists of dicts with ``[start, end)`` character offsets
  into ``body``);
* the **gold** dict — one file of ``shared/gold`` (format: ``shared/gold/GUIDELINES.md``), whose
  ``text``/``evidence``/``mention`` strings are exact substrings of the article body.

:func:`score_article` returns per-layer *counts* (:class:`Counts` for P/R/F1, :class:`Ratio` for
accuracies, :class:`Tally` for things that should not happen); :func:`aggregate` sums them over
articles (micro-averaging); :func:`figures` turns them into the flat ``{"layer.measure.stat":
float}`` mapping that reports, floors and docs use.

Matching rules (the ones the gold guidelines imply; each is documented where it is applied):

* **Locating gold strings.** A gold string is searched in the *predicted* body (all
  occurrences; if none, a whitespace-insensitive search). When a string occurs several times,
  the occurrence that best overlaps a prediction is the one matched; an unmatched gold item is
  shown at its first occurrence. A required gold item that cannot be found in the predicted
  body at all (extraction lost it) is a miss.
* **One-to-one greedy matching.** Candidate (gold, prediction) pairs are scored (overlap length,
  or overlap ratio for quotes); required gold items are matched first, each pass taking the
  best-scoring pair first. Equal overlaps are decided by how closely the spans coincide
  (Jaccard) and then by agreeing attributes (actor codes, speaker, value) — so two gold events
  with the same evidence and different sources pair with the predictions that have those
  sources — and last by document order. The tie-breakers add less than 1 to a score counted
  in characters, so they never outweigh a larger overlap.
* **``"required": false``.** Never a miss; a prediction matched to such an item is excluded
  from both TP and FP. Attribute accuracies (value, speaker, CAMEO root, codes …) are measured
  on all matches, required or not: a found optional item is still a correct item whose
  attributes can be right or wrong.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

Interval = tuple[int, int]


# --------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and misses (false negatives) of one measure.

    ``precision`` = tp / (tp + fp), ``recall`` = tp / (tp + fn), ``f1`` their harmonic mean
    (= 2·tp / (2·tp + fp + fn)). A ratio whose denominator is 0 is 0.0, except that a measure
    with nothing predicted *and* nothing to find (tp = fp = fn = 0) is 1.0 everywhere — the
    convention of the ScrapingHub article-extraction benchmark's ``precision_score``.
    """

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        if self.empty:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.empty:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        if self.empty:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True)
class Ratio:
    """``right`` out of ``total`` (an accuracy); 0 of 0 has accuracy 0.0 and ``total`` 0, which
    reports show as "n/a"."""

    right: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.right + other.right, self.total + other.total)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class Tally:
    """A count of things that should not happen (boilerplate leaks, forbidden hits) out of
    ``checked`` chances."""

    count: int = 0
    checked: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.checked + other.checked)


Measure = Counts | Ratio | Tally
LayerScores = dict[str, dict[str, Measure]]


@dataclass(frozen=True)
class Finding:
    """One thing a developer should look at: a false positive, a miss, a forbidden hit, a
    boilerplate leak or a wrong attribute on a match.

    ``kind`` is ``"false-positive"``, ``"miss"``, ``"forbidden"``, ``"leak"`` or
    ``"wrong-<attribute>"``; ``measure`` the measure it counts against (``"events.located"``);
    ``start``/``end`` offsets into the predicted body (``None`` when the gold string is not in
    it); ``sentence`` the sentence around it; ``detail`` what was expected and what was found.
    """

    layer: str
    kind: str
    measure: str
    text: str
    start: int | None
    end: int | None
    sentence: str
    detail: str
    article: str = ""


@dataclass
class ArticleScore:
    """The scores of one gold article: ``layers[layer][measure]`` and the findings."""

    gold_id: str
    layers: LayerScores = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def add(self, layer: str, name: str, measure: Measure) -> None:
        slot = self.layers.setdefault(layer, {})
        slot[name] = slot[name] + measure if name in slot else measure


# --------------------------------------------------------------------------- text helpers


def overlap(a: Interval, b: Interval) -> int:
    """Length in characters of the intersection of two ``[start, end)`` intervals (0 if none)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def jaccard(a: Interval, b: Interval) -> float:
    """Intersection over union of two intervals (0.0 … 1.0)."""
    inter = overlap(a, b)
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def locate(body: str, text: str) -> list[Interval]:
    """All ``[start, end)`` occurrences of ``text`` in ``body`` (overlapping ones included).

    If there is no exact occurrence, runs of whitespace in ``text`` match any run of whitespace
    in ``body`` (extraction may re-flow lines). Returns ``[]`` when ``text`` is empty or absent.
    """
    if not text:
        return []
    found: list[Interval] = []
    i = body.find(text)
    while i >= 0:
        found.append((i, i + len(text)))
        i = body.find(text, i + 1)
    if found:
        return found
    parts = text.split()
    if not parts:
        return []
    pattern = re.compile(r"\s+".join(re.escape(p) for p in parts))
    return [(m.start(), m.end()) for m in pattern.finditer(body)]


_TOKEN_PATTERNS = {"whitespace": re.compile(r"\S+"), "word": re.compile(r"\w+")}


def tokens(text: str, *, tokenizer: str = "whitespace", lowercase: bool = True) -> list[str]:
    """Tokens of ``text``: ``"whitespace"`` splits on white space, ``"word"`` takes ``\\w+`` runs
    (the tokenizer of the ScrapingHub benchmark's ``evaluate.py``)."""
    found = _TOKEN_PATTERNS[tokenizer].findall(text or "")
    return [t.lower() for t in found] if lowercase else found


def token_prf(
    pred_text: str,
    gold_text: str,
    *,
    n: int = 1,
    tokenizer: str = "whitespace",
    lowercase: bool = True,
) -> Counts:
    """Bag-of-tokens overlap of a predicted and a gold text as :class:`Counts`.

    TP is the size of the multiset intersection of the two texts' token ``n``-grams, FP the
    predicted n-grams beyond it, FN the gold ones beyond it (so ``precision`` is the share of
    predicted tokens that are in the gold, ``recall`` the share of gold tokens found). The
    default (``n=1``, white-space tokens, lowercased) is the body measure of ``whimbrel eval``.
    ``n=4, tokenizer="word", lowercase=False`` gives the shingle counts of the ScrapingHub
    article-extraction benchmark (``string_shingle_matching`` in its ``evaluate.py``; it then
    normalises each document's counts to sum to 1 and macro-averages P and R over documents).
    """

    def grams(text: str) -> Counter:
        toks = tokens(text, tokenizer=tokenizer, lowercase=lowercase)
        if n == 1:
            return Counter(toks)
        return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)

    pred, gold = grams(pred_text), grams(gold_text)
    tp = sum((pred & gold).values())
    return Counts(tp, sum(pred.values()) - tp, sum(gold.values()) - tp)


class _Sentences:
    """Sentence lookup over the predicted record's ``sentences`` list."""

    def __init__(self, record: Mapping[str, Any]):
        self.body: str = record.get("body") or ""
        spans = sorted((int(s), int(e)) for s, e in record.get("sentences") or [])
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def of(self, pos: int) -> Interval | None:
        """The sentence holding character ``pos``, or ``None``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def touching(self, span: Interval) -> list[Interval]:
        """Sentences that share at least one character with ``span``."""
        return [s for s in self.spans if overlap(s, span) > 0 or s[0] == span[0]]

    def text_around(self, span: Interval | None) -> str:
        """The sentence(s) around ``span``; without sentence data, the line around it."""
        if span is None:
            return ""
        sents = self.touching(span)
        if sents:
            a, b = sents[0][0], sents[-1][1]
        else:
            a = self.body.rfind("\n", 0, span[0]) + 1
            b = self.body.find("\n", span[1])
            b = len(self.body) if b < 0 else b
            a, b = max(a, span[0] - 300), min(b, span[1] + 300)
        return " ".join(self.body[a:b].split())


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class GoldItem:
    """A gold item with the occurrences of its located string in the predicted body."""

    index: int
    data: Mapping[str, Any]
    occurrences: tuple[Interval, ...]
    required: bool

    @property
    def first(self) -> Interval | None:
        return self.occurrences[0] if self.occurrences else None


@dataclass(frozen=True)
class Pair:
    gold: GoldItem
    pred: int
    where: Interval | None  # the gold occurrence used
    score: float


@dataclass
class Matching:
    """One-to-one matching of gold items to predictions (indices into the prediction list)."""

    pairs: list[Pair]
    missed: list[GoldItem]  # required gold items without a match
    unmatched_preds: list[int]  # predictions matched to nothing: false positives

    def counts(self) -> Counts:
        tp = sum(1 for p in self.pairs if p.gold.required)
        return Counts(tp, len(self.unmatched_preds), len(self.missed))


def _span_layer(record: Mapping[str, Any], gold: Mapping[str, Any], layer: str):
    """What a span layer's scorer starts from: the body, its sentences, the predictions that
    have a span, those spans, and the gold items located by their ``text``."""
    body = record.get("body") or ""
    preds = [p for p in record.get(layer) or [] if _span(p)]
    return body, _Sentences(record), preds, [_span(p) for p in preds], gold_items(body, gold[layer], "text")


def gold_items(body: str, items: Sequence[Mapping[str, Any]], key: str) -> list[GoldItem]:
    """Wrap gold dicts, locating ``item[key]`` in ``body``; ``required`` defaults to true."""
    return [
        GoldItem(i, it, tuple(locate(body, it.get(key) or "")), bool(it.get("required", True)))
        for i, it in enumerate(items)
    ]


def match(
    golds: Sequence[GoldItem],
    n_preds: int,
    pair_score: Callable[[GoldItem, int, Interval | None], float],
    *,
    spanless: bool = False,
) -> Matching:
    """Greedy one-to-one matching.

    ``pair_score(gold, pred_index, occurrence)`` returns a positive score for a compatible
    pair (larger is better) or ``<= 0`` for none; it is tried with every occurrence of the gold
    string and the best kept (``spanless=True``: called once with ``None``). Required gold
    items are matched first, then optional ones with the predictions left over, each pass
    highest score first, ties by gold then prediction order.
    """
    taken: set[int] = set()
    pairs: list[Pair] = []
    for required in (True, False):
        cands: list[Pair] = []
        for g in golds:
            if g.required != required:
                continue
            wheres: Iterable[Interval | None] = [None] if spanless else g.occurrences
            for j in range(n_preds):
                if j in taken:
                    continue
                best: Pair | None = None
                for w in wheres:
                    s = pair_score(g, j, w)
                    if s > 0 and (best is None or s > best.score):
                        best = Pair(g, j, w, s)
                if best is not None:
                    cands.append(best)
        cands.sort(key=lambda p: (-p.score, p.gold.index, p.pred))
        used_gold: set[int] = set()
        for p in cands:
            if p.gold.index in used_gold or p.pred in taken:
                continue
            used_gold.add(p.gold.index)
            taken.add(p.pred)
            pairs.append(p)
    matched = {p.gold.index for p in pairs}
    missed = [g for g in golds if g.required and g.index not in matched]
    return Matching(pairs, missed, [j for j in range(n_preds) if j not in taken])


def _span(d: Mapping[str, Any] | None) -> Interval | None:
    if not d or d.get("start") is None or d.get("end") is None:
        return None
    return int(d["start"]), int(d["end"])


# --------------------------------------------------------------------------- article layer

#: the gold ``article`` fields compared exactly, with the record field that holds them
ARTICLE_FIELDS = {"title": "title", "author": "author", "published_at": "published",
                  "dateline": "dateline"}


def score_article_layer(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Article extraction.

    For every gold with ``published``: ``dct`` — the date part of the predicted publication
    date equals it (the document creation time every relative timex is resolved against).
    For golds with an ``article`` block (crawl-text inputs): ``title``/``author``/``published``/``dateline`` exact (string equality after
    stripping surrounding white space; both absent counts as right); ``credit`` (same set);
    ``body_tokens`` (:func:`token_prf` of the predicted body against the gold paragraphs joined
    by newlines); ``paragraphs`` (a gold paragraph is found when a predicted paragraph has the
    same text, white space squeezed); ``not_in_body`` (a :class:`Tally` of listed boilerplate
    strings present in the predicted body).
    """
    if gold.get("published"):
        want, got = str(gold["published"])[:10], (record.get("published") or "")[:10] or None
        out.add("article", "dct", Ratio(int(want == got), 1))
        if want != got:
            out.findings.append(Finding("article", "wrong-dct", "article.dct", "", None, None, "",
                                        f"publication date: expected {want}, got {got}"))
    art = gold.get("article")
    if not art:
        return
    body = record.get("body") or ""
    sents = _Sentences(record)
    for gkey, rkey in ARTICLE_FIELDS.items():
        if gkey not in art:
            continue
        want, got = art.get(gkey), record.get(rkey)
        norm = lambda v: None if v is None else " ".join(str(v).split()) or None  # noqa: E731
        right = norm(want) == norm(got)
        name = "published" if gkey == "published_at" else gkey
        out.add("article", name, Ratio(int(right), 1))
        if not right:
            out.findings.append(Finding("article", f"wrong-{name}", f"article.{name}", str(got),
                                        None, None, "", f"expected {want!r}, got {got!r}"))
    if "credit" in art:
        right = set(art["credit"] or []) == set(record.get("credit") or [])
        out.add("article", "credit", Ratio(int(right), 1))
        if not right:
            out.findings.append(Finding("article", "wrong-credit", "article.credit", "", None, None,
                                        "", f"expected {art['credit']!r}, got {record.get('credit')!r}"))
    paras = art.get("body_paragraphs")
    if paras is not None:
        out.add("article", "body_tokens", token_prf(body, "\n".join(paras)))
        squeeze = lambda t: " ".join(t.split())  # noqa: E731
        pred_paras = Counter(squeeze(body[s:e]) for s, e in record.get("paragraphs") or [])
        gold_paras = Counter(squeeze(p) for p in paras)
        tp = sum((pred_paras & gold_paras).values())
        out.add("article", "paragraphs", Counts(tp, sum(pred_paras.values()) - tp,
                                                sum(gold_paras.values()) - tp))
        for p in gold_paras - pred_paras:
            where = locate(body, p)
            out.findings.append(Finding("article", "miss", "article.paragraphs", p[:200],
                                        *(where[0] if where else (None, None)), "",
                                        "gold paragraph not a predicted paragraph"
                                        + ("" if where else " (not in the body at all)")))
    leaks = art.get("not_in_body")
    if leaks is not None:
        n = 0
        for s in leaks:
            where = locate(body, s)
            if where:
                n += 1
                out.findings.append(Finding("article", "leak", "article.not_in_body", s, *where[0],
                                            sents.text_around(where[0]),
                                            "boilerplate string in the body"))
        out.add("article", "not_in_body", Tally(n, len(leaks)))


# --------------------------------------------------------------------------- timexes

#: Leading words a gold timex may include that TIMEX3 extents leave out ("on Thursday" vs
#: "Thursday"; TimeML annotation guidelines 1.2.1 §2.2: prepositions are not part of the
#: TIMEX3 extent). Compared case-insensitively.
LEADING_PREPOSITIONS = ("on", "in", "at", "by", "since", "until", "till", "during", "from",
                        "to", "before", "after", "as of", "of", "for", "around", "about")

_PREP_RE = re.compile(r"^(?:(?:%s)\s+)+" % "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                                     for p in LEADING_PREPOSITIONS), re.I)


def strip_preposition(body: str, span: Interval) -> Interval:
    """``span`` without leading prepositions ("on Thursday" → "Thursday"); unchanged when
    nothing would be left."""
    text = body[span[0]:span[1]]
    m = _PREP_RE.match(text)
    if m and m.end() < len(text):
        return span[0] + m.end(), span[1]
    return span


def score_timexes(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Time expressions.

    Measures: ``exact`` (same offsets as the gold string); ``exact_noprep`` (same offsets after
    stripping leading prepositions from both, :data:`LEADING_PREPOSITIONS` — the headline span
    figure, because the gold includes "on"/"in" and TIMEX3 does not); ``overlap`` (any shared
    character — TempEval-3 "relaxed match"); ``value`` accuracy (exact ISO string) and ``mod``
    accuracy on overlap matches. :func:`figures` adds ``timexes.value.f1`` = overlap F1 × value
    accuracy, the TempEval-3 attribute F1 (UzZaman et al. 2013).
    """
    if "timexes" not in gold:
        return
    body, sents, preds, pspans, golds = _span_layer(record, gold, "timexes")

    def exact(g, j, w):
        return 1.0 if w == pspans[j] else 0.0

    def exact_noprep(g, j, w):
        return 1.0 if strip_preposition(body, w) == strip_preposition(body, pspans[j]) else 0.0

    def relaxed(g, j, w):
        ov = overlap(w, pspans[j])
        if not ov:
            return 0.0
        same_value = g.data.get("value") == preds[j].get("value")
        return ov + 0.5 * jaccard(w, pspans[j]) + 0.25 * same_value

    for name, fn in (("exact", exact), ("exact_noprep", exact_noprep), ("overlap", relaxed)):
        m = match(golds, len(preds), fn)
        out.add("timexes", name, m.counts())
        if name == "overlap":
            _explain_matching(out, "timexes", "timexes.overlap", m, preds, pspans, sents,
                              lambda g: f"gold value {g.data.get('value')}",
                              lambda p: f"value {p.get('value')}")
            for p in m.pairs:
                gv, pv = p.gold.data.get("value"), preds[p.pred].get("value")
                out.add("timexes", "value", Ratio(int(gv == pv), 1))
                gm, pm = p.gold.data.get("mod"), preds[p.pred].get("mod")
                out.add("timexes", "mod", Ratio(int(gm == pm), 1))
                if gv != pv:
                    out.findings.append(Finding("timexes", "wrong-value", "timexes.value",
                                                preds[p.pred].get("text", ""), *pspans[p.pred],
                                                sents.text_around(pspans[p.pred]),
                                                f"expected {gv}, got {pv}"))


# --------------------------------------------------------------------------- quotes

_TRIM = " \t\n\r,.;:!?\"'“”‘’«»"


def trim(body: str, span: Interval) -> Interval:
    """``span`` without surrounding white space, punctuation and quotation marks."""
    a, b = max(0, span[0]), min(len(body), span[1])
    while a < b and body[a] in _TRIM:
        a += 1
    while b > a and body[b - 1] in _TRIM:
        b -= 1
    return a, b


def overlap_ratio(a: Interval, b: Interval) -> float:
    """Shared characters / the longer span's length (0.0 for empty spans)."""
    longest = max(a[1] - a[0], b[1] - b[0])
    return overlap(a, b) / longest if longest > 0 else 0.0


def norm_name(s: str | None) -> str:
    """A resolved name for comparison: accents folded (NFKD), case folded, punctuation turned
    into spaces, a leading "the" dropped ("The New York Times," → "new york times")."""
    folded = unicodedata.normalize("NFKD", s or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w\s]+", " ", folded).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def score_quotes(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Quotes (reported speech).

    Measures: ``overlap`` — content matched when shared characters / the longer of the two
    spans ≥ 0.5 (character-based; Citron (Newell et al. 2018) counts token overlap, which on
    the same spans gives nearly the same ratio); ``exact`` — same offsets after :func:`trim`
    (white space, punctuation and quotation marks at either end do not count); on overlap
    matches: ``speaker`` (resolved names equal after :func:`norm_name`), ``speaker_mention``
    (the predicted ``speaker_start``–``speaker_end`` overlaps the gold ``speaker_mention``
    occurrence nearest to the quote), ``kind`` (direct/indirect/mixed). ``forbidden``: a
    :class:`Tally` of predictions overlapping a ``not_quotes`` string by ≥ 0.5.
    """
    if "quotes" not in gold:
        return
    body, sents, preds, pspans, golds = _span_layer(record, gold, "quotes")

    def relaxed(g, j, w):
        r = overlap_ratio(w, pspans[j])
        if r < 0.5:
            return 0.0
        same = norm_name(g.data.get("speaker")) == norm_name(preds[j].get("speaker"))
        return r + 1e-3 * same  # ratio first; equal spans: the same speaker wins

    def exact(g, j, w):
        return 1.0 if trim(body, w) == trim(body, pspans[j]) else 0.0

    out.add("quotes", "exact", match(golds, len(preds), exact).counts())
    m = match(golds, len(preds), relaxed)
    out.add("quotes", "overlap", m.counts())
    _explain_matching(out, "quotes", "quotes.overlap", m, preds, pspans, sents,
                      lambda g: f"{g.data.get('kind')} quote by {g.data.get('speaker')}",
                      lambda p: f"{p.get('kind')} quote by {p.get('speaker')}")
    for p in m.pairs:
        g, q, where = p.gold.data, preds[p.pred], pspans[p.pred]
        right = norm_name(g.get("speaker")) == norm_name(q.get("speaker"))
        out.add("quotes", "speaker", Ratio(int(right), 1))
        if not right:
            out.findings.append(Finding("quotes", "wrong-speaker", "quotes.speaker",
                                        q.get("text", ""), *where, sents.text_around(where),
                                        f"expected {g.get('speaker')!r}, got {q.get('speaker')!r}"))
        mentions = locate(body, g.get("speaker_mention") or "")
        if mentions:
            near = min(mentions, key=lambda m_: abs(m_[0] - p.where[0]))
            ps = _span({"start": q.get("speaker_start"), "end": q.get("speaker_end")})
            out.add("quotes", "speaker_mention", Ratio(int(ps is not None and overlap(ps, near) > 0), 1))
        right = g.get("kind") == q.get("kind")
        out.add("quotes", "kind", Ratio(int(right), 1))
        if not right:
            out.findings.append(Finding("quotes", "wrong-kind", "quotes.kind", q.get("text", ""),
                                        *where, sents.text_around(where),
                                        f"expected {g.get('kind')}, got {q.get('kind')}"))
    forbidden = gold.get("not_quotes")
    if forbidden is not None:
        spans = [s for nq in forbidden for s in locate(body, nq.get("text") or "")]
        hits = 0
        for j, ps in enumerate(pspans):
            hit = next((s for s in spans if overlap_ratio(s, ps) >= 0.5), None)
            if hit:
                hits += 1
                out.findings.append(Finding("quotes", "forbidden", "quotes.forbidden",
                                            preds[j].get("text", ""), *ps, sents.text_around(ps),
                                            "matches a not_quotes entry"))
        out.add("quotes", "forbidden", Tally(hits, len(pspans)))


# --------------------------------------------------------------------------- events


#: codes that name no actor at all: an unknown actor of unknown sector is no actor (the corpus
#: writes an unnamed perpetrator as a null source, the held-out sets as "--- UNK")
NO_ACTOR_CODES = {"--- UNK", "UNK", "---"}


def country_of(code: str | None) -> str | None:
    """The country part of an actor code: its first three letters ("CHN GOV" → "CHN",
    "IGO" → "IGO", "--- MED" → "---"); ``None`` for no actor (and for "--- UNK")."""
    if not code or " ".join(code.split()) in NO_ACTOR_CODES:
        return None
    return code.strip()[:3]


def norm_code(code: str | None) -> str | None:
    """An actor code for comparison: white space squeezed, and ``"IGO IGO"`` written as
    ``"IGO"`` (the gold guidelines use both for an international organisation)."""
    if not code or not code.split() or " ".join(code.split()) in NO_ACTOR_CODES:
        return None
    parts = code.split()
    if parts[:2] == ["IGO", "IGO"]:
        parts = parts[1:]
    return " ".join(parts)


def _code(arg: Mapping[str, Any] | None) -> str | None:
    return norm_code(arg.get("code")) if arg else None


def _event_desc(e: Mapping[str, Any]) -> str:
    return (f"{e.get('plover')} {e.get('cameo') or ''} "
            f"{_code(e.get('source')) or '—'} → {_code(e.get('target')) or '—'}").replace("  ", " ")


def score_events(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Events and their arguments.

    Match variants (all one-to-one, :func:`match`):

    * ``located`` (headline) — same PLOVER type, evidence spans overlap, and the predicted
      event's ``sentence`` holds part of the gold evidence (i.e. is one of the sentences the
      gold evidence touches); largest overlap first;
    * ``sentence`` — same type, the predicted event's sentence touches the gold evidence
      (evidence need not overlap);
    * ``dyad`` — ``located`` plus equal source and target country (:func:`country_of`; a
      missing target must be missing in both);
    * ``type_only`` — same type anywhere in the article (a multiset of types).

    On ``located`` matches: ``cameo_root`` (first two digits; pairs whose gold has no CAMEO code
    are skipped), ``mode``, ``date`` (exact strings; null = null is right), ``location`` (the
    country of the event's location; no location on both sides is right), ``location_country``
    (the same, only over events whose gold has a location), and in the
    ``actors`` layer ``source_code`` / ``target_code`` (full code after :func:`norm_code`; a null
    target is right when both are null). ``forbidden``: a :class:`Tally` of predictions whose
    evidence overlaps a ``not_events`` evidence.
    """
    if "events" not in gold:
        return
    body = record.get("body") or ""
    sents = _Sentences(record)
    preds = [p for p in record.get("events") or [] if _span(p.get("evidence"))]
    pspans = [_span(p["evidence"]) for p in preds]
    psent = [_span(p.get("sentence")) or pspans[i] for i, p in enumerate(preds)]
    golds = gold_items(body, gold["events"], "evidence")

    def same_type(g, j):
        return g.data.get("plover") == preds[j].get("plover")

    def same_sentence(w, j):
        # the predicted event's sentence holds at least part of the gold evidence; with the
        # record's own sentences this is "one of the sentences the gold evidence touches"
        return overlap(psent[j], w) > 0

    def located(g, j, w):
        if not same_type(g, j) or not same_sentence(w, j):
            return 0.0
        ov = overlap(w, pspans[j])
        if not ov:
            return 0.0
        src = _code(g.data.get("source")) == _code(preds[j].get("source"))
        tgt = _code(g.data.get("target")) == _code(preds[j].get("target"))
        return ov + 0.5 * jaccard(w, pspans[j]) + 0.3 * src + 0.15 * tgt

    def in_sentence(g, j, w):
        return 1.0 if same_type(g, j) and same_sentence(w, j) else 0.0

    def dyad(g, j, w):
        for side in ("source", "target"):
            if country_of(_code(g.data.get(side))) != country_of(_code(preds[j].get(side))):
                return 0.0
        return located(g, j, w)

    def type_only(g, j, w):
        return 1.0 if same_type(g, j) else 0.0

    m = match(golds, len(preds), located)
    out.add("events", "located", m.counts())
    out.add("events", "sentence", match(golds, len(preds), in_sentence).counts())
    out.add("events", "dyad", match(golds, len(preds), dyad).counts())
    out.add("events", "type_only", match(golds, len(preds), type_only, spanless=True).counts())
    _explain_matching(out, "events", "events.located", m, preds, pspans, sents,
                      lambda g: _event_desc(g.data), _event_desc)

    for p in m.pairs:
        g, e, where = p.gold.data, preds[p.pred], pspans[p.pred]

        def check(layer: str, name: str, want: Any, got: Any) -> None:
            out.add(layer, name, Ratio(int(want == got), 1))
            if want != got:
                out.findings.append(Finding(layer, f"wrong-{name}", f"{layer}.{name}",
                                            e["evidence"].get("text", ""), *where,
                                            sents.text_around(where),
                                            f"{g.get('plover')}: expected {want!r}, got {got!r}"))

        if g.get("cameo"):
            check("events", "cameo_root", str(g["cameo"])[:2], (e.get("cameo") or "")[:2] or None)
        check("events", "mode", g.get("mode"), e.get("mode"))
        check("events", "date", g.get("date"), e.get("date"))
        check("actors", "source_code", _code(g.get("source")), _code(e.get("source")))
        check("actors", "target_code", _code(g.get("target")), _code(e.get("target")))
        if "location" in g:
            check("events", "location", (g.get("location") or {}).get("country"),
                  (e.get("location") or {}).get("country"))
        if g.get("location"):
            check("events", "location_country", g["location"].get("country"),
                  (e.get("location") or {}).get("country"))

    forbidden = gold.get("not_events")
    if forbidden is not None:
        spans = [s for ne in forbidden for s in locate(body, ne.get("evidence") or "")]
        hits = 0
        for j, ps in enumerate(pspans):
            if any(overlap(s, ps) > 0 for s in spans):
                hits += 1
                out.findings.append(Finding("events", "forbidden", "events.forbidden",
                                            preds[j]["evidence"].get("text", ""), *ps,
                                            sents.text_around(ps),
                                            f"{_event_desc(preds[j])} on a not_events evidence"))
        out.add("events", "forbidden", Tally(hits, len(pspans)))


def _explain_matching(out: ArticleScore, layer: str, measure: str, m: Matching,
                      preds: Sequence[Mapping[str, Any]], pspans: Sequence[Interval],
                      sents: _Sentences, gdesc: Callable[[GoldItem], str],
                      pdesc: Callable[[Mapping[str, Any]], str]) -> None:
    for g in m.missed:
        key = "evidence" if layer == "events" else "text"
        where = g.first
        out.findings.append(Finding(layer, "miss", measure, str(g.data.get(key, "")),
                                    *(where or (None, None)), sents.text_around(where),
                                    gdesc(g) + ("" if where else " (gold string not in the predicted body)")))
    for j in m.unmatched_preds:
        text = preds[j]["evidence"].get("text", "") if layer == "events" else preds[j].get("text", "")
        out.findings.append(Finding(layer, "false-positive", measure, text, *pspans[j],
                                    sents.text_around(pspans[j]), pdesc(preds[j])))


# --------------------------------------------------------------------------- actor mentions

_WORD = re.compile(r"\w")


def _word_bounded(body: str, span: Interval) -> bool:
    a, b = span
    return not (a > 0 and _WORD.match(body[a - 1])) and not (b < len(body) and _WORD.match(body[b]))


def score_actor_mentions(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Actor mentions (golds with an ``actors`` list: ``{"name", "mentions": [...], "code"}``).

    Every word-bounded occurrence of a listed mention is a gold mention, except one that lies
    inside a longer listed mention's occurrence ("Qin" in "Chinese Foreign Minister Qin Gang").
    ``mention_recall``: the share of gold mentions overlapped by a predicted actor;
    ``mention_code``: on those, the predicted actor's code equals the gold code (the predicted
    actor overlapping most is taken). The gold list is not exhaustive (it names the actors of
    the article's events and quotes), so predicted actors outside it are not counted as false
    positives.
    """
    actors = gold.get("actors")
    if not actors:
        return
    body = record.get("body") or ""
    sents = _Sentences(record)
    occ: list[tuple[Interval, Mapping[str, Any]]] = []
    for a in actors:
        for m in a.get("mentions") or []:
            occ += [(sp, a) for sp in locate(body, m) if _word_bounded(body, sp)]
    occ = [(sp, a) for sp, a in occ
           if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o, _ in occ)]
    preds = [(sp, p) for p in record.get("actors") or [] if (sp := _span(p))]
    for sp, a in sorted(occ, key=lambda x: x[0]):
        hits = [(overlap(sp, ps), p) for ps, p in preds if overlap(sp, ps) > 0]
        out.add("actors", "mention_recall", Ratio(int(bool(hits)), 1))
        if not hits:
            out.findings.append(Finding("actors", "miss", "actors.mention_recall", body[sp[0]:sp[1]],
                                        *sp, sents.text_around(sp), f"{a.get('name')} ({a.get('code')})"))
            continue
        best = max(hits, key=lambda h: h[0])[1]
        want, got = _code(a), _code(best)
        out.add("actors", "mention_code", Ratio(int(want == got), 1))
        if want != got:
            out.findings.append(Finding("actors", "wrong-code", "actors.mention_code",
                                        body[sp[0]:sp[1]], *sp, sents.text_around(sp),
                                        f"{a.get('name')}: expected {want!r}, got {got!r}"))


# --------------------------------------------------------------------------- places

def score_places(record: Mapping[str, Any], gold: Mapping[str, Any], out: ArticleScore) -> None:
    """Toponyms and event coordinates.

    ``places.toponym_country``: each distinct gold event location mention with a country
    (per article) is looked up at its occurrence nearest the gold event's evidence; right
    when a predicted place overlaps it and has the gold country (a mention no place covers
    is wrong). ``events.coordinates``: over predicted events whose sentence holds a
    predicted toponym (not the dateline), the share whose place (``action_geo``) has
    coordinates. Only for records that have a place layer.
    """
    if "places" not in record or "events" not in gold:
        return
    body = record.get("body") or ""
    sents = _Sentences(record)
    places = [(sp, p) for p in record.get("places") or [] if (sp := _span(p)) and p.get("kind") == "mention"]
    seen = set()
    for g in gold["events"]:
        loc = g.get("location") or {}
        if not loc.get("mention") or not loc.get("country") or (loc["mention"], loc["country"]) in seen:
            continue
        seen.add((loc["mention"], loc["country"]))
        occ = [sp for sp in locate(body, loc["mention"]) if _word_bounded(body, sp)]
        if not occ:
            continue
        ev = locate(body, g.get("evidence") or "")
        anchor = ev[0][0] if ev else 0
        sp = min(occ, key=lambda o: abs(o[0] - anchor))
        hits = [p for ps, p in places if overlap(sp, ps) > 0]
        got = hits[0].get("country") if hits else None
        out.add("places", "toponym_country", Ratio(int(got == loc["country"]), 1))
        if got != loc["country"]:
            out.findings.append(Finding("places", "wrong-country", "places.toponym_country", loc["mention"], *sp,
                                        sents.text_around(sp),
                                        f"expected {loc['country']!r}, got {got!r}" if hits else
                                        f"expected {loc['country']!r}: no place found"))
    for e in record.get("events") or []:
        sent = _span(e.get("sentence"))
        if sent is None or not any(overlap(sent, ps) > 0 for ps, _ in places):
            continue
        geo = e.get("action_geo") or {}
        ok = geo.get("lat") is not None and geo.get("lon") is not None
        out.add("events", "coordinates", Ratio(int(ok), 1))


# --------------------------------------------------------------------------- whole article

#: the layer scorers in report order
SCORERS = (score_article_layer, score_timexes, score_quotes, score_events, score_actor_mentions, score_places)


def score_article(record: Mapping[str, Any], gold: Mapping[str, Any]) -> ArticleScore:
    """Score one predicted article record against one gold dict (both plain dicts; see the
    module docstring). Layers the gold file does not annotate are left out, not scored 0."""
    out = ArticleScore(str(gold.get("id", "")))
    for scorer in SCORERS:
        scorer(record, gold, out)
    out.findings = [replace(f, article=out.gold_id) for f in out.findings]
    return out


def aggregate(scores: Iterable[ArticleScore] | Iterable[LayerScores]) -> LayerScores:
    """Sum per-article counts layer by layer (micro-averaging over articles)."""
    total: LayerScores = {}
    for s in scores:
        layers = s.layers if isinstance(s, ArticleScore) else s
        for layer, measures in layers.items():
            slot = total.setdefault(layer, {})
            for name, meas in measures.items():
                slot[name] = slot[name] + meas if name in slot else meas
    return total


def figures(layers: LayerScores) -> dict[str, float]:
    """Flat figures: ``layer.measure.p|r|f1`` for :class:`Counts`, ``layer.measure.accuracy``
    for :class:`Ratio` (only when there was at least one case), ``layer.measure.count`` for
    :class:`Tally`; plus the derived ``timexes.value.f1`` (TempEval-3 value F1 = relaxed-match
    F1 × value accuracy)."""
    out: dict[str, float] = {}
    for layer, measures in layers.items():
        for name, m in measures.items():
            key = f"{layer}.{name}"
            if isinstance(m, Counts):
                out[f"{key}.p"], out[f"{key}.r"], out[f"{key}.f1"] = m.precision, m.recall, m.f1
            elif isinstance(m, Ratio):
                if m.total:
                    out[f"{key}.accuracy"] = m.accuracy
            else:
                out[f"{key}.count"] = float(m.count)
    t = layers.get("timexes", {})
    if isinstance(t.get("overlap"), Counts) and isinstance(t.get("value"), Ratio):
        out["timexes.value.f1"] = t["overlap"].f1 * t["value"].accuracy
    elif isinstance(t.get("overlap"), Counts):
        out["timexes.value.f1"] = 0.0
    return out
