"""Folio on a standalone Spark cluster (scripts/spark-cluster.py): a master and two workers,
each a JVM of its own on loopback, the wheel shipped to the executors as a packed environment,
the job's output equal to `folio`'s on the samples and on 20,000 generated articles, and again
when one executor's JVM is killed after the job's first stage has written its output."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from test_folio import ROOT
from test_spark import generated, samples

SCRIPT = os.path.join(ROOT, "scripts", "spark-cluster.py")


def on_the_cluster(folder, out, *flags):
    """Runs the cluster script; returns its report (cluster.json) and what it said."""
    run = subprocess.run([sys.executable, SCRIPT, folder, out, *flags], capture_output=True, text=True,
                         timeout=1800)
    if run.returncode != 0:
        raise AssertionError(f"spark-cluster.py failed ({run.returncode}):\n{run.stderr[-6000:]}")
    with open(os.path.join(out, "cluster.json")) as f:
        return json.load(f), run.stderr


class Cluster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="folio-cluster-test-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_the_samples_on_two_workers(self):
        folder = samples(os.path.join(self.dir, "samples"))
        report, said = on_the_cluster(folder, os.path.join(self.dir, "samples-out"))
        self.assertIn("equal to folio", said)
        self.assertEqual(report["workers"], 2)
        self.assertGreater(report["articles"], 10)

    def test_twenty_thousand_articles_with_an_executor_killed_midway(self):
        folder = os.path.join(self.dir, "generated")
        os.makedirs(folder)
        generated(folder, 20_000, 40)
        report, said = on_the_cluster(folder, os.path.join(self.dir, "generated-out"), "--kill-executor")
        # The script checked the output against folio's; here: that an executor really died
        # mid-job and the driver saw it and did the lost work again.
        self.assertIsNotNone(report["killed"], said)
        self.assertGreater(report["killed"]["driver_said"], 0, said)
        self.assertGreater(report["articles"], 10_000)


if __name__ == "__main__":
    unittest.main()
