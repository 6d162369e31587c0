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
the audit trail's rows of an authentication); the mix's writes (draft,
submit, approve) are measured by ``document_flow.py``.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

import psutil
from _odoo import odoo_config, out


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", default="", help="a kind's name")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sql", default="", help="a kind's name: print its queries")
    return parser.parse_args()


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


def pg_cpu(db):
    """CPU seconds so far of the PostgreSQL backends serving this process
    (its connection pool: they live as long as it does)."""
    import psycopg2

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name LIKE %s",
            [f"odoo-{os.getpid()}%"],
        )
        pids = [pid for (pid,) in cr.fetchall()]
    conn.close()
    total = 0.0
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


def main():
    args = parse()
    client = start_odoo(args.db)
    import odoo.sql_db

    s = Session(client, args.db)
    res = s.rpc(
        "/web/session/authenticate",
        {"db": args.db, "login": args.login, "password": args.password},
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
    base = None
    total = {"odoo": 0.0, "pg": 0.0}
    for name, fn in requests.items():
        fn()  # warm-up: the registry's and the ORM's caches of this kind
        q0, c0, p0 = odoo.sql_db.sql_counter, time.process_time(), pg_cpu(args.db)
        for _i in range(args.runs):
            fn()
        cpu = (time.process_time() - c0) / args.runs
        pg = (pg_cpu(args.db) - p0) / args.runs
        queries = (odoo.sql_db.sql_counter - q0) / args.runs
        if base is None:
            base = cpu
        else:
            total["odoo"] += cpu
            total["pg"] += pg
        out(
            f"{name:<26} {cpu * 1000:7.2f} ms {pg * 1000:6.2f} ms {queries:8.1f}   "
            f"{cpu / base:6.1f}x"
        )
    n = len(requests) - 1
    out(
        f"{'mean of the kinds':<26} {total['odoo'] / n * 1000:7.2f} ms "
        f"{total['pg'] / n * 1000:6.2f} ms"
    )
    if args.sql:
        import logging

        logger = logging.getLogger("odoo.sql_db")
        logger.setLevel(logging.DEBUG)
        requests[args.sql]()
        logger.setLevel(logging.WARNING)
    if args.profile:
        fn = requests[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _i in range(args.runs):
            fn()
        profiler.disable()
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(
            args.top
        )
        out(stream.getvalue())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
