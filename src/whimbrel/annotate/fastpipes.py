"""Faster stand-ins for two of spaCy's rule components, with identical output, and a
switch of the models' matrix products to NumPy's BLAS (:func:`use_numpy_blas`).

In the en_core_web pipelines the rule-based ``attribute_ruler`` and ``lemmatizer`` cost
about a quarter of the CPU time of parsing news text (measured on the Wikinews sample with
en_core_web_md 3.8: 0.59 s and 0.65 s of 5.5 s for 60 articles), because they look at
every token from Python. Their output depends on little: the attribute ruler's
single-token patterns on the token's tag, dependency label, whether it is whitespace and,
for a small set of listed words, its lower-case form; the rule lemmatizer on the token's
form, part of speech and morphology. So both are memoised on those keys, computed by the
original component on a miss, and written back in one ``Doc.from_array`` call.

The wrappers fall back to the original component for a whole Doc whenever the shortcut
would not be exact: a multi-token attribute-ruler pattern matches in it ("there is",
"let's"; tested on the token arrays, exactly, for the literal TAG/DEP/LOWER/IS_SPACE
conditions the en_core_web rulers use — any other condition makes every Doc holding a
starter word go to the original), or a pattern uses a condition the key does not capture
(then caching is off altogether).
``tests/annotate/test_fastpipes.py`` checks token-for-token equality on real articles.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_RULER_OUT = [TAG, DEP, POS, MORPH, LEMMA]

#: Regular expressions of the en_core_web attribute rulers, spelled out as the forms they match.
_REGEX_FORMS = {
    "^n[ou]thin'$": ("nothin'", "nuthin'"),
    "^y'?$": ("y", "y'"),
    "^n'?t$": ("nt", "n't"),
}


def _literal_values(value) -> tuple[str, ...] | None:
    """The lower-case forms a LOWER condition accepts, or ``None`` if they are open-ended."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict) and set(value) == {"IN"}:
        return tuple(value["IN"])
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        return _REGEX_FORMS.get(value["REGEX"])
    return None


