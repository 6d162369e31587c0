#!/usr/bin/env python3
"""``make run``: Odoo 18 with the whole suite and the demo group, no Docker.

Uses Odoo 18 if python3 imports it (else installs it, as ``make test``
does), the PostgreSQL of the ``PG*`` variables or 127.0.0.1:5432, or starts
a local cluster kept in ``OA_PGDATA`` (default ~/.local/share/oa-suite/pg,
/var/lib/oa-suite/pg for root)
when nothing answers.  On the first start it creates the database and
installs ``oa_suite`` (the whole suite) with demo data and Chinese; then it
serves.
"""

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_assets import build_assets  # noqa: E402
from run_tests import (  # noqa: E402
    ensure_odoo,
    ensure_requirements,
    ensure_role,
    odoo_addons_path,
    pg_answers,
    psql,
    repo_addons_path,
    run,
    start_cluster,
)


def start_local_cluster(port="55432"):
    # root's home is closed to the postgres user that runs the server
    default = (
        "/var/lib/oa-suite/pg" if os.geteuid() == 0 else "~/.local/share/oa-suite/pg"
    )
    data = Path(os.environ.get("OA_PGDATA", default)).expanduser()
    print(f"[make run] starting PostgreSQL from {data} on port {port}")
    return start_cluster(data, port, keep=True)


def server_config(data_dir):
    """A configuration file of this machine's server, made once in the data
    directory: a random master password instead of Odoo's default "admin"
    (the database manager is off anyway: ``--no-database-list``)."""
    path = Path(data_dir) / "oa-server.conf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"[options]\nadmin_passwd = {secrets.token_urlsafe(24)}\n")
        path.chmod(0o600)
    return path


def prepare(db):
    """Odoo, PostgreSQL and database ``db`` with oa_suite installed (first
    start: created and initialised with demo data and Chinese).  Returns the
    Odoo command-line options (database connection, data dir, addons path)
    that every server process of this database is started with."""
    ensure_odoo()
    ensure_requirements()
    host, port = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGPORT", "5432")
    if not pg_answers(host, port):
        host, port = start_local_cluster()
    role = os.environ.get("PGUSER", "oa")
    ensure_role(host, port, role)
    data_dir = os.environ.get("ODOO_DATA_DIR", str(Path.home() / ".local/share/Odoo"))
    options = [
        "-c",
        str(server_config(data_dir)),
        "--db_host",
        host,
        "--db_port",
        port,
        "-r",
        role,
        "-D",
        data_dir,
        f"--addons-path={repo_addons_path()},{odoo_addons_path()}",
        "-d",
        db,
    ]
    initialised = psql(
        host,
        port,
        role,
        "SELECT 1 FROM ir_module_module WHERE name = 'oa_suite' "
        "AND state = 'installed'",
        db=db,
    )
    if initialised.stdout.strip() != "1":
        print(
            "[make run] first start: installing oa_suite (the whole suite) "
            "with demo data"
        )
        psql(
            host,
            port,
            role,
            f"CREATE DATABASE \"{db}\" ENCODING 'UTF8' TEMPLATE template0",
        )
        run(
            [
                sys.executable,
                "-m",
                "odoo",
                *options,
                "-i",
                "oa_suite",
                "--load-language=zh_CN",
                "--stop-after-init",
            ]
        )
    return options


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="oa")
    parser.add_argument("--http-port", default="8069")
    opts = parser.parse_args()
    options = prepare(opts.db)
    # the first page opens at once, not after the bundles are built
    build_assets(options)
    print(f"[make run] Odoo on http://localhost:{opts.http_port} (admin / admin)")
    return subprocess.call(
        [
            sys.executable,
            "-m",
            "odoo",
            *options,
            f"--db-filter=^{opts.db}$",
            # no database manager on the login page (nor over RPC)
            "--no-database-list",
            "--http-port",
            opts.http_port,
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
