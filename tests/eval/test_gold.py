"""Gold files: discovery, sets, validation, input location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.eval.gold import (
    GoldError,
    find_gold_files,
    load_gold,
    load_gold_files,
    missing_strings,
    set_name,
    validate,
)

SEED_EVENT = {"plover": "CONSULT", "mode": "phone", "cameo": "041",
              "source": {"mention": "Chinese President Xi Jinping", "code": "CHN GOV"},
              "target": {"mention": "Ukrainian President Volodymyr Zelenskyy", "code": "UKR GOV"},
              "evidence": "Chinese President Xi Jinping held a telephone conversation with "
                          "Ukrainian President Volodymyr Zelenskyy", "required": True}


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_sets_and_input_paths(tmp_path):
    root = tmp_path / "shared"
    (root / "corpora").mkdir(parents=True)
    (root / "corpora" / "a.txt").write_text(" date 2023-05-05 X\n\nbody\n")
    seed = write(root / "gold" / "seed.json", {"id": "s", "input": {"path": "corpora/a.txt"},
                                               "events": [SEED_EVENT]})
    dev = write(root / "gold" / "dev" / "d1.json",
                {"id": "d1", "input": {"path": "corpora/a.txt", "row": 3}})
    (root / "gold" / "GUIDELINES.md").write_text("not gold")
    files = find_gold_files([root / "gold"])
    assert [f.name for f in files] == ["seed.json", "d1.json"]  # the folder's own files first
    assert set_name(seed) == "seed" and set_name(dev) == "dev"
    g = load_gold(dev)
    assert g.set == "dev" and g.row == 3 and g.shared_root == root.resolve()
    assert g.input_path() == root.resolve() / "corpora" / "a.txt"
    other = tmp_path / "elsewhere"
    (other / "corpora").mkdir(parents=True)
    (other / "corpora" / "a.txt").write_text("x")
    assert g.input_path(other) == other / "corpora" / "a.txt"
    # a file named twice (folder + file) is read once
    assert len(load_gold_files([root / "gold", seed])) == 2


def test_gold_outside_a_gold_folder_needs_a_data_root(tmp_path):
    f = write(tmp_path / "mine" / "x.json", {"id": "x", "input": {"path": "corpora/a.txt"}})
    g = load_gold(f)
    assert g.set == "mine" and g.shared_root is None
    with pytest.raises(GoldError, match="data-root"):
        g.input_path()


def test_validate_reports_each_problem():
    bad = {"id": "x", "input": {"path": "a.csv", "row": -1},
           "events": [dict(SEED_EVENT, plover="MEET"), dict(SEED_EVENT, required="yes")],
           "quotes": [{"text": "It is", "kind": "reported"}],
           "timexes": [{"value": "2023"}]}
    problems = validate(bad)
    assert "'input.row' must be a non-negative integer" in problems
    assert "events[0]: PLOVER type 'MEET'" in problems
    assert "events[1]: 'required' must be true or false" in problems
    assert "quotes[0]: kind 'reported'" in problems
    assert "timexes[0]: no 'text'" in problems
    assert validate({"id": "ok", "input": {"path": "a.txt"}, "events": [SEED_EVENT]}) == []


def test_load_gold_raises_with_the_file_name(tmp_path):
    f = tmp_path / "gold" / "broken.json"
    f.parent.mkdir()
    f.write_text("{not json")
    with pytest.raises(GoldError, match="broken.json"):
        load_gold(f)
    with pytest.raises(GoldError, match="no such file"):
        find_gold_files([tmp_path / "nope"])


def test_real_gold_files_are_valid_and_their_strings_are_in_the_input(shared):
    golds = load_gold_files([shared / "gold"])
    assert {g.set for g in golds} == {"seed", "dev"}
    assert sum(g.set == "dev" for g in golds) == 20
    seed = next(g for g in golds if g.set == "seed")
    text = seed.input_path().read_text(encoding="utf-8")
    assert missing_strings(seed.data, text) == []
    assert missing_strings(seed.data, text.replace("telephone conversation", "call")) == [
        "evidence 'Chinese President Xi Jinping held a telephone conversation w'"]
