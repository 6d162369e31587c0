"""The developer's set-up paths: a clear stop where Odoo is missing, and the
pytest-odoo loop for one test file against an existing database."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    """A python3 that cannot import Odoo (a venv without the system
    site-packages, as on a machine where nothing was installed yet)."""
    env_dir = tmp_path_factory.mktemp("no-odoo-venv")
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    probe = subprocess.run([python, "-c", "import odoo"], capture_output=True)
    assert probe.returncode != 0
    return python


@pytest.mark.parametrize("target", ["test", "run"])
def test_make_without_odoo_says_what_is_missing(python_without_odoo, target, tmp_path):
    res = subprocess.run(
        ["make", "-s", target, f"PYTHON={python_without_odoo}"],
        cwd=REPO,
        env=dict(
            os.environ,
            ODOO_SOURCE=str(tmp_path / "nowhere"),
            ODOO_DIR=str(tmp_path / "nothing-here"),
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = res.stdout + res.stderr
    assert res.returncode != 0
    assert "Traceback" not in output
    assert "Odoo 18.0 cannot be imported" in output
    assert "ODOO_SOURCE=/path/to/odoo-18.0 make test" in output
    assert str(tmp_path / "nowhere") in output


def test_pytest_odoo_runs_one_test_file(odoo_db):
    """`pytest --odoo-database=DB addons/<addon>/tests/test_x.py`, the loop the
    README documents, runs Odoo tests against an existing database."""
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--odoo-database={odoo_db}",
            "addons/oa_base/tests/test_demo_data.py",
        ],
        cwd=REPO,
        env=dict(os.environ, ODOO_DATA_DIR=os.environ["OA_DATA_DIR"]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert " passed" in res.stdout and " failed" not in res.stdout, res.stdout[-2000:]
