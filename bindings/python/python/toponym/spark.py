"""toponym on Spark: resolve and tag as Columns, for DataFrames too big for one machine.

>>> from toponym import spark as tsp                      # doctest: +SKIP
>>> df.select(tsp.resolve("name").alias("place"))         # doctest: +SKIP
>>> df.select(tsp.tag(df.text).alias("places"))           # doctest: +SKIP

Both are Arrow-based pandas UDFs: each batch of rows crosses to Python once, and the work runs
in the extension module with the GIL released. The UDFs close over plain options only (strings,
numbers); each Python worker imports ``toponym`` itself, which maps the embedded gazetteer once
per process (the pages are shared between the workers of a machine through the page cache).
The package must be installed on every worker: a native wheel cannot ship with ``--py-files``
(see the project README, "Spark").

Needs ``pyspark`` (4.x), ``pandas`` and ``pyarrow`` (``pip install './bindings/python[spark]'``).
"""

from __future__ import annotations

from typing import Any, Union

import pandas as pd
from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql import types as T

__all__ = ["MATCH", "MENTION", "resolve", "tag"]

#: The struct of a match: what ``toponym.resolve`` gives, field for field.
MATCH = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("name", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("country", T.StringType()),
    T.StructField("score", T.DoubleType()),
    T.StructField("method", T.StringType()),
    T.StructField("lat", T.DoubleType()),
    T.StructField("lon", T.DoubleType()),
])

#: The struct of a mention: character offsets (``text[start:end]``), then the place.
MENTION = T.StructType([
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("text", T.StringType()),
] + MATCH.fields)

_MATCH_FIELDS = [f.name for f in MATCH.fields]
_MENTION_FIELDS = [f.name for f in MENTION.fields]


def _column(col: Union[Column, str]) -> Column:
    return F.col(col) if isinstance(col, str) else col


def _strings(values: pd.Series) -> list:
    """A pandas column as a list of str or None (Arrow gives None or NaN for a null)."""
    return [v if isinstance(v, str) else None for v in values.tolist()]


def resolve(col: Union[Column, str], **options: Any) -> Column:
    """The best place for each name of ``col``: a ``MATCH`` struct, or null.

    ``options`` are those of ``toponym.resolve`` (``lang``, ``country``, ``kind``,
    ``min_score``, ``exact``, ``at``); they are checked here, before any job runs.
    """
    import toponym

    toponym.resolve("", **options)  # a bad option fails now, not on a worker

    @F.pandas_udf(MATCH)
    def _resolve(names: pd.Series) -> pd.DataFrame:
        import toponym

        rows = [
            {f: getattr(m, f) for f in _MATCH_FIELDS} if m is not None else {}
            for m in toponym.resolve_many(_strings(names), **options)
        ]
        return pd.DataFrame(rows, columns=_MATCH_FIELDS)

    out = _resolve(_column(col))
    return F.when(out["id"].isNull(), F.lit(None).cast(MATCH)).otherwise(out)


def tag(col: Union[Column, str], **options: Any) -> Column:
    """The places mentioned in each text of ``col``: an array of ``MENTION`` structs (empty for a
    null text).

    ``options`` are those of ``toponym.tag`` (``lang``, ``demonyms``, ``at``).
    """
    import toponym

    toponym.tag("", **options)

    @F.pandas_udf(T.ArrayType(MENTION))
    def _tag(texts: pd.Series) -> pd.Series:
        import toponym

        return pd.Series([
            [{f: getattr(m, f) for f in _MENTION_FIELDS} for m in ms]
            for ms in toponym.tag_many(_strings(texts), **options)
        ])

    return _tag(_column(col))
