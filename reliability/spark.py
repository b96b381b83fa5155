"""Scoring a text column of a Spark DataFrame, for crawls too big for one machine.

`score_udf()` returns a pandas UDF; each Spark Python worker loads the model once and scores
every Arrow batch it is given with `Scorer.score_many`, so the scores are the CLI's.
Needs the `spark` extra (pyspark, pandas, pyarrow) and Java 17 or later.

    from pyspark.sql import SparkSession
    from reliability.spark import score_udf

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.createDataFrame([("a1", open("seeds/003_f1c5c56abde7dd31.txt").read())], ["id", "text"])
    df.withColumn("r", score_udf()("text")).select("id", "r.score", "r.verdict").show()
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd  # at module level: Spark reads the UDF's type hints from these globals

RESULT_SCHEMA = "score double, verdict string, words int"


def score_udf(model: str | Path | None = None, trust_model: bool = False):
    """A pandas UDF mapping a string column to a struct (score, verdict, words).

    Null or blank texts get a null score and the verdict "error", as the CLI reports them.
    """
    from pyspark.sql.functions import pandas_udf

    model_path = str(model) if model else None

    @pandas_udf(RESULT_SCHEMA)
    def reliability_score(texts: pd.Series) -> pd.DataFrame:
        return score_series(texts, model_path, trust_model)

    return reliability_score


def score_series(texts: pd.Series, model: str | None = None,
                 trust_model: bool = False) -> pd.DataFrame:
    """Score a pandas Series of texts; a DataFrame with columns score, verdict, words on the
    Series' index, so it lines up with the rows the texts came from (after a sort, say)."""
    from reliability.batching import cached_scorer

    readable = [isinstance(t, str) and bool(t.strip()) for t in texts]
    scored = iter(cached_scorer(model, trust_model).score_many(
        [t for t, ok in zip(texts, readable) if ok]))
    rows = [_row(next(scored)) if ok else (None, "error", 0) for ok in readable]
    return pd.DataFrame(rows, columns=["score", "verdict", "words"], index=texts.index).astype(
        {"score": "float64", "words": "int32"})


def _row(result) -> tuple:
    return result.score, result.verdict, result.words
