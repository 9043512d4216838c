"""``whimbrel train`` end to end on a small slice of the corpus: it writes every model with its
card, the same corpus gives the same weights (seeded), and the written weights load and code
events. Skips without ../shared (the corpus points into it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

pytestmark = pytest.mark.slow


def small_corpus(root: Path, shared: Path) -> Path:
    c = root / "corpus"
    (c / "train" / "x").mkdir(parents=True)
    (c / "dev" / "x").mkdir(parents=True)
    (c / "corpus.toml").write_text(f'shared = "{shared}"\n', encoding="utf-8")
    for split, n in (("train", 14), ("dev", 4)):
        files = sorted((CORPUS / split).glob("*/*.json"))[:: max(1, len(list((CORPUS / split).glob("*/*.json"))) // n)][:n]
        for f in files:
            shutil.copy(f, c / split / "x" / f.name)
    return c


def test_train_writes_seeded_models_that_load(tmp_path, shared_dir, pipeline):
    from whimbrel.annotate.events.model import TypeModel
    from whimbrel.pipeline import Pipeline
    from whimbrel.train.events import train

    corpus = small_corpus(tmp_path, shared_dir)
    rules = Pipeline(events="rules")
    rules._nlp = pipeline.nlp
    quiet = lambda m: None  # noqa: E731
    card = train(corpus, tmp_path / "a", pipeline=rules, curve=(), public=False, progress=quiet)
    train(corpus, tmp_path / "b", pipeline=rules, curve=(), public=False, progress=quiet)
    for name in ("event_types", "event_types_norules", "event_arguments", "event_dates"):
        assert (tmp_path / "a" / f"{name}.npz").is_file() and (tmp_path / "a" / f"{name}.json").is_file()
    a, b = TypeModel.load(str(tmp_path / "a" / "event_types")), TypeModel.load(str(tmp_path / "b" / "event_types"))
    assert np.array_equal(a.sparse, b.sparse) and (a.keep, a.add) == (b.keep, b.add)
    assert card["train_articles"] == 14 and card["dev_articles"] == 4
    assert set(card["ablation_dev"]) >= {"rules", "model", "hybrid"}
    assert a.sparse.any(), "no type was learned"
