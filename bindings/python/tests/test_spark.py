"""toponym.spark in a local[2] Spark session: resolve and tag over DataFrames, checked against the
Python API and against the CLI of the same tree."""

import json
import os
import shutil
import subprocess
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark not installed (tools/test installs it)")

import toponym  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # the workers run this interpreter, where toponym is installed
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("toponym-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


NAMES = ["Khankandi", "Martuni", "Gyumri", None, "Qwxzvq", "Stepanakret", "Tiflis", "Füzulidə",
         "Нагорный Карабах", "Baku"]
TEXTS = ["Talks in Tbilisi: Georgia and Armenia agreed.", None, "",
         "Ծաղկաձոր — ski trip. Then Ağdam, Füzulidə, and «Stepanakert» 🙂 Baku.",
         "Flights to Gyumri resumed from Baku."]


def test_resolve_column(spark):
    from toponym import spark as tsp

    df = spark.createDataFrame([(i, n) for i, n in enumerate(NAMES)], "i int, name string")
    rows = df.select("i", tsp.resolve("name", at="1985").alias("m")).orderBy("i").collect()
    want = toponym.resolve_many(NAMES, at="1985")
    for row, w in zip(rows, want):
        if w is None:
            assert row.m is None, row
        else:
            assert (row.m.id, row.m.name, row.m.method, row.m.score) == (
                w.id, w.name, w.method, w.score), row
            assert (row.m.lat, row.m.lon) == (w.lat, w.lon)
    # and against the CLI, where it is built
    cli = os.environ.get("TOPONYM_BIN") or shutil.which("toponym")
    if cli:
        asked = [n for n in NAMES if n is not None]
        out = subprocess.run([cli, "resolve", "--at", "1985", "--format", "jsonl", *asked],
                             capture_output=True, text=True, check=False).stdout.splitlines()
        by_name = {n: json.loads(line)["match"] for n, line in zip(asked, out)}
        for row, name in zip(rows, NAMES):
            if name is not None:
                want = by_name[name]
                assert (row.m.id if row.m else None) == (want["id"] if want else None), name
                if want:
                    assert (row.m.name, row.m.method) == (want["name"], want["method"]), name
    # a Column works as well as a name; options are checked before any job
    assert df.select(tsp.resolve(df.name, country="AM")).count() == len(NAMES)
    with pytest.raises(ValueError):
        tsp.resolve("name", country="ARM")


def test_tag_column(spark):
    from toponym import spark as tsp

    df = spark.createDataFrame([(i, t) for i, t in enumerate(TEXTS)], "i int, text string")
    rows = df.select("i", "text", tsp.tag("text").alias("places")).orderBy("i").collect()
    want = toponym.tag_many(TEXTS)
    for row, ms in zip(rows, want):
        assert [(p.start, p.end, p.text, p.id) for p in row.places] == [
            (m.start, m.end, m.text, m.id) for m in ms], row
        for p in row.places:
            assert row.text[p.start:p.end] == p.text
    cli = os.environ.get("TOPONYM_BIN") or shutil.which("toponym")
    if cli:
        for row in rows:
            if row.text:
                out = subprocess.run([cli, "tag"], input=row.text, capture_output=True, text=True,
                                     check=False).stdout.splitlines()
                assert [json.loads(line)["id"] for line in out] == [p.id for p in row.places]
