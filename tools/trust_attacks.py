#!/usr/bin/env python3
"""Try the trust-boundary reproductions over HTTP and JSON-RPC as the demo
users, against a running server with the suite and its demo data (started as
``make run`` starts it: no database manager); print one line per attempt:
REFUSED (with the server's answer) or ACCEPTED (a hole).  Exit 1 on any hole.

    tools/trust_attacks.py http://127.0.0.1:8069 DB PASSWORD

PASSWORD is the one the demo users have after their first-login change (see
``tools/rpc_attacks.py``).  Everything an attack creates stays in the
database: run it on a copy.
"""

import sys

from rpc_attacks import HOLES, Client, attack


def refused_http(who, what, response, must_not_contain=None):
    """An HTTP answer is a refusal when it is not a 200 (or when the 200
    does not hold what must not be shown)."""
    body = response.text if response.status_code == 200 else ""
    if response.status_code != 200 or (
        must_not_contain and must_not_contain not in body
    ):
        print(f"REFUSED  {who:<14} {what}: HTTP {response.status_code}")
        return
    print(f"ACCEPTED {who:<14} {what}: HTTP 200, {len(response.content)} bytes")
    HOLES.append(what)


def accepted_if(who, what, hole):
    print(f"{'ACCEPTED' if hole else 'REFUSED '} {who.login:<14} {what}")
    if hole:
        HOLES.append(what)


def read_back(who, model, ids, fields):
    rows, error = who.call(model, "read", ids, fields)
    assert not error, error
    return rows[0]


