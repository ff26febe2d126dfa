"""Tag a JSON Lines corpus with Spark and write the places as Parquet.

    python bindings/python/examples/spark_tag.py corpus.jsonl out.parquet [--field text]

Each input line is a JSON object whose ``--field`` (default ``text``) holds a text; the output has
the input's columns plus ``places``, an array of mention structs (character offsets, id, name,
kind, country, score, method, lat, lon). Runs in ``local[*]`` unless ``--master`` says otherwise;
on a cluster, install the toponym wheel on every node or ship a packed environment
(``spark.archives``), as the project README says.
"""

import argparse
import os
import sys

from pyspark.sql import SparkSession

from toponym import spark as tsp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--field", default="text")
    ap.add_argument("--master", default="local[*]")
    args = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master(args.master).appName("toponym-tag").getOrCreate()
    df = spark.read.json(args.input)
    if args.field not in df.columns:
        print(f"spark_tag: {args.input} has no field {args.field!r} (fields: {df.columns})",
              file=sys.stderr)
        return 2
    df.withColumn("places", tsp.tag(args.field)).write.mode("overwrite").parquet(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
