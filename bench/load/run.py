#!/usr/bin/env python3
"""Load test: how many concurrent OA users one machine serves at p95 < 1 s.

    python3 bench/load/run.py -d oa [--steps 20,40,60,80,...] [--duration 60]
        [--modes threaded,prefork,replica]

Works on a copy of database ``-d`` (with the suite and demo data, as
``make run`` makes it) and its filestore, dropped at the end.  Demo users get
a known password and their first-login change done in the copy.  Modes:

- ``threaded``: one Odoo process (``workers = 0``, what ``make run`` serves);
- ``prefork``: Odoo's workers behind nginx (tools/run_serve.py, what
  ``make serve`` and the Docker production profile serve);
- ``replica``: the prefork layout on a primary and a streaming standby of
  its own (two throwaway PostgreSQL clusters on this machine), Odoo sending
  the read-only requests to the standby (``--db_replica_host``).

Each mode runs Locust (its own virtual environment, bench/load/.venv)
headless against 127.0.0.1 only, at each step of simulated users: they log
in (at most 3 per second), then, 10 s after the last one has logged in, the
statistics start and ``--duration`` seconds of steady work are measured (the
logins themselves are the morning burst's figure).  It stops at the first
step that misses the target (p95 >= 1 s or any error), and prints for each
step the server's CPU per request (Odoo and nginx, PostgreSQL: their
processes' CPU time over the window ÷ the requests served), the share of the
cores busy (and, apart, the share Locust itself took of them), with a replica
the share of transactions the standby served;
per request kind, count, p50, p95, p99 and errors at the largest passing
step; and the figure per mode:

    prefork: M users at p95 < 1 s, M/cores per core  CPU/request …

Then the morning burst: ``--burst`` logins within a minute on the prefork
layout, every one answered without error and, with the assessment addon,
recorded as exactly one visit (``--burst -1``: none).
"""

import argparse
import atexit
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tools"))
from oa_paths import repo_addons_path  # noqa: E402
from run_serve import Layout, auto_workers, odoo_bin, wait_http  # noqa: E402
from run_tests import (  # noqa: E402
    free_port,
    odoo_addons_path,
    pg_bin,
    start_cluster,
)

PASSWORD = "Oa@Load-2026"
TARGET_P95_MS = 1000


def out(line=""):
    print(line, flush=True)


def tree_cpu(pids):
    """CPU seconds used so far by these processes, their live descendants and
    the children they have reaped (PostgreSQL's backends, Odoo's recycled
    workers): user + system, children included."""
    total, seen = 0.0, set()
    for pid in pids:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for proc in procs:
            if proc.pid in seen:
                continue
            seen.add(proc.pid)
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
            total += times.children_user + times.children_system
    return total


def postmaster_pid(port):
    """The PostgreSQL server listening on 127.0.0.1:``port``."""
    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == int(port):
            return conn.pid
    raise SystemExit(f"no PostgreSQL server found listening on port {port}")


class CpuMeter:
    """CPU of the server side (Odoo + nginx, PostgreSQL) over a window, and
    of the load generator (Locust, on the same cores: what it takes is not
    the server's to use)."""

    def __init__(self, odoo_pids, pg_pids):
        self.odoo_pids, self.pg_pids = odoo_pids, pg_pids
        self.load_pids = []
        self.start = self.end = None

    def sample(self):
        return (
            time.monotonic(),
            tree_cpu(self.odoo_pids),
            tree_cpu(self.pg_pids),
            tree_cpu(self.load_pids),
        )

    def figures(self, requests):
        (t0, odoo0, pg0, load0), (t1, odoo1, pg1, load1) = self.start, self.end
        wall, odoo, pg = t1 - t0, odoo1 - odoo0, pg1 - pg0
        per = 1000.0 / max(requests, 1)
        cores = os.cpu_count() or 1
        return {
            "odoo_ms": odoo * per,
            "pg_ms": pg * per,
            "cpu_ms": (odoo + pg) * per,
            "busy": (odoo + pg) / wall / cores,
            "load_busy": (load1 - load0) / wall / cores,
        }


