#!/usr/bin/env python3
"""CPU per request, per kind of request of the load test's mix, served
in-process by Odoo's own WSGI application (session, routing, JSON, the ORM,
the commit: all of a request but the socket).

    python3 bench/request_cpu.py -d oa --login wulijuan --password … \\
        [--runs 50] [--profile 'document list'] [--top 40]

The user signs in once (one password hash, not counted), then each kind of
request of ``bench/load/locustfile.py``'s mix that only reads is sent
``--runs`` times after one warm-up: the figure is the Odoo process's CPU
time (``time.process_time``) per request and the SQL queries per request,
and PostgreSQL's CPU time per request (the backends of this process's
connections, as the operating system counts them).
Baseline measured in the same run: ``/web/webclient/version_info``, a JSON
request that does no ORM work (what the request machinery costs alone).
``--profile KIND`` runs that kind once more under cProfile and prints the
functions with the most cumulative time.

Nothing is written but what any such request writes (the session file,
the audit trail's rows of an authentication).  ``--writes N`` measures the
mix's writes too, on a copy of the database (dropped at the end): N drafts
(``api_create_draft``), their submissions, and the first step's approval
with an opinion by whoever holds it; then the whole mix as the locustfile
sends it (``MIX``: 40 requests, weighted by their counts) is one figure of
CPU per request, the one the load test's target reads (≤ 10 ms).
"""

import argparse
import contextlib
import cProfile
import importlib.util
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

import psutil
from _odoo import odoo_config, out

# requests of each kind in 24 tasks of bench/load/locustfile.py (its weights;
# a document list opens a document with its chatter, the shell fetches the
# systray, an approval first asks what waits and opens it): 40 requests
MIX = {
    "web shell (/odoo)": 1,
    "systray (/mail/data)": 3,
    "workbench": 2,
    "incoming list": 2,
    "to-do list": 4,
    "document list": 4,
    "open document": 6,
    "chatter": 6,
    "document search": 2,
    "draft": 1,
    "submit": 1,
    "waiting for me": 2,
    "approve": 2,
    "notice list": 2,
    "read notice": 2,
}


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", default="", help="a kind's name")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--sql", default="", help="a kind's name: print its queries (once)"
    )
    parser.add_argument(
        "--writes",
        type=int,
        default=0,
        help="N: also draft, submit and approve N documents (on a copy)",
    )
    return parser.parse_args()


