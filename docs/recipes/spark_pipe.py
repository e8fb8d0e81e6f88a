"""Spark's RDD.pipe over kpproc: each partition's lines (paths of records the executors can
read) go to one kpproc process on its standard input, and each line it writes (one JSON
document) comes back as an element of the RDD. Errors go to the executor's standard error;
a document that fails is left out, and the others are kept.

    spark-submit docs/recipes/spark_pipe.py paths.txt out/
"""
import json
import sys

# What each partition runs: paths in (--inputs-from -), NDJSON out.
KPPROC_COMMAND = ["kpproc", "run", "-q", "--inputs-from", "-", "--chain", "auto ! entities ! json"]


def main(paths_file, output_dir):
    from pyspark.sql import SparkSession  # Spark is needed only here

    spark = SparkSession.builder.appName("kpproc").getOrCreate()
    paths = spark.sparkContext.textFile(paths_file, minPartitions=64)
    documents = paths.pipe(KPPROC_COMMAND).map(json.loads)
    # For example: each meeting's body, date and number of items.
    summary = documents.map(lambda d: {
        "path": d["source"]["path"],
        "body": d["meeting"]["body"],
        "date": d["meeting"]["date"],
        "items": len(d["items"]),
    })
    summary.map(json.dumps).saveAsTextFile(output_dir)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
