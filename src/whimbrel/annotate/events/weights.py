"""Where the trained event models' weights live and how they are read and written: one
``<name>.npz`` (the arrays) beside one ``<name>.json`` (the model card) in
``annotate/events/models/``, or at a path given without suffix. Nothing is downloaded."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "models"


def base_of(name: str) -> Path:
    """The weights' path without suffix: a file stem in ``MODEL_DIR``, or a path."""
    return Path(name) if ("/" in name or os.sep in name) else MODEL_DIR / name


def chosen(env: str, default: str, name: str | None = None) -> str:
    """The weights to load: ``name``, else the environment variable ``env``, else ``default``."""
    return name or os.environ.get(env) or default


def read(name: str) -> tuple[Any, dict]:
    """``(arrays, card)`` of the named weights; raises FileNotFoundError when absent."""
    base = base_of(name)
    arrays = np.load(base.with_suffix(".npz"))
    card = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    return arrays, card


def write(base: Path, card: dict, **arrays: np.ndarray) -> None:
    """Write the arrays (compressed) and the model card beside them."""
    base.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(base.with_suffix(".npz"), **arrays)
    base.with_suffix(".json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
