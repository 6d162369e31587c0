"""Round trip of tools/backup.sh: backup, restore, and nothing is lost.

Plain pytest (not pytest-odoo).  It needs an existing Odoo 18 database, made
by the test runner (`make test`), described by the environment:

    OA_TEST_DB    database with oa_base installed with demo data
    OA_DATA_DIR   Odoo data dir of that database (holds filestore/<db>)
    PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5432, oa), PGPASSWORD
    ODOO_ADDONS_PATH or OA_ADDONS_PATH  optional; default: this repository
                  + Odoo's addons

The source database gets one extra ir.attachment (a random binary file, so
that the filestore holds a file whose bytes we know); it is removed again at
the end.  The restored databases are dropped with their filestores.
"""

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKUP_SH = REPO_ROOT / "tools" / "backup.sh"
SCHEDULE_SH = REPO_ROOT / "tools" / "backup_schedule.sh"
PYTHON = sys.executable

# Script run in a separate Odoo process: argv = odoo options..., then a JSON
# request on stdin; prints one JSON line (the last line of stdout).
ODOO_SCRIPT = r"""
import base64, hashlib, json, os, sys

import odoo
from odoo.tools import config

request = json.loads(sys.stdin.read())
config.parse_config(sys.argv[1:], setup_logging=False)
from odoo.modules.registry import Registry

registry = Registry(request["db"])


def describe(att):
    raw = att.raw or b""
    return {
        "id": att.id,
        "store_fname": att.store_fname,
        "checksum": att.checksum,
        "file_size": att.file_size,
        "res_model": att.res_model,
        "res_id": att.res_id,
        "sha1": hashlib.sha1(raw).hexdigest(),
        "length": len(raw),
        "full_path": att._full_path(att.store_fname) if att.store_fname else None,
    }


with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    Attachment = env["ir.attachment"]
    op = request["op"]
    if op == "create":
        partner = env.ref("base.main_partner")
        att = Attachment.create({
            "name": "oa_backup_roundtrip.bin",
            "raw": base64.b64decode(request["data"]),
            "mimetype": "application/octet-stream",
            "res_model": partner._name,
            "res_id": partner.id,
        })
        att.flush_recordset()
        result = describe(att)
    elif op == "read":
        att = Attachment.browse(request["id"]).exists()
        result = describe(att) if att else None
    elif op == "unlink":
        Attachment.browse(request["id"]).exists().unlink()
        result = {}
    else:
        raise ValueError(op)
print(json.dumps(result))
"""


# ---------------------------------------------------------------- helpers


