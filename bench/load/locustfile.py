"""Simulated OA users for the load test (bench/load/run.py drives it).

Each simulated user logs in as one demo user (``OA_LOAD_USERS``: JSON list
of [login, password], first-login change already done), then works with a
1-3 s think time: the web client's shell (the page and its systray:
messaging, failures, activities), the to-do list, the document list,
opening a document with its chatter, a search, the receipts list, drafting
and submitting, approving what waits for him with an opinion, and, when the
columns addon is installed, the workbench and reading a notice.
"""

import itertools
import json
import os
import random
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, task

USERS = itertools.cycle(json.loads(os.environ["OA_LOAD_USERS"]))
DB = os.environ["OA_LOAD_DB"]
# where to say that every simulated user has logged in (bench/load/run.py
# measures from then on: the logins are the morning burst's figure)
READY_FILE = os.environ.get("OA_LOAD_READY_FILE")
READY = {"users": 0, "failed_logins": 0}


# seconds between the last login and the start of the measure: the requests
# queued behind the last logins' password hashes are served first
SETTLE = 10


def logged_in(environment):
    """One more simulated user is logged in and set up; once they all are
    (and the queue has settled), the statistics start again from zero and
    run.py is told."""
    READY["users"] += 1
    if READY["users"] == environment.parsed_options.num_users:

        def start_measuring():
            environment.stats.reset_all()
            if READY_FILE:
                # the logins that failed are said apart (run.py counts them
                # as errors of the step): the statistics were just reset
                Path(READY_FILE).write_text(
                    json.dumps(
                        {"time": time.time(), "failed_logins": READY["failed_logins"]}
                    )
                )

        gevent.spawn_later(SETTLE, start_measuring)


class OaUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.login, password = next(USERS)
        res = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": self.login, "password": password},
            name="login",
        )
        self.uid = (res or {}).get("uid")
        self.models, self.unit_ids = set(), []
        if not self.uid:
            # counted once, not as the errors of every task he would send
            # without a session
            READY["failed_logins"] += 1
        if self.uid:
            # Which OA models this database has (the columns addon is
            # optional): a count the user may run answers with a number.
            # (ir.model is not readable by ordinary users: asking it would
            # leave every OA task silently skipped.)
            for model in ("oa.document", "oa.document.incoming", "oa.article"):
                count = self.call(model, "search_count", [[]], name="models")
                if isinstance(count, int):
                    self.models.add(model)
            # the units a draft can be sent to (a submit without a main
            # recipient unit is refused, and nothing would flow)
            units = self.call(
                "hr.department",
                "search_read",
                [[("is_oa_unit", "=", True)]],
                {"fields": ["id"]},
                name="units",
            )
            self.unit_ids = [row["id"] for row in units or []]
        logged_in(self.environment)

    # ---- JSON-RPC ----

    def rpc(self, path, params, name):
        with self.client.post(
            path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            name=name,
            catch_response=True,
        ) as res:
            try:
                body = res.json()
            except ValueError:
                res.failure(f"not JSON: {res.status_code}")
                return None
            if "error" in body:
                error = body["error"].get("data", {}).get("name", "")
                # A refusal by the flow (someone else acted first) is an
                # answer, not a failure of the server.
                if error.endswith(("UserError", "ValidationError", "AccessError")):
                    res.success()
                    return None
                res.failure(body["error"].get("message", "error"))
                return None
            res.success()
            return body.get("result")

    def call(self, model, method, args, kwargs=None, name=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            name=name or f"{model}.{method}",
        )

    # ---- Tasks ----

    @task(1)
    def web_shell(self):
        """The web client itself: the page (session info, menus), then the
        systray's first fetch, as a browser does when it opens Odoo."""
        if not self.uid:
            return
        with self.client.get("/odoo", name="web shell", catch_response=True) as res:
            if res.status_code != 200 or "odoo.__session_info__" not in res.text:
                res.failure(f"no web client: {res.status_code}")
        self.systray()

    @task(2)
    def systray(self):
        if not self.uid:
            return
        self.rpc(
            "/mail/data",
            {"init_messaging": {}, "failures": True, "systray_get_activities": True},
            name="systray",
        )

    @task(2)
    def workbench(self):
        if "oa.article" not in self.models:
            return
        self.call("oa.workbench", "get_data", [], name="workbench")

    @task(2)
    def incoming_list(self):
        if "oa.document.incoming" not in self.models:
            return
        self.call(
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
            name="incoming list",
        )

    @task(4)
    def todo(self):
        if not self.uid:
            return
        self.call(
            "mail.activity",
            "web_search_read",
            [[("user_id", "=", self.uid)]],
            {
                "specification": {"res_model": {}, "res_id": {}, "summary": {}},
                "limit": 80,
            },
            name="to-do list",
        )

    @task(4)
    def document_list(self):
        if "oa.document" not in self.models:
            return
        page = self.call(
            "oa.document",
            "web_search_read",
            [[]],
            {"specification": {"name": {}, "state": {}, "number": {}}, "limit": 80},
            name="document list",
        )
        records = (page or {}).get("records") or []
        if records:
            self.open_document(random.choice(records)["id"])

    def open_document(self, doc_id):
        self.call(
            "oa.document",
            "web_read",
            [[doc_id]],
            {"specification": {"name": {}, "body": {}, "state": {}, "number": {}}},
            name="open document",
        )
        self.rpc(
            "/mail/thread/messages",
            {"thread_model": "oa.document", "thread_id": doc_id, "limit": 30},
            name="chatter",
        )

    @task(2)
    def search(self):
        if "oa.document" not in self.models:
            return
        self.call(
            "oa.document",
            "web_search_read",
            [[("name", "ilike", random.choice(["通知", "会议", "安排", "简报"]))]],
            {"specification": {"name": {}, "state": {}}, "limit": 80},
            name="document search",
        )

    @task(1)
    def draft(self):
        if "oa.document" not in self.models:
            return
        if not self.unit_ids:
            return
        state = self.call(
            "oa.document",
            "api_create_draft",
            [
                {
                    "title": f"压力测试公文 {self.login}",
                    "body": "<p>正文</p>",
                    "main_units": [random.choice(self.unit_ids)],
                }
            ],
            name="draft",
        )
        if state and state.get("id"):
            self.call("oa.document", "action_submit", [[state["id"]]], name="submit")

    @task(2)
    def approve(self):
        if "oa.document" not in self.models:
            return
        waiting = self.call(
            "mail.activity",
            "search_read",
            [[("user_id", "=", self.uid), ("res_model", "=", "oa.document")]],
            {"fields": ["res_id"], "limit": 5},
            name="waiting for me",
        )
        if waiting:
            doc_id = random.choice(waiting)["res_id"]
            self.open_document(doc_id)
            self.call(
                "oa.document",
                "action_approve",
                [[doc_id]],
                {"opinion": "同意"},
                name="approve",
            )

    @task(2)
    def read_notice(self):
        if "oa.article" not in self.models:
            return
        page = self.call(
            "oa.article",
            "web_search_read",
            [[("state", "=", "published")]],
            {"specification": {"name": {}}, "limit": 20},
            name="notice list",
        )
        records = (page or {}).get("records") or []
        if records:
            self.call(
                "oa.article",
                "web_read",
                [[random.choice(records)["id"]]],
                {"specification": {"name": {}, "body": {}}},
                name="read notice",
            )
