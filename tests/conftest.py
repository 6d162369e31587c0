"""Shared fixtures of the suite-level tests (run by ``make test``)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def odoo_db():
    """The database ``make test`` installed the suite into, with demo data."""
    db = os.environ.get("OA_TEST_DB")
    if not db:
        pytest.fail("OA_TEST_DB is not set: run these tests through `make test`")
    return db


@pytest.fixture(scope="session")
def odoo_run(odoo_db):
    """Run a Python snippet inside Odoo (``env`` is a superuser environment)
    in a separate process; returns its stdout.  The transaction is rolled
    back unless the snippet commits."""

    def run(code):
        script = (
            "import sys, odoo\n"
            "from odoo.tools import config\n"
            "config.parse_config(sys.argv[1:], setup_logging=False)\n"
            "from odoo.modules.registry import Registry\n"
            f"registry = Registry({odoo_db!r})\n"
            "with registry.cursor() as cr:\n"
            "    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})\n"
            "    try:\n"
            + "".join(f"        {line}\n" for line in code.splitlines())
            + "    finally:\n"
            "        cr.rollback()\n"
        )
        args = [
            "--db_host",
            os.environ.get("PGHOST", "127.0.0.1"),
            "--db_port",
            os.environ.get("PGPORT", "5432"),
            "-r",
            os.environ.get("PGUSER", "oa_test"),
            f"--addons-path={os.environ['OA_ADDONS_PATH']}",
            "-D",
            os.environ["OA_DATA_DIR"],
        ]
        res = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            cwd="/",
        )
        assert res.returncode == 0, res.stderr[-3000:]
        return res.stdout

    return run
