"""The Spark UDF on a local two-core session gives the CLI's scores (one session for the module)."""
import json
import sys

import pytest
from typer.testing import CliRunner

from conftest import PADDED, WIRE
from reliability.cli import app


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("reliability-test")
               .config("spark.pyspark.python", sys.executable)
               .config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()


def test_udf_scores_equal_the_cli(spark, seed_files, write_jsonl):
    from reliability.spark import score_udf

    rows = [(f.name, f.read_text(encoding="utf-8")) for f in seed_files]
    rows += [("padded", PADDED), ("wire", WIRE * 3), ("short", "Too short to judge.")]
    path = write_jsonl([{"id": i, "text": t} for i, t in rows])
    cli = CliRunner().invoke(app, ["score", str(path), "-f", "jsonl"])
    expected = {r["id"]: (r["score"], r["verdict"]) for r in map(json.loads, cli.output.splitlines())}

    frame = spark.createDataFrame(rows + [("blank", " "), ("null", None)], "id string, text string")
    scored = frame.repartition(2).withColumn("r", score_udf()("text")).select("id", "r.*").collect()
    got = {row["id"]: (row["score"], row["verdict"]) for row in scored}

    assert {k: got[k] for k in expected} == expected
    assert got["blank"] == got["null"] == (None, "error")
    assert len({v for _, v in expected.values()}) > 1  # the texts do not all get one verdict


def test_score_series_keeps_the_series_index():
    pd = pytest.importorskip("pandas")
    from conftest import GOOD
    from reliability.spark import score_series

    frame = pd.DataFrame({"text": [GOOD, PADDED * 2, None]}, index=[7, 3, 5]).sort_index()
    scored = score_series(frame["text"])
    assert list(scored.index) == [3, 5, 7]
    assert scored.loc[7, "score"] > 70 > 30 > scored.loc[3, "score"]
    assert scored.loc[5, "verdict"] == "error"
