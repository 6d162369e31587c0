#!/usr/bin/env python3
"""Regenerate ``<addon>/i18n/<addon>.pot`` for the given addons.

Usage: export_pot.py oa_base[,oa_document,...]

Installs the addons (without demo data) into a scratch database, exports
each template with Odoo's own exporter, then drops the database.  Existing
``zh_CN.po`` files are merged with ``msgmerge`` when it is available.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from oa_paths import addon_dir  # noqa: E402
from run_tests import (  # noqa: E402
    ensure_role,
    odoo_addons_path,
    repo_addons_path,
    odoo_db_args,
    pg_answers,
    psql,
    start_throwaway_cluster,
)


def main(addons):
    host, port = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGPORT", "5432")
    if not pg_answers(host, port):
        host, port = start_throwaway_cluster()
    role = os.environ.get("OA_TEST_DB_USER", "oa_test")
    ensure_role(host, port, role)
    db = f"oa_pot_{os.getpid()}"
    data_dir = tempfile.mkdtemp()
    args = [
        sys.executable,
        "-m",
        "odoo",
        *odoo_db_args(host, port, role, data_dir),
        "-d",
        db,
        f"--addons-path={repo_addons_path()},{odoo_addons_path()}",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    ]
    psql(
        host, port, role, f"CREATE DATABASE \"{db}\" ENCODING 'UTF8' TEMPLATE template0"
    )
    try:
        subprocess.run([*args, "-i", ",".join(addons)], check=True)
        for addon in addons:
            pot = addon_dir(addon) / "i18n" / f"{addon}.pot"
            pot.parent.mkdir(exist_ok=True)
            subprocess.run(
                [*args, f"--i18n-export={pot}", f"--modules={addon}"], check=True
            )
            po = pot.parent / "zh_CN.po"
            if po.exists() and shutil.which("msgmerge"):
                subprocess.run(
                    [
                        "msgmerge",
                        "-q",
                        "--no-fuzzy-matching",
                        "-U",
                        "--backup=none",
                        str(po),
                        str(pot),
                    ],
                    check=True,
                )
            print(f"wrote {pot}")
    finally:
        psql(host, port, role, f'DROP DATABASE IF EXISTS "{db}"')
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1].split(","))
