"""Folio's pass on a Spark cluster (folio.spark; docs/past-one-machine.md):

    spark-submit --archives folio-env.tar.gz#env \
      --conf spark.pyspark.python=./env/bin/python scripts/folio-spark.py INPUT OUTPUT [--collection]

writes the Parquet tables OUTPUT/articles, OUTPUT/sources, OUTPUT/removed and OUTPUT/entities
(from the executors; schema in docs/past-one-machine.md) and, with --collection,
OUTPUT/collection.json (what `folio INPUT...` writes, built on the driver)."""

import sys

from folio.spark import main

if __name__ == "__main__":
    main(sys.argv)
