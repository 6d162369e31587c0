#!/usr/bin/env python3
"""Run the whole test suite of the OA addons against a real PostgreSQL.

What ``make test`` does, step by step:

1. use Odoo 18.0 if ``python3`` imports it, else install it from upstream
   (``ODOO_SOURCE``, a git URL or a local tree) with its requirements;
2. install ``requirements.txt`` (pinned OCA addons and Python packages);
3. use PostgreSQL from the ``PG*`` variables or 127.0.0.1:5432, or start a
   throwaway cluster from the PostgreSQL binaries when nothing answers;
4. create a role for Odoo (Odoo refuses ``postgres``) and a fresh database;
5. install every ``oa_*`` addon with demo data and ``--test-enable``, running
   their at_install and post_install tests;
6. run the suite-level pytest tests in ``tests/`` against that database;
7. drop the database (and stop the throwaway cluster).

It fails on any failed, erroring or skipped test and on any ERROR or
CRITICAL log line (Odoo itself may exit 0 after a failed test), and ends with
the line ``N passed, N failed, N skipped``.
"""

import atexit
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oa_paths import (  # noqa: E402
    REPO,
    addon_names,
    repo_addons_path,
    test_addon_names,
)

DEFAULT_ODOO_SOURCE = "https://github.com/odoo/odoo.git"
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
RESULT_LINE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
SKIP_LINE = re.compile(r" INFO \S+ \S+: skipped ")


def say(msg):
    print(f"[make test] {msg}", flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def addons():
    return addon_names() + test_addon_names()


# ---- Odoo and Python requirements ----


def odoo_importable():
    probe = "import odoo.release as r, odoo.cli; print(r.major_version)"
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd="/"
    )
    return res.returncode == 0 and res.stdout.strip() == "18.0"


def is_odoo_tree(path):
    return (Path(path) / "odoo" / "release.py").exists()


def odoo_missing(reason):
    """Stop with what is missing and how to provide it (no traceback)."""
    sys.stderr.write(
        f"[{Path(sys.argv[0]).stem}] Odoo 18.0 cannot be imported by {sys.executable} "
        f"and {reason}.\n"
        "Provide an Odoo 18.0 source tree (a copy of the 18.0 branch) and run again:\n"
        "    ODOO_SOURCE=/path/to/odoo-18.0 make test    (or make run)\n"
        "It is installed with tools/install_odoo.py; see README.md, "
        "'Installing Odoo 18 without Docker'.\n"
    )
    sys.exit(2)


def ensure_odoo():
    if odoo_importable():
        return
    source = os.environ.get("ODOO_SOURCE", DEFAULT_ODOO_SOURCE)
    tree = Path(source)
    if not is_odoo_tree(tree):
        tree = Path(os.environ.get("ODOO_DIR", REPO / ".odoo-src"))
    if not is_odoo_tree(tree):
        if "://" not in source and not source.startswith("git@"):
            odoo_missing(f"ODOO_SOURCE={source} is not an Odoo source tree")
        say(f"installing Odoo 18.0 from {source} into {tree}")
        try:
            res = subprocess.run(
                ["git", "clone", "-q", "--depth", "1", "--branch", "18.0", source]
                + [str(tree)],
                capture_output=True,
                text=True,
                timeout=1800,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            odoo_missing(f"cloning {source} failed ({exc})")
        if res.returncode:
            last = (res.stderr.strip().splitlines() or ["no message"])[-1]
            odoo_missing(f"cloning {source} failed ({last})")
    res = subprocess.run(
        [sys.executable, str(REPO / "tools" / "install_odoo.py"), str(tree)],
        check=False,
    )
    if res.returncode or not odoo_importable():
        odoo_missing(f"installing it from {tree} failed (see the messages above)")


def ensure_requirements():
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            str(REPO / "requirements.txt"),
        ],
        capture_output=True,
        text=True,
    )
    if res.returncode:
        sys.exit(f"pip install -r requirements.txt failed:\n{res.stdout}{res.stderr}")


# ---- PostgreSQL ----


def pg_answers(host, port):
    try:
        with socket.create_connection((host, int(port)), timeout=3):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        sys.exit(f"no PostgreSQL server answers and {name} is not installed")
    return str(candidates[-1])


