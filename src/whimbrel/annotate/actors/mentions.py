"""Resolve a span of the body to the actor(s) it refers to (for the quote and event layers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from whimbrel.annotate.actors.resolver import PRODUCER
from whimbrel.model import Actor, Article
from whimbrel.ontology.actor_dictionary import ActorDictionary, format_code


def resolve_mentions(article: Article, actors: Sequence[Actor], start: int, end: int,
                     dictionary: ActorDictionary | None = None) -> list[Actor]:
    """Every actor a span ``[start, end)`` of the body refers to, best first.

    An actor with exactly this span comes first, then actors inside the span (the
    conjuncts of "Moscow and Beijing" in text order; the second party of "the sides"), then the
    smallest actor covering the span. When no actor is found the span text is looked up
    in the dictionary (a place or adjective the event layer has put in an argument slot,
    "a UN report"), with the article date for dated roles; ``dictionary`` defaults to
    :meth:`ActorDictionary.default`.
    """
    exact = [a for a in actors if a.start == start and a.end == end]
    inside = sorted((a for a in actors if start <= a.start and a.end <= end and a not in exact),
                    key=lambda a: (a.start, -(a.end - a.start)))
    # keep the outermost of nested actors inside the span
    outer = [a for a in inside if not any(b is not a and b.start <= a.start and a.end <= b.end
                                          and (b.end - b.start) > (a.end - a.start)
                                          for b in inside)]
    covering = sorted((a for a in actors if a.start <= start and end <= a.end
                       and a not in exact), key=lambda a: a.end - a.start)
    found = exact + outer + covering[:1]
    if found:
        return found
    text = article.body[start:end]
    hit = (dictionary or ActorDictionary.default()).lookup(text, on=article.dct)
    if hit is None or hit.code is None and hit.country is None:
        return []
    country = None if hit.country == "---" else hit.country
    if hit.country is None:
        counts = Counter(a.country for a in actors if a.country not in (None, "IGO", "---"))
        country = counts.most_common(1)[0][0] if counts else None
    return [Actor(start, end, text, name=hit.name, code=format_code(country, hit.role),
                  country=country, role=hit.role, title=hit.title, kind=hit.kind,
                  producer=PRODUCER)]


def resolve_mention(article: Article, actors: Sequence[Actor], start: int, end: int,
                    dictionary: ActorDictionary | None = None) -> Actor | None:
    """The actor covering or heading the span ``[start, end)`` of the body, following
    coreference (a pronoun or short name gives the antecedent's name and code), or ``None``.
    See :func:`resolve_mentions` for the order of preference."""
    found = resolve_mentions(article, actors, start, end, dictionary)
    return found[0] if found else None