def locust_python():
    env_dir = HERE / ".venv"
    python = env_dir / "bin" / "python"
    if not python.exists():
        out(f"creating {env_dir} with Locust (its own environment)")
        venv.EnvBuilder(with_pip=True).create(env_dir)
    check = subprocess.run([python, "-c", "import locust"], capture_output=True)
    if check.returncode:
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "-r", HERE / "requirements.txt"],
            check=True,
        )
    return python


def connection():
    return (
        os.environ.get("PGHOST", "127.0.0.1"),
        os.environ.get("PGPORT", "5432"),
        os.environ.get("PGUSER", "oa"),
    )


def copy_database(source, target, data_dir):
    host, port, user = connection()
    base = [pg_bin("dropdb"), "-h", host, "-p", port, "-U", user, "--if-exists"]
    subprocess.run([*base, target], check=True)
    subprocess.run(
        [pg_bin("createdb"), "-h", host, "-p", port, "-U", user, "-T", source, target],
        check=True,
    )
    filestore = Path(data_dir) / "filestore"
    if (filestore / source).exists():
        shutil.rmtree(filestore / target, ignore_errors=True)
        shutil.copytree(filestore / source, filestore / target)


def drop_database(db, data_dir):
    host, port, user = connection()
    subprocess.run(
        [pg_bin("dropdb"), "-h", host, "-p", port, "-U", user, "--if-exists", db],
        check=False,
    )
    shutil.rmtree(Path(data_dir) / "filestore" / db, ignore_errors=True)


def odoo_options(db, data_dir):
    host, port, user = connection()
    return [
        "--db_host",
        host,
        "--db_port",
        port,
        "-r",
        user,
        "-D",
        data_dir,
        f"--addons-path={repo_addons_path()},{odoo_addons_path()}",
        "-d",
        db,
    ]


