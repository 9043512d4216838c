"""`whimbrel eval`: per-layer figures for the seed and dev gold, --json, and the gate's
exit code when a floor is broken."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from whimbrel.cli import app

runner = CliRunner()


def test_eval_seed_json_and_gate(shared_dir, tmp_path):
    seed = str(shared_dir / "gold" / "urdupoint-2023-05-05.json")
    result = runner.invoke(app, ["eval", seed, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["targets"]["seed"]["figures"]["article.title.accuracy"] == 1.0
    floors = tmp_path / "floors.toml"
    floors.write_text('[[floor]]\ntarget = "seed"\nfigure = "article.title.accuracy"\nmin = 1.0\n'
                      'why = "the seed title is extracted exactly"\n')
    ok = runner.invoke(app, ["eval", seed, "--gate", "--floors", str(floors)])
    assert ok.exit_code == 0, ok.output
    # a floor above what whimbrel reaches breaks the gate
    floors.write_text('[[floor]]\ntarget = "seed"\nfigure = "timexes.exact.precision"\nmin = 0.99\n'
                      'why = "test: a floor the seed cannot reach (the second on Thursday is not in the gold)"\n')
    broken = runner.invoke(app, ["eval", seed, "--gate", "--floors", str(floors)])
    assert broken.exit_code == 1
    assert "timexes.exact.precision" in broken.output


def test_eval_needs_something_to_score():
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2 and "E202" in result.output


def test_gate_that_checked_nothing_fails(tmp_path):
    # no benchmark data under --data-root: every floor goes unchecked, and that is no pass
    floors = tmp_path / "floors.toml"
    floors.write_text('[[floor]]\ntarget = "zyte"\nfigure = "body.f1"\nmin = 0.9\nwhy = "test"\n')
    result = runner.invoke(app, ["eval", "--benchmark", "zyte", "--data-root", str(tmp_path),
                                 "--gate", "--floors", str(floors)])
    assert result.exit_code == 1, result.output
    assert "no floor could be checked" in result.output
