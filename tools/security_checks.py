#!/usr/bin/env python3
"""Look at oa_security from outside, over HTTP as the demo people of a demo
database served with several workers: account lockout on every entry point,
the security administrator's unlock, two factors for administrators, 三员
separation and the audit trail, the idle timeout.  One line per check: OK or
WRONG (with what was seen); exit 1 on anything wrong.

    tools/security_checks.py http://127.0.0.1:8069 DB PASSWORD

PASSWORD is the one every demo user has after the first-login change (see
``tools/rpc_attacks.py``); the administrators (admin/admin, and the 三员
people) have not enrolled TOTP yet: the script enrols them, computing the
codes as their authenticator app would.  Run it on a copy of a demo
database: it locks, unlocks, enrols and changes the idle timeout (restored).
"""

import base64
import hmac
import re
import struct
import sys
import time

import requests

WRONG = []


def check(what, ok, seen=""):
    print(
        f"{'OK   ' if ok else 'WRONG'} {what}{': ' + str(seen)[:160] if seen else ''}"
    )
    if not ok:
        WRONG.append(what)


def totp_code(secret):
    """RFC 6238 (SHA-1, 30 s, 6 digits), as auth_totp checks it."""
    key = base64.b32decode(re.sub(r"\s", "", secret).upper())
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
    offset = digest[-1] & 15
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1000000:06d}"


def csrf(page):
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    return found.group(1) if found else ""


class Web:
    """A browser: the login form, then JSON calls with its session."""

    def __init__(self, url, db):
        self.url, self.db, self.http = url, db, requests.Session()

    def form_login(self, login, password):
        page = self.http.get(f"{self.url}/web/login", timeout=60)
        return self.http.post(
            f"{self.url}/web/login",
            data={"login": login, "password": password, "csrf_token": csrf(page)},
            timeout=60,
        )

    def json(self, path, params):
        reply = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        ).json()
        if "error" in reply:
            data = reply["error"].get("data", {})
            return None, data.get("message") or reply["error"].get("message")
        return reply["result"], None

    def authenticate(self, login, password):
        return self.json(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", {"lang": "zh_CN"})
        return self.json(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def enrol(self, login, password):
        """Log in through the form, enrol TOTP with a computed code; returns
        (whether the form sent him to the enrolment, whether he is in)."""
        reply = self.form_login(login, password)
        sent = "/web/login/totp/enrol" in reply.url
        if not sent:
            return False, self.call("res.users", "context_get")[1] is None
        secret = re.search(r'o_oa_totp_secret">([^<]+)<', reply.text).group(1)
        done = self.http.post(
            reply.url,
            data={"totp_token": totp_code(secret), "csrf_token": csrf(reply)},
            timeout=60,
        )
        return sent, "/web/login" not in done.url


def jsonrpc_login(url, db, login, password):
    reply = requests.post(
        f"{url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "common",
                "method": "authenticate",
                "args": [db, login, password, {}],
            },
        },
        timeout=60,
    ).json()
    if "error" in reply:
        return None, reply["error"].get("data", {}).get("message", "")
    return reply["result"], None


