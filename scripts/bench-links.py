"""The driver's share of Folio's Spark job: the link step (star edges from a groupBy of keys,
one union-find on the driver) on generated keys, and the memory it takes on the driver.

    target/python-venv/bin/python scripts/bench-links.py [MILLIONS...]     (default: 0.25 1; scripts/bench.sh links)

For each size, N articles get 17 keys each as the job's sign stage gives them (one exact-text
key, 16 LSH band keys), generated in Spark so no text is needed: a fifth of the articles are
exact copies of another and a fifth share their band keys with another (near copies). The
step is `folio.spark._components`, as `pipeline` calls it. Printed: the components found, the
time, and the driver's (this Python process's) peak resident memory above what it
held before the step, per million articles. (In local mode the driver's JVM also runs the
tasks, so its heap is not the driver's share alone and is not counted.)
"""

import os
import sys
import time

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from folio.spark import _components  # noqa: E402


def rss(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def keys(spark, n):
    """(exact, key, id) rows: 17 an article."""
    ids = spark.range(n)
    # A fifth are exact copies of the article before them; another fifth near copies of the
    # article two before, sharing every band key with it.
    text = F.when(F.col("id") % 5 == 1, F.col("id") - 1).otherwise(F.col("id"))
    near = F.when(F.col("id") % 5 == 2, F.col("id") - 2).otherwise(text)
    exact = ids.select(F.lit(True).alias("exact"), F.xxhash64(F.lit("text"), text).alias("key"), "id")
    bands = ids.select(F.explode(F.sequence(F.lit(0), F.lit(15))).alias("band"), "id", near.alias("near")).select(
        F.lit(False).alias("exact"), F.xxhash64(F.col("band"), F.col("near")).alias("key"), "id")
    return exact.unionByName(bands)


def main():
    sizes = [float(a) for a in sys.argv[1:]] or [0.25, 1.0]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("folio-links")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "6g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print("articles    components    time     driver's peak above its start   per million articles")
    for millions in sizes:
        n = int(millions * 1_000_000)
        linked = keys(spark, n).persist()
        linked.count()
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the present
        before = rss("VmRSS")
        t0 = time.perf_counter()
        component, components, sizes_, big, copies = _components(spark, linked, n, 100_000)
        seconds = time.perf_counter() - t0
        peak = rss("VmHWM") - before
        count = int((sizes_ > 0).sum())
        print(f"{n:>10,}   {count:>10,}   {seconds:5.1f} s   {peak / 1e6:8.1f} MB"
              f"                     {peak / 1e6 / millions:8.1f} MB")
        linked.unpersist()
        del component, components, sizes_
    spark.stop()


if __name__ == "__main__":
    main()