class Ctx:
    def __init__(self):
        self.db = os.environ.get("OA_TEST_DB")
        self.data_dir = os.environ.get("OA_DATA_DIR")
        missing = [
            n
            for n, v in (("OA_TEST_DB", self.db), ("OA_DATA_DIR", self.data_dir))
            if not v
        ]
        if missing:
            pytest.fail(
                f"{' and '.join(missing)} not set: this test needs an Odoo database "
                "with oa_base and demo data and its data dir; run it through "
                "`make test`, which creates them and sets OA_TEST_DB / OA_DATA_DIR.",
                pytrace=False,
            )
        self.data_dir = str(Path(self.data_dir).resolve())
        self.host = os.environ.get("PGHOST", "127.0.0.1")
        self.port = os.environ.get("PGPORT", "5432")
        self.user = os.environ.get("PGUSER", "oa")
        self.addons_path = (
            os.environ.get("ODOO_ADDONS_PATH")
            or os.environ.get("OA_ADDONS_PATH")  # set by tools/run_tests.py
            or default_addons_path()
        )

    def odoo_options(self):
        return [
            "--db_host",
            self.host,
            "--db_port",
            str(self.port),
            "-r",
            self.user,
            "-D",
            self.data_dir,
            "--addons-path",
            self.addons_path,
        ]

    def env(self):
        env = dict(os.environ)
        env.update(
            PGHOST=self.host,
            PGPORT=str(self.port),
            PGUSER=self.user,
            ODOO_DATA_DIR=self.data_dir,
            ODOO_ADDONS_PATH=self.addons_path,
            PYTHON=PYTHON,
        )
        return env

    def connect(self, db):
        return psycopg2.connect(
            dbname=db,
            host=self.host,
            port=self.port,
            user=self.user,
            password=os.environ.get("PGPASSWORD"),
        )

    def db_exists(self, db):
        cnx = self.connect("postgres")
        try:
            with cnx.cursor() as cr:
                cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
                return cr.fetchone() is not None
        finally:
            cnx.close()

    def filestore(self, db):
        return Path(self.data_dir) / "filestore" / db

    def odoo(self, request):
        """Run ODOO_SCRIPT with `request` in a new Odoo process."""
        proc = subprocess.run(
            [PYTHON, "-c", ODOO_SCRIPT, *self.odoo_options()],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=600,
        )
        what = f"Odoo script {request['op']} on {request['db']}"
        assert proc.returncode == 0, f"{what} failed:\n{proc.stdout}\n{proc.stderr}"
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def backup_sh(self, *args, script=BACKUP_SH, **env):
        proc = subprocess.run(
            ["bash", str(script), *args],
            capture_output=True,
            text=True,
            env=dict(self.env(), **env),
            timeout=1800,
        )
        assert proc.returncode == 0, (
            f"tools/backup.sh {' '.join(args)} failed ({proc.returncode}):\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
        return proc

    def drop(self, db):
        """Drop `db` and its filestore the Odoo way (`odoo db drop`)."""
        if self.db_exists(db):
            proc = subprocess.run(
                [PYTHON, "-m", "odoo", "db", *self.odoo_options(), "drop", db],
                capture_output=True,
                text=True,
                env=self.env(),
                timeout=600,
            )
            assert (
                proc.returncode == 0
            ), f"dropping {db} failed:\n{proc.stdout}\n{proc.stderr}"
        assert not self.db_exists(db), f"database {db} still exists"
        assert not self.filestore(db).exists(), f"filestore of {db} still exists"


def default_addons_path():
    """This repository, then the addons Odoo uses by default (as backup.sh)."""
    code = (
        "import os, odoo; r = os.path.dirname(os.path.abspath(odoo.__file__)); "
        "m = os.path.abspath(os.path.join(r, '..', 'addons')); "
        "p = [os.path.join(r, 'addons')] + ([m] if os.path.isdir(m) else []); "
        "print(','.join(p))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, check=True
    )
    return ",".join([str(REPO_ROOT / "addons"), str(REPO_ROOT), out.stdout.strip()])


def table_snapshot(ctx, db):
    """{table: (row count, md5 of all rows)} for every table of schema public,
    plus {sequence: last_value} for every sequence."""
    cnx = ctx.connect(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
            tables = [r[0] for r in cr.fetchall()]
            snapshot = {}
            for table in tables:
                ident = sql.Identifier("public", table)
                cr.execute(
                    sql.SQL(
                        "SELECT count(*), md5(coalesce("
                        "string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
                    ).format(ident)
                )
                snapshot[table] = tuple(cr.fetchone())
            cr.execute(
                "SELECT sequencename, last_value FROM pg_sequences"
                " WHERE schemaname = 'public' ORDER BY 1"
            )
            sequences = dict(cr.fetchall())
    finally:
        cnx.close()
    return snapshot, sequences


def filestore_snapshot(ctx, db):
    """{relative path: sha1} of every file of the filestore of `db`."""
    root = ctx.filestore(db)
    return {
        str(path.relative_to(root)): hashlib.sha1(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def config_params(ctx, db, keys):
    cnx = ctx.connect(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT key, value FROM ir_config_parameter WHERE key = ANY(%s)",
                [list(keys)],
            )
            return dict(cr.fetchall())
    finally:
        cnx.close()


# Parameters that restore_db(copy=True), i.e. `odoo db load`, regenerates
# (odoo/addons/base/models/ir_config_parameter.py, _default_parameters).
COPY_RESET_PARAMS = (
    "database.secret",
    "database.uuid",
    "database.create_date",
    "web.base.url",
    "base.login_cooldown_after",
    "base.login_cooldown_duration",
)


# ---------------------------------------------------------------- fixtures

# pytest-odoo (installed from requirements.txt) adds autouse fixtures that
# load an Odoo registry inside the pytest process, and fail without
# --odoo-database.  This test drives Odoo in subprocesses only: neutralise
# them here, so that it runs the same with or without that plugin.


@pytest.fixture(scope="session")
def load_registry():
    yield


@pytest.fixture(scope="session")
def load_http():
    yield


@pytest.fixture(scope="module")
def enable_odoo_test_flag():
    yield


@pytest.fixture(scope="module")
def ctx():
    ctx = Ctx()
    assert ctx.db_exists(
        ctx.db
    ), f"OA_TEST_DB={ctx.db} does not exist on {ctx.host}:{ctx.port}"
    assert BACKUP_SH.is_file(), f"{BACKUP_SH} is missing"
    return ctx


@pytest.fixture(scope="module")
def source(ctx, tmp_path_factory):
    """Source database with a known attachment, its snapshot and its dump."""
    payload = os.urandom(128 * 1024) + b"OA backup round trip \xe5\x85\xac\xe6\x96\x87"
    att = ctx.odoo(
        {"op": "create", "db": ctx.db, "data": base64.b64encode(payload).decode()}
    )
    try:
        assert att[
            "store_fname"
        ], "the attachment went to the database, not the filestore"
        assert att["sha1"] == hashlib.sha1(payload).hexdigest()
        stored = ctx.filestore(ctx.db) / att["store_fname"]
        assert stored.read_bytes() == payload, f"{stored} does not hold the attachment"

        tables, sequences = table_snapshot(ctx, ctx.db)
        files = filestore_snapshot(ctx, ctx.db)
        params = config_params(ctx, ctx.db, COPY_RESET_PARAMS)
        assert att["store_fname"] in files

        # The dump the daily schedule makes (docker-compose.prod.yml's backup
        # service runs the same script), restored below.
        backups = tmp_path_factory.mktemp("oa_backup")
        ctx.backup_sh("--once", ctx.db, script=SCHEDULE_SH, OA_BACKUP_DIR=str(backups))
        (dump,) = backups.glob(f"{ctx.db}-*.zip")
        assert dump.is_file() and dump.stat().st_size > 0

        # The backup must not have touched the source.
        assert table_snapshot(ctx, ctx.db) == (tables, sequences)
        assert filestore_snapshot(ctx, ctx.db) == files

        yield {
            "payload": payload,
            "attachment": att,
            "dump": dump,
            "tables": tables,
            "sequences": sequences,
            "files": files,
            "params": params,
        }
    finally:
        ctx.odoo({"op": "unlink", "db": ctx.db, "id": att["id"]})


@pytest.fixture
def restored_db(ctx):
    """Name of a database to restore into; dropped (with filestore) after."""
    created = []

    def make(suffix):
        name = f"{ctx.db}_{suffix}"
        ctx.drop(name)  # leftover of an interrupted run
        created.append(name)
        return name

    yield make
    for name in created:
        ctx.drop(name)


# ---------------------------------------------------------------- tests


def test_schedule_keeps_the_newest_dumps(ctx, tmp_path):
    """Retention: with OA_BACKUP_KEEP=2 a scheduled run leaves its own dump
    and the newest older one; other databases' dumps are not touched."""
    for stamp in ("20260101-023000", "20260102-023000", "20260103-023000"):
        (tmp_path / f"{ctx.db}-{stamp}.zip").write_bytes(b"old")
    (tmp_path / "other-20260101-023000.zip").write_bytes(b"other")
    ctx.backup_sh(
        "--once",
        ctx.db,
        script=SCHEDULE_SH,
        OA_BACKUP_DIR=str(tmp_path),
        OA_BACKUP_KEEP="2",
    )
    kept = sorted(p.name for p in tmp_path.glob(f"{ctx.db}-*.zip"))
    assert len(kept) == 2 and kept[0] == f"{ctx.db}-20260103-023000.zip", kept
    assert (tmp_path / kept[1]).stat().st_size > 1000  # the new, real dump
    assert (tmp_path / "other-20260101-023000.zip").exists()


def test_backup_restore_loses_nothing(ctx, source, restored_db):
    target = restored_db("restored")
    ctx.backup_sh("restore", str(source["dump"]), target)
    assert ctx.db_exists(target)

    # Every table: same rows (count and content), same sequences.
    tables, sequences = table_snapshot(ctx, target)
    assert sorted(tables) == sorted(source["tables"]), "tables differ"
    counts = {t: c for t, (c, _) in tables.items()}
    assert counts == {
        t: c for t, (c, _) in source["tables"].items()
    }, "row counts differ"
    changed = sorted(t for t in tables if tables[t] != source["tables"][t])
    assert not changed, f"table contents differ: {changed}"
    assert sequences == source["sequences"], "sequence values differ"
    assert sum(counts.values()) > 0

    # Filestore: same files with the same bytes.
    files = filestore_snapshot(ctx, target)
    assert files == source["files"], "filestore differs"

    # The attachment reads back through the ORM with identical bytes.
    att = source["attachment"]
    back = ctx.odoo({"op": "read", "db": target, "id": att["id"]})
    assert back is not None, "attachment missing in the restored database"
    for key in (
        "store_fname",
        "checksum",
        "file_size",
        "res_model",
        "res_id",
        "sha1",
        "length",
    ):
        assert back[key] == att[key], f"attachment {key}: {back[key]!r} != {att[key]!r}"
    assert Path(back["full_path"]).read_bytes() == source["payload"]
    assert Path(back["full_path"]).is_relative_to(ctx.filestore(target))

    # Exact restore: same identity as the source.
    assert config_params(ctx, target, COPY_RESET_PARAMS) == source["params"]


def test_restore_as_copy(ctx, source, restored_db):
    target = restored_db("copy")
    ctx.backup_sh("restore", "--copy", str(source["dump"]), target)

    tables, sequences = table_snapshot(ctx, target)
    # the copy's new identity (database.uuid, database.secret…) is a change of
    # settings: the audit trail of the copy records it (oa_security), and
    # only that is added to it
    trail = tables.pop("oa_audit_log", None)
    tables.pop("oa_audit_chain", None)  # the trail's tip moves with it
    source_trail = source["tables"].get("oa_audit_log")
    if trail is not None:
        assert trail[0] >= source_trail[0], "the copy lost audit rows"
        cnx = ctx.connect(target)
        try:
            with cnx.cursor() as cr:
                cr.execute(
                    "SELECT action FROM oa_audit_log ORDER BY id DESC LIMIT %s",
                    [trail[0] - source_trail[0]],
                )
                added = {row[0] for row in cr.fetchall()}
        finally:
            cnx.close()
        assert added <= {"settings"}, added
    counts = {t: c for t, (c, _) in tables.items()}
    assert counts == {
        t: c
        for t, (c, _) in source["tables"].items()
        if t not in ("oa_audit_log", "oa_audit_chain")
    }, "row counts differ"
    changed = sorted(t for t in tables if tables[t] != source["tables"][t])
    assert changed == ["ir_config_parameter"], f"unexpected table changes: {changed}"
    assert filestore_snapshot(ctx, target) == source["files"], "filestore differs"
    back = ctx.odoo({"op": "read", "db": target, "id": source["attachment"]["id"]})
    assert back and back["sha1"] == hashlib.sha1(source["payload"]).hexdigest()

    # A copy gets its own identity.
    params = config_params(ctx, target, COPY_RESET_PARAMS)
    assert params["database.uuid"] != source["params"]["database.uuid"]
    assert params["database.secret"] != source["params"]["database.secret"]


def test_restore_refuses_existing_database(ctx, source, restored_db):
    target = restored_db("exists")
    ctx.backup_sh("restore", str(source["dump"]), target)
    proc = subprocess.run(
        ["bash", str(BACKUP_SH), "restore", str(source["dump"]), target],
        capture_output=True,
        text=True,
        env=ctx.env(),
        timeout=600,
    )
    assert proc.returncode != 0
    assert "already exists" in proc.stderr
    # -f replaces it.
    ctx.backup_sh("restore", "-f", str(source["dump"]), target)
    assert filestore_snapshot(ctx, target) == source["files"]
