"""Folio's pass on a Spark cluster (folio.spark; docs/past-one-machine.md):

    spark-submit --archives folio-env.tar.gz#env \
      --conf spark.pyspark.python=./env/bin/python scripts/folio-spark.py INPUT OUTPUT

writes OUTPUT/articles (JSON lines, one article each, in reading order) and
OUTPUT/collection.json (what `folio INPUT...` writes)."""

import sys

from folio.spark import main

if __name__ == "__main__":
    main(sys.argv)