class CachedAttributeRuler:
    """Wraps a spaCy ``AttributeRuler``; same output, memoised per token key."""

    def __init__(self, ruler, vocab) -> None:
        self.ruler = ruler
        self.vocab = vocab
        self.cache: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        self.enabled, self.words, self.starters = self._analyse(ruler.patterns)
        self.multi = self._compile_multi(ruler.patterns) if self.enabled else None

    def _compile_multi(self, patterns) -> list[tuple[int, int, list[tuple[int, int, np.ndarray]]]] | None:
        """The multi-token patterns as ``(position, column, allowed ids)`` tests on the
        ``[TAG, DEP, IS_SPACE, LOWER]`` array, each with its pattern length and the token
        it sets (offset in the match), or ``None`` when a pattern uses a condition these
        tests cannot express (then any starter sends the Doc to the original ruler)."""
        strings = self.vocab.strings
        column = {"TAG": 0, "DEP": 1, "IS_SPACE": 2, "LOWER": 3}
        out = []
        for p in patterns:
            index = p.get("index", 0)
            for pattern in p["patterns"]:
                if len(pattern) < 2:
                    continue
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    return None
                tests = []
                for i, tok in enumerate(pattern):
                    for key, value in tok.items():
                        if key == "IS_SPACE" and isinstance(value, bool):
                            ids: tuple = (int(value),)
                        elif key == "LOWER" and _literal_values(value) is not None:
                            ids = tuple(strings.add(v) for v in _literal_values(value))
                        elif key in ("TAG", "DEP") and isinstance(value, str):
                            ids = (strings.add(value),)
                        elif key in ("TAG", "DEP") and isinstance(value, dict) and set(value) == {"IN"}:
                            ids = tuple(strings.add(v) for v in value["IN"])
                        else:
                            return None
                        tests.append((i, column[key], np.array(ids, dtype=np.uint64)))
                out.append((len(pattern), target, tests))
        return out

    def _multi_targets(self, arr: np.ndarray) -> set[int]:
        """The tokens a multi-token pattern sets, where one matches in the Doc whose
        ``[TAG, DEP, IS_SPACE, LOWER]`` array is ``arr`` (exact for the compiled patterns;
        empty when none matches)."""
        n = len(arr)
        out: set[int] = set()
        for length, target, tests in self.multi:
            if n < length:
                continue
            ok = np.ones(n - length + 1, dtype=bool)
            for i, col, ids in tests:
                ok &= np.isin(arr[i:n - length + 1 + i, col], ids)
                if not ok.any():
                    break
            else:
                out.update((np.flatnonzero(ok) + target).tolist())
        return out

    def _multi_match(self, arr: np.ndarray) -> bool:
        """Whether some multi-token pattern matches in the Doc whose array is ``arr``."""
        return bool(self._multi_targets(arr))

    def _rerun_at(self, doc: Doc, targets: set[int]) -> None:
        """Give the tokens ``targets`` exactly the original ruler's output: every rule
        matching at such a token (found by the ruler's own Matcher in a window as wide as
        the longest pattern) is applied again, in the ruler's order, on top of the cached
        single-token output. Each attribute ends as the last rule setting it left it, as
        in the original; attributes no rule sets keep their value."""
        ruler, strings = self.ruler, self.vocab.strings
        width = max(length for length, _, _ in self.multi)
        n = len(doc)
        found = []
        for t in sorted(targets):
            lo = max(0, t - width + 1)
            window = doc[lo:min(n, t + width)]
            for m_id, s0, e0 in ruler.matcher(window, allow_missing=True, as_spans=False):
                s0, e0 = s0 + lo, e0 + lo
                attr_id = int(strings[m_id])
                index = ruler.indices[attr_id]
                if (s0 + index if index >= 0 else e0 + index) == t:
                    found.append((attr_id, m_id, s0, e0))
        found.sort()
        ruler.set_annotations(doc, found)

    def _analyse(self, patterns) -> tuple[bool, set[int], set[int]]:
        """Which lower-case forms the patterns name (``words``), and which forms or
        dependency labels can start a multi-token pattern (``starters``; a Doc holding one
        goes to the original ruler). Caching is off if a pattern uses anything else."""
        words: set[int] = set()
        starters: set[int] = set()
        strings = self.vocab.strings
        for p in patterns:
            for pattern in p["patterns"]:
                for i, tok in enumerate(pattern):
                    for key, value in tok.items():
                        if key not in ("TAG", "DEP", "IS_SPACE", "LOWER"):
                            return False, set(), set()
                        if key == "DEP" and i == 0 and len(pattern) > 1:
                            if not isinstance(value, str):
                                return False, set(), set()
                            starters.add(strings.add(value))
                        if key != "LOWER":
                            continue
                        values = _literal_values(value)
                        if values is None:
                            return False, set(), set()
                        ids = {strings.add(v) for v in values}
                        words |= ids
                        if len(pattern) > 1 and i == 0:
                            starters |= ids
                if len(pattern) > 1 and not ({"LOWER", "DEP"} & set(pattern[0])):
                    return False, set(), set()
        return True, words, starters

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or len(doc) == 0:
            return self.ruler(doc)
        arr = doc.to_array([TAG, DEP, IS_SPACE, LOWER])
        words, starters = self.words, self.starters
        keys = [(t, d, s, low if low in words else 0) for t, d, s, low in arr.tolist()]
        cache = self.cache
        starts = any(k[3] in starters or k[1] in starters for k in keys)
        targets: set[int] = set()
        if starts and self.multi is not None:
            # a starter word alone ("there", "let") is common; only the tokens a
            # multi-token pattern really sets ("is" in "there is") need more than the cache
            targets = self._multi_targets(arr)
            starts = False
        if starts:
            return self.ruler(doc)
        for k in set(keys).difference(cache):
            cache[k] = self._single(k)
        out = np.array([cache[k] for k in keys], dtype=np.uint64)
        doc.from_array(_RULER_OUT, out)
        if targets:
            self._rerun_at(doc, targets)
        return doc

    def _single(self, key: tuple[int, int, int, int]) -> tuple[int, ...]:
        """The original ruler's output for a token with ``key`` = (TAG, DEP, IS_SPACE,
        listed LOWER or 0), computed on a one-token Doc of that shape: only single-token
        patterns can match there, and they see nothing but the key (:meth:`_analyse`)."""
        tag, dep, space, low = key
        strings = self.vocab.strings
        word = strings[low] if low else ("\n" if space else "\x00")
        one = Doc(self.vocab, words=[word], spaces=[False],
                  tags=[strings[tag]] if tag else None,
                  deps=[strings[dep]] if dep else None, heads=[0] if dep else None)
        return tuple(self.ruler(one).to_array(_RULER_OUT).tolist()[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _index_as_sets(lemmatizer) -> None:
    """Turn the rule lemmatizer's word index (``lemma_index``: one list of known lemmas per
    part of speech) into sets, in place. ``rule_lemmatize`` only tests membership in it,
    which on a list is a scan of up to ~60,000 words per candidate form: about 0.1 ms per
    new (form, POS, morphology), most of a cold run's lemmatizer time."""
    try:
        table = lemmatizer.lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return
    for pos in list(table.keys()):
        words = table[pos]
        if isinstance(words, list):
            table[pos] = frozenset(words)


class CachedLemmatizer:
    """Wraps a spaCy rule ``Lemmatizer``: lemmas memoised on (form, POS, morphology);
    lemmas already set (by the attribute ruler's exceptions) are kept, as the original does."""

    def __init__(self, lemmatizer, vocab) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = vocab
        self.cache: dict[tuple[int, int, int], int] = {}
        self.enabled = getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", False)
        if self.enabled:
            _index_as_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or len(doc) == 0:
            return self.lemmatizer(doc)
        cache, strings = self.cache, self.vocab.strings
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        out = np.empty(len(arr), dtype=np.uint64)
        for i, (orth, pos, morph, lemma) in enumerate(arr):
            if lemma:
                out[i] = lemma
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
                cache[key] = value
            out[i] = value
        doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def use_numpy_blas(nlp: Language) -> int:
    """Make the thinc models of ``nlp`` multiply matrices with NumPy's BLAS instead of the
    BLIS kernels thinc's ``NumpyOps`` use by default; returns the number of model nodes
    switched. Same computation, other summation order (float32 results may differ in the
    last bits, like running the model on another CPU); on this project's AMD EPYC machine
    BLIS runs a kernel ~3x slower than OpenBLAS and en_core_web_md spends most of its time
    in ``gemm``: 9.6 s -> 5.6 s CPU for the 120-article Wikinews sample, with identical
    tags, parses, entities and sentences (``bench/equivalence.py``). The parser's own
    Cython ``sgemm`` calls are not affected."""
    from thinc.backends.numpy_ops import NumpyOps

    ops = NumpyOps(use_blis=False)
    n = 0
    for _, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops
                n += 1
    return n


def speed_up(nlp: Language, *, numpy_blas: bool = True) -> Language:
    """Replace ``attribute_ruler`` and ``lemmatizer`` in ``nlp`` by their memoised twins
    and, with ``numpy_blas``, switch its models to NumPy's BLAS (:func:`use_numpy_blas`)
    (in place; returns ``nlp``). Pipelines without them are left as they are."""
    if numpy_blas:
        use_numpy_blas(nlp)
    names = nlp.pipe_names
    if "attribute_ruler" in names:
        ruler = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "whimbrel_cached_attribute_ruler")  # keeps the name
        nlp.get_pipe("attribute_ruler").wrap(CachedAttributeRuler(ruler, nlp.vocab))
    if "lemmatizer" in names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "whimbrel_cached_lemmatizer")
        nlp.get_pipe("lemmatizer").wrap(CachedLemmatizer(lemmatizer, nlp.vocab))
    return nlp


def clear_caches(nlp: Language) -> None:
    """Empty the memo of every memoised component in ``nlp`` (whimbrel's attribute ruler and
    lemmatizer, and spaCy's own rule-lemmatizer cache), as in a freshly loaded pipeline.
    For benchmarks that time texts new to the caches."""
    for _, proc in nlp.components:
        impl = getattr(proc, "impl", proc)
        for obj in (impl, getattr(impl, "lemmatizer", None)):
            cache = getattr(obj, "cache", None)
            if isinstance(cache, dict):
                cache.clear()


class _Slot:
    """A pipeline slot whose implementation is set after construction."""

    def __init__(self) -> None:
        self.impl = None

    def wrap(self, impl) -> None:
        self.impl = impl

    def __call__(self, doc: Doc) -> Doc:
        return self.impl(doc)

    def pipe(self, docs, batch_size: int = 128):
        return self.impl.pipe(docs, batch_size=batch_size)


@Language.factory("whimbrel_cached_attribute_ruler")
def _cached_attribute_ruler(nlp: Language, name: str) -> _Slot:
    return _Slot()


@Language.factory("whimbrel_cached_lemmatizer")
def _cached_lemmatizer(nlp: Language, name: str) -> _Slot:
    return _Slot()