def main(url, db, password):
    # the people: a victim and a colleague (plain staff of the demo)
    victim, colleague = "gaodesheng", "wangjianguo"

    # ---- lockout: five wrong passwords over three entry points ----
    web = Web(url, db)
    web.form_login(victim, "wrong-1")
    web.authenticate(victim, "wrong-2")
    jsonrpc_login(url, db, victim, "wrong-3")
    web.form_login(victim, "wrong-4")
    jsonrpc_login(url, db, victim, "wrong-5")
    result, locked = Web(url, db).authenticate(victim, password)
    check(
        "5 wrong passwords lock the account: the right one is refused",
        locked and "锁定" in locked,
        locked,
    )
    uid, error = jsonrpc_login(url, db, victim, password)
    check("locked over JSON-RPC too", not uid, error)
    wrong_msg = Web(url, db).authenticate(victim, "still-wrong")[1]
    check(
        "the refusal does not say whether the password was right",
        wrong_msg and re.sub(r"\d", "", wrong_msg) == re.sub(r"\d", "", locked or ""),
        wrong_msg,
    )
    result, error = Web(url, db).authenticate(colleague, password)
    check(
        "a colleague from the same address logs in",
        result and result.get("uid"),
        error,
    )

    # ---- two factors for the administrators ----
    secadmin = Web(url, db)
    result, _error = secadmin.authenticate("qianlijuan", password)
    check(
        "the security administrator's password alone opens no session",
        result is not None and not result.get("uid"),
        result and result.get("uid"),
    )
    uid, error = jsonrpc_login(url, db, "qianlijuan", password)
    check("nor over JSON-RPC (API keys only)", not uid, error)
    sent, inside = secadmin.enrol("qianlijuan", password)
    check("sent to enrol TOTP, enrolled with the app's code", sent and inside)

    # ---- the security administrator unlocks (recorded) ----
    rows, error = secadmin.call(
        "oa.login.lockout", "search_read", [("login", "=", victim)], ["is_locked"]
    )
    if rows:
        _res, error = secadmin.call(
            "oa.login.lockout", "action_unlock", [rows[0]["id"]]
        )
    result, error2 = Web(url, db).authenticate(victim, password)
    check(
        "unlocked by the security administrator, the victim logs in",
        not error and result and result.get("uid"),
        error or error2,
    )

    # ---- 三员: the system administrator ----
    sysadmin = Web(url, db)
    sent, inside = sysadmin.enrol("admin", "admin")
    check("admin (Settings) is sent to enrol TOTP too", sent and inside)

    def xmlid(module, name):
        rows, _error = sysadmin.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return rows[0]["res_id"] if rows else 0

    me, _error = sysadmin.call(
        "res.users", "search_read", [("login", "=", "admin")], ["id"]
    )
    _res, error = sysadmin.call(
        "res.users",
        "write",
        [me[0]["id"]],
        {"groups_id": [(4, xmlid("oa_security", "group_oa_secadmin"))]},
    )
    check("admin cannot take a second 三员 duty", bool(error), error)
    _res, error = sysadmin.call("oa.audit.log", "search_read", [], ["action"], limit=1)
    check("admin cannot read the audit trail", bool(error), error)
    target, _e = sysadmin.call(
        "res.users", "search_read", [("login", "=", colleague)], ["id"]
    )
    project = xmlid("oa_base", "group_oa_project")
    _res, error = sysadmin.call(
        "res.users", "write", [target[0]["id"]], {"groups_id": [(4, project)]}
    )
    check(
        "admin cannot grant a role (the security administrator does)",
        bool(error),
        error,
    )

    # ---- the auditor reads the trail, the chain holds ----
    auditor = Web(url, db)
    auditor.enrol("sunzhiyuan", password)
    rows, error = auditor.call(
        "oa.audit.log",
        "search_read",
        ["|", ("login", "=", victim), ("record_name", "=", victim)],
        ["action", "result"],
        order="id",
    )
    actions = [r["action"] for r in rows or []]
    check(
        "the auditor reads the victim's failures, lock, refusals and unlock",
        not error
        and {"login_failed", "lockout", "login_refused", "unlock"} <= set(actions),
        error or actions,
    )
    result, error = auditor.call("oa.audit.log", "action_check_chain")
    message = (result or {}).get("params", {}).get("message", "")
    check("the hash chain is intact", not error and "完整" in message, error or message)
    _res, error = auditor.call(
        "oa.audit.log", "unlink", [rows[0]["id"]] if rows else []
    )
    check("the auditor cannot delete the trail either", bool(error), error)

    # ---- idle timeout (set to 60 s for the check, restored) ----
    key = "inactive_session_time_out_delay"
    old, _e = sysadmin.call("ir.config_parameter", "get_param", key)
    _res, error = sysadmin.call("ir.config_parameter", "set_param", key, "60")
    try:
        idle = Web(url, db)
        idle.authenticate(colleague, password)
        time.sleep(75)
        page = idle.http.get(f"{url}/odoo", timeout=60)
        check(
            "a session idle past the timeout is sent to the login page",
            not error and "/web/login" in page.url,
            error or page.url,
        )
    finally:
        sysadmin.call("ir.config_parameter", "set_param", key, old or "1800")

    print(f"{len(WRONG)} wrong")
    return 1 if WRONG else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
