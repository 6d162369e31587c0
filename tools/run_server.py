#!/usr/bin/env python3
"""``make run``: Odoo 18 with the whole suite and the demo group, no Docker.

Uses Odoo 18 if python3 imports it (else installs it, as ``make test``
does), the PostgreSQL of the ``PG*`` variables or 127.0.0.1:5432, or starts
a local cluster kept in ``OA_PGDATA`` (default ~/.local/share/oa-suite/pg,
/var/lib/oa-suite/pg for root)
when nothing answers.  On the first start it creates the database and
installs every ``oa_*`` addon with demo data and Chinese; then it serves.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_tests import (  # noqa: E402
    REPO,
    addons,
    ensure_odoo,
    ensure_requirements,
    ensure_role,
    odoo_addons_path,
    repo_addons_path,
    pg_answers,
    psql,
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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="oa")
    parser.add_argument("--http-port", default="8069")
    opts = parser.parse_args()

    ensure_odoo()
    ensure_requirements()
    host, port = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGPORT", "5432")
    if not pg_answers(host, port):
        host, port = start_local_cluster()
    role = os.environ.get("PGUSER", "oa")
    ensure_role(host, port, role)
    data_dir = os.environ.get("ODOO_DATA_DIR", str(Path.home() / ".local/share/Odoo"))
    base = [
        sys.executable,
        "-m",
        "odoo",
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
        opts.db,
    ]
    initialised = psql(
        host,
        port,
        role,
        "SELECT 1 FROM ir_module_module WHERE name = 'oa_base' "
        "AND state = 'installed'",
        db=opts.db,
    )
    if initialised.stdout.strip() != "1":
        print(
            f"[make run] first start: installing {', '.join(addons())} with demo data"
        )
        psql(
            host,
            port,
            role,
            f"CREATE DATABASE \"{opts.db}\" ENCODING 'UTF8' TEMPLATE template0",
        )
        run(
            [
                *base,
                "-i",
                ",".join(addons()),
                "--load-language=zh_CN",
                "--stop-after-init",
            ]
        )
    print(f"[make run] Odoo on http://localhost:{opts.http_port} (admin / admin)")
    return subprocess.call(
        [*base, f"--db-filter=^{opts.db}$", "--http-port", opts.http_port]
    )


if __name__ == "__main__":
    sys.exit(main())
