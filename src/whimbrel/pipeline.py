"""The pipeline: RawDocument → Article with every annotation layer.

Stages are plain functions; this module wires them. Each :class:`Layer` names the layers it
``requires`` and the field of :class:`~whimbrel.model.Article` it ``assigns``; the
:class:`Pipeline` checks the order before any data flows (ConfigError E202 otherwise).
A layer that fails on one article leaves that article's other layers intact and yields a
:class:`~whimbrel.model.Rejection` (W110, stage ``annotate:<layer>``) beside it; a layer
that fails on most of the first articles of a stream is a configuration fault and stops
it (ConfigError E204).

Before any NLP, every extracted article passes two checks: a minimum content (W122
no-sentence: the body needs at least :data:`MIN_WORDS` words of letters) and its
language (:mod:`whimbrel.language`; ``Article.language`` is stored): a body that is not
English is rejected (W121 not-english, with the language code) or, with
``other_languages="keep"``, stored with its metadata and body but no NLP layer, never
coded as English. An exception in one document's extraction is that document's W119
rejection. A container value that could not be read (a date) is a W124 warning row,
stage ``warning:<what>``, beside the stored article.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from whimbrel import errors
from whimbrel.annotate.nlp import entities_of, load_nlp, parse_text, sentences_of, PRODUCER as NLP_PRODUCER
from whimbrel.extract import extract_article
from whimbrel.model import Article, RawDocument, Rejection

log = logging.getLogger(__name__)

#: Longest body the NLP layers take, in characters. spaCy's own default ``nlp.max_length``
#: is 1,000,000, but a 950,000-character body took 568 s and 3.9 GB (the quote layer grows
#: faster than quadratically); news articles are under 50,000 characters. A longer body is
#: rejected (W117) before parsing; it is rarely a single news article.
MAX_CHARS = 200_000
#: Seconds the layers of one article may take together; the layers after the budget ran
#: out are skipped and the article is stored with a W125 too-slow row.
LAYER_BUDGET_S = 120.0

#: Fewest words of letters (two or more letters, nothing else but closing punctuation)
#: a body needs: ``x``, ``4653``, a base64 blob or zero-width spaces hold none.
MIN_WORDS = 3
_WORD = re.compile(r"^[\"'“‘(\[]*[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*[\"'”’)\].,;:!?]*$")

#: A layer failing on more than this share of at least :data:`FAILING_AFTER` articles
#: stops the stream (E204): that is a configuration fault, not bad input.
FAILING_SHARE = 0.5
FAILING_AFTER = 20


def has_sentence(body: str) -> bool:
    """True when ``body`` holds at least :data:`MIN_WORDS` words of letters."""
    n = 0
    for token in body.split():
        if len(token) < 80 and _WORD.match(token):
            n += 1
            if n >= MIN_WORDS:
                return True
    return False


def _timexes(article: Article, doc: Doc):
    from whimbrel.annotate.timex import find_timexes

    return find_timexes(article.body, article.dct, doc=doc)


def _actors(article: Article, doc: Doc):
    from whimbrel.annotate.actors import find_actors

    return find_actors(article, doc)


def _quotes(article: Article, doc: Doc):
    from whimbrel.annotate.quotes import find_quotes

    return find_quotes(article, doc, article.actors)


def _places(article: Article, doc: Doc):
    from whimbrel.annotate.places import find_places

    return find_places(article, doc, article.actors)


def _events(article: Article, doc: Doc, mode: str = "rules", model_name: str | None = None):
    from whimbrel.annotate.events import find_events

    events = find_events(article, doc, actors=article.actors, timexes=article.timexes, quotes=article.quotes)
    if mode == "rules":
        return events
    from whimbrel.annotate.events.model import load_model, refine

    if mode == "model":  # the trained model alone, with no rule candidates or rule features
        model = load_model(model_name or "event_types_norules")
        return refine(article, doc, (), model, keep=1.01)[0] if model is not None else events
    model = load_model(model_name)
    if model is None:  # checked in Pipeline.__init__; a model removed since falls back to rules
        return events
    events = refine(article, doc, events, model)[0]
    from whimbrel.annotate.events.arguments import assign, load_arguments

    args = load_arguments()
    if args is not None and args.meta.get("arguments_used", True):
        events = assign(article, doc, events, args)
    from whimbrel.annotate.events.dating import load_dates, undate_background

    dates = load_dates()
    if dates is not None and dates.threshold <= 1.0:
        events = undate_background(article, doc, events, dates)
    return events


@dataclass(frozen=True)
class Layer:
    """One annotation layer: ``run(article, doc)`` returns the spans for ``assigns``.
    ``module`` is imported to check the layer is installed."""

    name: str
    module: str
    requires: tuple[str, ...]
    run: Callable[[Article, Doc], Sequence]

    @property
    def assigns(self) -> str:
        return self.name

    @property
    def producer(self) -> str:
        """The layer's component and version (its module's ``PRODUCER``, "events.rules/1")."""
        return getattr(importlib.import_module(self.module), "PRODUCER", self.name)

    def available(self) -> bool:
        try:
            importlib.import_module(self.module)
        except ImportError:
            return False
        return True


#: Every layer whimbrel knows, in dependency order.
LAYERS: tuple[Layer, ...] = (
    Layer("timexes", "whimbrel.annotate.timex", ("entities",), _timexes),
    Layer("actors", "whimbrel.annotate.actors", ("entities",), _actors),
    Layer("quotes", "whimbrel.annotate.quotes", ("actors",), _quotes),
    Layer("places", "whimbrel.annotate.places", ("actors",), _places),
    Layer("events", "whimbrel.annotate.events", ("actors", "timexes", "quotes", "places"), _events),
)


def available_layers() -> tuple[str, ...]:
    """Names of the layers installed in this copy of whimbrel."""
    return tuple(layer.name for layer in LAYERS if layer.available())


def _check_order(layers: Sequence[Layer]) -> None:
    have = {"sentences", "entities"}
    for layer in layers:
        missing = [r for r in layer.requires if r not in have]
        if missing:
            raise errors.ConfigError(errors.E202, f"layer {layer.name!r} needs {missing} before it")
        have.add(layer.assigns)


class Pipeline:
    """Extraction, the spaCy base layer and the annotation layers, for one model.

    ``layers`` names the layers to run (default: all installed); ``nlp=False`` skips
    spaCy and every layer (metadata and body only). ``batch_size`` is the number of
    articles per ``nlp.pipe`` batch. Raises ConfigError (E201/E202) on a bad model or
    layer list.
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        layers: Iterable[str] | None = None,
        nlp: bool = True,
        batch_size: int = 16,
        html_timeout_s: float = 20.0,
        html_memory_bytes: int | None = 1_500_000_000,
        max_chars: int = MAX_CHARS,
        events: str | None = None,
        event_model: str | None = None,
        other_languages: str = "reject",
        layer_budget_s: float = LAYER_BUDGET_S,
    ) -> None:
        if other_languages not in ("reject", "keep"):
            raise errors.ConfigError(errors.E202, f"other_languages must be 'reject' or 'keep', not {other_languages!r}")
        self.other_languages = other_languages
        self.layer_budget_s = layer_budget_s
        self._layer_runs: Counter = Counter()
        self._layer_fails: Counter = Counter()
        self.max_chars = max_chars
        self.use_nlp = nlp
        self.html_timeout_s = html_timeout_s
        self.html_memory_bytes = html_memory_bytes
        self._sandbox = None
        self.batch_size = batch_size
        self._model_name = model
        wanted = tuple(layers) if layers is not None else available_layers()
        by_name = {layer.name: layer for layer in LAYERS}
        unknown = [w for w in wanted if w not in by_name]
        if unknown:
            raise errors.ConfigError(errors.E202, f"unknown layer(s) {unknown}; known: {list(by_name)}")
        self.layers = tuple(layer for layer in LAYERS if layer.name in wanted) if nlp else ()
        self.events_mode = self._events_mode(events, event_model)
        if self.events_mode != "rules":
            self.layers = tuple(
                dataclasses.replace(layer, run=functools.partial(_events, mode=self.events_mode,
                                                                 model_name=event_model),
                                    module="whimbrel.annotate.events.model")
                if layer.name == "events" else layer for layer in self.layers)
        _check_order(self.layers)
        if any(layer.name == "actors" for layer in self.layers):
            from whimbrel.ontology.actor_dictionary import validate_user_dictionaries

            validate_user_dictionaries()  # a bad dictionary stops here, before any document
        self._nlp = None

    @staticmethod
    def _events_mode(events: str | None, event_model: str | None) -> str:
        """The event layer's mode: ``rules`` (the rule coder alone), ``model`` (the trained
        model alone) or ``hybrid`` (rules refined by the trained model); default
        ``WHIMBREL_EVENTS``, else hybrid when weights are installed. Raises ConfigError (E202) for an unknown mode or missing weights."""
        import os

        from whimbrel.annotate.events.model import MODES, load_model

        mode = events or os.environ.get("WHIMBREL_EVENTS") or None
        if mode is None:
            return "hybrid" if load_model(event_model) is not None else "rules"
        if mode not in MODES:
            raise errors.ConfigError(errors.E202, f"unknown event mode {mode!r}; known: {', '.join(MODES)}")
        if mode != "rules" and load_model(event_model or ("event_types_norules" if mode == "model"
                                                          else None)) is None:
            raise errors.ConfigError(errors.E202, f"event mode {mode!r} needs trained weights "
                                                  f"({event_model or 'event_types'}); run whimbrel train")
        return mode

    @property
    def nlp(self):
        """The loaded spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            self._nlp = load_nlp(self._model_name)
        return self._nlp

    @property
    def model_name(self) -> str | None:
        return self.nlp.meta.get("whimbrel_model") if self.use_nlp else None

    def extract(self, raw: RawDocument) -> Article | Rejection:
        """Article extraction; HTML pages are parsed in a sandboxed worker process with a
        time limit (``html_timeout_s`` seconds) and memory limit (``html_memory_bytes``),
        so that a page that hangs or crashes the parser becomes a rejection (W111–W113)."""
        if raw.format != "html":
            return extract_article(raw)
        if self._sandbox is None:
            from whimbrel.extract.html import extract_html
            from whimbrel.extract.sandbox import Sandbox

            self._sandbox = Sandbox(extract_html, timeout_s=self.html_timeout_s,
                                    memory_bytes=self.html_memory_bytes)
        return self._sandbox.run(raw)

    def close(self) -> None:
        """Stop the HTML parser's worker process, if one was started."""
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    def process(self, raw: RawDocument) -> Article | Rejection:
        """Extract and annotate one document. Layer failures are logged and the article
        is returned with the layers that worked; use :meth:`process_many` to get the
        failures as rejections."""
        for item in self._process_many([raw]):  # keeps the HTML worker for the next call
            if isinstance(item, Article) or not item.stage.startswith("annotate:"):
                return item
            log.warning("%s", item.detail)
        raise AssertionError("process_many yielded no article")  # pragma: no cover

    def process_many(
        self,
        items: Iterable[RawDocument | Rejection],
        *,
        skip: Callable[[Article], bool] | None = None,
    ) -> Iterator[Article | Rejection]:
        """Extract and annotate a stream; rejections pass through in order.

        ``skip(article)`` is asked after extraction, when the content-hash id is known;
        an article it accepts is dropped here (the caller counts it): a store already
        holding its id needs no NLP for it, so a rerun costs extraction only.
        """
        try:
            yield from self._process_many(items, skip)
        finally:
            self.close()

    def _process_many(self, items, skip=None) -> Iterator[Article | Rejection]:
        # pending keeps input order: rejections wait for the articles before them
        pending: list[Article | Rejection] = []
        n_articles = 0
        for item in items:
            warnings: list[Rejection] = []
            if isinstance(item, RawDocument):
                raw = item
                try:
                    item = self.extract(raw)
                    if isinstance(item, Article):
                        item = self.check(item)
                except errors.WhimbrelError:
                    raise
                except Exception as exc:  # one bad document never stops a run
                    log.debug("extraction failed on %s", raw.origin, exc_info=True)
                    item = Rejection(origin=raw.origin, code=errors.W119.code, reason=errors.W119.reason,
                                     detail=f"extraction failed: {type(exc).__name__}: {exc}", stage="extract")
                if isinstance(item, Article):
                    if skip is not None and skip(item):
                        continue
                    warnings = [Rejection(origin=raw.origin, code=errors.W124.code, reason=errors.W124.reason,
                                          detail=w, stage=f"warning:{w.split(':', 1)[0]}") for w in raw.warnings]
            pending.append(item)
            pending.extend(warnings)
            if isinstance(item, Article):
                n_articles += 1
                if n_articles >= self.batch_size:
                    yield from self._flush(pending)
                    pending, n_articles = [], 0
        yield from self._flush(pending)

    def check(self, article: Article) -> Article | Rejection:
        """The checks between extraction and NLP: length (W117), minimum content (W122),
        language (W121, or the article marked with its language and kept unannotated)."""
        if self.use_nlp and len(article.body) > self.max_chars:
            return Rejection(origin=article.origin, code=errors.W117.code, reason=errors.W117.reason,
                             detail=f"the body has {len(article.body):,} characters, over {self.max_chars:,}",
                             stage="nlp")
        if not has_sentence(article.body):
            return Rejection(origin=article.origin, code=errors.W122.code, reason=errors.W122.reason,
                             detail=f"the body ({len(article.body):,} characters) holds fewer than {MIN_WORDS} "
                                    f"words: {article.body[:40]!r}", stage="extract")
        from whimbrel.language import is_english

        english, lang, prob = is_english(article.body)
        if english:
            return dataclasses.replace(article, language="en")
        if self.other_languages == "keep":
            return dataclasses.replace(article, language=lang)
        return Rejection(origin=article.origin, code=errors.W121.code, reason=errors.W121.reason,
                         detail=f"the article is in {lang!r} (p={prob:.2f}), not English", stage="language")

    def _flush(self, pending: list[Article | Rejection]) -> Iterator[Article | Rejection]:
        """Annotate the articles of ``pending`` in one batch; yield everything in order."""
        articles = [x for x in pending if isinstance(x, Article)]
        results = iter(self.annotate_batch(articles))
        for item in pending:
            if isinstance(item, Article):
                yield from next(results)
            else:
                yield item

    def _parse(self, articles: Sequence[Article]):
        """``(article, Doc)`` pairs from one ``nlp.pipe`` call; if spaCy fails on the batch,
        the articles are parsed one by one and a failing one pairs with its exception."""
        try:
            docs = list(self.nlp.pipe((parse_text(a) for a in articles), batch_size=self.batch_size))
        except Exception:  # one bad article must not take its batch down
            log.debug("nlp.pipe failed on a batch; parsing one by one", exc_info=True)
        else:
            yield from zip(articles, docs)
            return
        for article in articles:
            try:
                doc = self.nlp(parse_text(article))
            except Exception as exc:
                yield article, exc
            else:
                yield article, doc

    def annotated_doc(self, raw: RawDocument) -> tuple[Article, Doc] | None:
        """Extract and annotate one document and return the article with its spaCy Doc (for
        training, which reads features off the parse), or None when it was rejected or spaCy
        failed on it."""
        art = self.extract(raw)
        if not isinstance(art, Article):
            return None
        for a, doc in self._parse([art]):
            if isinstance(doc, Exception):
                return None
            return self._layers(a, doc)[0], doc
        return None

    def annotate(self, articles: Sequence[Article]) -> Iterator[Article | Rejection]:
        """Run spaCy and the layers over ``articles`` (one ``nlp.pipe`` call); yields each
        annotated article followed by its layer failures, or a rejection (W118) in its place."""
        for results in self.annotate_batch(articles):
            yield from results

    def annotate_batch(self, articles: Sequence[Article]) -> list[list[Article | Rejection]]:
        """One list per input article, in order: the annotated article and its layer
        failures (W110), or a W118 rejection when spaCy failed on it."""
        if not articles:
            return []
        if not self.use_nlp:
            return [[a] for a in articles]
        out: list[list[Article | Rejection] | None] = [None] * len(articles)
        english = [i for i, a in enumerate(articles) if a.language in ("en", None)]
        for i, a in enumerate(articles):
            if a.language not in ("en", None):
                out[i] = [a]  # another language, kept unannotated
        for i, (article, doc) in zip(english, self._parse([articles[i] for i in english])):
            if isinstance(doc, Exception):
                out[i] = [Rejection(origin=article.origin, code=errors.W118.code, reason=errors.W118.reason,
                                    detail=f"spaCy failed on article {article.id[:12]}: "
                                           f"{type(doc).__name__}: {doc}", stage="nlp")]
            else:
                try:
                    out[i] = self._layers(article, doc)
                except errors.WhimbrelError:
                    raise
                except Exception as exc:  # sentences or entities of a strange Doc
                    out[i] = [Rejection(origin=article.origin, code=errors.W118.code, reason=errors.W118.reason,
                                        detail=f"reading spaCy's analysis failed on article {article.id[:12]}: "
                                               f"{type(exc).__name__}: {exc}", stage="nlp")]
        return out  # type: ignore[return-value]

    def _layers(self, article: Article, doc: Doc) -> list[Article | Rejection]:
        article = dataclasses.replace(
            article,
            sentences=sentences_of(doc, article.text_start),
            entities=entities_of(doc, article.text_start),
            producers=(NLP_PRODUCER,),
        )
        failures: list[Article | Rejection] = []
        started = time.perf_counter()
        for i, layer in enumerate(self.layers):
            spent = time.perf_counter() - started
            if spent > self.layer_budget_s:
                skipped = [x.name for x in self.layers[i:]]
                failures.append(Rejection(
                    origin=article.origin, code=errors.W125.code, reason=errors.W125.reason,
                    detail=f"the layers took {spent:.0f} s on article {article.id[:12]} "
                           f"({len(article.body):,} characters), over {self.layer_budget_s:.0f} s; "
                           f"skipped {', '.join(skipped)}", stage=f"annotate:{layer.name}"))
                break
            self._layer_runs[layer.name] += 1
            try:
                spans = tuple(layer.run(article, doc))
            except Exception as exc:  # one bad article never stops a run
                log.debug("layer %s failed", layer.name, exc_info=True)
                self._layer_fails[layer.name] += 1
                self._check_failing(layer.name, exc)
                failures.append(Rejection(
                    origin=article.origin, code=errors.W110.code, reason=errors.W110.reason,
                    detail=f"layer {layer.name} failed on article {article.id[:12]}: {type(exc).__name__}: {exc}",
                    stage=f"annotate:{layer.name}"))
                continue
            article = dataclasses.replace(article, **{layer.assigns: spans},
                                          producers=(*article.producers, layer.producer))
        return [article, *failures]

    def _check_failing(self, name: str, exc: Exception) -> None:
        runs, fails = self._layer_runs[name], self._layer_fails[name]
        if runs >= FAILING_AFTER and fails > FAILING_SHARE * runs:
            raise errors.ConfigError(errors.E204, f"layer {name!r} failed on {fails} of the {runs} articles so far "
                                                  f"({type(exc).__name__}: {exc}); stopping the run")