def main(url, db, password):
    admin = Client(url, db, "admin", "admin")

    def first(model, domain, fields, **kw):
        rows, error = admin.call(
            model, "search_read", domain, fields=fields, limit=1, **kw
        )
        assert not error, error
        return rows[0] if rows else None

    def login_of(domain):
        user = first("res.users", domain, ["login"])
        return Client(url, db, user["login"], password) if user else None

    project = first("res.groups", [("name", "=", "Project Group")], ["id"])
    not_admin = ("groups_id", "not in", [project["id"]])

    # 1. prints are reads: a plain user of a unit the document never reached
    doc = first(
        "oa.document",
        [("state", "in", ("distributed", "archived"))],
        ["name", "issuing_unit_id", "main_unit_ids", "copy_unit_ids"],
    )
    reached = [doc["issuing_unit_id"][0], *doc["main_unit_ids"], *doc["copy_unit_ids"]]
    outsider = login_of(
        [
            ("oa_unit_id", "not in", reached),
            ("oa_unit_id", "!=", False),
            ("groups_id.name", "=", "OA User"),
            not_admin,
        ]
    )
    for report, model, record in (
        ("oa_document.report_oa_document", "oa.document", doc),
        (
            "oa_document.report_oa_document_incoming",
            "oa.document.incoming",
            first("oa.document.incoming", [], ["id"], order="id desc"),
        ),
        (
            "oa_portal_columns.report_oa_periodical",
            "oa.periodical",
            first("oa.periodical", [], ["id"], order="id desc"),
        ),
    ):
        readable, _error = outsider.call(model, "search", [("id", "=", record["id"])])
        if readable:
            continue
        for converter in ("pdf", "html"):
            refused_http(
                outsider.login,
                f"GET /report/{converter}/{report}/{record['id']}",
                outsider.session.get(
                    f"{url}/report/{converter}/{report}/{record['id']}", timeout=120
                ),
            )

    # 2. default_* keys: a manuscript accepted in 2020, a closed batch, a
    # cancelled roll-out task
    writer = login_of([("groups_id.name", "=", "OA User"), not_admin])
    ids, error = writer.call(
        "oa.manuscript",
        "create",
        [{"name": "伪造的稿件", "body": "<p>x</p>"}],
        context={
            "default_state": "accepted",
            "default_accept_date": "2020-01-01 00:00:00",
        },
    )
    if error:
        attack(writer, "manuscript created with default_state=accepted", (None, error))
    else:
        row = read_back(writer, "oa.manuscript", ids, ["state", "accept_date"])
        accepted_if(
            writer,
            f"manuscript default_state=accepted → {row['state']}",
            row["state"] != "draft" or row["accept_date"],
        )
    organiser = login_of(
        [("groups_id", "in", [project["id"]]), ("login", "!=", "admin")]
    )
    ids, error = organiser.call(
        "oa.training.batch",
        "create",
        [{"name": "伪造的批次", "date_start": "2030-01-07", "date_end": "2030-01-08"}],
        context={
            "default_state": "done",
            "default_date_closed": "2020-01-01 00:00:00",
            "default_closed_by_id": organiser.uid,
        },
    )
    if error:
        attack(organiser, "batch created with default_state=done", (None, error))
    else:
        row = read_back(organiser, "oa.training.batch", ids, ["state", "date_closed"])
        accepted_if(
            organiser,
            f"batch default_state=done → {row['state']}",
            row["state"] == "done" or row["date_closed"],
        )
    phase = first("oa.rollout.phase", [], ["id"])
    unit = first("hr.department", [("is_oa_unit", "=", True)], ["id"])
    ids, error = organiser.call(
        "oa.rollout.task",
        "create",
        [
            {
                "name": "伪造的任务",
                "phase_id": phase["id"],
                "unit_id": unit["id"],
                "deadline_type": "fixed",
                "date_fixed": "2030-01-01",
            }
        ],
        context={"default_state": "cancel", "default_date_done": "2020-01-01"},
    )
    if error:
        attack(organiser, "task created with default_state=cancel", (None, error))
    else:
        row = read_back(organiser, "oa.rollout.task", ids, ["state", "date_done"])
        accepted_if(
            organiser,
            f"task default_state=cancel → {row['state']}",
            row["state"] != "open" or row["date_done"],
        )

    # 6. a file attached before the draft's first save; 7. the reviewer's to-do
    drafter = login_of([("groups_id.name", "=", "Document Clerk"), not_admin])
    att, error = drafter.call(
        "ir.attachment",
        "create",
        {
            "name": "方案.txt",
            "raw": "草稿附件",
            "res_model": "oa.document",
            "res_id": 0,
        },
    )
    assert not error, error
    draft, error = drafter.call(
        "oa.document",
        "api_create_draft",
        {"title": "附件测试", "main_units": [unit["id"]]},
    )
    assert not error, error
    _res, error = drafter.call(
        "oa.document", "write", [draft["id"]], {"attachment_ids": [(6, 0, [att])]}
    )
    assert not error, error
    _res, error = drafter.call("oa.document", "action_submit", [draft["id"]])
    assert not error, error
    todo = first(
        "mail.activity",
        [("res_model", "=", "oa.document"), ("res_id", "=", draft["id"])],
        ["user_id"],
    )
    reviewer = Client(
        url,
        db,
        first("res.users", [("id", "=", todo["user_id"][0])], ["login"])["login"],
        password,
    )
    response = reviewer.session.get(
        f"{url}/web/content/{att}?download=true", timeout=60
    )
    accepted_if(
        reviewer,
        f"the reviewer cannot open the draft's file (HTTP {response.status_code})",
        response.status_code != 200,
    )
    for method in ("action_feedback", "action_done", "unlink"):
        attack(
            reviewer,
            f"mail.activity.{method} on his flow to-do",
            reviewer.call("mail.activity", method, [todo["id"]]),
        )
    accepted_if(
        reviewer,
        "… the to-do is still his",
        not first("mail.activity", [("id", "=", todo["id"])], ["id"]),
    )

    # 3. attachment takeover: an article's publisher links the file of the
    # document under review (uploaded by its drafter above) to his article
    article = first("oa.article", [("state", "=", "draft")], ["column_id"]) or first(
        "oa.article", [], ["column_id"]
    )
    column = first(
        "oa.column",
        [("id", "=", article["column_id"][0])],
        ["publisher_ids", "unit_id"],
    )
    publisher = login_of([("id", "in", column["publisher_ids"]), not_admin]) or (
        login_of([("oa_managed_unit_ids", "in", [column["unit_id"][0]]), not_admin])
    )
    attack(
        publisher,
        "link the file of a document under review to his article",
        publisher.call(
            "oa.article", "write", [article["id"]], {"attachment_ids": [(4, att)]}
        ),
    )
    row = reviewer.call("ir.attachment", "read", [att], ["res_model", "res_id"])[0][0]
    accepted_if(
        publisher,
        "… the file left its document",
        (row["res_model"], row["res_id"]) != ("oa.document", draft["id"]),
    )

    # 8. the database manager
    page = requests_get(url, "/web/login")
    accepted_if(
        drafter,
        "the login page offers the database manager",
        "/web/database/manager" in page.text,
    )
    manager = requests_get(url, "/web/database/manager")
    accepted_if(
        drafter,
        f"GET /web/database/manager (HTTP {manager.status_code}) is not disabled",
        "disabled by the administrator" not in manager.text,
    )
    import requests

    listed = requests.post(
        f"{url}/web/database/list", json={"params": {}}, timeout=60
    ).json()
    accepted_if(
        drafter, "POST /web/database/list lists the databases", "result" in listed
    )

    print(f"{len(HOLES)} accepted")
    return 1 if HOLES else 0


def requests_get(url, path):
    import requests

    return requests.get(f"{url}{path}", timeout=60)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
