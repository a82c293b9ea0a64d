"""Folio on a real Spark cluster, on this machine: a standalone master and workers, each its
own JVM bound to loopback, the wheel shipped to the executors as a packed Python environment,
``scripts/folio-spark.py`` submitted to them, the output checked against ``folio`` on the same
files, and the cluster stopped.

    target/python-venv/bin/python scripts/spark-cluster.py INPUT OUTPUT
        [--workers 2] [--kill-executor] [--keep-env]

INPUT is a folder. ``--kill-executor`` kills one executor's JVM (SIGKILL, by its process id)
as soon as the job's first stage has written its output, as a machine lost mid-job would: the
job must finish and its output still equal ``folio``'s. Exits 0 only if it does; prints what
it did (ports, process ids, the executor killed, the stages retried) on stderr.

Needs ``scripts/python.sh`` done (the project's venv with pyspark and the wheel installed,
``target/wheels``, ``target/release/folio``). The packed environment (the wheel, pyarrow and
pandas in a venv of their own, packed with venv-pack) is built once into
``target/spark-env/folio-env.tar.gz`` and rebuilt when the wheel changes.
"""

import argparse
import glob
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "python-venv")
PACKED = os.path.join(ROOT, "target", "spark-env")
LOOPBACK = "127.0.0.1"


