"""``docs/accuracy.md``: our current figures beside the published figures of the anchors.

The file is generated, never edited by hand: ``whimbrel eval ../shared/gold --benchmark
tempeval3 polnear plover zyte conll2003 --write-docs`` (the CLI calls :func:`evaluate` then
:func:`write_accuracy_doc`), or without the CLI ``python -m whimbrel.eval.accuracy_doc``
(:func:`main`: the same run on ``shared/`` beside the checkout). Anchor figures and their sources are the data below
(:data:`ANCHORS`); each names the figures of ours it is set beside, as (target, figure) pairs
tried in order — the first that the report holds is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whimbrel.eval.report import Report
from whimbrel.eval.score import Counts, Ratio

DEFAULT_COMMAND = ("whimbrel eval ../shared/gold eval/gold/heldout eval/gold/heldout2 --benchmark all "
                   "--write-docs")


@dataclass(frozen=True)
class Anchor:
    """A published figure we compare with.

    ``ours``: candidate (target, figure) pairs of ours, first present wins; ``note`` says how
    comparable the two are.
    """

    layer: str
    measure: str
    system: str
    dataset: str
    value: float
    source: str
    ours: tuple[tuple[str, str], ...]
    note: str = ""


ANCHORS: tuple[Anchor, ...] = (
    Anchor("timexes", "value F1 (relaxed span × value accuracy)", "HeidelTime",
           "TempEval-3 platinum test", 0.78,
           "UzZaman et al. 2013, SemEval-2013 Task 1: TempEval-3, task A results (HeidelTime-t)",
           (("tempeval3", "all.value_f1"), ("tempeval3", "value_f1"),
            ("dev", "timexes.value.f1"), ("seed", "timexes.value.f1")),
           "ours on TimeBank+AQUAINT (the TE-3 platinum set is not in shared/data), else on the "
           "dev gold"),
    Anchor("quotes", "content F1, overlap", "Citron", "PARC 3.0", 0.83,
           "Newell, Cowlishaw & Man 2018, Quote Extraction and Analysis for News (KDD DSJM)",
           (("polnear", "overlap_f1"), ("polnear", "content_overlap_f1"),
            ("dev", "quotes.overlap.f1"), ("seed", "quotes.overlap.f1")),
           "ours on PolNeAR dev (a different corpus) or the dev gold; overlap ≥ 50 % of the "
           "longer span, in characters (Citron: tokens)"),
    Anchor("quotes", "speaker F1, exact", "Citron", "PARC 3.0", 0.82,
           "Newell, Cowlishaw & Man 2018 (as above)",
           (("polnear", "speaker_acc"), ("polnear", "speaker_exact_f1"),
            ("dev", "quotes.speaker.accuracy"), ("seed", "quotes.speaker.accuracy")),
           "ours is speaker accuracy on matched quotes, not an F1"),
    Anchor("events", "event-type macro-F1", "NGEC", "NGEC-2025 benchmark", 0.52,
           "Halterman et al., NGEC (github.com/ahalterman/NGEC-2025), reported event-type "
           "macro-F1",
           (("plover", "type_macro_f1"), ("plover", "type.macro_f1"), ("plover", "macro_f1"),
            ("dev", "events.type_only.f1"), ("seed", "events.type_only.f1")),
           "ours on the PLOVER gold records (sentence level), else article-level type F1 "
           "(micro) on the dev gold"),
    Anchor("events", "event code correct (precision of coded events)", "GDELT 1.0",
           "50 hand-checked Sudan / South Sudan events", 0.812,
           "SIEDS 2014 audit as reported by the GDELT project, blog.gdeltproject.org/?p=370",
           (("dev", "events.located.p"), ("seed", "events.located.p")),
           "ours: share of our events that match a gold event (type + evidence); the audit "
           "counts a record right when its event code fits the article"),
    Anchor("actors", "source actor correct", "GDELT 1.0", "the same 50 events", 0.79,
           "SIEDS 2014 audit, blog.gdeltproject.org/?p=370 (Actor1 79 %, Actor2 78.5 %)",
           (("dev", "actors.source_code.accuracy"), ("seed", "actors.source_code.accuracy")),
           "ours: full code (country + role) right on matched events"),
    Anchor("actors", "target actor correct", "GDELT 1.0", "the same 50 events", 0.785,
           "SIEDS 2014 audit, blog.gdeltproject.org/?p=370",
           (("dev", "actors.target_code.accuracy"), ("seed", "actors.target_code.accuracy"))),
    Anchor("article", "body F1 (4-token shingles)", "trafilatura 2.0.0",
           "ScrapingHub/Zyte article-extraction benchmark (181 pages)", 0.958,
           "github.com/scrapinghub/article-extraction-benchmark README, latest results",
           (("zyte", "f1"), ("zyte", "body.f1"), ("seed", "article.body_tokens.f1")),
           "on the seed ours is bag-of-words F1 of one page"),
    Anchor("entities", "entity F1, exact (PER/ORG/LOC/MISC)", "best CoNLL-2003 system",
           "CoNLL-2003 English test", 0.8876,
           "Tjong Kim Sang & De Meulder 2003, CoNLL-2003 shared task (Florian et al.)",
           (("conll2003", "entity.f1"),),
           "ours is an OntoNotes-trained spaCy model mapped to CoNLL types: a reference point, "
           "not a like-for-like comparison"),
)

#: the Wang et al. (2016) audit has no single figure to put in a column; the doc quotes it
QUALITATIVE = (
    "Wang, Kennedy, Lazer & Ramakrishnan 2016, *Growing pains for global monitoring of "
    "societal events*, Science 353(6307):1502–1503: comparing protest records for Latin "
    "America, ICEWS and GDELT rarely reported the same protests; the authors conclude that "
    "both \"suffer from major issues with respect to reliability and validity\".",
)


def _ours(report: Report, anchor: Anchor) -> tuple[str, str, float] | None:
    for target, fig in anchor.ours:
        v = report.figure(target, fig)
        if v is not None:
            return target, fig, v
    return None


#: the event figures compared between the set the rules were tuned on and the blind one
_GENERALISATION = ("events.located.f1", "events.dyad.f1", "events.date.accuracy",
                   "actors.source_code.accuracy", "actors.target_code.accuracy")


def _development_vs_heldout(report: Report) -> list[str]:
    """A table of the main event figures on ``dev`` (the rules were tuned on it) beside the
    blind held-out sets (``heldout``, ``heldout2``) that ran; nothing when none did."""
    dev = report.target("dev")
    held = [t for t in (report.target("corpus-dev"), report.target("corpus-test"),
                        report.target("heldout"), report.target("heldout2"))
            if t is not None and t.status == "ok"]
    if dev is None or dev.status != "ok" or not held:
        return []
    out = ["## Development and held-out", "",
           "The rules were tuned on `dev`; the held-out sets (eval/gold/heldout, heldout2) were "
           "annotated blind afterwards by someone who never saw whimbrel's code or output. Three "
           "`heldout` articles were read since, to find general faults; `heldout2` never was. The "
           "gap is the honest estimate of what tuning bought on unseen text (one annotator, few "
           "articles: noisy). `corpus-dev` and `corpus-test` are the annotated corpus's splits "
           "(corpus/README.md): the trained event model's thresholds are chosen on corpus-dev; "
           "corpus-test (131 articles) is only ever scored.", "",
           "| figure | dev | " + " | ".join(t.name for t in held) + " |",
           "|---|---|" + "---|" * len(held)]
    for name in _GENERALISATION:
        cells = [dev.figures.get(name)] + [t.figures.get(name) for t in held]
        out.append(f"| {name} | " + " | ".join("—" if v is None else f"{v:.3f}" for v in cells) + " |")
    return out + [""]


def _event_model_card() -> list[str]:
    """The trained event model's ablation and learning curve (from its model card, measured on
    the corpus dev split when it was trained); nothing when no weights are installed."""
    try:
        from whimbrel.annotate.events.model import load_model
    except ImportError:
        return []
    m = load_model()
    if m is None or "ablation_dev" not in m.meta:
        return []
    cols = ("events.located.p", "events.located.r", "events.located.f1", "events.dyad.f1",
            "events.date.accuracy")
    out = ["## Trained event model: ablation and learning curve", "",
           f"From the model card (`src/whimbrel/annotate/events/models/event_types.json`, "
           f"docs/models.md): measured on the corpus dev split ({m.meta.get('dev_articles')} "
           f"articles) when `whimbrel train` fitted it on {m.meta.get('train_articles')} train "
           f"articles.", "", "| event coder | " + " | ".join(cols) + " |",
           "|---|" + "---|" * len(cols)]
    for name, f in m.meta["ablation_dev"].items():
        out.append(f"| {name} | " + " | ".join(f"{f.get(c, 0):.3f}" for c in cols) + " |")
    out += ["", "| train articles | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for f in m.meta.get("learning_curve_dev", []):
        out.append(f"| {f['train_articles']} | " + " | ".join(f"{f.get(c, 0):.3f}" for c in cols) + " |")
    return out + [""]


def render_accuracy_doc(report: Report, *, command: str = DEFAULT_COMMAND) -> str:
    """The Markdown text of ``docs/accuracy.md`` for ``report``."""
    out: list[str] = [
        "# Accuracy",
        "",
        f"<!-- generated by `{command}`; do not edit by hand -->",
        "",
        f"Generated {report.created} by `{command}`"
        + (f" (whimbrel {report.meta['whimbrel']})" if report.meta.get("whimbrel") else "")
        + (f" at commit `{report.meta['commit']}`" if report.meta.get("commit") else "")
        + ". Figures are micro-averaged over the articles of each gold set; the matching "
          "rules are in `src/whimbrel/eval/score.py` and summarised at the end.",
        "",
        "## Against the published anchors",
        "",
        "| layer | measure | whimbrel | on | anchor | anchor figure | source | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for a in ANCHORS:
        ours = _ours(report, a)
        cell, where = ("—", "not run") if ours is None else (f"{ours[2]:.3f}", f"{ours[0]} `{ours[1]}`")
        out.append(f"| {a.layer} | {a.measure} | {cell} | {where} | {a.system} ({a.dataset}) | "
                   f"{a.value:.3f} | {a.source} | {a.note} |")
    out += ["", "Also: " + " ".join(QUALITATIVE), ""]
    out += _development_vs_heldout(report)
    out += _event_model_card()

    for t in report.targets:
        out.append(f"## {t.name} ({'gold set' if t.kind == 'gold' else 'benchmark'})")
        out.append("")
        if t.status != "ok":
            out += [f"{t.status}: {t.reason}", ""]
            continue
        if t.kind == "gold":
            failed = sum(1 for a in t.articles if a.error)
            n = len(t.articles)
            out.append(f"{n} article{'s' if n != 1 else ''}, {t.seconds:.1f} s"
                       + (f", {failed} failed" if failed else "") + ".")
            out += ["", "| layer | measure | P | R | F1 | accuracy | counts |",
                    "|---|---|---|---|---|---|---|"]
            for layer, ms in t.layers.items():
                for name, m in ms.items():
                    if isinstance(m, Counts):
                        out.append(f"| {layer} | {name} | {m.precision:.3f} | {m.recall:.3f} | "
                                   f"{m.f1:.3f} | | {m.tp:g} tp / {m.fp:g} fp / {m.fn:g} fn |")
                    elif isinstance(m, Ratio):
                        acc = f"{m.accuracy:.3f}" if m.total else "n/a"
                        out.append(f"| {layer} | {name} | | | | {acc} | {m.right}/{m.total} |")
                    else:
                        out.append(f"| {layer} | {name} | | | | | {m.count} of {m.checked} |")
            if "timexes.value.f1" in t.figures:
                out.append(f"| timexes | value F1 (TempEval-3) | | | "
                           f"{t.figures['timexes.value.f1']:.3f} | | |")
        else:
            info = ", ".join(f"{k} {v}" for k, v in t.info.items()
                             if isinstance(v, (int, float, str)) and k != "metrics")
            out.append(f"{t.seconds:.1f} s" + (f"; {info}" if info else "") + ".")
            out += ["", "| figure | value |", "|---|---|"]
            out += [f"| {k} | {v:.3f} |" for k, v in t.figures.items()]
        out.append("")

    out += [
        "## How the gold sets are scored",
        "",
        "- Gold strings are located in the predicted body (first occurrence, or the one a "
        "prediction overlaps best); matching is one-to-one, greedy by overlap, required items "
        "first. `\"required\": false` items are never misses, and a prediction matched to one is "
        "neither a true nor a false positive. Attribute accuracies count all matches.",
        "- Timexes: `exact` offsets; `exact_noprep` ignores leading prepositions (\"on\" "
        "Thursday) — the headline span figure; `overlap` = TempEval-3 relaxed match; value F1 = "
        "relaxed F1 × value accuracy.",
        "- Quotes: `overlap` = shared characters ≥ 50 % of the longer span; `exact` after "
        "trimming punctuation and quotation marks; speaker = resolved name equal.",
        "- Events: `located` = same PLOVER type, overlapping evidence in the same sentence; "
        "`sentence` = same type and sentence; `dyad` = located + source and target country; "
        "`type_only` = same type anywhere in the article. CAMEO root, mode and date on located "
        "matches; actor codes in the `actors` layer.",
        "- Article (crawl-text golds): title, author, published, dateline exact; body = "
        "bag-of-words P/R/F1 against the gold paragraphs; `not_in_body` counts boilerplate "
        "strings left in the body.",
        "",
    ]
    return "\n".join(out)


def write_accuracy_doc(report: Report, path: Path | str = "docs/accuracy.md", *,
                       command: str = DEFAULT_COMMAND) -> Path:
    """Write :func:`render_accuracy_doc` to ``path`` (folders created); returns the path."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_accuracy_doc(report, command=command), encoding="utf-8")
    return p


