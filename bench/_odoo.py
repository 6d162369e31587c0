"""Open an Odoo environment on an existing database for a benchmark.

Every benchmark runs in one transaction that is rolled back at the end: a
benchmark never changes the database it measures.
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def parse_args(description, **extra):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "-d", "--db", required=True, help="database with the suite installed"
    )
    for name, (default, help_text) in extra.items():
        parser.add_argument(f"--{name}", type=int, default=default, help=help_text)
    return parser.parse_args()


def odoo_config(*extra):
    """Odoo's configuration for a benchmark: the ``PG*`` variables, the
    suite's addons, the database's filestore (make's ``ODOO_DATA_DIR``)."""
    import odoo
    from odoo.tools import config

    addons = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "addons")
    config.parse_config(
        [
            "--db_host",
            os.environ.get("PGHOST", "127.0.0.1"),
            "--db_port",
            os.environ.get("PGPORT", "5432"),
            "-r",
            os.environ.get("PGUSER", "oa"),
            f"--addons-path={REPO / 'addons'},{REPO},{addons}",
            "--log-level=warn",
            *(
                ["-D", os.environ["ODOO_DATA_DIR"]]
                if "ODOO_DATA_DIR" in os.environ
                else []
            ),
            *extra,
        ],
        setup_logging=True,
    )


@contextlib.contextmanager
def odoo_env(db):
    import odoo

    odoo_config()
    from odoo.modules.registry import Registry

    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": False})
        try:
            yield env
        finally:
            cr.rollback()


class Meter:
    """Wall time and SQL queries of a block."""

    def __init__(self, env):
        self.env = env
        self.seconds = 0.0
        self.queries = 0

    def __enter__(self):
        self.env.flush_all()
        self._queries = self.env.cr.sql_log_count
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds += time.perf_counter() - self._start
        self.queries += self.env.cr.sql_log_count - self._queries


def out(line=""):
    print(line, flush=True)
    sys.stdout.flush()
