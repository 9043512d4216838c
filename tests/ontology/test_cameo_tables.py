"""CAMEO and PLOVER code tables: values checked against the published sources."""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from whimbrel.ontology import cameo, plover

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def test_lookup_third_party_meeting():
    c = cameo.lookup("044")
    assert c.name.startswith("Meet at a")
    assert (c.root, c.quad_class, c.goldstein) == ("04", 1, 2.5)  # GDELT CAMEO table


def test_lookup_codes_across_quad_classes():
    assert cameo.lookup("1123").quad_class == 3 and cameo.lookup("1123").goldstein == -2.0
    assert cameo.lookup("195").quad_class == 4 and cameo.lookup("195").goldstein == -10.0
    assert cameo.lookup("073").quad_class == 2 and cameo.lookup("073").goldstein == 7.4
    assert cameo.lookup("19").name == "FIGHT"


def test_code_missing_from_gdelt_inherits_parent_goldstein():
    child, parent = cameo.lookup("0313"), cameo.lookup("031")
    assert child.name == "Express intent to cooperate on judicial matters"
    assert child.goldstein == parent.goldstein


def test_lookup_errors():
    with pytest.raises(ValueError):
        cameo.lookup("4a")
    with pytest.raises(KeyError):
        cameo.lookup("99")


def test_plover_types_modes_and_scores():
    types = plover.types()
    assert set(types) == set(plover.PLOVER_TYPES) and len(types) == 16
    assert plover.score("CONSULT", "phone") == 1.5
    assert plover.score("ASSAULT", "drone") == -9.5
    assert plover.score("RETREAT", "no-such-mode") == 6.5
    assert types["COOPERATE"].quad_class == 2 and types["SANCTION"].quad_class == 4


def test_cameo_to_plover():
    m = plover.plover_of_cameo("0841")
    assert (m.plover, m.mode) == ("RETREAT", "release")
    assert plover.plover_of_cameo("163").plover == "COERCE"  # the table's choice for sanctions
    assert plover.plover_of_cameo("1712").plover == "ASSAULT"
    assert plover.plover_of_cameo("023").plover == "REQUEST"
    assert plover.plover_of_cameo("015") is None  # 01x is dropped by PLOVER
    assert all(r.plover in plover.PLOVER_TYPES for r in plover.cameo_table().values())


def test_tables_rebuild_identically(tmp_path):
    data = SHARED / "data"
    if not (data / "plover_gold_cameo_examples" / "CAMEO2PLOVER-2021.txt").exists():
        pytest.skip("shared data not present")
    repo_copy = tmp_path / "repo"
    (repo_copy / "scripts").mkdir(parents=True)
    (repo_copy / "src" / "whimbrel" / "ontology" / "data").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "build_ontology_tables.py", repo_copy / "scripts")
    subprocess.run([sys.executable, str(repo_copy / "scripts" / "build_ontology_tables.py"), str(data)], check=True)
    out = repo_copy / "src" / "whimbrel" / "ontology" / "data"
    for name in ("cameo_codes.tsv", "cameo2plover.tsv"):
        assert filecmp.cmp(out / name, REPO / "src" / "whimbrel" / "ontology" / "data" / name, shallow=False), name