def load_run():
    """bench/load/run.py, for its database copy (with the filestore)."""
    path = Path(__file__).resolve().parent / "load" / "run.py"
    spec = importlib.util.spec_from_file_location("oa_load_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start_odoo(db):
    import odoo

    odoo_config("-d", db, "--db-filter", f"^{db}$")
    odoo.service.server.load_server_wide_modules()
    from werkzeug.test import Client

    def app(environ, start_response):
        # what a socket server adds to the WSGI environment
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return odoo.http.root(environ, start_response)

    return Client(app, use_cookies=True)


_PG = {}


def pg_cpu(db):
    """CPU seconds so far of PostgreSQL for this process: the backends of
    its connections (the pool's live as long as it does) and those that
    ended — a connection opened and closed within a request (the bus's
    NOTIFY on ``postgres`` in Odoo's own code): their CPU is added to the
    postmaster's children when it reaps them.  The connection that asks is
    kept open, so that it adds no backend of its own."""
    import psycopg2

    if "cnx" not in _PG:
        _PG["cnx"] = psycopg2.connect(dbname=db)
        _PG["cnx"].autocommit = True
        with _PG["cnx"].cursor() as cr:
            cr.execute("SELECT pg_backend_pid()")
            _PG["postmaster"] = psutil.Process(cr.fetchone()[0]).parent()
    with _PG["cnx"].cursor() as cr:
        cr.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name LIKE %s",
            [f"odoo-{os.getpid()}%"],
        )
        pids = [pid for (pid,) in cr.fetchall()]
    reaped = _PG["postmaster"].cpu_times()
    total = reaped.children_user + reaped.children_system
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class Session:
    def __init__(self, client, db):
        self.client, self.db, self.uid = client, db, None

    def rpc(self, path, params):
        res = self.client.post(
            path,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            content_type="application/json",
        )
        body = json.loads(res.get_data())
        if "error" in body:
            raise SystemExit(f"{path}: {body['error'].get('message')}")
        return body.get("result")

    def call(self, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def page(self, path):
        res = self.client.get(path)
        if res.status_code != 200:
            raise SystemExit(f"GET {path}: {res.status_code}")


def kinds(s, doc_id, article_id):
    """The read-only requests of the load test's mix, as locustfile.py sends them."""
    return {
        "baseline: version_info": lambda: s.rpc("/web/webclient/version_info", {}),
        "web shell (/odoo)": lambda: s.page("/odoo"),
        "systray (/mail/data)": lambda: s.rpc(
            "/mail/data",
            {"init_messaging": {}, "failures": True, "systray_get_activities": True},
        ),
        "to-do list": lambda: s.call(
            "mail.activity",
            "web_search_read",
            [[("user_id", "=", s.uid)]],
            {
                "specification": {"res_model": {}, "res_id": {}, "summary": {}},
                "limit": 80,
            },
        ),
        "document list": lambda: s.call(
            "oa.document",
            "web_search_read",
            [[]],
            {"specification": {"name": {}, "state": {}, "number": {}}, "limit": 80},
        ),
        "open document": lambda: s.call(
            "oa.document",
            "web_read",
            [[doc_id]],
            {"specification": {"name": {}, "body": {}, "state": {}, "number": {}}},
        ),
        "chatter": lambda: s.rpc(
            "/mail/thread/messages",
            {"thread_model": "oa.document", "thread_id": doc_id, "limit": 30},
        ),
        "document search": lambda: s.call(
            "oa.document",
            "web_search_read",
            [[("name", "ilike", "通知")]],
            {"specification": {"name": {}, "state": {}}, "limit": 80},
        ),
        "incoming list": lambda: s.call(
            "oa.document.incoming",
            "web_search_read",
            [[]],
            {
                "specification": {
                    "name": {},
                    "state": {},
                    "unit_id": {"fields": {"display_name": {}}},
                    "date_received": {},
                },
                "limit": 80,
            },
        ),
        "waiting for me": lambda: s.call(
            "mail.activity",
            "search_read",
            [[("user_id", "=", s.uid), ("res_model", "=", "oa.document")]],
            {"fields": ["res_id"], "limit": 5},
        ),
        "workbench": lambda: s.call("oa.workbench", "get_data", []),
        "notice list": lambda: s.call(
            "oa.article",
            "web_search_read",
            [[("state", "=", "published")]],
            {"specification": {"name": {}}, "limit": 20},
        ),
        "read notice": lambda: s.call(
            "oa.article",
            "web_read",
            [[article_id]],
            {"specification": {"name": {}, "body": {}}},
        ),
    }


class Meter:
    """Odoo CPU, PostgreSQL CPU and queries of the requests run inside."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        import odoo.sql_db

        self.q0 = odoo.sql_db.sql_counter
        self.c0, self.p0 = time.process_time(), pg_cpu(self.db)
        return self

    def __exit__(self, *exc):
        import odoo.sql_db

        self.cpu = time.process_time() - self.c0
        self.pg = pg_cpu(self.db) - self.p0
        self.queries = odoo.sql_db.sql_counter - self.q0


def write_kinds(s, client, db, password, count, sql="", profile="", top=40):
    """Draft, submit and approve ``count`` documents: each kind's requests
    measured together (a request each, as the mix sends them); the queries
    of the kind named ``sql`` are printed, the kind named ``profile`` is
    profiled (its figures then include cProfile's own cost)."""
    import logging

    logger = logging.getLogger("odoo.sql_db")

    @contextlib.contextmanager
    def kind(name):
        if sql == name:
            logger.setLevel(logging.DEBUG)
        profiler = cProfile.Profile() if profile == name else None
        with Meter(db) as meter:
            if profiler:
                profiler.enable()
            yield meter
            if profiler:
                profiler.disable()
        logger.setLevel(logging.WARNING)
        results[name] = meter
        if profiler:
            print_profile(profiler, top)

    units = s.call(
        "hr.department",
        "search_read",
        [[("is_oa_unit", "=", True)]],
        {"fields": ["id"]},
    )
    doc_ids = []
    results = {}

    def draft(into):
        state = s.call(
            "oa.document",
            "api_create_draft",
            [
                {
                    "title": f"请求测量公文 {len(into)}",
                    "body": "<p>正文</p>",
                    "main_units": [units[len(into) % len(units)]["id"]],
                }
            ],
        )
        into.append(state["id"])

    # warm-up, as for the read kinds: one document drafted, submitted and
    # (below) approved first, unmeasured — what a worker does once (the
    # code's translations loaded at the first message, say) is not a
    # request's cost
    warm = []
    draft(warm)
    s.call("oa.document", "action_submit", [warm])
    with kind("draft"):
        for _i in range(count):
            draft(doc_ids)
    with kind("submit"):
        for doc_id in doc_ids:
            s.call("oa.document", "action_submit", [[doc_id]])
    # who holds each document's first step (not measured: the mix's
    # approver asks "waiting for me" first, measured apart)
    import psycopg2

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            """SELECT DISTINCT ON (s.res_id) s.res_id, u.login
                 FROM oa_flow_step s
                 JOIN oa_flow_step_user_rel r ON r.step_id = s.id
                 JOIN res_users u ON u.id = r.user_id
                WHERE s.res_model = 'oa.document' AND s.state = 'pending'
                  AND s.res_id IN %s
                ORDER BY s.res_id, u.id""",
            [tuple(doc_ids + warm)],
        )
        holders = cr.fetchall()
    conn.close()
    actors = {}
    for login in {login for _doc, login in holders}:
        actor = Session(type(client)(client.application, use_cookies=True), db)
        actor.rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        actors[login] = actor

    def approve(doc_id, login):
        actors[login].call(
            "oa.document", "action_approve", [[doc_id]], {"opinion": "同意"}
        )

    for doc_id, login in holders:
        if doc_id in warm:
            approve(doc_id, login)
    holders = [(doc_id, login) for doc_id, login in holders if doc_id not in warm]
    with kind("approve"):
        for doc_id, login in holders:
            approve(doc_id, login)
    return results, {"draft": count, "submit": count, "approve": len(holders)}


def main():
    args = parse()
    db = args.db
    if args.writes:
        run = load_run()
        data_dir = os.environ.get("ODOO_DATA_DIR") or os.path.expanduser(
            "~/.local/share/Odoo"
        )
        db = f"{args.db}_request_cpu"
        run.copy_database(args.db, db, data_dir)
    try:
        measure_all(args, db)
    finally:
        if args.writes:
            import odoo.sql_db

            odoo.sql_db.close_db(db)
            if "cnx" in _PG:
                _PG.pop("cnx").close()
            run.drop_database(db, data_dir)


def measure_all(args, db):
    client = start_odoo(db)
    s = Session(client, db)
    res = s.rpc(
        "/web/session/authenticate",
        {"db": db, "login": args.login, "password": args.password},
    )
    s.uid = res["uid"]
    docs = s.call("oa.document", "search", [[]], {"limit": 1})
    articles = s.call(
        "oa.article", "search", [[("state", "=", "published")]], {"limit": 1}
    )
    if not docs or not articles:
        raise SystemExit("the user sees no document or no published article")
    requests = kinds(s, docs[0], articles[0])
    out(
        f"user {args.login} (uid {s.uid}), {args.runs} requests per kind, "
        f"Odoo in-process (pid {os.getpid()}), PostgreSQL backends' CPU"
    )
    out(
        f"{'kind':<26} {'Odoo CPU':>10} {'PG CPU':>9} {'queries':>8}   ratio (Odoo CPU)"
    )
    figures = {}

    def show(name, meter, n):
        cpu, pg, queries = meter.cpu / n, meter.pg / n, meter.queries / n
        figures[name] = (cpu, pg)
        base = figures["baseline: version_info"][0]
        out(
            f"{name:<26} {cpu * 1000:7.2f} ms {pg * 1000:6.2f} ms {queries:8.1f}   "
            f"{cpu / base:6.1f}x"
        )

    for name, fn in requests.items():
        fn()  # warm-up: the registry's and the ORM's caches of this kind
        with Meter(db) as meter:
            for _i in range(args.runs):
                fn()
        show(name, meter, args.runs)
    reads = [name for name in requests if not name.startswith("baseline")]
    out(
        f"{'mean of the kinds':<26} "
        f"{sum(figures[k][0] for k in reads) / len(reads) * 1000:7.2f} ms "
        f"{sum(figures[k][1] for k in reads) / len(reads) * 1000:6.2f} ms"
    )
    if args.writes:
        meters, counts = write_kinds(
            s, client, db, args.password, args.writes, args.sql, args.profile, args.top
        )
        for name, meter in meters.items():
            show(name, meter, counts[name])
        weight = sum(MIX.values())
        odoo_ms = sum(figures[k][0] * n for k, n in MIX.items()) / weight * 1000
        pg_ms = sum(figures[k][1] * n for k, n in MIX.items()) / weight * 1000
        out(
            f"{'the mix (locustfile.py)':<26} {odoo_ms:7.2f} ms {pg_ms:6.2f} ms"
            f"   per request, {weight} requests weighted as the load test sends"
            f" them: {odoo_ms + pg_ms:.1f} ms of CPU"
        )
    if args.sql in requests:
        import logging

        logger = logging.getLogger("odoo.sql_db")
        logger.setLevel(logging.DEBUG)
        requests[args.sql]()
        logger.setLevel(logging.WARNING)
    if args.profile in requests:
        fn = requests[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _i in range(args.runs):
            fn()
        profiler.disable()
        print_profile(profiler, args.top)


def print_profile(profiler, top):
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    out(stream.getvalue())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
