#!/usr/bin/env python3
"""Look again, over HTTP and JSON-RPC as the demo users, at what the
correctness issue found wrong; print one line per check: OK or WRONG (with
what was seen).  Exit 1 on anything wrong.

    tools/correctness_checks.py http://127.0.0.1:8069 DB PASSWORD

PASSWORD is the one the demo users have after their first-login change (see
``tools/rpc_attacks.py``).  Run it on a copy of a demo database.
"""

import sys

from rpc_attacks import Client

WRONG = []


def check(what, ok, seen=""):
    print(f"{'OK   ' if ok else 'WRONG'} {what}{': ' + str(seen) if seen else ''}")
    if not ok:
        WRONG.append(what)


def main(url, db, password):
    admin = Client(url, db, "admin", "admin")

    def rows(model, domain, fields, **kw):
        result, error = admin.call(model, "search_read", domain, fields=fields, **kw)
        assert not error, error
        return result

    def person(login):
        return Client(url, db, login, password)

    # 1. the company's working schedule and the 2026 holidays
    calendar = rows("res.company", [], ["resource_calendar_id"], limit=1)[0]
    tz = rows(
        "resource.calendar", [("id", "=", calendar["resource_calendar_id"][0])], ["tz"]
    )
    check(
        "company calendar in Beijing time", tz[0]["tz"] == "Asia/Shanghai", tz[0]["tz"]
    )
    holidays = rows(
        "resource.calendar.leaves",
        [("resource_id", "=", False), ("date_from", ">=", "2026-01-01")],
        ["name", "date_from"],
    )
    names = {h["name"] for h in holidays}
    check(
        "2026 national holidays",
        {"春节", "国庆节"} <= names or len(names) >= 7,
        sorted(names),
    )
    check(
        "no English demo holiday",
        not any(h["name"] == "Public Time Off" for h in holidays),
    )
    # 14. no Odoo English demo time off
    leaves = rows("hr.leave", [("employee_id.name", "=", "Marc Demo")], ["id"])
    check("no 'Marc Demo: Time Off'", not leaves, len(leaves))

    # 7. a blank article title
    publisher = rows(
        "res.users",
        [("groups_id.name", "=", "Unit Administrator"), ("login", "!=", "admin")],
        ["login"],
        limit=1,
    )[0]
    pub = person(publisher["login"])
    column = rows(
        "oa.column", [("publisher_ids", "in", [pub.uid])], ["id"], limit=1
    ) or rows("oa.column", [("unit_id.oa_admin_ids", "in", [pub.uid])], ["id"], limit=1)
    _res, error = pub.call(
        "oa.article", "create", {"name": "   ", "column_id": column[0]["id"]}
    )
    check("blank article title refused", bool(error), (error or "")[:80])

    # 10. the refusal text
    staff = rows(
        "res.users",
        [
            ("groups_id.name", "=", "OA User"),
            ("login", "!=", "admin"),
            ("groups_id.name", "!=", "Unit Administrator"),
        ],
        ["login", "oa_unit_id"],
        limit=1,
    )[0]
    user = person(staff["login"])
    refusal = None
    for doc in rows("oa.document", [], ["id"], order="id desc"):
        _res, error = user.call(
            "oa.document", "read", [doc["id"]], ["name"], context={"lang": "zh_CN"}
        )
        if error:
            refusal = error
            break
    check(
        "sober refusal in Chinese",
        bool(refusal) and "饼干" not in refusal and "系统管理员" in refusal,
        (refusal or "")[:120],
    )

    # 6. metric A stored exactly
    snaps = rows("oa.usage.snapshot", [("rate_a", ">", 0)], ["rate_a"], limit=50)
    check(
        "metric A not rounded to 2 decimals",
        any(round(s["rate_a"], 2) != s["rate_a"] for s in snaps) or not snaps,
        [s["rate_a"] for s in snaps[:5]],
    )

    # 13./16. a realistic month: someone commended, notices with amounts
    lines = rows("oa.assessment.line", [], ["kind", "amount", "user_id"])
    check(
        "the demo month commends someone",
        any(line["kind"] == "reward" for line in lines),
    )
    check(
        "every fine names its person",
        all(
            line["user_id"]
            for line in lines
            if line["kind"] == "fine" and line["amount"]
        ),
    )

    print(f"{len(WRONG)} wrong")
    return 1 if WRONG else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
