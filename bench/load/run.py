#!/usr/bin/env python3
"""Load test: how many concurrent OA users one machine serves at p95 < 1 s.

    python3 bench/load/run.py -d oa [--steps 20,40,60,80,...] [--duration 60]

Works on a copy of database ``-d`` (with the suite and demo data, as
``make run`` makes it) and its filestore, dropped at the end.  Demo users get
a known password and their first-login change done in the copy.  For each
mode -- Odoo threaded (``workers = 0``, what ``make run`` serves) and Odoo
prefork behind nginx (tools/run_serve.py, what ``make serve`` and the Docker
production profile serve) -- it runs Locust (its own virtual environment,
bench/load/.venv) headless against 127.0.0.1 only, at each step of simulated
users: they log in (ten per cent of them per second), then work for
``--duration`` seconds, measured from the moment the last one has logged in
(the logins themselves are the morning burst's figure); it stops at the first
step that misses the target (p95 >= 1 s or any error).  It prints, per
request kind, count, p50, p95, p99 and errors at the largest passing step, and
the figure:

    max users at p95 < 1 s and 0 errors: threaded N, prefork M (M/N x)

Then the morning burst: ``--burst`` logins within a minute on the prefork
layout, every one answered without error and, with the assessment addon,
recorded as exactly one visit.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tools"))
from oa_paths import repo_addons_path  # noqa: E402
from run_serve import Layout, auto_workers, odoo_bin, wait_http  # noqa: E402
from run_tests import free_port, odoo_addons_path, pg_bin  # noqa: E402

PASSWORD = "Oa@Load-2026"
TARGET_P95_MS = 1000


def out(line=""):
    print(line, flush=True)


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


def locust(python, url, db, users, count, rate, seconds, prefix, workdir, reset=False):
    """Run Locust headless; returns the rows of its stats CSV.  With
    ``reset``, the statistics start once every user has been spawned (logged
    in): ``seconds`` of steady work are measured after the ramp."""
    extra = ["--reset-stats"] if reset else []
    if reset:
        seconds += int(count / float(rate)) + 1
    env = dict(os.environ, OA_LOAD_USERS=json.dumps(users), OA_LOAD_DB=db)
    subprocess.run(
        [
            python,
            "-m",
            "locust",
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            *extra,
            "-u",
            str(count),
            "-r",
            str(rate),
            "-t",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            url,
            "--csv",
            str(prefix),
        ],
        env=env,
        cwd=workdir,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 300,
    )
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def run_step(python, url, db, users, count, duration, workdir):
    prefix = workdir / f"step-{count}"
    rate = max(1, count // 10)
    return locust(
        python, url, db, users, count, rate, duration, prefix, workdir, reset=True
    )


def summary(rows):
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return int(total["Request Count"]), int(total["Failure Count"]), float(total["95%"])


def print_rows(title, rows):
    out(f"  {title}")
    head = ("count", "p50 ms", "p95 ms", "p99 ms")
    out(f"  {'request':<22}" + "".join(f"{h:>9}" for h in head) + f"{'errors':>8}")
    for row in rows:
        out(
            f"  {row['Name']:<22}{row['Request Count']:>9}{row['50%']:>9}"
            f"{row['95%']:>9}{row['99%']:>9}{row['Failure Count']:>8}"
        )


def measure(mode, server, python, db, users, steps, duration, workdir):
    best, best_rows = 0, None
    server.start()
    try:
        # Warm-up, not measured: registry caches, compiled assets, first logins.
        run_step(python, server.url, db, users, len(users), 20, workdir)
        for count in steps:
            rows = run_step(python, server.url, db, users, count, duration, workdir)
            requests, failures, p95 = summary(rows)
            kinds = {row["Name"] for row in rows}
            if "document list" not in kinds:
                # the simulated users did not reach the OA tasks: a figure
                # made of to-do lists alone would mean nothing
                raise SystemExit(f"{mode}: no document was listed: {sorted(kinds)}")
            ok = failures == 0 and p95 < TARGET_P95_MS and requests > 0
            out(
                f"{mode:>9}: {count:>4} users  {requests:>6} requests  "
                f"p95 {p95:>6.0f} ms  errors {failures}  {'ok' if ok else 'MISSED'}"
            )
            if not ok:
                break
            best, best_rows = count, rows
    finally:
        server.stop()
    if best_rows:
        print_rows(f"{mode} at {best} users:", best_rows)
    return best


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
    parser.add_argument("--burst", type=int, default=0, help="0: the prefork figure")
    opts = parser.parse_args()
    steps = [int(step) for step in opts.steps.split(",")]
    workers = auto_workers() if opts.workers == "auto" else int(opts.workers)
    data_dir = os.environ.get("ODOO_DATA_DIR", str(Path.home() / ".local/share/Odoo"))

    python = locust_python()
    db = f"{opts.db}_load"
    workdir = Path(tempfile.mkdtemp(prefix="oa-load-"))
    out(f"copying {opts.db} to {db}; results in {workdir}")
    copy_database(opts.db, db, data_dir)
    try:
        options = odoo_options(db, data_dir)
        users = prepare_users(options, opts.users)
        out(
            f"{len(users)} demo users, {os.cpu_count()} cores, "
            f"prefork {workers} workers"
        )
        started = time.monotonic()
        threaded = measure(
            "threaded",
            Threaded(options, workdir),
            python,
            db,
            users,
            steps,
            opts.duration,
            workdir,
        )
        layout = Layout(options, db, nodes=1, workers=workers, log_dir=workdir)
        prefork = measure(
            "prefork", layout, python, db, users, steps, opts.duration, workdir
        )
        ratio = f"{prefork / threaded:.1f}x" if threaded else "n/a"
        out(
            f"max users at p95 < 1 s and 0 errors: threaded {threaded}, "
            f"prefork {prefork} ({ratio}) on {os.cpu_count()} cores "
            f"({time.monotonic() - started:.0f} s)"
        )
        if prefork:
            layout = Layout(options, db, nodes=1, workers=workers, log_dir=workdir)
            layout.start()
            try:
                burst(python, layout.url, db, users, opts.burst or prefork, workdir)
            finally:
                layout.stop()
    finally:
        drop_database(db, data_dir)


if __name__ == "__main__":
    main()
