"""whimbrel: raw news in, event data out.

Readers (:mod:`whimbrel.ingest`) turn files into :class:`~whimbrel.model.RawDocument`,
extraction (:mod:`whimbrel.extract`) finds the :class:`~whimbrel.model.Article`,
annotators (:mod:`whimbrel.annotate`) add layers with character offsets into the body,
and :mod:`whimbrel.store` keeps them in DuckDB.
"""

__version__ = "0.1.0"
