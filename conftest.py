"""pytest-odoo, the quick loop for one test file against an existing database:

    pytest --odoo-database=oa addons/oa_base/tests/test_oa_proxy.py

This initial conftest fills in what pytest-odoo would otherwise need in an
Odoo configuration file: the addons path of this repository (its root and
``addons/``, then Odoo's own addons) and the PostgreSQL connection of the
``PG*`` variables, the same defaults as ``make run`` (127.0.0.1:5432, role
``oa``).  Options given on the command line win.  Nothing happens unless
``--odoo-database`` is given (the suite-level tests in ``tests/`` run with
pytest-odoo disabled).
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    if config.getoption("--odoo-database", None):
        from oa_paths import repo_addons_path

        import odoo

        odoo_root = Path(odoo.__file__).resolve().parent
        if not config.getoption("--odoo-addons-path"):
            config.option.odoo_addons_path = ",".join(
                [repo_addons_path(), str(odoo_root.parent / "addons")]
            )
        given = {opt.split("=", 1)[0] for opt in config.getoption("--odoo-extra")}
        defaults = {
            "db_host": os.environ.get("PGHOST", "127.0.0.1"),
            "db_port": os.environ.get("PGPORT", "5432"),
            "db_user": os.environ.get("PGUSER", "oa"),
            "data-dir": os.environ.get("ODOO_DATA_DIR"),
        }
        config.option.odoo_extra = list(config.getoption("--odoo-extra")) + [
            f"{key}={value}"
            for key, value in defaults.items()
            if value and key not in given
        ]
    yield