def git_commit(repo: Path | str) -> str | None:
    """The short hash of ``HEAD`` in ``repo`` (``+dirty`` when the tree has changes), or
    ``None`` without git."""
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "") if head else None


def main(argv: Sequence[str] | None = None) -> Path:
    """Regenerate ``docs/accuracy.md`` of this checkout: every gold set of ``shared/gold``
    beside the repository and every registered benchmark. ``argv``: optional output path.
    Raises :class:`FileNotFoundError` when ``shared/gold`` is absent."""
    import sys

    from whimbrel.eval import benchmarks
    from whimbrel.eval.runner import default_shared_root, evaluate

    args = list(sys.argv[1:] if argv is None else argv)
    repo = Path(__file__).resolve().parents[3]
    gold = default_shared_root() / "gold"
    if not gold.is_dir():
        raise FileNotFoundError(f"{gold} not found")
    report = evaluate([gold], benchmarks=benchmarks.names())
    commit = git_commit(repo)
    if commit:
        report.meta["commit"] = commit
    return write_accuracy_doc(report, args[0] if args else repo / "docs" / "accuracy.md",
                              command="python -m whimbrel.eval.accuracy_doc")


def anchors_for(layer: str) -> Sequence[Anchor]:
    """The anchors of one layer."""
    return [a for a in ANCHORS if a.layer == layer]


if __name__ == "__main__":
    main()
