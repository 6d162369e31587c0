# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo.tests import HttpCase, new_test_user

PASSWORD = "Oa@Sec#2026"


class OaSecurityHttpCommon(HttpCase):
    """Users of each 三员 duty and plain users, and helpers that log in over
    HTTP the way a browser or an RPC client does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                name=login,
                groups=groups,
                password=PASSWORD,
                oa_password_change_required=False,
                tz="Asia/Shanghai",
            )

        cls.victim = user("sec_victim", "oa_base.group_oa_user")
        cls.colleague = user("sec_colleague", "oa_base.group_oa_user")
        cls.sysadmin = user("sec_sysadmin", "oa_security.group_oa_sysadmin")
        cls.secadmin = user("sec_secadmin", "oa_security.group_oa_secadmin")
        cls.auditor = user("sec_auditor", "oa_security.group_oa_auditor")

    # ---- HTTP entry points ----

    def web_login(self, login, password):
        """POST the login form; returns (logged_in, error text)."""
        self.url_open("/web/session/logout")
        page = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        res = self.url_open(
            "/web/login",
            data={
                "login": login,
                "password": password,
                "csrf_token": token,
                "redirect": "/web/health",
            },
            allow_redirects=False,
        )
        if res.status_code in (301, 302, 303):
            return True, None
        error = re.search(r"alert-danger[^>]*>\s*([^<]+)", res.text)
        return False, error and error.group(1).strip()

    def session_authenticate(self, login, password):
        """/web/session/authenticate; returns (uid or False, error message)."""
        res = self.url_open(
            "/web/session/authenticate",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "db": self.env.cr.dbname,
                        "login": login,
                        "password": password,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in res:
            return False, res["error"]["data"]["message"]
        return res["result"]["uid"], None

    def call_kw(self, user):
        """The web client reading ``user``'s login (a JSON-RPC call_kw)."""
        return self.url_open(
            "/web/dataset/call_kw/res.users/read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "res.users",
                        "method": "read",
                        "args": [[user.id], ["login"]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    def jsonrpc(self, service, method, *args):
        res = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"service": service, "method": method, "args": args},
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in res:
            return False, res["error"]["data"]["message"]
        return res["result"], None

    def rpc_authenticate(self, login, password):
        return self.jsonrpc(
            "common", "authenticate", self.env.cr.dbname, login, password, {}
        )[0]

    def rpc_read_self(self, user, password):
        """object.execute_kw with a password or an API key."""
        return self.jsonrpc(
            "object",
            "execute_kw",
            self.env.cr.dbname,
            user.id,
            password,
            "res.users",
            "read",
            [[user.id], ["login"]],
        )

    # ---- Reading what was recorded ----

    def lockout(self, user):
        self.env.invalidate_all()
        return self.env["oa.login.lockout"].search([("login", "=", user.login)])

    def trail(self, **domain):
        self.env.invalidate_all()
        return self.env["oa.audit.log"].search(
            [(key, "=", value) for key, value in domain.items()], order="id"
        )
