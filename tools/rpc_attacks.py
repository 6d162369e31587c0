#!/usr/bin/env python3
"""Try issue 7's attacks over JSON-RPC as the demo users, against a running
server with the suite and its demo data; print one line per attack: REFUSED
(with the server's message) or ACCEPTED (a hole).  Exit 1 on any hole.

    tools/rpc_attacks.py http://127.0.0.1:8069 DB PASSWORD

PASSWORD is the one the demo users have after their first-login change
(set it first, e.g. with the load test's preparation).  Each attack is read
back as the attacker afterwards where he can read the record.
"""

import sys

import requests


class Client:
    def __init__(self, url, db, login, password):
        self.url, self.session = url, requests.Session()
        res = self.session.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=60,
        ).json()
        if "error" in res or not res["result"].get("uid"):
            raise SystemExit(f"{login}: log-in refused: {res.get('error')}")
        self.uid = res["result"]["uid"]
        self.login = login

    def call(self, model, method, *args, **kwargs):
        res = self.session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                }
            },
            timeout=60,
        ).json()
        if "error" in res:
            data = res["error"].get("data", {})
            return None, data.get("message") or res["error"].get("message")
        return res["result"], None


HOLES = []


def attack(who, what, result):
    value, error = result
    if error:
        print(f"REFUSED  {who.login:<14} {what}: {error.splitlines()[0][:110]}")
    else:
        print(f"ACCEPTED {who.login:<14} {what}")
        HOLES.append(what)


def main(url, db, password):
    def login(name):
        return Client(url, db, name, password)

    # Find the actors from the demo data as the administrator would.
    admin = Client(url, db, "admin", "admin")

    def first(model, domain, fields):
        rows, error = admin.call(model, "search_read", domain, fields=fields, limit=1)
        assert not error, error
        return rows[0] if rows else None

    project_group = first("res.groups", [("name", "=", "Project Group")], ["id"])
    # demo people, not the administrator (who holds every role)
    not_admin = ("groups_id", "not in", [project_group["id"]])

    # A drafter makes a draft, as he would (drafts are his alone to read).
    clerk = first(
        "res.users",
        [("groups_id.name", "=", "Document Clerk"), not_admin],
        ["login"],
    )
    drafter = login(clerk["login"])
    state, error = drafter.call(
        "oa.document", "api_create_draft", {"title": "攻击测试草稿"}
    )
    assert not error, error
    draft = {"id": state["id"]}
    if draft:
        leader = first("res.users", [("groups_id.name", "=", "Company Leader")], ["id"])
        attack(
            drafter,
            "write state/number/sealed/signed_by on his own draft",
            drafter.call(
                "oa.document",
                "write",
                [draft["id"]],
                {
                    "state": "distributed",
                    "number": "伪造〔2026〕1号",
                    "sealed": True,
                    "signed_by_id": leader["id"],
                },
            ),
        )
        attack(
            drafter,
            "same with bypass context keys",
            drafter.call(
                "oa.document",
                "write",
                [draft["id"]],
                {"state": "archived"},
                context={"oa_transition": True, "tracking_disable": True},
            ),
        )
    receipt = first(
        "oa.document.incoming", [("state", "=", "received")], ["unit_id", "state"]
    ) or first("oa.document.incoming", [], ["unit_id", "state"])
    if receipt:
        clerk = first(
            "res.users",
            [
                ("oa_unit_id", "=", receipt["unit_id"][0]),
                ("groups_id.name", "=", "Document Clerk"),
                not_admin,
            ],
            ["login"],
        )
        if clerk:
            clerk = login(clerk["login"])
            attack(
                clerk,
                "write state=archived and a receipt number on a receipt",
                clerk.call(
                    "oa.document.incoming",
                    "write",
                    [receipt["id"]],
                    {"state": "archived", "receipt_number": "收〔2026〕999号"},
                ),
            )
    proxy = first("oa.proxy", [], ["user_id", "proxy_user_id"])
    if proxy:
        principal = login(
            first("res.users", [("id", "=", proxy["user_id"][0])], ["login"])["login"]
        )
        leader = first("res.users", [("groups_id.name", "=", "Company Leader")], ["id"])
        attack(
            principal,
            "rewrite user_id of his proxy row to a leader",
            principal.call(
                "oa.proxy", "write", [proxy["id"]], {"user_id": leader["id"]}
            ),
        )
    unit_admin = first(
        "res.users",
        [
            ("groups_id.name", "=", "Unit Administrator"),
            not_admin,
        ],
        ["login", "id"],
    )
    if unit_admin:
        ua = login(unit_admin["login"])
        root = first("hr.department", [("parent_id", "=", False)], ["id"])
        attack(
            ua,
            "make himself administrator of the root unit",
            ua.call(
                "res.users",
                "write",
                [ua.uid],
                {"oa_managed_unit_ids": [(4, root["id"])]},
            ),
        )
        settings = first("res.groups", [("name", "=", "Settings")], ["id"])
        project = first("res.groups", [("name", "=", "Project Group")], ["id"])
        for group, label in ((settings, "Settings"), (project, "Project Group")):
            attack(
                ua,
                f"add himself to {label}",
                ua.call(
                    "res.users", "write", [ua.uid], {"groups_id": [(4, group["id"])]}
                ),
            )
        leader = first("res.users", [("groups_id.name", "=", "Company Leader")], ["id"])
        attack(
            ua,
            "set a leader's password",
            ua.call("res.users", "write", [leader["id"]], {"password": "Hijack@2026"}),
        )
    staff = first(
        "res.users",
        [
            ("groups_id.name", "=", "OA User"),
            ("groups_id.name", "!=", "Company Leader"),
            not_admin,
        ],
        ["login"],
    )
    api_user = login(staff["login"])
    attack(
        api_user,
        "api_get_state('abc')",
        api_user.call("oa.document", "api_get_state", "abc"),
    )
    attack(
        api_user,
        "api_create_draft({'main_units': 12})",
        api_user.call("oa.document", "api_create_draft", {"main_units": 12}),
    )
    print(f"{len(HOLES)} accepted")
    return 1 if HOLES else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
