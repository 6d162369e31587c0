#!/usr/bin/env python3
"""Look again, over HTTP and JSON-RPC as the demo users, at what the
correctness issue found wrong; print one line per check: OK or WRONG (with
what was seen).  Exit 1 on anything wrong.

    tools/correctness_checks.py http://127.0.0.1:8069 DB PASSWORD

PASSWORD is the one the demo users have after their first-login change (see
``tools/rpc_attacks.py``).  Run it on a copy of a demo database.
"""

import base64
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import requests
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

    # 8. one attachment policy: a 21 MB file on an article
    article = rows(
        "oa.article",
        [
            "|",
            ("column_id.publisher_ids", "in", [pub.uid]),
            ("column_id.unit_id.oa_admin_ids", "in", [pub.uid]),
        ],
        ["id"],
    )
    if article:
        big = base64.b64encode(b"%PDF" + b"0" * (21 * 1024 * 1024)).decode()
        _res, error = pub.call(
            "ir.attachment",
            "create",
            {
                "name": "大文件.pdf",
                "datas": big,
                "res_model": "oa.article",
                "res_id": article[0]["id"],
            },
        )
        check("a 21 MB article attachment refused", bool(error), (error or "")[:90])

    # 11./12. the certificate fetched by a link: the reader's language, Chinese text
    passed = rows("oa.training.enrolment", [("result", "=", "passed")], ["user_id"])
    if passed:
        login = rows("res.users", [("id", "=", passed[0]["user_id"][0])], ["login"])
        trainee = person(login[0]["login"])
        pdf = trainee.session.get(
            f"{url}/report/pdf/oa_training.report_certificate/{passed[0]['id']}",
            timeout=120,
        )
        text = ""
        if pdf.status_code == 200:
            with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
                file.write(pdf.content)
                file.flush()
                text = subprocess.run(
                    ["pdftotext", "-enc", "UTF-8", file.name, "-"],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
        check("certificate by link in Chinese", "培训合格证书" in text, text[:40])
        check(
            "certificate text without Kangxi radicals",
            bool(text) and not re.search("[\u2e80-\u2eff\u2f00-\u2fdf]", text),
        )

    beijing_today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    print(f"(UTC {datetime.utcnow():%Y-%m-%d %H:%M}, Beijing today {beijing_today})")

    # 2. an article published now: "this month" and the workbench's day are
    # Beijing's (after 16:00 UTC that is the next day)
    if column:
        before = pub.call(
            "oa.column", "read", [column[0]["id"]], ["articles_this_month"]
        )
        new, error = pub.call(
            "oa.article",
            "create",
            {"name": f"北京时间检查 {time.time():.0f}", "column_id": column[0]["id"]},
        )
        if not error:
            _res, error = pub.call("oa.article", "action_publish", [new])
        after = pub.call(
            "oa.column", "read", [column[0]["id"]], ["articles_this_month"]
        )
        check(
            "an article published now counts in Beijing's month",
            not error
            and after[0][0]["articles_this_month"]
            == before[0][0]["articles_this_month"] + 1,
            error or (before[0], after[0]),
        )
        data, error = pub.call("oa.workbench", "get_data", limit=50)
        items = [
            *(data or {}).get("news", []),
            *(data or {}).get("notices", []),
            *(data or {}).get("to_read", {}).get("items", []),
            *(data or {}).get("read", []),
        ]
        dates = {item["date"] for item in items if item.get("id") == new}
        check(
            "the workbench dates it Beijing's today",
            dates == {beijing_today},
            error or dates,
        )

    # 4. a first sign-in through the login form and the forced password
    # change: one visit
    # a plain user: the 三员 duty holders' accounts are the security
    # administrator's to manage, not admin's
    duty_holders = rows(
        "res.users",
        [
            (
                "groups_id.name",
                "in",
                ["System Administrator", "Security Administrator", "Security Auditor"],
            )
        ],
        ["id"],
    )
    first = rows(
        "res.users",
        [
            ("groups_id.name", "=", "OA User"),
            ("login", "not in", ["admin"]),
            ("id", "not in", [u["id"] for u in duty_holders]),
        ],
        ["login"],
        order="id desc",
        limit=1,
    )[0]
    # new passwords each run: the password history refuses one used before
    run = secrets.token_hex(3)
    temporary, chosen = f"Temp#Visit{run}a", f"Chosen#Visit{run}b"
    admin.call("res.users", "write", [first["id"]], {"password": temporary})
    start = rows("oa.visit", [("user_id", "=", first["id"])], ["id"])
    browser = requests.Session()

    def csrf(page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    page = browser.get(f"{url}/web/login", timeout=60)
    reply = browser.post(
        f"{url}/web/login",
        data={"login": first["login"], "password": temporary, "csrf_token": csrf(page)},
        allow_redirects=False,
        timeout=60,
    )
    location = reply.headers.get("Location", "")
    if "/web/reset_password" in location:
        form = browser.get(
            location if "://" in location else url + location, timeout=60
        )
        token = re.search(r"token=([^&]+)", location).group(1)
        browser.post(
            f"{url}/web/reset_password",
            data={
                "token": token,
                "login": first["login"],
                "password": chosen,
                "confirm_password": chosen,
                "csrf_token": csrf(form),
            },
            timeout=60,
        )
        browser.post(
            f"{url}/web/session/get_session_info",
            json={"jsonrpc": "2.0", "method": "call", "params": {}},
            timeout=60,
        )
    visits = rows("oa.visit", [("user_id", "=", first["id"])], ["kind"])
    new_visits = len(visits) - len(start)
    check(
        "a first sign-in with the password change is one visit",
        "/web/reset_password" in location and new_visits == 1,
        f"{location[:40]} → {new_visits} visits",
    )

    # 5. six simultaneous requests after a pause: one visit (gap set to 1 min)
    params = "ir.config_parameter"
    gap_key = "oa_assessment.visit_gap_minutes"
    old_gap = admin.call(params, "get_param", gap_key)[0]
    admin.call(params, "set_param", gap_key, "1")
    try:
        walker = person(staff["login"])
        time.sleep(125)  # past the gap and the per-minute refresh
        since = rows("oa.visit", [("user_id", "=", walker.uid)], ["id"])
        replies = []

        def call():
            replies.append(
                walker.session.post(
                    f"{url}/web/session/get_session_info",
                    json={"jsonrpc": "2.0", "method": "call", "params": {}},
                    timeout=60,
                ).status_code
            )

        threads = [threading.Thread(target=call) for _n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        visits = rows("oa.visit", [("user_id", "=", walker.uid)], ["id", "kind"])
        returns = [v for v in visits if v["id"] not in {x["id"] for x in since}]
        check(
            "six simultaneous requests after a pause are one visit",
            replies == [200] * 6 and len(returns) == 1,
            f"{replies} → {[v['kind'] for v in returns]}",
        )
    finally:
        admin.call(params, "set_param", gap_key, old_gap or "30")

    # 7c. this month's figures include Beijing's today
    unit = staff["oa_unit_id"][0]
    _res, error = admin.call("oa.usage.snapshot", "action_recompute_month", [])
    month = rows(
        "oa.usage.snapshot",
        [("unit_id", "=", unit), ("period", "=", "month")],
        ["date", "date_to", "visit_count"],
        order="date desc",
        limit=1,
    )
    check(
        "this month's usage counts up to Beijing's today",
        not error and month and month[0]["date_to"] == beijing_today,
        error or month,
    )

    # 15. a deadline that waits for an unfinished training is a finding
    found = rows(
        "oa.assessment.line",
        [
            "|",
            ("evidence", "ilike", "期限无法确定"),
            ("evidence", "ilike", "deadline undetermined"),
        ],
        ["unit_id", "evidence"],
        limit=3,
    )
    check(
        "an undetermined deadline is a finding of the demo month",
        bool(found),
        [f["unit_id"][1] for f in found],
    )

    print(f"{len(WRONG)} wrong")
    return 1 if WRONG else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
