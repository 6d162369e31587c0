"""The bus's NOTIFY after a commit: Odoo's way (a new connection to the
``postgres`` database each time, which Odoo's pool never keeps) against the
suite's (``oa_base/models/bus_bus.py``: the connection the process keeps).

Every flow step sends one (the next actor's to-do, the drafter's inbox).
Measured in the same run, alternated: the CPU of this process and of
PostgreSQL (the backends alive, and those that ended, which the postmaster
reaps) per NOTIFY, and the wall time.  Needs no database of the suite.

    python3 bench/bus_notify.py [--count 300] [--rounds 3]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _odoo import odoo_config, out  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    odoo_config()
    import psycopg2

    import odoo.sql_db
    from odoo.sql_db import connection_info_for
    from odoo.tools import SQL

    from odoo.addons.oa_base.models import bus_bus

    payload = json.dumps([["bench", "bus_notify"]])

    def odoo_way():
        # what bus.bus._ensure_hooks's postcommit hook runs
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute(SQL("SELECT pg_notify('imbus', %s)", payload))

    def kept():
        bus_bus.notify([payload])

    _db, info = connection_info_for("postgres")
    probe = psycopg2.connect(**info)
    probe.autocommit = True
    with probe.cursor() as cr:
        cr.execute("SELECT pg_backend_pid()")
        postmaster = psutil.Process(cr.fetchone()[0]).parent()

    def pg_cpu():
        # the postmaster's reaped children (connections that ended) and its
        # live ones (the probe's among them, idle): run it on an idle machine
        total = 0.0
        times = postmaster.cpu_times()
        total += times.children_user + times.children_system
        for child in postmaster.children():
            try:
                times = child.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    me = psutil.Process()
    kept()  # the connection opened once, as at a worker's first NOTIFY
    figures = {"Odoo's (a connection per NOTIFY)": [], "kept connection": []}
    for _round in range(args.rounds):
        for name, fn in zip(figures, (odoo_way, kept), strict=True):
            c0, p0, w0 = sum(me.cpu_times()[:2]), pg_cpu(), time.perf_counter()
            for _i in range(args.count):
                fn()
            time.sleep(0.5)  # the last backends reaped
            c1, p1 = sum(me.cpu_times()[:2]), pg_cpu()
            w1 = time.perf_counter() - 0.5
            figures[name].append(
                ((c1 - c0) / args.count, (p1 - p0) / args.count, (w1 - w0) / args.count)
            )
    out(f"{args.count} NOTIFYs x {args.rounds} rounds, alternated; median per NOTIFY")
    out(f"{'':<36} {'Odoo CPU':>9} {'PG CPU':>9} {'wall':>9}")
    base = None
    for name, rows in figures.items():
        odoo_ms, pg_ms, wall_ms = (
            sorted(row[i] for row in rows)[len(rows) // 2] * 1000 for i in range(3)
        )
        base = base or (odoo_ms + pg_ms)
        out(
            f"{name:<36} {odoo_ms:6.2f} ms {pg_ms:6.2f} ms {wall_ms:6.2f} ms"
            f"   CPU {(odoo_ms + pg_ms) / base:5.2f}x"
        )
    probe.close()


if __name__ == "__main__":
    main()
