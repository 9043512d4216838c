"""The reserved documents of ``shared/RESERVED.md`` are kept for independent evaluation: no test
and no corpus file may cite one, by id, by row, or by quoting its text.

``eval/gold/heldout`` is the one exception RESERVED.md allows (it may stay as a test set); it is
not scanned here, and no rule or test may be fitted to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from whimbrel.eval.reserved import ReservedList, ReservedText, _norm_path

REPO = Path(__file__).resolve().parents[1]
SCANNED = [REPO / "tests", REPO / "corpus"]
SUFFIXES = {".py", ".json", ".jsonl", ".txt", ".tsv", ".csv", ".md", ".html", ".toml"}
#: ids the corpus and tests use for reserved documents: wikinews-2020-NNN and guardian-N
ID_CITES = re.compile(r"wikinews[-_]2020[-_](\d{1,3})\b|\bguardian[-_](\d+)\b")


@pytest.fixture(scope="module")
def reserved(shared_dir) -> ReservedList:
    return ReservedList.load(shared_dir / "RESERVED.md")


@pytest.fixture(scope="module")
def reserved_text(reserved) -> ReservedText:
    return ReservedText(reserved)


def scanned_files():
    for root in SCANNED:
        if root.exists():
            for p in sorted(root.rglob("*")):
                if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts \
                        and p.name != Path(__file__).name:
                    yield p


def test_the_reserved_list_is_read(reserved):
    """The table of RESERVED.md is read; no reserved id or row is written here (ids are built
    from what was read, so this file cites none)."""
    first, last = min(reserved.wikinews_rows), max(reserved.wikinews_rows)
    assert first == 0 and len(reserved.wikinews_rows) == last + 1 > 100
    assert len(reserved.te3_prefixes) == 3 and len(reserved.te3_ids) == 11
    assert len(reserved.guardian_ids) == 12 and len(reserved.guardian_rows()) == 12
    wikinews = "corpora/wikinews/wikinews_2020.csv"
    assert reserved.is_reserved(wikinews, f"row={last}")
    assert reserved.is_reserved("../examples/corpus/wikinews/wikinews_2020.csv", f"row={first}")
    assert not reserved.is_reserved(wikinews, f"row={last + 1}")
    te3 = "data/tempeval3_timeml/te3_articles_plaintext.jsonl"
    listed = sorted(reserved.te3_ids)[0]
    assert reserved.is_reserved(te3, f"id={listed}")
    assert reserved.is_reserved(te3, "id=" + reserved.te3_prefixes[0] + "9999.9999")
    assert not reserved.is_reserved(te3, "id=XIN_ENG_20051101.0011")  # a free Xinhua 2005 story


def test_the_check_finds_a_quotation(reserved_text, reserved):
    """The scan is not vacuous: a reserved sentence, split over string literals, is found."""
    label, body = next(reserved.texts())
    words = body.split()[:30]
    literal = '"' + " ".join(words[:15]) + ' "\n    "' + " ".join(words[15:]) + '"'
    assert label in reserved_text.quoted_in(literal)
    assert not reserved_text.quoted_in("The minister said on Tuesday that talks would resume in "
                                       "Geneva after the holiday, officials in the capital said.")


def test_no_test_or_corpus_file_cites_a_reserved_document(reserved, reserved_text):
    bad = []
    id_pats = reserved.id_patterns()
    for p in scanned_files():
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        where = p.relative_to(REPO)
        for pat in id_pats:
            for m in pat.finditer(text):
                bad.append(f"{where}: cites {m.group(0)}")
        for m in ID_CITES.finditer(text):
            if m.group(1) is not None and int(m.group(1)) in reserved.wikinews_rows:
                bad.append(f"{where}: cites {m.group(0)}")
            if m.group(2) is not None and m.group(2) in reserved.guardian_ids:
                bad.append(f"{where}: cites {m.group(0)}")
        if p.suffix == ".json":
            try:
                data = json.loads(text)
            except ValueError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("input"), dict) \
                    and reserved.gold_input_reserved(data["input"]):
                bad.append(f"{where}: its input is reserved ({_norm_path(data['input'].get('path', ''))})")
        for label in reserved_text.quoted_in(text):
            bad.append(f"{where}: quotes the reserved {label}")
    assert not bad, "reserved documents cited:\n" + "\n".join(bad)
