"""Rebuild the CAMEO/PLOVER code tables in ``src/whimbrel/ontology/data/`` from their sources.

Sources (all under the repository's sibling ``shared/data/``):

* ``gdelt_samples/gdelt2_mentions_and_schemas_gdeltPyR/field_definitions/cameoCodeTable.tsv`` —
  the GDELT CAMEO event-code table (code, description, Goldstein 1992 scale value); GDELT open
  data, cite the GDELT Project.
* ``plover_gold_cameo_examples/CAMEO2PLOVER-2021.txt`` — the CAMEO→PLOVER conversion table of the
  PLOVER manual draft 0.8 (Open Event Data Alliance, CC BY-SA 4.0). It also supplies the names of
  the CAMEO 1.1b3 codes that the GDELT table lacks (their Goldstein value is inherited from the
  3-digit parent and marked ``parent``).

QuadClass follows the GDELT event codebook: roots 01–05 verbal cooperation (1), 06–08 material
cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4).

Usage: ``python scripts/build_ontology_tables.py [SHARED_DATA_DIR]``
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "whimbrel" / "ontology" / "data"


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def main(shared: Path) -> None:
    gdelt = shared / "gdelt_samples/gdelt2_mentions_and_schemas_gdeltPyR/field_definitions/cameoCodeTable.tsv"
    c2p_path = shared / "plover_gold_cameo_examples/CAMEO2PLOVER-2021.txt"
    codes: dict[str, tuple[str, float, str]] = {}
    with gdelt.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["cameoCode"].strip()
            codes[code] = (row["Description"].strip(), float(row["GoldsteinScale"]), "gdelt")

    c2p: list[tuple[str, str, str, str, str]] = []
    line_re = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#\s*(.*)$")
    for line in c2p_path.read_text(encoding="utf-8").splitlines():
        m = line_re.match(line)
        if not m:
            continue
        code, plover, mode, context, desc = (g.strip() for g in m.groups())
        desc = re.sub(r"\s+\d\d\.\d\d\.\d\d:.*$", "", desc)  # editor's dated notes
        c2p.append((code, plover, mode, context.replace(" ", ""), desc))
        if code not in codes:
            parent = codes.get(code[:3])
            codes[code] = (desc, parent[1] if parent else 0.0, "parent")

    with (OUT / "cameo_codes.tsv").open("w", encoding="utf-8") as fh:
        fh.write("code\tname\tquad_class\tgoldstein\tgoldstein_source\n")
        fh.write("# CAMEO event codes (Schrodt et al. 2009, CAMEO 1.1b3) with Goldstein (1992) scale values "
                 "from the GDELT CAMEO code table (GDELT open data, cite the GDELT Project); names of codes "
                 "missing there from CAMEO2PLOVER-2021 (OEDA, CC BY-SA 4.0), Goldstein inherited from the "
                 "3-digit parent ('parent'). QuadClass per the GDELT codebook (roots 01-05:1, 06-08:2, "
                 "09-13:3, 14-20:4). Built by scripts/build_ontology_tables.py\n")
        for code in sorted(codes, key=lambda c: (c[:2], c)):
            name, gold, src = codes[code]
            fh.write(f"{code}\t{name}\t{quad_class(code)}\t{gold:g}\t{src}\n")

    seen: set[str] = set()
    with (OUT / "cameo2plover.tsv").open("w", encoding="utf-8") as fh:
        fh.write("cameo\tplover\tmode\tcontext\tdescription\n")
        fh.write("# CAMEO->PLOVER conversion table, PLOVER manual draft 0.8 (CAMEO2PLOVER-2021.txt, ed. P. Schrodt, "
                 "17-Sep-2021), Copyright Open Event Data Alliance, CC BY-SA 4.0; this derived table is "
                 "shared under the same licence. Built by scripts/build_ontology_tables.py\n")
        for code, plover, mode, context, desc in c2p:
            if code in seen:  # the source lists 175 twice
                continue
            seen.add(code)
            fh.write(f"{code}\t{plover}\t{mode}\t{context}\t{desc}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data")
