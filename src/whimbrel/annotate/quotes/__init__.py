"""The quote layer: reported speech with its cue and speaker (rules ``quotes.rules/1``).

:func:`find_quotes` finds

* **direct** quotes — text between quotation marks (straight or curly, also quotations that
  run over paragraphs, continue after ``"…," he said, "…"``, or stand alone in a paragraph
  after the one naming their speaker);
* **indirect** quotes — the reported clause of a reporting cue ("X said that …", "…, X told
  the meeting", "according to X, …", "X cited Y as saying that …");
* **mixed** quotes — a quoted fragment inside reported speech (``X said the plan could work
  "if the West is ready"``), and the reported clause around it;

and ties each to its cue (``annotate/data/quote_cues.tsv``) and speaker mention, then resolves
the speaker through the actor layer. Not quotes: titles and names in quotation marks ("a
document entitled “…”", Title-Case names), scare quotes of one or two words, quoted words in
headline-like paragraphs, and quoted fragments that no reporting cue governs ('resist "the
new cold war"').

The rules follow the attribution-relation model of PARC 3.0 (Pareti 2016) and PolNeAR
(Newell et al., LREC 2018): source, cue, content.
"""

from __future__ import annotations

from typing import Any, Sequence

from whimbrel.annotate.nlp import doc_text
from whimbrel.annotate.quotes.context import PRODUCER, Context, Found
from whimbrel.annotate.quotes.direct import _direct_and_mixed
from whimbrel.annotate.quotes.indirect import _indirect
from whimbrel.annotate.quotes.speakers import SpeakerResolver
from whimbrel.model import Article, Quote

__all__ = ["find_quotes", "PRODUCER"]

# -- assembly -------------------------------------------------------------------------------

def _dedupe(found: list[Found]) -> list[Found]:
    """Drop a clause quote that repeats a quotation span, keep one quote per content span."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start), f.origin != "marks"))
    out: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for f in found:
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        out.append(f)
    return out


def find_quotes(article: Article, doc, actors: Sequence[Any] = ()) -> list[Quote]:
    """Find the quotes of ``article``.

    ``doc`` is the spaCy ``Doc`` parsed over ``article.body`` (dateline prefix blanked, so
    Doc character offsets equal body offsets); ``actors`` the article's actor mentions
    (:class:`whimbrel.model.Actor`; defaults to ``article.actors``) used to resolve speakers
    through :func:`whimbrel.annotate.actors.resolve_mention`. Without actors, speakers are
    resolved from the Doc's PERSON/ORG/GPE entities.

    Returns :class:`whimbrel.model.Quote` records sorted by ``start``: ``[start, end)`` is the
    content (between the marks for a direct quote, the reported clause without "that" for an
    indirect one, the quoted fragment or the reported clause holding it for a mixed one);
    ``cue``/``cue_start``/``cue_end`` the reporting expression; ``speaker_start``/``speaker_end``
    the speaker mention tied to the cue (for a quotation continuing an earlier one, that
    earlier mention); ``speaker``/``speaker_code`` the resolved actor. Character offsets are
    ``[start, end)`` Python ``str`` indices into ``article.body``.

    Raises ``ValueError`` when the Doc's text is not as long as the body (it was not parsed
    over this body).
    """
    text = doc_text(doc)  # == doc.text, built once and without a Token per token
    n_doc = len(text)
    if n_doc != len(article.body):
        raise ValueError("quotes: the Doc text must have the length of article.body "
                         f"({n_doc} != {len(article.body)}); parse the body with the "
                         "dateline prefix replaced by spaces")
    ctx = Context(article, doc)
    direct = _direct_and_mixed(ctx)
    found = _dedupe(direct + _indirect(ctx))
    resolver = SpeakerResolver(article, doc, actors or article.actors, text=text)
    quotes: list[Quote] = []
    for f in found:
        src = f
        hops = 0
        while src.inherit_from is not None and hops < 20:
            src = src.inherit_from
            hops += 1
        if src is f:
            if f.speaker_start is not None:
                f.speaker, f.speaker_code = resolver.resolve(f.speaker_start, f.speaker_end, f.speaker_head)
        else:
            f.cue_start, f.cue_end = src.cue_start, src.cue_end
            f.speaker_start, f.speaker_end = src.speaker_start, src.speaker_end
            f.speaker, f.speaker_code = src.speaker, src.speaker_code
        if f.speaker_start is None and f.speaker is None:
            continue
        body = article.body
        quotes.append(Quote(
            start=f.start, end=f.end, text=body[f.start:f.end], kind=f.kind,
            cue=body[f.cue_start:f.cue_end] if f.cue_start is not None else None,
            cue_start=f.cue_start, cue_end=f.cue_end,
            speaker=f.speaker, speaker_code=f.speaker_code,
            speaker_start=f.speaker_start, speaker_end=f.speaker_end,
            producer=PRODUCER,
        ))
    return quotes