def say(*words):
    print("spark-cluster:", *words, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def spark_home():
    import pyspark

    return os.path.dirname(pyspark.__file__)


def packed_env():
    """The wheel, pyarrow and pandas in a venv of their own, packed for ``--archives``: what
    an executor's Python needs (pyspark itself comes from the worker's Spark)."""
    wheels = glob.glob(os.path.join(ROOT, "target", "wheels", "folio_news-*.whl"))
    if len(wheels) != 1:
        raise SystemExit("spark-cluster: build the wheel first (scripts/python.sh --build)")
    wheel = wheels[0]
    with open(wheel, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest()[:16]
    out = os.path.join(PACKED, "folio-env.tar.gz")
    stamp_file = os.path.join(PACKED, "wheel.sha256")
    if os.path.exists(out) and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return out
    say("packing the executors' Python environment (once per wheel)")
    env = os.path.join(PACKED, "venv")
    shutil.rmtree(PACKED, ignore_errors=True)
    os.makedirs(PACKED)
    subprocess.run([sys.executable, "-m", "venv", "--copies", env], check=True)
    pip = [os.path.join(env, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + ["pyarrow==18.1.0", "pandas==2.2.3", wheel], check=True)
    subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check",
                    "venv-pack==0.2.0"], check=True)
    subprocess.run([os.path.join(VENV, "bin", "venv-pack"), "-p", env, "-o", out, "-q"], check=True)
    shutil.rmtree(env)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return out


def get_json(url, timeout=2):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def wait_for(what, check, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except (OSError, ValueError):  # not listening yet, or not answering JSON yet
            pass
        time.sleep(0.5)
    raise SystemExit(f"spark-cluster: gave up waiting for {what}")


class Cluster:
    """A standalone master and ``workers`` workers (one core each), every one a JVM of its own
    on loopback; stopped (with their executors) on exit."""

    def __init__(self, workers, logs):
        self.home = spark_home()
        self.env = dict(os.environ, SPARK_HOME=self.home, SPARK_LOCAL_IP=LOOPBACK,
                        SPARK_LOG_DIR=logs, PYSPARK_PYTHON=os.path.join(VENV, "bin", "python"))
        self.logs = logs
        self.port, self.ui = free_port(), free_port()
        self.url = f"spark://{LOOPBACK}:{self.port}"
        self.procs = []
        self.start("master", "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                   "--port", str(self.port), "--webui-port", str(self.ui))
        wait_for("the master", lambda: get_json(f"http://{LOOPBACK}:{self.ui}/json/")["status"] == "ALIVE")
        for k in range(workers):
            work = os.path.join(logs, f"worker-{k}")
            os.makedirs(work, exist_ok=True)
            self.start(f"worker-{k}", "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                       "--cores", "1", "--memory", "3g", "--webui-port", str(free_port()),
                       "--work-dir", work, self.url)
        wait_for(f"{workers} workers", lambda: sum(
            w["state"] == "ALIVE" for w in get_json(f"http://{LOOPBACK}:{self.ui}/json/")["workers"]) == workers)
        say(f"master {self.url} (pid {self.procs[0].pid}), workers",
            ", ".join(str(p.pid) for p in self.procs[1:]))

    def start(self, name, main, *args):
        log = open(os.path.join(self.logs, f"{name}.log"), "w")
        cmd = [os.path.join(self.home, "bin", "spark-class"), main, *args]
        # A process group of its own: stopping it stops the JVM and whatever it started.
        self.procs.append(subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True))

    def stop(self):
        for p in reversed(self.procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        for pid in executors(self.logs):
            os.kill(pid, signal.SIGKILL)


def executors(within):
    """Process ids of the executor JVMs of the cluster whose workers work under ``within``: a
    worker starts each executor in a folder of its work dir, so the executor's working
    directory says whose it is. (An application id does not: two standalone masters started in
    the same second give their first applications the same id, and another cluster on this
    machine, another test run, say, must not lose an executor to this one.)"""
    within = os.path.realpath(within) + os.sep
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
            cwd = os.path.realpath(os.readlink(f"/proc/{pid}/cwd")) + os.sep
        except OSError:
            continue
        if b"org.apache.spark.executor.CoarseGrainedExecutorBackend" in cmd and cwd.startswith(within):
            found.append(int(pid))
    return sorted(found)


def kill_after_first_stage(ui, proc, cluster):
    """Waits until the job's first stage has written its output, then kills one executor JVM;
    answers what it did."""
    base = f"http://{LOOPBACK}:{ui}/api/v1/applications"
    app = None
    while proc.poll() is None:
        try:
            apps = get_json(base)
            app = apps[0]["id"] if apps else None
            if app:
                done = get_json(f"{base}/{app}/stages?status=complete")
                if any(s.get("shuffleWriteBytes", 0) > 0 or s.get("outputBytes", 0) > 0 for s in done):
                    pids = executors(cluster.logs)
                    if pids:
                        os.kill(pids[0], signal.SIGKILL)
                        stage = min(s["stageId"] for s in done)
                        say(f"killed executor JVM {pids[0]} of {app} after stage {stage} completed")
                        return {"app": app, "pid": pids[0], "after_stage": stage}
        except (OSError, ValueError):  # the driver's UI not up yet, or not answering JSON yet
            pass
        time.sleep(0.2)
    return None


def losses(driver_log):
    """The lines of the driver's log that say an executor was lost and work was done again."""
    with open(driver_log, encoding="utf-8", errors="replace") as f:
        return [line.strip() for line in f
                if "Lost executor" in line or "Resubmitt" in line or "FetchFailed" in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-executor", action="store_true")
    args = parser.parse_args()

    archive = packed_env()
    logs = tempfile.mkdtemp(prefix="folio-cluster-")
    cluster = Cluster(args.workers, logs)
    killed = None
    try:
        ui = free_port()
        python = os.path.join(VENV, "bin", "python")
        submit = [
            os.path.join(cluster.home, "bin", "spark-submit"),
            "--master", cluster.url, "--deploy-mode", "client",
            "--archives", f"{archive}#env",
            "--conf", "spark.pyspark.python=./env/bin/python",
            "--conf", f"spark.pyspark.driver.python={python}",
            "--conf", f"spark.driver.host={LOOPBACK}", "--conf", f"spark.driver.bindAddress={LOOPBACK}",
            "--conf", f"spark.ui.port={ui}", "--conf", "spark.ui.retainedStages=10000",
            "--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=2g",
            "--conf", "spark.driver.memory=3g",
            "--conf", "spark.sql.shuffle.partitions=8",
            "--conf", "spark.ui.showConsoleProgress=false",
            os.path.join(ROOT, "scripts", "folio-spark.py"), args.input, args.output, "--collection",
        ]
        env = dict(cluster.env, PYSPARK_DRIVER_PYTHON=python)
        log = open(os.path.join(logs, "driver.log"), "w")
        started = time.time()
        proc = subprocess.Popen(submit, env=env, stdout=log, stderr=subprocess.STDOUT)
        if args.kill_executor:
            killed = kill_after_first_stage(ui, proc, cluster)
            if killed is None:
                raise SystemExit("spark-cluster: the job ended before an executor could be killed")
        rc = proc.wait()
        seconds = time.time() - started
        if rc != 0:
            with open(os.path.join(logs, "driver.log")) as f:
                sys.stderr.write(f.read()[-4000:])
            raise SystemExit(f"spark-cluster: the job failed ({rc}); logs in {logs}")
        say(f"the job took {seconds:.1f} s on {args.workers} workers")
        lost = losses(os.path.join(logs, "driver.log"))
        if killed:
            if not lost:
                raise SystemExit("spark-cluster: the driver never noticed the executor killed")
            say(f"the driver noticed: {lost[0][:200]}")
            killed["driver_said"] = len(lost)
    finally:
        cluster.stop()

    # The output against folio's on the same files, in reading order.
    files = sorted(os.path.join(args.input, n) for n in os.listdir(args.input))
    want = json.loads(subprocess.run([os.path.join(ROOT, "target", "release", "folio"), *files],
                                     capture_output=True, check=True).stdout)
    with open(os.path.join(args.output, "collection.json"), encoding="utf-8") as f:
        got = json.load(f)
    if got != want:
        for i, (g, w) in enumerate(zip(got["articles"], want["articles"])):
            if g != w:
                say(f"article {i} differs: {w['title']['text']!r}")
                break
        raise SystemExit(f"spark-cluster: the output differs from folio's ({len(got['articles'])} articles "
                         f"against {len(want['articles'])}); logs in {logs}")
    # The executors wrote the Parquet tables: one row an article there too.
    import pyarrow.parquet as pq

    rows = pq.read_table(os.path.join(args.output, "articles")).num_rows
    if rows != len(want["articles"]):
        raise SystemExit(f"spark-cluster: the Parquet table holds {rows} articles, folio {len(want['articles'])}")
    report = {"articles": len(got["articles"]), "seconds": round(seconds, 1), "workers": args.workers,
              "killed": killed}
    with open(os.path.join(args.output, "cluster.json"), "w") as f:
        json.dump(report, f)
    say(f"equal to folio: {len(got['articles'])} articles" + (
        f"; executor {killed['pid']} was killed after stage {killed['after_stage']}" if killed else ""))
    shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
