"""Read-only requests on a PostgreSQL streaming replica (Odoo 18's
``db_replica_host``/``db_replica_port``), proven on this machine.

A throwaway primary cluster gets a copy of the suite's database; a hot
standby is made from it with ``pg_basebackup -R`` on a second port; two
Odoo nodes in prefork mode behind nginx (tools/run_serve.py) use the primary
for writes and the standby for read-only requests (lists, form reads, the
methods marked ``@api.readonly``).  Reads are answered by the standby, every
write goes to the primary, and nothing breaks when the standby lags behind
or is down (Odoo falls back to the primary).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from run_serve import Layout  # noqa: E402
from run_tests import free_port, pg_bin  # noqa: E402

ROLE = "oa_replica"
PASSWORD = "Oa@Replica-2026"
LOGIN = "oa_replica_user"


def as_postgres():
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def pg(port, sql, db="postgres", user="postgres"):
    cnx = psycopg2.connect(host="127.0.0.1", port=port, user=user, dbname=db)
    cnx.autocommit = True
    try:
        with cnx.cursor() as cr:
            cr.execute(sql)
            return cr.fetchall() if cr.description else None
    finally:
        cnx.close()


def start(data, port, log):
    subprocess.run(
        [
            *as_postgres(),
            pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def stop(data):
    subprocess.run(
        [*as_postgres(), pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def clusters(odoo_db):
    """(primary port, standby port, standby data dir) with the suite's
    database copied to the primary and streamed to the standby."""
    root = Path(tempfile.mkdtemp(prefix="oa-replica-"))
    root.chmod(0o755)
    primary, standby = root / "primary", root / "standby"
    primary.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(primary, "postgres")
    p_port, s_port = free_port(), free_port()
    try:
        # initdb --auth=trust allows replication connections from 127.0.0.1
        subprocess.run(
            [
                *as_postgres(),
                pg_bin("initdb"),
                "-D",
                str(primary),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        start(primary, p_port, root / "primary.log")
        pg(p_port, f'CREATE ROLE "{ROLE}" LOGIN SUPERUSER')
        pg(p_port, f'CREATE DATABASE "{odoo_db}" OWNER "{ROLE}" TEMPLATE template0')
        dump = subprocess.Popen(
            [
                pg_bin("pg_dump"),
                "-h",
                os.environ.get("PGHOST", "127.0.0.1"),
                "-p",
                os.environ.get("PGPORT", "5432"),
                "-U",
                os.environ.get("PGUSER", "oa_test"),
                "-Fc",
                "--no-owner",
                odoo_db,
            ],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            [
                pg_bin("pg_restore"),
                "-h",
                "127.0.0.1",
                "-p",
                str(p_port),
                "-U",
                ROLE,
                "-d",
                odoo_db,
                "--no-owner",
                "--no-acl",
            ],
            stdin=dump.stdout,
            check=True,
        )
        assert dump.wait() == 0
        subprocess.run(
            [
                *as_postgres(),
                pg_bin("pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(p_port),
                "-U",
                "postgres",
                "-D",
                str(standby),
                "-R",  # standby.signal + primary_conninfo: a streaming standby
                "-X",
                "stream",
                # an immediate checkpoint: the default "spread" one waits for
                # the primary's checkpoint_completion_target (minutes)
                "--checkpoint=fast",
            ],
            check=True,
        )
        start(standby, s_port, root / "standby.log")
        assert pg(s_port, "SELECT pg_is_in_recovery()") == [(True,)]
        yield p_port, s_port, standby
    finally:
        stop(standby)
        stop(primary)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def layout(clusters, odoo_db):
    p_port, s_port, _standby = clusters
    # A user with his first-login change done, on the primary: it streams to
    # the standby like every other write.  A plain OA user (the demo's
    # wangjianguo): administrators log in with two factors (oa_security).
    user_id = pg(
        p_port,
        "SELECT id FROM res_users WHERE login = 'wangjianguo'",
        db=odoo_db,
        user=ROLE,
    )[0][0]
    options = [
        "--db_host",
        "127.0.0.1",
        "--db_port",
        str(p_port),
        "--db_replica_host",
        "127.0.0.1",
        "--db_replica_port",
        str(s_port),
        "-r",
        ROLE,
        "-D",
        os.environ["OA_DATA_DIR"],
        f"--addons-path={os.environ['OA_ADDONS_PATH']}",
        "-d",
        odoo_db,
    ]
    script = (
        "import sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(sys.argv[1:], setup_logging=False)\n"
        "from odoo.modules.registry import Registry\n"
        f"with Registry({odoo_db!r}).cursor() as cr:\n"
        "    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})\n"
        f"    user = env['res.users'].browse({user_id})\n"
        f"    user.login = {LOGIN!r}\n"
        "    crypt = env['res.users']._crypt_context()\n"
        f"    user._set_encrypted_password(user.id, crypt.hash({PASSWORD!r}))\n"
        "    if 'oa_password_change_required' in user._fields:\n"
        "        cr.execute('UPDATE res_users SET oa_password_change_required = false"
        " WHERE id = %s', [user.id])\n"
    )
    subprocess.run([sys.executable, "-c", script, *options], check=True, cwd="/")
    running = Layout(options, odoo_db, nodes=2, workers=2).start()
    yield running
    running.stop()


def transactions(port, db):
    """Committed + rolled back transactions of ``db`` on one server."""
    pg(port, "SELECT pg_stat_clear_snapshot()")
    return pg(
        port,
        "SELECT xact_commit + xact_rollback FROM pg_stat_database "
        f"WHERE datname = '{db}'",
    )[0][0]


def transactions_since(port, db, before, expected, timeout=30):
    """How many transactions ``db`` counted since ``before``, waiting until
    ``expected`` of them show: a backend publishes its statistics only when
    idle, at most once a second, and an idle one after up to 10 s."""
    deadline = time.monotonic() + timeout
    while True:
        seen = transactions(port, db) - before
        if seen >= expected or time.monotonic() > deadline:
            return seen
        time.sleep(0.5)


def login(layout, db):
    session = requests.Session()
    res = session.post(
        layout.url + "/web/session/authenticate",
        json={"params": {"db": db, "login": LOGIN, "password": PASSWORD}},
        timeout=60,
    )
    assert res.json().get("result", {}).get("uid"), res.text[:500]
    return session


def call_kw(layout, session, model, method, args, **kwargs):
    res = session.post(
        f"{layout.url}/web/dataset/call_kw/{model}/{method}",
        json={
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}
        },
        timeout=60,
    )
    body = res.json()
    assert "error" not in body, body["error"]
    return body["result"]


def list_units(layout, session):
    return call_kw(
        layout,
        session,
        "hr.department",
        "web_search_read",
        [[("is_oa_unit", "=", True)]],
        specification={"name": {}, "oa_user_count": {}},
        limit=80,
    )


def test_reads_on_the_standby_writes_on_the_primary(layout, clusters, odoo_db):
    p_port, s_port, _standby = clusters
    session = login(layout, odoo_db)
    time.sleep(11)  # what the login left unpublished shows now, not below
    before_standby = transactions(s_port, odoo_db)
    for _ in range(10):
        assert list_units(layout, session)["length"] > 0
    assert transactions_since(s_port, odoo_db, before_standby, 10) >= 10

    # A write: it can only be done on the primary (a hot standby refuses
    # every write), and it streams to the standby.
    name = f"只读副本测试 {time.time()}"
    tag_id = call_kw(
        layout, session, "res.partner.category", "create", [{"name": name}]
    )
    assert pg(
        p_port,
        f"SELECT count(*) FROM res_partner_category WHERE id = {int(tag_id)}",
        db=odoo_db,
    ) == [(1,)]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replicated = pg(
            s_port,
            f"SELECT count(*) FROM res_partner_category WHERE id = {int(tag_id)}",
            db=odoo_db,
        )
        if replicated == [(1,)]:
            break
        time.sleep(0.5)
    assert replicated == [(1,)]


def test_standby_lagging_then_down(layout, clusters, odoo_db):
    p_port, s_port, standby = clusters
    session = login(layout, odoo_db)
    # Lagging: replay paused, the primary goes on; reads still answer (with
    # what the standby has), writes still work.
    pg(s_port, "SELECT pg_wal_replay_pause()")
    try:
        call_kw(layout, session, "res.partner.category", "create", [{"name": "滞后"}])
        assert list_units(layout, session)["length"] > 0
    finally:
        pg(s_port, "SELECT pg_wal_replay_resume()")
    # Down: every read falls back to the primary.
    stop(standby)
    time.sleep(11)
    before_primary = transactions(p_port, odoo_db)
    for _ in range(6):
        assert list_units(layout, session)["length"] > 0
    assert transactions_since(p_port, odoo_db, before_primary, 6) >= 6
