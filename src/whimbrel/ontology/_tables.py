"""Reading the TSV tables shipped in ``ontology/data/``.

Every table has a header line, then one or more comment lines starting with ``#`` that name the
source and licence, then tab-separated rows. Blank lines are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Yield the rows of a whimbrel TSV table as ``{column: value}`` (values stripped).

    Raises ``FileNotFoundError`` if ``path`` does not exist and ``ValueError`` when a row has
    more cells than the header.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        header: list[str] | None = None
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path.name}:{lineno}: {len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells))


__all__ = ["DATA_DIR", "read_tsv"]