def prepare_users(options, count):
    """Demo OA users with a known password and the first-login change done;
    returns [[login, password], ...]."""
    script = f"""
import json, sys, odoo
from odoo.tools import config
config.parse_config(sys.argv[1:], setup_logging=False)
from odoo.modules.registry import Registry
with Registry(config["db_name"]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{}})
    users = env["res.users"].search(
        [("share", "=", False), ("oa_unit_id", "!=", False)], limit={count}
    )
    crypted = env["res.users"]._crypt_context().hash({PASSWORD!r})
    for user in users:
        user._set_encrypted_password(user.id, crypted)
    cr.execute(
        "UPDATE res_users SET oa_password_change_required = false, "
        "password_write_date = now() WHERE id IN %s",
        [tuple(users.ids)],
    )
    print(json.dumps(users.mapped("login")))
"""
    res = subprocess.run(
        [sys.executable, "-c", script, *options],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    logins = json.loads(res.stdout.strip().splitlines()[-1])
    return [[login, PASSWORD] for login in logins]


class Threaded:
    """One threaded Odoo process (workers = 0), as `make run` serves."""

    def __init__(self, options, log_dir):
        self.options, self.log_dir = options, log_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        self.proc = subprocess.Popen(
            [
                sys.executable,
                odoo_bin(),
                *self.options,
                "--workers=0",
                f"--http-port={self.port}",
                "--http-interface=127.0.0.1",
                f"--logfile={self.log_dir / 'odoo-threaded.log'}",
            ],
            cwd="/",
        )
        wait_http(f"{self.url}/web/health", proc=self.proc)
        return self

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def locust(python, url, db, users, count, rate, seconds, prefix, workdir, **opts):
    """Run Locust headless; returns the rows of its stats CSV.  With
    ``steady``, the statistics start once every simulated user has logged in
    and set up (the locustfile resets them then and says so in a file):
    ``seconds`` of steady work are measured from that moment, and ``cpu``
    (a CpuMeter) is sampled at both ends of that window; Locust is then
    stopped."""
    steady, cpu = opts.get("steady", False), opts.get("cpu")
    env = dict(os.environ, OA_LOAD_USERS=json.dumps(users), OA_LOAD_DB=db)
    ready = Path(f"{prefix}.ready")
    ready.unlink(missing_ok=True)
    if steady:
        env["OA_LOAD_READY_FILE"] = str(ready)
    limit = seconds + (600 if steady else 0)
    proc = subprocess.Popen(
        [
            python,
            "-m",
            "locust",
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(count),
            "-r",
            str(rate),
            "-t",
            f"{limit}s",
            "--stop-timeout",
            "10",
            "--host",
            url,
            "--csv",
            str(prefix),
        ],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if cpu:
        cpu.load_pids = [proc.pid]
    try:
        if steady:
            deadline = time.monotonic() + 600
            while not ready.exists() and proc.poll() is None:
                if time.monotonic() > deadline:
                    raise SystemExit(f"{count} users did not all log in in 10 minutes")
                time.sleep(0.2)
            if cpu:
                cpu.start = cpu.sample()
            time.sleep(seconds)
            if cpu:
                cpu.end = cpu.sample()
            proc.send_signal(signal.SIGTERM)  # Locust stops, writes its CSV
        proc.wait(timeout=limit + 300)
    finally:
        if proc.poll() is None:
            proc.kill()
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    if steady:
        # the simulated users whose login failed (502/504, no session):
        # errors of the step, said apart from the requests'
        failed = json.loads(ready.read_text()).get("failed_logins", 0)
        rows.append(
            {
                "Name": "failed logins",
                "Request Count": str(failed),
                "Failure Count": str(failed),
                **dict.fromkeys(("50%", "95%", "99%"), "-"),
            }
        )
    return rows


def run_step(python, url, db, users, count, duration, workdir, cpu=None):
    prefix = workdir / f"step-{count}"
    # the simulated users log in at most 3 per second (a password hash is
    # ~0.3 s of a core): the logins are the morning burst's figure, not the
    # steady work's
    rate = max(1, min(count // 10, 3))
    return locust(
        python,
        url,
        db,
        users,
        count,
        rate,
        duration,
        prefix,
        workdir,
        steady=True,
        cpu=cpu,
    )


def summary(rows):
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failed_logins = sum(
        int(row["Failure Count"]) for row in rows if row["Name"] == "failed logins"
    )
    return (
        int(total["Request Count"]),
        int(total["Failure Count"]) + failed_logins,
        float(total["95%"]),
    )


def print_rows(title, rows):
    out(f"  {title}")
    head = ("count", "p50 ms", "p95 ms", "p99 ms")
    out(f"  {'request':<22}" + "".join(f"{h:>9}" for h in head) + f"{'errors':>8}")
    for row in rows:
        if row["Request Count"] == "0":
            continue
        out(
            f"  {row['Name']:<22}{row['Request Count']:>9}{row['50%']:>9}"
            f"{row['95%']:>9}{row['99%']:>9}{row['Failure Count']:>8}"
        )


def server_pids(server):
    if isinstance(server, Threaded):
        return [server.proc.pid]
    return [proc.pid for proc in server.procs]


def measure(mode, server, python, db, users, steps, duration, workdir, pg_ports):
    """Steps of simulated users until the target is missed; returns the
    largest passing step and its figures."""
    best, best_rows, best_cpu = 0, None, None
    server.start()
    try:
        pg_pids = [postmaster_pid(port) for port in pg_ports]
        # Warm-up, not measured: registry caches, compiled assets, first logins.
        run_step(python, server.url, db, users, len(users), 20, workdir)
        for count in steps:
            cpu = CpuMeter(server_pids(server), pg_pids)
            before = server.counts() if hasattr(server, "counts") else None
            rows = run_step(
                python, server.url, db, users, count, duration, workdir, cpu
            )
            requests, failures, p95 = summary(rows)
            kinds = {row["Name"] for row in rows}
            if "document list" not in kinds:
                # the simulated users did not reach the OA tasks: a figure
                # made of to-do lists alone would mean nothing
                raise SystemExit(f"{mode}: no document was listed: {sorted(kinds)}")
            ok = failures == 0 and p95 < TARGET_P95_MS and requests > 0
            fig = cpu.figures(requests)
            if before is not None:
                fig["replica_share"] = server.share(before)
            share = (
                f"  replica {fig['replica_share']:.0%} of transactions"
                if "replica_share" in fig
                else ""
            )
            out(
                f"{mode:>9}: {count:>4} users  {requests:>6} requests  "
                f"p95 {p95:>6.0f} ms  errors {failures}  "
                f"CPU/request {fig['cpu_ms']:5.1f} ms (Odoo {fig['odoo_ms']:.1f}, "
                f"PostgreSQL {fig['pg_ms']:.1f})  cores busy {fig['busy']:.0%}"
                f" (+ Locust {fig['load_busy']:.0%}){share}  {'ok' if ok else 'MISSED'}"
            )
            if not ok:
                break
            best, best_rows, best_cpu = count, rows, fig
    finally:
        server.stop()
    if best_rows:
        print_rows(f"{mode} at {best} users:", best_rows)
    return best, best_cpu


class ReplicaLayout:
    """The prefork layout on a primary and a streaming standby of its own
    (two throwaway clusters on this machine): Odoo sends the read-only
    requests (``@api.readonly`` methods, ``readonly`` routes) to the standby
    (``--db_replica_host``/``--db_replica_port``)."""

    def __init__(self, source, db, data_dir, workers, log_dir):
        self.source, self.db, self.data_dir = source, db, data_dir
        self.workers, self.log_dir = workers, Path(log_dir)
        self.tmp = Path(tempfile.mkdtemp(prefix="oa-replica-"))
        self.ports = [free_port(), free_port()]
        self.layout = None

    def _as_postgres(self):
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def prepare(self):
        """Both clusters, the database copied to the primary, the standby
        streaming from it."""
        primary, standby = self.ports
        if os.geteuid() == 0:
            shutil.chown(self.tmp, "postgres")
        atexit.register(shutil.rmtree, self.tmp, ignore_errors=True)
        start_cluster(self.tmp / "primary", primary, keep=True)
        host, port, user = connection()
        admin = ["-h", "127.0.0.1", "-p", str(primary), "-U", "postgres"]
        subprocess.run(
            [pg_bin("psql"), *admin, "-qc", f'CREATE ROLE "{user}" LOGIN SUPERUSER'],
            check=True,
        )
        subprocess.run(
            [pg_bin("createdb"), *admin, "-O", user, self.db],
            check=True,
        )
        dump = subprocess.Popen(
            [pg_bin("pg_dump"), "-h", host, "-p", port, "-U", user, "-Fc", self.source],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            [pg_bin("pg_restore"), *admin, "-d", self.db, "--no-owner"],
            stdin=dump.stdout,
            check=True,
        )
        dump.wait()
        filestore = Path(self.data_dir) / "filestore"
        if self.source != self.db and (filestore / self.source).exists():
            shutil.rmtree(filestore / self.db, ignore_errors=True)
            shutil.copytree(filestore / self.source, filestore / self.db)
        subprocess.run(
            [
                *self._as_postgres(),
                pg_bin("pg_basebackup"),
                *admin,
                "-D",
                str(self.tmp / "standby"),
                "-R",
                "-X",
                "stream",
            ],
            check=True,
        )
        start_cluster(self.tmp / "standby", standby, keep=True)
        # stopped at exit by start_cluster, then removed (registered first:
        # runs last)
        return self

    @property
    def url(self):
        return self.layout.url

    @property
    def procs(self):
        return self.layout.procs

    def start(self):
        primary, standby = self.ports
        _host, _port, user = connection()
        options = [
            "--db_host",
            "127.0.0.1",
            "--db_port",
            str(primary),
            "--db_replica_host",
            "127.0.0.1",
            "--db_replica_port",
            str(standby),
            "-r",
            user,
            "-D",
            self.data_dir,
            f"--addons-path={repo_addons_path()},{odoo_addons_path()}",
            "-d",
            self.db,
        ]
        self.layout = Layout(
            options, self.db, nodes=1, workers=self.workers, log_dir=self.log_dir
        )
        self.layout.start()
        return self

    def stop(self):
        self.layout.stop()

    def _transactions(self, port):
        _host, _port, user = connection()
        res = subprocess.run(
            [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", user]
            + ["-d", "postgres", "-tAc"]
            + [
                "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                f"WHERE datname = '{self.db}'"
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(res.stdout.strip() or 0)

    def counts(self):
        return [self._transactions(port) for port in self.ports]

    def share(self, before):
        after = self.counts()
        primary, standby = (a - b for a, b in zip(after, before, strict=True))
        return standby / max(primary + standby, 1)


def sql_value(db, query):
    host, port, user = connection()
    res = subprocess.run(
        [pg_bin("psql"), "-h", host, "-p", port, "-U", user, "-d", db, "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return res.stdout.strip()


def burst(python, url, db, users, count, workdir):
    """`count` users log in within one minute (spawn rate count/60 per s);
    with the assessment addon, each login must be one visit, no more."""
    has_visits = sql_value(db, "SELECT to_regclass('oa_visit') IS NOT NULL") == "t"
    since = sql_value(db, "SELECT now() AT TIME ZONE 'UTC'")
    rate = f"{count / 60:.2f}"
    rows = locust(python, url, db, users, count, rate, 75, workdir / "burst", workdir)
    login = next((row for row in rows if row["Name"] == "login"), {})
    logins = int(login.get("Request Count", 0))
    failed = int(login.get("Failure Count", 0))
    out(
        f"morning burst: {logins} logins in 60 s, "
        f"p95 {login.get('95%', '-')} ms, errors {failed}"
    )
    if has_visits:
        visits = int(
            sql_value(
                db,
                "SELECT count(*) FROM oa_visit "
                f"WHERE kind = 'login' AND datetime >= '{since}'",
            )
        )
        verdict = "exactly once each" if visits == logins - failed else "MISMATCH"
        out(f"visits recorded for the burst's logins: {visits} ({verdict})")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--db", default="oa")
    parser.add_argument("--steps", default="20,40,60,80,100,120,160,200,240,320")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--users", type=int, default=60, help="distinct demo logins")
    parser.add_argument("--workers", default="auto")
    parser.add_argument(
        "--modes",
        default="threaded,prefork",
        help="threaded, prefork, replica (prefork on a primary + streaming standby)",
    )
    parser.add_argument("--burst", type=int, default=0, help="0: the prefork figure")
    opts = parser.parse_args()
    steps = [int(step) for step in opts.steps.split(",")]
    modes = opts.modes.split(",")
    workers = auto_workers() if opts.workers == "auto" else int(opts.workers)
    data_dir = os.environ.get("ODOO_DATA_DIR", str(Path.home() / ".local/share/Odoo"))

    python = locust_python()
    db = f"{opts.db}_load"
    workdir = Path(tempfile.mkdtemp(prefix="oa-load-"))
    out(f"copying {opts.db} to {db}; results in {workdir}")
    copy_database(opts.db, db, data_dir)
    results = {}
    try:
        options = odoo_options(db, data_dir)
        users = prepare_users(options, opts.users)
        out(
            f"{len(users)} demo users, {os.cpu_count()} cores, "
            f"prefork {workers} workers"
        )
        started = time.monotonic()
        _host, pg_port, _user = connection()
        for mode in modes:
            if mode == "threaded":
                server, ports = Threaded(options, workdir), [pg_port]
            elif mode == "prefork":
                server = Layout(options, db, nodes=1, workers=workers, log_dir=workdir)
                ports = [pg_port]
            elif mode == "replica":
                # the prepared users (passwords) are in the copy: it is the source
                server = ReplicaLayout(db, db, data_dir, workers, workdir).prepare()
                ports = server.ports
            else:
                raise SystemExit(f"unknown mode {mode}")
            results[mode] = measure(
                mode, server, python, db, users, steps, opts.duration, workdir, ports
            )
        out(f"summary on {os.cpu_count()} cores ({time.monotonic() - started:.0f} s):")
        for mode, (best, fig) in results.items():
            per_core = best / (os.cpu_count() or 1)
            extra = ""
            if fig:
                extra = (
                    f"  CPU/request {fig['cpu_ms']:.1f} ms (Odoo {fig['odoo_ms']:.1f},"
                    f" PostgreSQL {fig['pg_ms']:.1f})"
                )
                if "replica_share" in fig:
                    extra += f"  replica {fig['replica_share']:.0%}"
            out(f"  {mode:>9}: {best} users at p95 < 1 s, {per_core:.0f}/core{extra}")
        if "prefork" in results and opts.burst >= 0:
            prefork = opts.burst or results["prefork"][0]
            if prefork:
                layout = Layout(options, db, nodes=1, workers=workers, log_dir=workdir)
                layout.start()
                try:
                    burst(python, layout.url, db, users, prefork, workdir)
                finally:
                    layout.stop()
    finally:
        drop_database(db, data_dir)


if __name__ == "__main__":
    main()