def start_cluster(data, port, keep=False):
    """Start a PostgreSQL cluster in ``data`` (initdb if new), trust auth, on
    127.0.0.1:``port``; stopped at exit, and deleted unless ``keep``."""
    data = Path(data)
    as_postgres = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_postgres = ["runuser", "-u", "postgres", "--"]
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if as_postgres:
            if not keep:  # our temporary folder
                shutil.chown(data.parent, "postgres")
            shutil.chown(data, "postgres")
        run(
            [
                *as_postgres,
                pg_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )
    run(
        [
            *as_postgres,
            pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(data / "server.log"),
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )

    def stop():
        subprocess.run(
            [*as_postgres, pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        if not keep:
            shutil.rmtree(data.parent, ignore_errors=True)

    atexit.register(stop)
    return "127.0.0.1", str(port)


def start_throwaway_cluster():
    workdir = Path(tempfile.mkdtemp(prefix="oa-pg-"))
    port = free_port()
    say(f"no PostgreSQL answers: throwaway cluster in {workdir} on port {port}")
    return start_cluster(workdir / "data", port)


def psql(host, port, user, sql, db="postgres"):
    return subprocess.run(
        [
            "psql",
            "-h",
            host,
            "-p",
            port,
            "-U",
            user,
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-Atc",
            sql,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def ensure_role(host, port, role):
    """Create Odoo's role through the cluster's superuser when it is missing."""
    admin = os.environ.get("PGADMINUSER", "postgres")
    exists = psql(host, port, admin, f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'")
    if exists.returncode != 0:
        say(f"cannot connect as {admin} to create roles; using {role} as it is")
        return
    if exists.stdout.strip() != "1":
        res = psql(host, port, admin, f'CREATE ROLE "{role}" LOGIN CREATEDB')
        if res.returncode != 0:
            sys.exit(res.stderr)


# ---- Running the tests ----


def odoo_db_args(host, port, role, data_dir):
    return ["--db_host", host, "--db_port", port, "-r", role, "-D", data_dir]


def run_odoo_tests(db, db_args, log_path, modules):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        *db_args,
        "-d",
        db,
        f"--addons-path={repo_addons_path()},{odoo_addons_path()}",
        "-i",
        ",".join(modules),
        "--test-enable",
        "--test-tags",
        ",".join(f"/{m}" for m in modules),
        "--stop-after-init",
        "--http-port",
        str(free_port()),
        "--max-cron-threads=0",
        "--log-level=info",
    ]
    say(f"installing and testing {', '.join(modules)} in database {db}")
    start = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO
        )
        for line in proc.stdout:
            log.write(line)
            match = LOG_LINE.match(line)
            if (
                match
                and match["level"] in ("ERROR", "CRITICAL", "WARNING")
                or "FAIL" in line[:200]
            ):
                sys.stdout.write(line)
        proc.wait()
    say(
        f"Odoo finished in {time.monotonic() - start:.0f}s "
        f"(exit {proc.returncode}); log: {log_path}"
    )
    return proc.returncode


def odoo_addons_path():
    probe = (
        "import odoo, os; "
        "print(os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), 'addons'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd="/"
    )
    return out.stdout.strip()


def parse_odoo_log(log_path):
    text = Path(log_path).read_text(errors="replace").splitlines()
    result = None
    bad_lines, skipped = [], 0
    for line in text:
        match = LOG_LINE.match(line)
        if match and match["level"] in ("ERROR", "CRITICAL"):
            bad_lines.append(line)
        if SKIP_LINE.search(line):
            skipped += 1
        found = RESULT_LINE.search(line)
        if found:
            result = found
    return result, bad_lines, skipped


def run_pytest(env):
    tests = REPO / "tests"
    if not any(tests.glob("test_*.py")):
        return 0, 0, 0
    junit = Path(tempfile.mkdtemp()) / "pytest.xml"
    say("running the suite-level pytest tests in tests/")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:odoo",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tests),
            f"--junitxml={junit}",
        ],
        env=env,
        cwd=REPO,
        check=False,
    )
    if not junit.exists():
        return 0, 1, 0
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    return total - failed - skipped, failed, skipped


def main(argv):
    """``make test`` runs everything; ``tools/run_tests.py oa_base`` installs
    and tests only the addons named (and their dependencies), without the
    suite-level pytest tests: the developer's quicker loop."""
    started = time.monotonic()
    modules = [m for arg in argv for m in arg.split(",") if m] or addons()
    unknown = sorted(set(modules) - set(addons()))
    if unknown:
        sys.exit(f"no such addon: {', '.join(unknown)} (addons: {', '.join(addons())})")
    ensure_odoo()
    ensure_requirements()

    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    if host.startswith("/") or not pg_answers(host, port):
        host, port = start_throwaway_cluster()
    role = os.environ.get("OA_TEST_DB_USER", "oa_test")
    ensure_role(host, port, role)

    db = os.environ.get("OA_TEST_DB", f"oa_test_{os.getpid()}")
    data_dir = tempfile.mkdtemp(prefix="oa-data-")
    db_args = odoo_db_args(host, port, role, data_dir)
    log_path = Path(tempfile.gettempdir()) / f"{db}.log"

    def drop():
        subprocess.run(
            [sys.executable, "-m", "odoo", "db", *db_args, "drop", db],
            capture_output=True,
            check=False,
            cwd="/",
        )
        shutil.rmtree(data_dir, ignore_errors=True)

    atexit.register(drop)
    psql(host, port, role, f'DROP DATABASE IF EXISTS "{db}"')
    res = psql(
        host, port, role, f"CREATE DATABASE \"{db}\" ENCODING 'UTF8' TEMPLATE template0"
    )
    if res.returncode != 0:
        sys.exit(res.stderr)

    rc = run_odoo_tests(db, db_args, log_path, modules)
    result, bad_lines, skipped = parse_odoo_log(log_path)
    if result is None:
        say("Odoo printed no test result line: the run did not complete")
        ran = failed = 0
        failed = 1
    else:
        ran = int(result["run"])
        failed = int(result["failed"]) + int(result["errors"])
    passed = ran - failed - skipped

    env = dict(
        os.environ,
        OA_TEST_DB=db,
        OA_DATA_DIR=data_dir,
        PGHOST=host,
        PGPORT=port,
        PGUSER=role,
        OA_ADDONS_PATH=f"{repo_addons_path()},{odoo_addons_path()}",
    )
    py_passed, py_failed, py_skipped = run_pytest(env) if not argv else (0, 0, 0)
    passed += py_passed
    failed += py_failed
    skipped += py_skipped

    problems = []
    if rc != 0:
        problems.append(f"Odoo exited with code {rc}")
    if bad_lines:
        problems.append(
            f"{len(bad_lines)} ERROR/CRITICAL log line(s), first: {bad_lines[0][:300]}"
        )
    if skipped:
        problems.append(
            f"{skipped} test(s) skipped: a green run must run every test "
            "(tours need chromium and websocket-client)"
        )
    if ran == 0:
        problems.append("Odoo ran no test")
    for problem in problems:
        say(f"FAILED: {problem}")
    say(f"total time {time.monotonic() - started:.0f}s")
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return 1 if (failed or problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
